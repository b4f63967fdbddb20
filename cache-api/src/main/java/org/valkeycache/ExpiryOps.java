package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    CompletableFuture<Duration> ttl(Flow f, String key) {
        return pttl(f, key).thenApply(pttl -> {
            if (pttl == null || pttl.isZero()) {
                return pttl;
            }
            // The server's TTL rounds to the nearest second.
            return Duration.ofSeconds((pttl.toMillis() + 500) / 1000);
        });
    }

    CompletableFuture<Duration> pttl(Flow f, String key) {
        byte[] k = core.key(key);
        return core.call(f, "pttl", key, -2L, () -> client.pttl(k)).thenApply(ms -> {
            if (ms == -2) {
                return Duration.ZERO;
            }
            if (ms == -1) {
                return null;
            }
            return Duration.ofMillis(ms);
        });
    }

    CompletableFuture<Boolean> persist(Flow f, String key) {
        byte[] k = core.key(key);
        return core.call(f, "persist", key, false, () -> client.persist(k));
    }

    CompletableFuture<Boolean> pexpire(Flow f, String key, Duration timeout) {
        long ms = CacheCore.timeoutOf(timeout).toMillis();
        byte[] k = core.key(key);
        return core.call(f, "pexpire", key, false, () -> client.pexpire(k, ms));
    }

    CompletableFuture<Boolean> pexpireAt(Flow f, String key, Instant when) {
        Arguments.notNull(when, "when");
        long epochMs;
        try {
            epochMs = when.toEpochMilli();
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("pexpireAt '" + key + "': " + when
                    + " is out of range (epoch milliseconds must fit in 64 bits)", overflow);
        }
        byte[] k = core.key(key);
        return core.call(f, "pexpireAt", key, false, () -> client.pexpireAt(k, epochMs));
    }

    CompletableFuture<Boolean> touch(Flow f, String key, Timeout timeout) {
        Timeout t = core.resolve(timeout);
        byte[] k = core.key(key);
        return core.guarded("touch", false, () -> touch(f, key, k, t));
    }

    private CompletableFuture<Boolean> touch(Flow f, String key, byte[] k, Timeout t) {
        CompletableFuture<Boolean> work;
        if (t.isNever()) {
            // PERSIST answers false for a key that is already persistent; touch reports existence.
            work = core.request(f, "touch", key, () -> client.persist(k)).thenCompose(persisted -> persisted
                    ? CompletableFuture.completedFuture(true)
                    : core.request(f, "touch", key, () -> CacheCore.existsOnPrimary(client, k)));
        } else if (t.expiresImmediately()) {
            work = core.request(f, "touch", key, () -> client.delete(List.of(k))).thenApply(n -> n > 0);
        } else {
            work = core.request(f, "touch", key, () -> client.pexpire(k, t.toMillis()));
        }
        return work;
    }
}
