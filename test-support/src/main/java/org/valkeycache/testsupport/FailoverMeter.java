package org.valkeycache.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a writer loop and a reader loop against a store while a test or benchmark breaks the
 * topology underneath, and measures what the application saw: how long writes could not be
 * acknowledged (the longest gap between two acknowledged writes) and which errors came back.
 *
 * <pre>{@code
 * try (FailoverMeter meter = FailoverMeter.start(seq -> cache.set("w:" + seq, seq), seq -> cache.get("w:" + seq))) {
 *     topology.primary().kill();
 *     ...
 *     FailoverMeter.Report report = meter.stop();
 *     report.acknowledgedAfterOutage();    // writes to check on the new primary
 * }
 * }</pre>
 *
 * <p>The writer writes sequence numbers 1, 2, 3, ... one after the other; a write that throws
 * counts as failed (by exception class). The reader reads the sequence number the writer last
 * had acknowledged. Both pause {@code pause} between calls so that two cores are not saturated.
 */
public final class FailoverMeter implements AutoCloseable {

    /** One write of the loop; throwing means the write failed. */
    @FunctionalInterface
    public interface Write {
        /**
         * @param seq the sequence number to write
         * @throws Exception when the write failed
         */
        void write(long seq) throws Exception;
    }

    /** One read of the loop; throwing means the read failed. */
    @FunctionalInterface
    public interface Read {
        /**
         * @param seq a sequence number that was acknowledged before
         * @throws Exception when the read failed
         */
        void read(long seq) throws Exception;
    }

    private final long startNanos = System.nanoTime();
    private final Loop writer;
    private final Loop reader;
    private volatile long lastAcked;
    private final List<long[]> acks = new ArrayList<>();

    private FailoverMeter(Write write, Read read, Duration pause) {
        long pauseMillis = pause.toMillis();
        writer = new Loop("failover-writer", pauseMillis, seq -> {
            write.write(seq);
            long now = System.nanoTime();
            synchronized (acks) {
                acks.add(new long[] {seq, now});
            }
            lastAcked = seq;
        });
        reader = new Loop("failover-reader", pauseMillis, seq -> {
            long acked = lastAcked;
            if (acked > 0) {
                read.read(acked);
            }
        });
        writer.thread.start();
        reader.thread.start();
    }

    /**
     * Starts both loops, pausing 2 ms between calls.
     *
     * @param write the write to repeat
     * @param read the read to repeat
     * @return the running meter
     */
    public static FailoverMeter start(Write write, Read read) {
        return start(write, read, Duration.ofMillis(2));
    }

    /**
     * Starts both loops.
     *
     * @param write the write to repeat
     * @param read the read to repeat
     * @param pause the pause between two calls of each loop
     * @return the running meter
     */
    public static FailoverMeter start(Write write, Read read, Duration pause) {
        return new FailoverMeter(write, read, pause);
    }

    /** @return how many writes have been acknowledged so far */
    public long acknowledged() {
        synchronized (acks) {
            return acks.size();
        }
    }

    /**
     * Waits until at least {@code n} more writes are acknowledged than now.
     *
     * @param n how many more
     * @param timeout how long to wait at most
     * @return whether they were
     */
    public boolean awaitMoreAcknowledged(long n, Duration timeout) {
        long target = acknowledged() + n;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (acknowledged() >= target) {
                return true;
            }
            ValkeyProcess.sleep(10);
        }
        return false;
    }

    /**
     * Stops both loops and reports.
     *
     * @return what the loops saw
     */
    public Report stop() {
        writer.stop();
        reader.stop();
        List<long[]> copy;
        synchronized (acks) {
            copy = new ArrayList<>(acks);
        }
        long worstGap = 0;
        long gapEnd = startNanos;
        long previous = startNanos;
        for (long[] ack : copy) {
            long gap = ack[1] - previous;
            if (gap > worstGap) {
                worstGap = gap;
                gapEnd = ack[1];
            }
            previous = ack[1];
        }
        List<Long> afterOutage = new ArrayList<>();
        for (long[] ack : copy) {
            if (ack[1] >= gapEnd) {
                afterOutage.add(ack[0]);
            }
        }
        List<Long> all = new ArrayList<>(copy.size());
        for (long[] ack : copy) {
            all.add(ack[0]);
        }
        return new Report(writer.calls, copy.size(), writer.failuresByType(), Duration.ofNanos(worstGap),
                Duration.ofNanos(writer.longestCall), reader.calls, reader.failed(), reader.failuresByType(),
                Duration.ofNanos(reader.longestFailingSpell()), Duration.ofNanos(reader.longestCall), all, afterOutage);
    }

    @Override
    public void close() {
        writer.stop();
        reader.stop();
    }

    /**
     * What the loops saw.
     *
     * @param writes writes attempted
     * @param acknowledged writes that returned normally
     * @param writeFailures failed writes by exception class
     * @param writeOutage the longest time between two acknowledged writes (or from the start to the first)
     * @param longestWrite the longest a single write call took, successful or not
     * @param reads reads attempted
     * @param failedReads reads that threw
     * @param readFailures failed reads by exception class
     * @param readOutage the longest time from a failed read to the next successful one
     * @param longestRead the longest a single read call took, successful or not
     * @param acknowledgedSeqs every acknowledged sequence number, in order
     * @param acknowledgedAfterOutage sequence numbers acknowledged at or after the end of the longest write outage
     */
    public record Report(long writes, long acknowledged, Map<String, Long> writeFailures, Duration writeOutage,
            Duration longestWrite, long reads, long failedReads, Map<String, Long> readFailures, Duration readOutage,
            Duration longestRead, List<Long> acknowledgedSeqs, List<Long> acknowledgedAfterOutage) {

        /** @return writes that threw */
        public long failedWrites() {
            return writes - acknowledged;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "write outage %d ms (%d of %d writes failed %s, longest call %d ms), "
                    + "read outage %d ms (%d of %d reads failed %s, longest call %d ms)", writeOutage.toMillis(),
                    failedWrites(), writes, writeFailures, longestWrite.toMillis(), readOutage.toMillis(), failedReads,
                    reads, readFailures, longestRead.toMillis());
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(long seq) throws Exception;
    }

    /** One loop on its own thread. */
    private static final class Loop {
        final Thread thread;
        volatile boolean running = true;
        volatile long calls;
        volatile long longestCall;
        private final Map<String, Long> failures = new TreeMap<>();
        private long failingSince = -1;
        private long longestFailing;

        Loop(String name, long pauseMillis, Step step) {
            thread = new Thread(() -> {
                long seq = 0;
                while (running) {
                    seq++;
                    long start = System.nanoTime();
                    try {
                        step.run(seq);
                        synchronized (this) {
                            if (failingSince >= 0) {
                                longestFailing = Math.max(longestFailing, System.nanoTime() - failingSince);
                                failingSince = -1;
                            }
                        }
                    } catch (Exception e) {
                        synchronized (this) {
                            failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                            if (failingSince < 0) {
                                failingSince = start;
                            }
                        }
                    }
                    calls = seq;
                    longestCall = Math.max(longestCall, System.nanoTime() - start);
                    if (pauseMillis > 0) {
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, name);
            thread.setDaemon(true);
        }

        void stop() {
            running = false;
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized Map<String, Long> failuresByType() {
            return new TreeMap<>(failures);
        }

        synchronized long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        synchronized long longestFailingSpell() {
            return failingSince >= 0 ? Math.max(longestFailing, System.nanoTime() - failingSince) : longestFailing;
        }
    }
}
