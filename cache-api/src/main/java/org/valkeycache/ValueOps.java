package org.valkeycache;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.valkeycache.internal.Arguments;
import org.valkeycache.spi.Lookup;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;

/**
 * The single-key value commands of a {@link ValkeyCache} (set, add, get, delete, counters,
 * version moves): the timeout rules (zero or negative writes delete) on its {@link CacheCore}.
 */
final class ValueOps {

    private final CacheCore core;
    private final ValkeyClient client;

    ValueOps(CacheCore core) {
        this.core = core;
        this.client = core.client();
    }

    // ---- writes ------------------------------------------------------------------------------

    boolean set(String key, Object value, Duration timeout) {
        return set(key, value, SetArgs.defaults().timeout(CacheCore.timeoutOf(timeout)));
    }

    boolean set(String key, Object value, Timeout timeout) {
        return set(key, value, SetArgs.defaults().timeout(core.resolve(timeout)));
    }

    boolean set(String key, Object value, SetArgs args) {
        Arguments.notNull(args, "args");
        byte[] k = core.key(key);
        Timeout t = core.resolve(args.timeout());
        if (t.expiresImmediately()) {
            return core.guarded("set", false, () -> expireNow(key, k, args.condition()));
        }
        byte[] v = core.encode(value, key);
        SetCondition condition = switch (args.condition()) {
            case ALWAYS -> SetCondition.ALWAYS;
            case IF_ABSENT -> SetCondition.IF_ABSENT;
            case IF_PRESENT -> SetCondition.IF_PRESENT;
        };
        return core.countPut(core.call("set", key, false, () -> client.set(k, v, condition, CacheCore.expiryMillis(t))));
    }

    /** A write with an expire-now timeout: nothing is stored; see {@link #set(String, Object, SetArgs)}. */
    private boolean expireNow(String key, byte[] k, SetArgs.Condition condition) {
        return switch (condition) {
            case IF_ABSENT -> !core.await(client.exists(k), "set", key);
            case IF_PRESENT -> core.await(client.delete(List.of(k)), "set", key) > 0;
            case ALWAYS -> {
                core.await(client.delete(List.of(k)), "set", key);
                yield true;
            }
        };
    }

    boolean add(String key, Object value, Duration timeout) {
        return set(key, value, SetArgs.nx().timeout(CacheCore.timeoutOf(timeout)));
    }

    boolean add(String key, Object value, Timeout timeout) {
        return set(key, value, SetArgs.nx().timeout(core.resolve(timeout)));
    }

    // ---- reads -------------------------------------------------------------------------------

    private byte[] read(String key, byte[] k) {
        return core.call("get", key, null, () -> client.get(k));
    }

    <T> T get(String key) {
        byte[] raw = core.countGet(read(key, core.key(key)));
        return raw == null ? null : Replies.cast(core.decode(raw, key));
    }

    <T> T get(String key, Class<T> type) {
        Arguments.notNull(type, "type");
        byte[] raw = core.countGet(read(key, core.key(key)));
        return raw == null ? null : core.decode(raw, type, key);
    }

    <T> T getOrDefault(String key, T defaultValue) {
        byte[] raw = core.countGet(read(key, core.key(key)));
        return raw == null ? defaultValue : Replies.cast(core.decode(raw, key));
    }

    <T> T getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout) {
        Arguments.notNull(supplier, "supplier");
        Timeout t = core.resolve(timeout);
        byte[] k = core.key(key);
        Lookup found = core.call("get", key, Lookup.miss(), () -> client.lookup(k));
        if (core.countGet(found.value()) != null) {
            return Replies.cast(core.decode(found.value(), key));
        }
        T computed;
        byte[] encoded;
        try {
            computed = core.load(supplier);
            encoded = t.expiresImmediately() ? null : core.encode(computed, key);
        } catch (RuntimeException | Error e) {
            client.abandonComputed(k, found);
            throw e;
        }
        if (encoded == null) {
            client.abandonComputed(k, found);
            add(key, computed, t);
            return computed;
        }
        long expiry = CacheCore.expiryMillis(t);
        if (core.countPut(core.call("set", key, false, () -> client.storeComputed(k, encoded, expiry, found)))) {
            return computed;
        }
        // Another writer won the race: return what the cache holds now, as Django does.
        byte[] now = read(key, k);
        return now == null ? computed : Replies.cast(core.decode(now, key));
    }

    boolean hasKey(String key) {
        byte[] k = core.key(key);
        return core.call("hasKey", key, false, () -> client.exists(k));
    }

    boolean delete(String key) {
        byte[] k = core.key(key);
        return core.countEvictions(core.call("delete", key, 0L, () -> client.delete(List.of(k)))) > 0;
    }

    // ---- counters and versions ---------------------------------------------------------------

    long incr(String key, long delta) {
        byte[] k = core.key(key);
        Long result = core.call("incr", key, 0L, () -> client.incrBy(k, delta, true));
        if (result == null) {
            throw new CacheKeyNotFoundException("incr: key '" + key + "' not found (stored key '" + core.makeKey(key) + "')");
        }
        return result;
    }

    int incrVersion(String key, int delta) {
        if (delta == 0) {
            throw new IllegalArgumentException("incrVersion delta must not be 0 (the value would be deleted)");
        }
        int version = core.version();
        int newVersion = Math.addExact(version, delta);
        byte[] oldKey = core.key(key);
        byte[] newKey = core.key(key, newVersion);
        // Under the ignore policy an outage leaves the value where it was: report the old version.
        return core.guarded("incrVersion", version, () -> {
            byte[] raw = core.await(client.get(oldKey), "incrVersion", key);
            long pttl = core.await(client.pttl(oldKey), "incrVersion", key);
            if (raw == null || pttl == -2) {
                throw new CacheKeyNotFoundException("incrVersion: key '" + key + "' not found at version " + version);
            }
            long expiry = pttl == -1 ? ValkeyClient.NO_EXPIRY : Math.max(1, pttl);
            core.await(client.set(newKey, raw, SetCondition.ALWAYS, expiry), "incrVersion", key);
            core.await(client.delete(List.of(oldKey)), "incrVersion", key);
            return newVersion;
        });
    }

}
