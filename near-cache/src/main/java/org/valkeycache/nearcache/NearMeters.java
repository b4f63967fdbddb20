package org.valkeycache.nearcache;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.metrics.Meter;

/**
 * The near cache's meters, registered in the cache's {@link CacheMetrics} when the cache binds
 * them ({@code cache.near.*}); what is counted before that (the listener starts first) is carried
 * over. Thread-safe.
 */
final class NearMeters {

    /** A count that records locally until it is bound to a registered counter. */
    static final class Count {
        private final String name;
        private final String description;
        private final LongAdder early = new LongAdder();
        private volatile Meter.Counter bound;

        Count(String name, String description) {
            this.name = name;
            this.description = description;
        }

        void increment() {
            Meter.Counter c = bound;
            if (c != null) {
                c.increment();
            } else {
                early.increment();
            }
        }

        long count() {
            Meter.Counter c = bound;
            return early.sum() + (c == null ? 0 : c.count());
        }

        void bind(CacheMetrics metrics) {
            Meter.Counter c = metrics.counter(name, description);
            bound = c;
            c.add(early.sumThenReset());
        }
    }

    final Count hits = new Count("cache.near.hits", "reads served from the near cache");
    final Count misses = new Count("cache.near.misses", "reads the near cache did not hold (loaded from the server)");
    final Count bypasses = new Count("cache.near.bypasses",
            "reads sent to the server because the staleness proof was not fresh or the listener was down");
    final Count discarded = new Count("cache.near.discarded_loads",
            "loaded values not kept: an invalidation, clear or epoch change raced with the load");
    final Count invalidations = new Count("cache.near.invalidations", "keys the server reported changed");
    final Count clears = new Count("cache.near.clears", "times the whole near cache was cleared");
    final Count reconnects = new Count("cache.near.listener_reconnects", "times the invalidation listener was lost");

    private final LocalStore store;
    private final LongSupplier proofAge;
    private final BooleanSupplier active;

    /**
     * @param proofAge nanoseconds since the stalest node's proven heartbeat was written, or -1
     *     while some node has no proof
     * @param active whether some node may serve hits (not every node refused tracking)
     */
    NearMeters(LocalStore store, LongSupplier proofAge, BooleanSupplier active) {
        this.store = store;
        this.proofAge = proofAge;
        this.active = active;
    }

    void bind(CacheMetrics metrics) {
        for (Count c : new Count[] {hits, misses, bypasses, discarded, invalidations, clears, reconnects}) {
            c.bind(metrics);
        }
        metrics.gauge("cache.near.proof_age", "time since the newest proven heartbeat was written; on a shard ring,"
                + " of the node whose proof is oldest (-1: a node has none)", "milliseconds", () -> {
                    long age = proofAge.getAsLong();
                    return age < 0 ? -1 : age / 1e6;
                });
        metrics.gauge("cache.near.weight", "what the near cache's entries weigh", "bytes", store::weight);
        metrics.gauge("cache.near.active", "1 while the near cache may serve hits, 0 when the server (every node of a"
                + " ring) refused tracking",
                null, () -> active.getAsBoolean() ? 1 : 0);
    }
}
