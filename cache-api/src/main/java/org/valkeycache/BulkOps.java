package org.valkeycache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.valkeycache.internal.Arguments;
import org.valkeycache.spi.ValkeyClient;

/**
 * The multi-key value commands of a {@link ValkeyCache}: atomic {@code mget}/{@code mset} and
 * their pipelined {@code getMany}/{@code setMany} twins, and {@code deleteMany}. Every key is made
 * and every value encoded before anything is sent, so a bad value writes nothing.
 */
final class BulkOps {

    private final CacheCore core;
    private final ValkeyClient client;

    BulkOps(CacheCore core) {
        this.core = core;
        this.client = core.client();
    }

    Map<String, Object> mget(Collection<String> keys) {
        return readMany(keys, "mget", true);
    }

    Map<String, Object> getMany(Collection<String> keys) {
        return readMany(keys, "getMany", false);
    }

    private Map<String, Object> readMany(Collection<String> keys, String command, boolean atomic) {
        List<String> unique = distinct(keys);
        if (unique.isEmpty()) {
            return new LinkedHashMap<>();
        }
        List<byte[]> made = core.keys(unique);
        List<byte[]> values = core.callServedPart(command, unique, made, null,
                () -> atomic ? client.mget(made) : client.getMany(made), served -> found(unique, served));
        Map<String, Object> result = values == null ? new LinkedHashMap<>() : found(unique, values);
        core.countGets(result.size(), unique.size());
        return result;
    }

    /** The keys with a value, decoded, in the caller's order. */
    private Map<String, Object> found(List<String> unique, List<byte[]> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < unique.size(); i++) {
            byte[] raw = values.get(i);
            if (raw != null) {
                result.put(unique.get(i), core.decode(raw, unique.get(i)));
            }
        }
        return result;
    }

    private static List<String> distinct(Collection<String> keys) {
        Arguments.notNull(keys, "keys");
        return keys.size() <= 1 ? new ArrayList<>(keys) : new ArrayList<>(new LinkedHashSet<>(keys));
    }

    void mset(Map<String, ?> values, Timeout timeout) {
        Timeout t = core.resolve(timeout);
        Encoded e = encodeAll(values, t);
        if (e.keys.isEmpty()) {
            return;
        }
        // Object, not Void: a served part carries the client's own result (a count for the delete)
        Object done = core.<Object>callServedPart("mset", e.userKeys, e.keys, null, () -> t.expiresImmediately()
                ? client.delete(e.keys).thenApply(n -> null)
                : client.mset(e.keys, e.values, CacheCore.expiryMillis(t)).thenApply(v -> Boolean.TRUE), served -> null);
        if (done == Boolean.TRUE) {
            core.countPuts(e.keys.size());
        }
    }

    List<String> setMany(Map<String, ?> values, Timeout timeout) {
        Timeout t = core.resolve(timeout);
        Encoded e = encodeAll(values, t);
        if (e.keys.isEmpty()) {
            return new ArrayList<>();
        }
        if (t.expiresImmediately()) {
            // like the writes below, keys whose node failed (a shard ring) are reported, not raised
            return core.guarded("setMany", new ArrayList<>(e.userKeys), () -> {
                try {
                    core.await(client.delete(e.keys), "setMany", null);
                    return new ArrayList<>();
                } catch (CachePartialFailureException p) {
                    return CacheCore.callerKeys(p, e.userKeys, e.keys);
                }
            });
        }
        List<Boolean> written = core.call("setMany", null, null,
                () -> client.setMany(e.keys, e.values, CacheCore.expiryMillis(t)));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < e.userKeys.size(); i++) {
            if (written == null || !Boolean.TRUE.equals(written.get(i))) {
                failed.add(e.userKeys.get(i));
            }
        }
        core.countPuts(e.userKeys.size() - failed.size());
        return failed;
    }

    long deleteMany(Collection<String> keys) {
        List<byte[]> made = core.keys(keys);
        if (made.isEmpty()) {
            return 0;
        }
        return core.countEvictions(
                core.callServedPart("deleteMany", new ArrayList<>(keys), made, 0L, () -> client.delete(made), n -> n));
    }

    private record Encoded(List<String> userKeys, List<byte[]> keys, List<byte[]> values) {
    }

    /** Makes every key and encodes every value before anything is sent: nothing half-written. */
    private Encoded encodeAll(Map<String, ?> values, Timeout t) {
        Arguments.notNull(values, "values");
        List<String> userKeys = new ArrayList<>(values.size());
        List<byte[]> keys = new ArrayList<>(values.size());
        List<byte[]> encoded = new ArrayList<>(values.size());
        boolean skipValues = t.expiresImmediately();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            userKeys.add(entry.getKey());
            keys.add(core.key(entry.getKey()));
            encoded.add(skipValues ? null : core.encode(entry.getValue(), entry.getKey()));
        }
        return new Encoded(userKeys, keys, encoded);
    }
}
