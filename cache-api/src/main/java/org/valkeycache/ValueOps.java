package org.valkeycache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.valkeycache.internal.Arguments;
import org.valkeycache.spi.Lookup;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;

/**
 * The single-key value commands of a {@link ValkeyCache} (set, add, get, delete, counters,
 * version moves): the timeout rules (zero or negative writes delete) on its {@link CacheCore}.
 * Arguments are checked, keys made and values encoded on the calling thread; replies are decoded
 * (and a {@code getOrSet} supplier runs) on the call's {@link Flow}.
 */
final class ValueOps {

    private final CacheCore core;
    private final ValkeyClient client;

    ValueOps(CacheCore core) {
        this.core = core;
        this.client = core.client();
    }

    // ---- writes ------------------------------------------------------------------------------

    CompletableFuture<Boolean> set(Flow f, String key, Object value, SetArgs args) {
        Arguments.notNull(args, "args");
        byte[] k = core.key(key);
        Timeout t = core.resolve(args.timeout());
        if (t.expiresImmediately()) {
            return core.guarded("set", false, () -> expireNow(f, key, k, args.condition()));
        }
        byte[] v = core.encode(value, key);
        SetCondition condition = switch (args.condition()) {
            case ALWAYS -> SetCondition.ALWAYS;
            case IF_ABSENT -> SetCondition.IF_ABSENT;
            case IF_PRESENT -> SetCondition.IF_PRESENT;
        };
        return core.call(f, "set", key, false, () -> client.set(k, v, condition, CacheCore.expiryMillis(t)))
                .thenApply(core.counting()::countPut);
    }

    /** A write with an expire-now timeout: nothing is stored; see {@link #set(Flow, String, Object, SetArgs)}. */
    private CompletableFuture<Boolean> expireNow(Flow f, String key, byte[] k, SetArgs.Condition condition) {
        return switch (condition) {
            case IF_ABSENT -> core.request(f, "set", key, () -> CacheCore.existsOnPrimary(client, k))
                    .thenApply(exists -> !exists);
            case IF_PRESENT -> core.request(f, "set", key, () -> client.delete(List.of(k))).thenApply(n -> n > 0);
            case ALWAYS -> core.request(f, "set", key, () -> client.delete(List.of(k))).thenApply(n -> true);
        };
    }

    /** What {@link #addOrGet} reads when the ignore policy swallowed an outage (compared by identity). */
    private static final byte[] IGNORED = new byte[0];

    /**
     * {@code SET key value NX GET [PX ms]}: adds in one round trip and reads what was there.
     * An expire-now timeout writes nothing and only reads. Counts a put when it wrote.
     */
    <T> CompletableFuture<T> addOrGet(Flow f, String key, Object value, Timeout timeout, T whenAdded) {
        Timeout t = core.resolve(timeout);
        byte[] k = core.key(key);
        CompletableFuture<byte[]> before;
        if (t.expiresImmediately()) {
            before = read(f, key, k);
        } else {
            byte[] v = core.encode(value, key);
            before = core.call(f, "addOrGet", key, IGNORED, () -> client.addOrGet(k, v, CacheCore.expiryMillis(t)));
        }
        return before.thenApply(b -> {
            if (b == IGNORED) {
                return null;
            }
            if (b == null) {
                core.counting().countPut(!t.expiresImmediately()); // a put when written; the answer is not a counted get
                return whenAdded;
            }
            return Replies.<T>cast(core.decode(b, key));
        });
    }

    // ---- reads -------------------------------------------------------------------------------

    private CompletableFuture<byte[]> read(Flow f, String key, byte[] k) {
        return core.call(f, "get", key, null, () -> client.get(k));
    }

    <T> CompletableFuture<T> get(Flow f, String key) {
        return read(f, key, core.key(key)).thenApply(core.counting()::countGet)
                .thenApply(raw -> raw == null ? null : Replies.cast(core.decode(raw, key)));
    }

    <T> CompletableFuture<T> get(Flow f, String key, Class<T> type) {
        Arguments.notNull(type, "type");
        return read(f, key, core.key(key)).thenApply(core.counting()::countGet)
                .thenApply(raw -> raw == null ? null : core.decode(raw, type, key));
    }

