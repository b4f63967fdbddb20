package org.valkeycache;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of the failures one cache's ignore-exceptions policy swallowed, rate-limited so that an
 * outage under load is not a log storm: the first failure of a window logs at once with its
 * exception; the further ones within the window ({@code logIgnoredExceptionsInterval}) are only
 * counted per facade method, and one line at the window's end (or at the next full line, or when
 * the cache closes) gives their number and the latest one's message, which names the node. A
 * zero window logs every failure.
 *
 * <p>A counted failure costs a volatile read, a lock-free map read, a {@link LongAdder} increment
 * and a volatile write; the windows move by compare-and-set, so no caller ever waits for another.
 * Thread-safe.
 */
final class IgnoredFailureLog {

    /** The policy logs under the facade's name, which is what users configure. */
    private static final Logger LOG = LoggerFactory.getLogger(ValkeyCache.class);

    private final String cache;
    private final long intervalNanos;
    /** {@link System#nanoTime()} at which the current window ends; the next failure after it logs in full. */
    private final AtomicLong windowEnd;
    /** The failures counted since the last line, per facade method. */
    private final Map<String, LongAdder> counted = new ConcurrentHashMap<>();
    private volatile long countingSince;
    private volatile CacheConnectionException latest;
    private volatile boolean closed;

    /**
     * @param cache the cache's name, for the lines
     * @param interval the window; zero logs every failure
     */
    IgnoredFailureLog(String cache, Duration interval) {
        this.cache = cache;
        this.intervalNanos = interval.toNanos();
        long now = System.nanoTime();
        this.windowEnd = new AtomicLong(now - 1);
        this.countingSince = now;
    }

    /**
     * Logs one swallowed failure, or counts it when a line was logged within the window.
     *
     * @param command the facade method
     * @param e the failure
     */
    void record(String command, CacheConnectionException e) {
        if (intervalNanos == 0) {
            LOG.error("Exception ignored: {} on cache '{}'", command, cache, e);
            return;
        }
        long now = System.nanoTime();
        long end = windowEnd.get();
        if (now - end >= 0 && windowEnd.compareAndSet(end, now + intervalNanos)) {
            summarize();
            LOG.error("Exception ignored: {} on cache '{}' (further ignored failures within {} are counted and"
                    + " logged as one line)", command, cache, seconds(intervalNanos), e);
            CompletableFuture.delayedExecutor(intervalNanos, TimeUnit.NANOSECONDS).execute(this::windowEnded);
            return;
        }
        LongAdder count = counted.get(command);
        if (count == null) {
            count = counted.computeIfAbsent(command, c -> new LongAdder());
        }
        count.increment();
        latest = e;
    }

    private void windowEnded() {
        if (!closed) {
            summarize();
        }
    }

    /** Logs what was counted since the last line (nothing when nothing was), when the cache closes. */
    void close() {
        closed = true;
        summarize();
    }

    /**
     * One line for the failures counted since the last line. Synchronized so that lines come out
     * in order; counts taken with {@link LongAdder#sumThenReset()} are never lost or counted twice.
     */
    private synchronized void summarize() {
        long now = System.nanoTime();
        long since = countingSince;
        countingSince = now;
        long total = 0;
        String only = null;
        StringBuilder perCommand = new StringBuilder();
        for (Map.Entry<String, LongAdder> entry : counted.entrySet()) {
            long n = entry.getValue().sumThenReset();
            if (n > 0) {
                total += n;
                only = entry.getKey();
                perCommand.append(perCommand.length() == 0 ? "" : ", ").append(entry.getKey()).append(": ").append(n);
            }
        }
        if (total == 0) {
            return;
        }
        CacheConnectionException last = latest;
        String what = perCommand.indexOf(",") < 0 ? "of " + only : "(" + perCommand + ")";
        LOG.error("{} more ignored failure{} {} on cache '{}' in the last {}; the latest: {}", total,
                total == 1 ? "" : "s", what, cache, seconds(now - since), last == null ? "?" : last.getMessage());
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
