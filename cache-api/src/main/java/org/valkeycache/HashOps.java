package org.valkeycache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.valkeycache.internal.Arguments;

/** The hash commands of a {@link ValkeyCache}: argument vectors built on its {@link CacheCore}. */
final class HashOps implements HashCommands {

    private final CacheCore core;

    HashOps(CacheCore core) {
        this.core = core;
    }

    @Override
    public long hset(String key, String field, Object value) {
        return hset(key, Collections.singletonMap(Command.requireField(field), value));
    }

    @Override
    public long hset(String key, Map<String, ?> fields) {
        Command c = core.command("HSET", key);
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("hset needs at least one field");
        }
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            c.field(e.getKey()).value(e.getValue());
        }
        return Replies.asLong(c.write(0L));
    }

    @Override
    public boolean hsetnx(String key, String field, Object value) {
        return Replies.asBool(core.command("HSETNX", key).field(field).value(value).write(false));
    }

    @Override
    public <T> T hget(String key, String field) {
        Object reply = core.command("HGET", key).field(field).read(null);
        return Replies.cast(core.decodeReply(reply, key + "#" + field));
    }

    @Override
    public <T> T hget(String key, String field, Class<T> type) {
        Arguments.notNull(type, "type");
        byte[] raw = Replies.asBytes(core.command("HGET", key).field(field).read(null));
        return raw == null ? null : core.decode(raw, type, key + "#" + field);
    }

    @Override
    public Map<String, Object> hmget(String key, Collection<String> fields) {
        Command c = core.command("HMGET", key);
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("hmget needs at least one field");
        }
        List<String> names = new ArrayList<>(fields);
        for (String f : names) {
            c.field(f);
        }
        List<?> values = Replies.asList(c.read(null));
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            byte[] v = Replies.asBytes(values.get(i));
            if (v != null) {
                out.put(names.get(i), core.decode(v, key + "#" + names.get(i)));
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> hgetall(String key) {
        List<?> flat = Replies.asList(core.command("HGETALL", key).read(null));
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            String field = Replies.asString(flat.get(i));
            out.put(field, core.decode(Replies.asBytes(flat.get(i + 1)), key + "#" + field));
        }
        return out;
    }

    @Override
    public long hdel(String key, String... fields) {
        Command c = core.command("HDEL", key);
        Command.requireSome(fields, "field");
        for (String f : fields) {
            c.field(f);
        }
        return Replies.asLong(c.write(0L));
    }

    @Override
    public long hlen(String key) {
        return Replies.asLong(core.command("HLEN", key).read(0L));
    }

    @Override
    public List<String> hkeys(String key) {
        List<?> names = Replies.asList(core.command("HKEYS", key).read(null));
        List<String> out = new ArrayList<>(names.size());
        for (Object n : names) {
            out.add(Replies.asString(n));
        }
        return out;
    }

    @Override
    public List<Object> hvals(String key) {
        return core.decodeList(core.command("HVALS", key).read(null), key);
    }

    @Override
    public boolean hexists(String key, String field) {
        return Replies.asBool(core.command("HEXISTS", key).field(field).read(false));
    }

    @Override
    public long hincrby(String key, String field, long delta) {
        return Replies.asLong(core.command("HINCRBY", key).field(field).arg(delta).write(0L));
    }
}