    <T> CompletableFuture<T> getOrDefault(Flow f, String key, T defaultValue) {
        return read(f, key, core.key(key)).thenApply(core.counting()::countGet)
                .thenApply(raw -> raw == null ? defaultValue : Replies.cast(core.decode(raw, key)));
    }

    <T> CompletableFuture<T> getAndTouch(Flow f, String key, Timeout timeout, T defaultValue) {
        Arguments.notNull(timeout, "timeout");
        Timeout t = core.resolve(timeout);
        byte[] k = core.key(key);
        long expiry = t.expiresImmediately() ? 0 : CacheCore.expiryMillis(t);
        return core.call(f, "getAndTouch", key, null, () -> client.getAndTouch(k, expiry))
                .thenApply(core.counting()::countGet)
                .thenApply(raw -> raw == null ? defaultValue : Replies.cast(core.decode(raw, key)));
    }

    <T> CompletableFuture<T> getOrSet(Flow f, String key, Supplier<? extends T> supplier, Timeout timeout) {
        Arguments.notNull(supplier, "supplier");
        Timeout t = core.resolve(timeout);
        byte[] k = core.key(key);
        return core.call(f, "get", key, Lookup.miss(), () -> client.lookup(k)).thenCompose(found -> {
            if (core.counting().countGet(found.value()) != null) {
                return CompletableFuture.completedFuture(Replies.<T>cast(core.decode(found.value(), key)));
            }
            return compute(f, key, k, found, supplier, t);
        });
    }

    /** The miss of a {@code getOrSet}: runs the supplier on the flow and adds its value. */
    private <T> CompletableFuture<T> compute(Flow f, String key, byte[] k, Lookup found, Supplier<? extends T> supplier,
            Timeout t) {
        T computed;
        byte[] encoded;
        try {
            computed = core.counting().load(supplier);
            encoded = t.expiresImmediately() ? null : core.encode(computed, key);
        } catch (RuntimeException | Error e) {
            client.abandonComputed(k, found);
            throw e;
        }
        if (encoded == null) {
            client.abandonComputed(k, found);
            return set(f, key, computed, SetArgs.nx().timeout(t)).thenApply(added -> computed);
        }
        long expiry = CacheCore.expiryMillis(t);
        // null: an outage the ignore policy swallowed, so there is nothing to re-read either
        return core.call(f, "set", key, null, () -> client.storeComputed(k, encoded, expiry, found)).thenCompose(stored -> {
            if (stored == null || core.counting().countPut(stored)) {
                return CompletableFuture.completedFuture(computed);
            }
            // Another writer won the race: return what the cache holds now, as Django does.
            return read(f, key, k).thenApply(now -> now == null ? computed : Replies.<T>cast(core.decode(now, key)));
        });
    }

    CompletableFuture<Boolean> hasKey(Flow f, String key) {
        byte[] k = core.key(key);
        return core.call(f, "hasKey", key, false, () -> client.exists(k));
    }

    CompletableFuture<Boolean> delete(Flow f, String key) {
        byte[] k = core.key(key);
        return core.call(f, "delete", key, 0L, () -> client.delete(List.of(k))).thenApply(n -> core.counting().countEvictions(n) > 0);
    }

    // ---- counters and versions ---------------------------------------------------------------

    CompletableFuture<Long> incr(Flow f, String key, long delta) {
        byte[] k = core.key(key);
        return core.call(f, "incr", key, 0L, () -> client.incrBy(k, delta, true)).thenApply(result -> {
            if (result == null) {
                throw new CacheKeyNotFoundException("incr: key '" + key + "' not found (stored key '"
                        + core.makeKey(key) + "')");
            }
            return result;
        });
    }

    CompletableFuture<Integer> incrVersion(Flow f, String key, int delta) {
        if (delta == 0) {
            throw new IllegalArgumentException("incrVersion delta must not be 0 (the value would be deleted)");
        }
        int version = core.version();
        int newVersion = Math.addExact(version, delta);
        byte[] oldKey = core.key(key);
        byte[] newKey = core.key(key, newVersion);
        // Under the ignore policy an outage leaves the value where it was: report the old version.
        return core.guarded("incrVersion", version, () -> core.request(f, "incrVersion", key,
                () -> client.rename(oldKey, newKey)).thenApply(moved -> {
                    if (!moved) {
                        throw new CacheKeyNotFoundException("incrVersion: key '" + key + "' not found at version "
                                + version);
                    }
                    return newVersion;
                }));
    }
}
