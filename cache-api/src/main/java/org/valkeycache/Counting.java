package org.valkeycache;

import java.util.function.Supplier;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.metrics.Meter;

/**
 * The counting of one cache into its {@link CacheMetrics}, shared by every version view and
 * both facades: the standard meters are held in fields, so the hot path reads a field and bumps
 * a striped counter, never a map and never an allocation.
 */
final class Counting {

    final CacheMetrics metrics;
    final Meter.Counter hits;
    final Meter.Counter misses;
    final Meter.Counter puts;
    final Meter.Counter evictions;
    final Meter.Counter errorsRaised;
    final Meter.Counter errorsIgnored;
    private final Meter.Summary latency;

    Counting(CacheMetrics metrics) {
        this.metrics = metrics;
        this.hits = metrics.hits();
        this.misses = metrics.misses();
        this.puts = metrics.puts();
        this.evictions = metrics.evictions();
        this.errorsRaised = metrics.errorsRaised();
        this.errorsIgnored = metrics.errorsIgnored();
        this.latency = metrics.commands();
    }

    /** Records one facade call's latency, reusing its end time for the rolling maximum's clock. */
    void latencySince(long startNanos) {
        long end = System.nanoTime();
        latency.record(end - startNanos, end);
    }

    // What counts (README "Metrics"): a get is a read of a cached value the caller asked for
    // (get, getOrDefault, getOrSet's lookup, each key of mget/getMany), as Caffeine and JCache
    // count; hasKey, data-structure reads and internal reads do not. A read whose failure the
    // ignore policy swallowed counts as the miss the caller saw (and as an ignored error).

    /**
     * Counts one read as a hit or a miss.
     *
     * @param raw the stored bytes read, or null
     * @return {@code raw}
     */
    byte[] countGet(byte[] raw) {
        (raw == null ? misses : hits).increment();
        return raw;
    }

    /** Counts the keys of a multi-key read: {@code found} hits, the rest of {@code asked} misses. */
    void countGets(int found, int asked) {
        hits.add(found);
        misses.add(asked - found);
    }

    /**
     * Counts one value written when the server says it was.
     *
     * @param written whether the server stored the value
     * @return {@code written}
     */
    boolean countPut(boolean written) {
        if (written) {
            puts.increment();
        }
        return written;
    }

    /** Counts values written. */
    void countPuts(int written) {
        puts.add(written);
    }

    /**
     * Counts keys deleted on request.
     *
     * @param deleted how many keys the server deleted
     * @return {@code deleted}
     */
    long countEvictions(long deleted) {
        evictions.add(deleted);
        return deleted;
    }

    /**
     * Runs a getOrSet supplier, counting it as a successful or failed load.
     *
     * @param supplier computes the value
     * @return what it returned
     */
    <T> T load(Supplier<? extends T> supplier) {
        T value;
        try {
            value = supplier.get();
        } catch (RuntimeException | Error e) {
            metrics.loadFailures().increment();
            throw e;
        }
        metrics.loadSuccesses().increment();
        return value;
    }
}
