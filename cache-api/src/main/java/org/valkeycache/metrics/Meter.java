package org.valkeycache.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * One meter of a {@link CacheMetrics}: a {@link Counter}, a {@link Summary} or a {@link Gauge}.
 * Recording never allocates and never blocks (striped adders), so meters stay on in production.
 */
public sealed interface Meter permits Meter.Counter, Meter.Summary, Meter.Gauge {

    /** @return the meter's name, description, unit and tags */
    MeterId id();

    /** A monotonically increasing count. */
    final class Counter implements Meter {
        private final MeterId id;
        private final LongAdder count = new LongAdder();

        Counter(MeterId id) {
            this.id = id;
        }

        @Override
        public MeterId id() {
            return id;
        }

        /** Adds one. */
        public void increment() {
            count.increment();
        }

        /**
         * Adds an amount.
         *
         * @param amount not negative
         */
        public void add(long amount) {
            count.add(amount);
        }

        /** @return the count so far */
        public long count() {
            return count.sum();
        }

        @Override
        public String toString() {
            return id.name() + id.tags() + "=" + count();
        }
    }

    /**
     * Recorded amounts (latencies in nanoseconds, batch sizes): their number and total since
     * creation, and their maximum over a rolling window of about two minutes (as Micrometer's
     * timers and distribution summaries decay theirs, so a dashboard's "max" shows the recent
     * worst, not the worst since start). A binder exposes one in nanoseconds as a timer.
     */
    final class Summary implements Meter {
        /** How long a recorded amount counts towards {@link #max()}: Micrometer's default expiry. */
        static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(2);
        /** The window is covered by this many overlapping buckets, Micrometer's default buffer. */
        private static final int BUCKETS = 3;
        private static final long STEP_NANOS = WINDOW_NANOS / BUCKETS;

        private final MeterId id;
        private final LongAdder count = new LongAdder();
        private final LongAdder total = new LongAdder();
        /** Every amount goes into every bucket; the current one is read, the oldest reset in turn. */
        private final AtomicLongArray maxima = new AtomicLongArray(BUCKETS);
        private final AtomicLong rotatedAt;
        private volatile int current;

        Summary(MeterId id) {
            this.id = id;
            this.rotatedAt = new AtomicLong(System.nanoTime());
        }

        @Override
        public MeterId id() {
            return id;
        }

        /**
         * Records one amount. Lock-free; reads the clock once, to retire the window's oldest third.
         *
         * @param amount the amount, in the meter's base unit; negative amounts count as zero
         */
        public void record(long amount) {
            record(amount, System.nanoTime());
        }

        /**
         * Records one amount at a time the caller has just read, saving a clock read (a latency's
         * end, say).
         *
         * @param amount the amount, in the meter's base unit; negative amounts count as zero
         * @param nowNanos {@link System#nanoTime()}, read just now
         */
        public void record(long amount, long nowNanos) {
            long a = Math.max(0, amount);
            rotate(nowNanos);
            count.increment();
            total.add(a);
            for (int i = 0; i < BUCKETS; i++) {
                long seen = maxima.get(i);
                while (a > seen && !maxima.compareAndSet(i, seen, a)) {
                    seen = maxima.get(i);
                }
            }
        }

        /** @return how many amounts were recorded */
        public long count() {
            return count.sum();
        }

        /** @return the sum of the recorded amounts */
        public long total() {
            return total.sum();
        }

        /**
         * The largest amount recorded in roughly the last two minutes (at least the last 80 s,
         * at most the last 120 s), 0 when none was.
         *
         * @return the recent maximum
         */
        public long max() {
            return max(System.nanoTime());
        }

        /** {@link #max()} at a given {@link System#nanoTime()}. */
        long max(long nowNanos) {
            rotate(nowNanos);
            return maxima.get(current);
        }

        /**
         * Resets the oldest bucket once per third of the window that has passed (all of them after
         * a whole window): a bucket read as current was reset between 80 and 120 s ago.
         */
        private void rotate(long now) {
            long last = rotatedAt.get();
            if (now - last < STEP_NANOS) {
                return;
            }
            long steps = (now - last) / STEP_NANOS;
            if (!rotatedAt.compareAndSet(last, last + steps * STEP_NANOS)) {
                return;
            }
            int c = current;
            for (long i = 0; i < Math.min(steps, BUCKETS); i++) {
                maxima.set(c, 0);
                c = (c + 1) % BUCKETS;
            }
            current = c;
        }

        @Override
        public String toString() {
            return id.name() + id.tags() + "{count=" + count() + ", total=" + total() + ", max=" + max() + "}";
        }
    }

    /** A value read when a metrics system asks (a size, an age). */
    final class Gauge implements Meter {
        private final MeterId id;
        private final DoubleSupplier value;

        Gauge(MeterId id, DoubleSupplier value) {
            this.id = id;
            this.value = value;
        }

        @Override
        public MeterId id() {
            return id;
        }

        /** @return the current value */
        public double value() {
            return value.getAsDouble();
        }

        @Override
        public String toString() {
            return id.name() + id.tags() + "=" + value();
        }
    }
}
