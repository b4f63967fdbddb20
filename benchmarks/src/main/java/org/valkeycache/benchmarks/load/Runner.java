package org.valkeycache.benchmarks.load;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop runner: {@code threads} threads call the op back to back; the first {@code warmup}
 * seconds are discarded, then every call that starts inside the measurement window is timed into
 * a per-thread HdrHistogram (1 µs .. 60 s, 3 significant digits).
 */
final class Runner {

    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;

    private Runner() {
    }

    static Result run(BenchClient client, Workload workload, Data data, int threads, double warmupSec, double durationSec)
            throws InterruptedException {
        BenchClient.Op op = client.op(workload, data);
        if (op == null) {
            return null;
        }
        VolatileInt state = new VolatileInt();
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram h = new Histogram(1_000L, 60_000_000_000L, 3);
            histograms.add(h);
            final int tid = t;
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long i = 0;
                while (true) {
                    int s = state.value;
                    if (s == STOP) {
                        break;
                    }
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = op.run(tid, i++);
                    } catch (Throwable e) {
                        ok = false;
                        firstError.compareAndSet(null, e);
                    }
                    long elapsed = System.nanoTime() - t0;
                    if (s == MEASURE) {
                        h.recordValue(Math.max(1_000L, Math.min(elapsed, 60_000_000_000L)));
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }, "load-" + client.name() + "-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        go.countDown();
        sleep(warmupSec);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        state.value = MEASURE;
        sleep(durationSec);
        state.value = STOP;
        long end = System.nanoTime();
        lastCpuNanos = processCpuNanos() - cpuStart;
        for (Thread w : workers) {
            w.join(30_000);
        }
        Histogram total = new Histogram(1_000L, 60_000_000_000L, 3);
        for (Histogram h : histograms) {
            total.add(h);
        }
        // Calls that started inside the window; the window closes when STOP is set.
        double seconds = (end - start) / 1e9;
        long calls = total.getTotalCount();
        if (firstError.get() != null && errors.get() > 0) {
            System.out.println("    ! " + client.name() + " " + workload.id + ": " + errors.get() + " failed calls, first: "
                    + firstError.get());
        }
        return new Result(client.name(), workload.id, workload.sized ? data.valueSize : 0, threads, calls, seconds,
                calls / seconds, total.getMean() / 1000.0,
                total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0,
                total.getValueAtPercentile(99.9) / 1000.0, total.getMaxValue() / 1000.0, errors.get());
    }

    /** CPU time of this process (client threads, glide's native threads) in the last measurement window. */
    static volatile long lastCpuNanos;

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep(Math.max(0, (long) (seconds * 1000)));
    }

    private static final class VolatileInt {
        volatile int value = WARMUP;
    }
}
