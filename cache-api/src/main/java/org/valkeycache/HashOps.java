package org.valkeycache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.internal.Arguments;

/**
 * The hash commands of a {@link ValkeyCache}: argument vectors built on its {@link CacheCore}
 * (argument errors thrown at once), replies decoded on the call's {@link Flow}. The blocking and
 * the asynchronous facade both call these.
 */
final class HashOps {

    private final CacheCore core;

    HashOps(CacheCore core) {
        this.core = core;
    }

    CompletableFuture<Long> hset(Flow f, String key, String field, Object value) {
        return hset(f, key, Collections.singletonMap(Command.requireField(field), value));
    }

    CompletableFuture<Long> hset(Flow f, String key, Map<String, ?> fields) {
        Command c = core.command("HSET", key);
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("hset needs at least one field");
        }
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            c.field(e.getKey()).value(e.getValue());
        }
        return c.write(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Boolean> hsetnx(Flow f, String key, String field, Object value) {
        return core.command("HSETNX", key).field(field).value(value).write(f, false).thenApply(Replies::asBool);
    }

    <T> CompletableFuture<T> hget(Flow f, String key, String field) {
        return core.command("HGET", key).field(field).read(f, null)
                .thenApply(reply -> Replies.cast(core.decodeReply(reply, key + "#" + field)));
    }

    <T> CompletableFuture<T> hget(Flow f, String key, String field, Class<T> type) {
        Arguments.notNull(type, "type");
        return core.command("HGET", key).field(field).read(f, null).thenApply(reply -> {
            byte[] raw = Replies.asBytes(reply);
            return raw == null ? null : core.decode(raw, type, key + "#" + field);
        });
    }

    CompletableFuture<Map<String, Object>> hmget(Flow f, String key, Collection<String> fields) {
        Command c = core.command("HMGET", key);
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("hmget needs at least one field");
        }
        List<String> names = new ArrayList<>(fields);
        for (String name : names) {
            c.field(name);
        }
        return c.read(f, null).thenApply(reply -> {
            List<?> values = Replies.asList(reply);
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                byte[] v = Replies.asBytes(values.get(i));
                if (v != null) {
                    out.put(names.get(i), core.decode(v, key + "#" + names.get(i)));
                }
            }
            return out;
        });
    }

    CompletableFuture<Map<String, Object>> hgetall(Flow f, String key) {
        return core.command("HGETALL", key).read(f, null).thenApply(reply -> {
            List<?> flat = Replies.asList(reply);
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                String field = Replies.asString(flat.get(i));
                out.put(field, core.decode(Replies.asBytes(flat.get(i + 1)), key + "#" + field));
            }
            return out;
        });
    }

    CompletableFuture<Long> hdel(Flow f, String key, String... fields) {
        Command c = core.command("HDEL", key);
        Command.requireSome(fields, "field");
        for (String field : fields) {
            c.field(field);
        }
        return c.write(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Long> hlen(Flow f, String key) {
        return core.command("HLEN", key).read(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<List<String>> hkeys(Flow f, String key) {
        return core.command("HKEYS", key).read(f, null).thenApply(reply -> {
            List<?> names = Replies.asList(reply);
            List<String> out = new ArrayList<>(names.size());
            for (Object n : names) {
                out.add(Replies.asString(n));
            }
            return out;
        });
    }

    CompletableFuture<List<Object>> hvals(Flow f, String key) {
        return core.command("HVALS", key).read(f, null).thenApply(reply -> core.decodeList(reply, key));
    }

    CompletableFuture<Boolean> hexists(Flow f, String key, String field) {
        return core.command("HEXISTS", key).field(field).read(f, false).thenApply(Replies::asBool);
    }

    CompletableFuture<Long> hincrby(Flow f, String key, String field, long delta) {
        return core.command("HINCRBY", key).field(field).arg(delta).write(f, 0L).thenApply(Replies::asLong);
    }
}
