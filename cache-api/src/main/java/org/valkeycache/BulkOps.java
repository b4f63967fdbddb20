package org.valkeycache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    CompletableFuture<Map<String, Object>> mget(Flow f, Collection<String> keys) {
        return readMany(f, keys, "mget", true);
    }

    CompletableFuture<Map<String, Object>> getMany(Flow f, Collection<String> keys) {
        return readMany(f, keys, "getMany", false);
    }

    private CompletableFuture<Map<String, Object>> readMany(Flow f, Collection<String> keys, String command,
            boolean atomic) {
        List<String> unique = distinct(keys);
        if (unique.isEmpty()) {
            return CompletableFuture.completedFuture(new LinkedHashMap<>());
        }
        List<byte[]> made = core.keys(unique);
        return core.callServedPart(f, command, unique, made, null,
                () -> atomic ? client.mget(made) : client.getMany(made), served -> found(unique, served))
                .thenApply(values -> {
                    Map<String, Object> result = values == null ? new LinkedHashMap<>() : found(unique, values);
                    core.counting().countGets(result.size(), unique.size());
                    return result;
                });
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

    CompletableFuture<Void> mset(Flow f, Map<String, ?> values, Timeout timeout) {
        Timeout t = core.resolve(timeout);
        Encoded e = encodeAll(values, t);
        if (e.keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // Object, not Void: a served part carries the client's own result (a count for the delete)
        return core.<Object>callServedPart(f, "mset", e.userKeys, e.keys, null, () -> t.expiresImmediately()
                ? client.delete(e.keys).thenApply(n -> null)
                : client.mset(e.keys, e.values, CacheCore.expiryMillis(t)).whenComplete((v, failure) ->
                        countMsetPuts(e.keys.size(), failure)).thenApply(v -> null), served -> null)
                .thenApply(done -> null);
    }

    /**
     * Counts what an {@code MSET} stored: every key, or on a multi-node client that served it in
     * part (raised or ignored alike) the keys whose nodes answered. A counter add, cheap on any thread.
     */
    private void countMsetPuts(int keys, Throwable failure) {
        if (failure == null) {
            core.counting().countPuts(keys);
        } else if (Failures.unwrap(failure) instanceof CachePartialFailureException p) {
            core.counting().countPuts(keys - p.failedKeys().size());
        }
    }

    CompletableFuture<List<String>> setMany(Flow f, Map<String, ?> values, Timeout timeout) {
        Timeout t = core.resolve(timeout);
        Encoded e = encodeAll(values, t);
        if (e.keys.isEmpty()) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
        if (t.expiresImmediately()) {
            // like the writes below, keys whose node failed (a shard ring) are reported, not raised
            return core.guarded("setMany", new ArrayList<>(e.userKeys), () -> core.request(f, "setMany", null,
                    () -> client.delete(e.keys))
                    .<List<String>>thenApply(n -> new ArrayList<>())
                    .exceptionally(failure -> {
                        if (Failures.unwrap(failure) instanceof CachePartialFailureException p) {
                            return Failures.callerKeys(p, e.userKeys, e.keys);
                        }
                        throw Failures.rethrow(Failures.unwrap(failure));
                    }));
        }
        return core.call(f, "setMany", null, null, () -> client.setMany(e.keys, e.values, CacheCore.expiryMillis(t)))
                .thenApply(written -> {
                    List<String> failed = new ArrayList<>();
                    for (int i = 0; i < e.userKeys.size(); i++) {
                        if (written == null || !Boolean.TRUE.equals(written.get(i))) {
                            failed.add(e.userKeys.get(i));
                        }
                    }
                    core.counting().countPuts(e.userKeys.size() - failed.size());
                    return failed;
                });
    }

    CompletableFuture<Long> deleteMany(Flow f, Collection<String> keys) {
        List<byte[]> made = core.keys(keys);
        if (made.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        return core.callServedPart(f, "deleteMany", new ArrayList<>(keys), made, 0L, () -> client.delete(made), n -> n)
                .thenApply(core.counting()::countEvictions);
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
