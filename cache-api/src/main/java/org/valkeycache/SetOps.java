package org.valkeycache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.valkeycache.spi.ScanCursor;

/** The set commands of a {@link ValkeyCache}: argument vectors built on its {@link CacheCore}. */
final class SetOps implements SetCommands {

    private final CacheCore core;

    SetOps(CacheCore core) {
        this.core = core;
    }

    @Override
    public long sadd(String key, Object... members) {
        return Replies.asLong(core.command("SADD", key).members(members).write(0L));
    }

    @Override
    public long srem(String key, Object... members) {
        return Replies.asLong(core.command("SREM", key).members(members).write(0L));
    }

    @Override
    public long scard(String key) {
        return Replies.asLong(core.command("SCARD", key).read(0L));
    }

    @Override
    public boolean sismember(String key, Object member) {
        return Replies.asBool(core.command("SISMEMBER", key).value(member).read(false));
    }

    @Override
    public List<Boolean> smismember(String key, Object... members) {
        Object reply = core.command("SMISMEMBER", key).members(members).read(null);
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
    }

    @Override
    public Set<Object> smembers(String key) {
        return core.decodeSet(core.command("SMEMBERS", key).read(null), key);
    }

    @Override
    public <T> T spop(String key) {
        return Replies.cast(core.decodeReply(core.command("SPOP", key).write(null), key));
    }

    @Override
    public Set<Object> spop(String key, int count) {
        Command c = core.command("SPOP", key).arg(Command.requirePositive(count, "count"));
        return core.decodeSet(c.write(null), key);
    }

    @Override
    public <T> T srandmember(String key) {
        return Replies.cast(core.decodeReply(core.command("SRANDMEMBER", key).read(null), key));
    }

    @Override
    public List<Object> srandmember(String key, int count) {
        return core.decodeList(core.command("SRANDMEMBER", key).arg(count).read(null), key);
    }

    @Override
    public boolean smove(String source, String destination, Object member) {
        Command c = new Command(core, "SMOVE", source).key(source).key(destination).value(member);
        return Replies.asBool(c.write(false));
    }

    @Override
    public Set<Object> sinter(String... keys) {
        return core.decodeSet(combine("SINTER", null, keys).read(null), keys[0]);
    }

    @Override
    public long sinterstore(String destination, String... keys) {
        return Replies.asLong(combine("SINTERSTORE", destination, keys).write(null));
    }

    @Override
    public Set<Object> sunion(String... keys) {
        return core.decodeSet(combine("SUNION", null, keys).read(null), keys[0]);
    }

    @Override
    public long sunionstore(String destination, String... keys) {
        return Replies.asLong(combine("SUNIONSTORE", destination, keys).write(null));
    }

    @Override
    public Set<Object> sdiff(String... keys) {
        return core.decodeSet(combine("SDIFF", null, keys).read(null), keys[0]);
    }

    @Override
    public long sdiffstore(String destination, String... keys) {
        return Replies.asLong(combine("SDIFFSTORE", destination, keys).write(null));
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

    @Override
    public Set<Object> sscan(String key, int count) {
        byte[] k = core.key(key);
        CursorIterator.Page<Object> page = sscanStep(key, k, ScanCursor.START, Command.requirePositive(count, "count"));
        return page == null ? new LinkedHashSet<>() : new LinkedHashSet<>(page.items());
    }

    @Override
    public Stream<Object> sscanIter(String key, int count) {
        byte[] k = core.key(key);
        Command.requirePositive(count, "count");
        return CursorIterator.stream(cursor -> sscanStep(key, k, cursor, count));
    }

    /** One SSCAN step; null when the ignore-exceptions policy swallowed a connection failure. */
    private CursorIterator.Page<Object> sscanStep(String key, byte[] k, ScanCursor cursor, int count) {
        Object reply = new Command(core, "SSCAN", key).key(k).arg(cursor.value()).arg("COUNT").arg(count).read(null);
        if (reply == null) {
            return null;
        }
        List<?> step = Replies.asList(reply);
        String next = Replies.asString(step.get(0));
        return new CursorIterator.Page<>(core.decodeList(step.get(1), key),
                next.equals("0") ? ScanCursor.FINISHED : ScanCursor.of(next));
    }
}
