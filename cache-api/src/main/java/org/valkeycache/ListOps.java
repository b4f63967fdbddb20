package org.valkeycache;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The list commands of a {@link ValkeyCache}: argument vectors built on its {@link CacheCore}. */
final class ListOps implements ListCommands {

    private final CacheCore core;

    ListOps(CacheCore core) {
        this.core = core;
    }

    @Override
    public long lpush(String key, Object... values) {
        return Replies.asLong(core.command("LPUSH", key).members(values).write(0L));
    }

    @Override
    public long rpush(String key, Object... values) {
        return Replies.asLong(core.command("RPUSH", key).members(values).write(0L));
    }

    @Override
    public <T> T lpop(String key) {
        return Replies.cast(core.decodeReply(core.command("LPOP", key).write(null), key));
    }

    @Override
    public List<Object> lpop(String key, int count) {
        return pop("LPOP", key, count);
    }

    @Override
    public <T> T rpop(String key) {
        return Replies.cast(core.decodeReply(core.command("RPOP", key).write(null), key));
    }

    @Override
    public List<Object> rpop(String key, int count) {
        return pop("RPOP", key, count);
    }

    private List<Object> pop(String command, String key, int count) {
        Command c = core.command(command, key).arg(Command.requirePositive(count, "count"));
        return core.decodeList(c.write(null), key);
    }

    @Override
    public List<Object> lrange(String key, long start, long stop) {
        return core.decodeList(core.command("LRANGE", key).arg(start).arg(stop).read(null), key);
    }

    @Override
    public long llen(String key) {
        return Replies.asLong(core.command("LLEN", key).read(0L));
    }

    @Override
    public long lrem(String key, long count, Object value) {
        return Replies.asLong(core.command("LREM", key).arg(count).value(value).write(0L));
    }

    @Override
    public void ltrim(String key, long start, long stop) {
        core.command("LTRIM", key).arg(start).arg(stop).write(null);
    }

    @Override
    public Map.Entry<String, Object> blpop(Duration timeout, String... keys) {
        return blockingPop("BLPOP", timeout, keys);
    }

    @Override
    public Map.Entry<String, Object> brpop(Duration timeout, String... keys) {
        return blockingPop("BRPOP", timeout, keys);
    }

    private Map.Entry<String, Object> blockingPop(String command, Duration timeout, String[] keys) {
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
        Object reply = c.arg(BigDecimal.valueOf(timeout.toMillis(), 3).toPlainString()).block(timeout);
        if (reply == null) {
            return null;
        }
        List<?> pair = Replies.asList(reply);
        String user = userKeyOf(Replies.asString(pair.get(0)), keys, c.keys());
        return new AbstractMap.SimpleImmutableEntry<>(user, core.decodeReply(pair.get(1), user));
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
