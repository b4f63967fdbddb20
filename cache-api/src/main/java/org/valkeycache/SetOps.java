package org.valkeycache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.spi.ScanCursor;

/**
 * The set commands of a {@link ValkeyCache}: argument vectors built on its {@link CacheCore}
 * (argument errors thrown at once), replies decoded on the call's {@link Flow}.
 */
final class SetOps {

    private final CacheCore core;

    SetOps(CacheCore core) {
        this.core = core;
    }

    CompletableFuture<Long> sadd(Flow f, String key, Object... members) {
        return core.command("SADD", key).members(members).write(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Long> srem(Flow f, String key, Object... members) {
        return core.command("SREM", key).members(members).write(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Long> scard(Flow f, String key) {
        return core.command("SCARD", key).read(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Boolean> sismember(Flow f, String key, Object member) {
        return core.command("SISMEMBER", key).value(member).read(f, false).thenApply(Replies::asBool);
    }

    CompletableFuture<List<Boolean>> smismember(Flow f, String key, Object... members) {
        Command c = core.command("SMISMEMBER", key).members(members);
        return c.read(f, null).thenApply(reply -> {
            List<Boolean> out = new ArrayList<>(members.length);
            if (reply == null) {
                for (int i = 0; i < members.length; i++) {
                    out.add(false);
                }
                return out;
            }
            for (Object o : Replies.asList(reply)) {
                out.add(Replies.asBool(o));
            }
            return out;
        });
    }

    CompletableFuture<Set<Object>> smembers(Flow f, String key) {
        return set(core.command("SMEMBERS", key).read(f, null), key);
    }

    <T> CompletableFuture<T> spop(Flow f, String key) {
        return core.command("SPOP", key).write(f, null).thenApply(reply -> Replies.cast(core.decodeReply(reply, key)));
    }

    CompletableFuture<Set<Object>> spop(Flow f, String key, int count) {
        return set(core.command("SPOP", key).arg(Command.requirePositive(count, "count")).write(f, null), key);
    }

    <T> CompletableFuture<T> srandmember(Flow f, String key) {
        return core.command("SRANDMEMBER", key).read(f, null)
                .thenApply(reply -> Replies.cast(core.decodeReply(reply, key)));
    }

    CompletableFuture<List<Object>> srandmember(Flow f, String key, int count) {
        return core.command("SRANDMEMBER", key).arg(count).read(f, null).thenApply(reply -> core.decodeList(reply, key));
    }

    CompletableFuture<Boolean> smove(Flow f, String source, String destination, Object member) {
        Command c = new Command(core, "SMOVE", source).key(source).key(destination).value(member);
        return c.write(f, false).thenApply(Replies::asBool);
    }

    CompletableFuture<Set<Object>> sinter(Flow f, String... keys) {
        return set(combine("SINTER", null, keys).read(f, null), keys[0]);
    }

    CompletableFuture<Long> sinterstore(Flow f, String destination, String... keys) {
        return combine("SINTERSTORE", destination, keys).write(f, null).thenApply(Replies::asLong);
    }

    CompletableFuture<Set<Object>> sunion(Flow f, String... keys) {
        return set(combine("SUNION", null, keys).read(f, null), keys[0]);
    }

    CompletableFuture<Long> sunionstore(Flow f, String destination, String... keys) {
        return combine("SUNIONSTORE", destination, keys).write(f, null).thenApply(Replies::asLong);
    }

    CompletableFuture<Set<Object>> sdiff(Flow f, String... keys) {
        return set(combine("SDIFF", null, keys).read(f, null), keys[0]);
    }

    CompletableFuture<Long> sdiffstore(Flow f, String destination, String... keys) {
        return combine("SDIFFSTORE", destination, keys).write(f, null).thenApply(Replies::asLong);
    }

    private CompletableFuture<Set<Object>> set(CompletableFuture<Object> reply, String key) {
        return reply.thenApply(r -> core.decodeSet(r, key));
    }

    /** A command over several sets, optionally storing into {@code destination} (its first key). */
    private Command combine(String command, String destination, String[] keys) {
        Command.requireSome(keys, "key");
        Command c = new Command(core, command, destination != null ? destination : keys[0]);
        if (destination != null) {
            c.key(destination);
        }
        for (String key : keys) {
            c.key(key);
        }
        return c;
    }

    CompletableFuture<Set<Object>> sscan(Flow f, String key, int count) {
        byte[] k = core.key(key);
        return sscanStep(f, key, k, ScanCursor.START, Command.requirePositive(count, "count"))
                .thenApply(page -> page == null ? new LinkedHashSet<>() : new LinkedHashSet<>(page.items()));
    }

    /** Checks the arguments of an {@code sscanIter} at once. */
    byte[] sscanIterKey(String key, int count) {
        byte[] k = core.key(key);
        Command.requirePositive(count, "count");
        return k;
    }

    /** One SSCAN step; null when the ignore-exceptions policy swallowed a connection failure. */
    CompletableFuture<CursorIterator.Page<Object>> sscanStep(Flow f, String key, byte[] k, ScanCursor cursor, int count) {
        Command c = new Command(core, "SSCAN", key).key(k).arg(cursor.value()).arg("COUNT").arg(count);
        return c.read(f, null).thenApply(reply -> {
            if (reply == null) {
                return null;
            }
            List<?> step = Replies.asList(reply);
            String next = Replies.asString(step.get(0));
            return new CursorIterator.Page<>(core.decodeList(step.get(1), key),
                    next.equals("0") ? ScanCursor.FINISHED : ScanCursor.of(next));
        });
    }
}
