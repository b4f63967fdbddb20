package org.valkeycache.benchmarks.load;

import java.util.List;

/**
 * One client library under test. {@link #op} returns the operation for a workload, built once per
 * run so that per-call work is only what a user of that library would do; {@code null} means the
 * library has no natural way to do it (reported as n/a).
 */
interface BenchClient extends AutoCloseable {

    /** One timed call; {@code i} is a per-thread call counter the op uses to pick keys. Returns false on a wrong answer. */
    @FunctionalInterface
    interface Op {
        boolean run(int thread, long i) throws Exception;
    }

    String name();

    Op op(Workload workload, Data data);

    /** Deletes every key matching the stored-key pattern {@code b:1:<userPattern>}; returns how many. */
    long deletePattern(String userPattern) throws Exception;

    @Override
    void close() throws Exception;

    /** Closes every client, reporting (not throwing) a failure so the others are still closed. */
    static void closeAll(List<BenchClient> clients) {
        for (BenchClient c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("closing " + c.name() + ": " + e);
            }
        }
    }

    static int index(int thread, long i, int n) {
        return (int) Math.floorMod(thread * 7919L + i * 31L, (long) n);
    }
}
