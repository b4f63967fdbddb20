package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.valkeycache.internal.Arguments;
import org.valkeycache.spi.ValkeyClient;

/**
 * The expiry commands of a {@link ValkeyCache}: reading and changing a key's lifetime, with the
 * facade's timeout rules ({@code touch} with zero or negative deletes, with never persists).
 */
final class ExpiryOps {

    private final CacheCore core;
    private final ValkeyClient client;

    ExpiryOps(CacheCore core) {
        this.core = core;
        this.client = core.client();
    }

    Duration ttl(String key) {
        Duration pttl = pttl(key);
        if (pttl == null || pttl.isZero()) {
            return pttl;
        }
        // The server's TTL rounds to the nearest second.
        return Duration.ofSeconds((pttl.toMillis() + 500) / 1000);
    }

    Duration pttl(String key) {
        byte[] k = core.key(key);
        Long ms = core.call("pttl", key, -2L, () -> client.pttl(k));
        if (ms == -2) {
            return Duration.ZERO;
        }
        if (ms == -1) {
            return null;
        }
        return Duration.ofMillis(ms);
    }

    boolean persist(String key) {
        byte[] k = core.key(key);
        return core.call("persist", key, false, () -> client.persist(k));
    }

    boolean pexpire(String key, Duration timeout) {
        long ms = CacheCore.timeoutOf(timeout).toMillis();
        byte[] k = core.key(key);
        return core.call("pexpire", key, false, () -> client.pexpire(k, ms));
    }

    boolean expireAt(String key, Instant when) {
        Arguments.notNull(when, "when");
        return pexpireAt(key, Instant.ofEpochSecond(when.getEpochSecond()));
    }

    boolean pexpireAt(String key, Instant when) {
        Arguments.notNull(when, "when");
        long epochMs;
        try {
            epochMs = when.toEpochMilli();
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("pexpireAt '" + key + "': " + when
                    + " is out of range (epoch milliseconds must fit in 64 bits)", overflow);
        }
        byte[] k = core.key(key);
        return core.call("pexpireAt", key, false, () -> client.pexpireAt(k, epochMs));
    }

    boolean touch(String key, Duration timeout) {
        return touch(key, CacheCore.timeoutOf(timeout));
    }

    boolean touch(String key, Timeout timeout) {
        Timeout t = core.resolve(timeout);
        byte[] k = core.key(key);
        return core.guarded("touch", false, () -> {
            if (t.isNever()) {
                // PERSIST answers false for a key that is already persistent; touch reports existence.
                return core.await(client.persist(k), "touch", key) || core.await(client.exists(k), "touch", key);
            }
            if (t.expiresImmediately()) {
                return core.await(client.delete(List.of(k)), "touch", key) > 0;
            }
            return core.await(client.pexpire(k, t.toMillis()), "touch", key);
        });
    }
}
