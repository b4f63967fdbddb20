package org.valkeycache;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The list commands of a {@link ValkeyCache}: argument vectors built on its {@link CacheCore}
 * (argument errors thrown at once), replies decoded on the call's {@link Flow}.
 */
final class ListOps {

    private final CacheCore core;

    ListOps(CacheCore core) {
        this.core = core;
    }

    CompletableFuture<Long> lpush(Flow f, String key, Object... values) {
        return core.command("LPUSH", key).members(values).write(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Long> rpush(Flow f, String key, Object... values) {
        return core.command("RPUSH", key).members(values).write(f, 0L).thenApply(Replies::asLong);
    }

    <T> CompletableFuture<T> lpop(Flow f, String key) {
        return core.command("LPOP", key).write(f, null).thenApply(reply -> Replies.cast(core.decodeReply(reply, key)));
    }

    CompletableFuture<List<Object>> lpop(Flow f, String key, int count) {
        return pop(f, "LPOP", key, count);
    }

    <T> CompletableFuture<T> rpop(Flow f, String key) {
        return core.command("RPOP", key).write(f, null).thenApply(reply -> Replies.cast(core.decodeReply(reply, key)));
    }

    CompletableFuture<List<Object>> rpop(Flow f, String key, int count) {
        return pop(f, "RPOP", key, count);
    }

    private CompletableFuture<List<Object>> pop(Flow f, String command, String key, int count) {
        Command c = core.command(command, key).arg(Command.requirePositive(count, "count"));
        return c.write(f, null).thenApply(reply -> core.decodeList(reply, key));
    }

    CompletableFuture<List<Object>> lrange(Flow f, String key, long start, long stop) {
        return core.command("LRANGE", key).arg(start).arg(stop).read(f, null).thenApply(reply -> core.decodeList(reply, key));
    }

    CompletableFuture<Long> llen(Flow f, String key) {
        return core.command("LLEN", key).read(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Long> lrem(Flow f, String key, long count, Object value) {
        return core.command("LREM", key).arg(count).value(value).write(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Void> ltrim(Flow f, String key, long start, long stop) {
        return core.command("LTRIM", key).arg(start).arg(stop).write(f, null).thenApply(reply -> null);
    }

    CompletableFuture<Map.Entry<String, Object>> blpop(Flow f, Duration timeout, String... keys) {
        return blockingPop(f, "BLPOP", timeout, keys);
    }

    CompletableFuture<Map.Entry<String, Object>> brpop(Flow f, Duration timeout, String... keys) {
        return blockingPop(f, "BRPOP", timeout, keys);
    }

    private CompletableFuture<Map.Entry<String, Object>> blockingPop(Flow f, String command, Duration timeout,
            String[] keys) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
            throw new IllegalArgumentException(command.toLowerCase(Locale.ROOT)
                    + ": the timeout must be at least 1 ms (every wait has a bound), got " + timeout);
        }
        Command.requireSome(keys, "key");
        Command c = new Command(core, command, keys[0]);
        for (String key : keys) {
            c.key(key);
        }
        // seconds with millisecond precision, as the server accepts
        c.arg(BigDecimal.valueOf(timeout.toMillis(), 3).toPlainString());
        return c.block(f, timeout).thenApply(reply -> {
            if (reply == null) {
                return null;
            }
            List<?> pair = Replies.asList(reply);
            String user = userKeyOf(Replies.asString(pair.get(0)), keys, c.keys());
            return new AbstractMap.SimpleImmutableEntry<>(user, core.decodeReply(pair.get(1), user));
        });
    }

    /** @return the user key whose made key the server named, or the made key when none matches */
    private static String userKeyOf(String made, String[] keys, List<byte[]> madeKeys) {
        for (int i = keys.length - 1; i >= 0; i--) {
            if (made.equals(new String(madeKeys.get(i), StandardCharsets.UTF_8))) {
                return keys[i];
            }
        }
        return made;
    }
}
