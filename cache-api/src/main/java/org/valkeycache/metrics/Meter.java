package org.valkeycache.metrics;

import java.util.concurrent.atomic.LongAccumulator;
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
     * Recorded amounts (latencies in nanoseconds, batch sizes): their number, total and maximum
     * since creation. A binder exposes one in nanoseconds as a timer.
     */
    final class Summary implements Meter {
        private final MeterId id;
        private final LongAdder count = new LongAdder();
        private final LongAdder total = new LongAdder();
        private final LongAccumulator max = new LongAccumulator(Math::max, 0);

        Summary(MeterId id) {
            this.id = id;
        }

        @Override
        public MeterId id() {
            return id;
        }

        /**
         * Records one amount.
         *
         * @param amount the amount, in the meter's base unit; negative amounts count as zero
         */
        public void record(long amount) {
            long a = Math.max(0, amount);
            count.increment();
            total.add(a);
            max.accumulate(a);
        }

        /** @return how many amounts were recorded */
        public long count() {
            return count.sum();
        }

        /** @return the sum of the recorded amounts */
        public long total() {
            return total.sum();
        }

        /** @return the largest recorded amount, 0 before the first */
        public long max() {
            return max.get();
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
