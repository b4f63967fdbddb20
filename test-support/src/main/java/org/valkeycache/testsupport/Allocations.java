package org.valkeycache.testsupport;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/** Heap allocation of the calling thread, for tests that bound what an operation costs. */
public final class Allocations {

    private Allocations() {
    }

    /**
     * Runs {@code action} on the calling thread and reports the heap it allocated meanwhile.
     *
     * @param action the operation to measure
     * @return bytes allocated by this thread while {@code action} ran (every allocation, live or not)
     */
    public static long of(Runnable action) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        action.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
