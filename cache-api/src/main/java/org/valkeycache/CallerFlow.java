package org.valkeycache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link Flow} of one blocking call: continuations are queued and run by the calling thread
 * while it waits in {@link #drain} (gRPC's "threadless executor"), so decoding and user code run
 * on the caller, as they did before the facade went asynchronous, and a blocking call is the
 * asynchronous path plus a bounded wait. The bound applies per round trip: the wait gives up when
 * the request in flight has not answered within its bound (a multi-step command such as a pattern
 * delete may take longer in total, as long as each step answers in time).
 *
 * <p>One per call; {@link #execute} may be called from any thread, {@link #drain} only by the
 * thread that made the flow.
 */
final class CallerFlow extends Flow {

    private final Thread caller = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** The last request sent, for a timeout's message, and its bound; written by the caller only. */
    private String command = "call";
    private String key;
    private long waitMillis;
    /** Requests sent and not yet answered when last looked; written by the caller only. */
    private final List<CompletableFuture<?>> pending = new ArrayList<>(1);

    /**
     * @param waitMillis the bound of a step that does not say its own
     */
    CallerFlow(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != caller) {
            LockSupport.unpark(caller);
        }
    }

    @Override
    <T> CompletableFuture<T> bound(CompletableFuture<T> sent, String command, String key, long waitMillis) {
        this.command = command;
        this.key = key;
        this.waitMillis = waitMillis;
        pending.removeIf(CompletableFuture::isDone);
        pending.add(sent);
        return sent;
    }

    /**
     * Runs queued continuations until {@code result} completes. When no continuation arrives
     * within the bound of the last request, the requests still unanswered fail with a
     * {@link TimeoutException}, which their calls translate and put under the ignore policy like
     * any other failure (so a cache that ignores exceptions returns its default).
     *
     * @param result the call's future
     * @param core names the client in a timeout's message and counts errors
     * @param <T> the result type
     * @return the result
     * @throws CacheTimeoutException when a round trip did not answer within its bound (and the
     *     cache does not ignore exceptions)
     * @throws CacheException when interrupted (the interrupt flag is kept)
     */
    <T> T drain(CompletableFuture<T> result, CacheCore core) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (!result.isDone()) {
            Runnable task = tasks.poll();
            if (task != null) {
                task.run();
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                continue;
            }
            if (deadline - System.nanoTime() <= 0) {
                if (!timeOutPending()) {
                    result.cancel(false);
                    throw core.raised(core.timedOut(command, key, waitMillis));
                }
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                continue;
            }
            LockSupport.parkNanos(this, deadline - System.nanoTime());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                result.cancel(false);
                throw core.raised(new CacheException(command + " interrupted"));
            }
        }
        return Failures.resultOf(result);
    }

    /** @return whether a request still unanswered was failed with a timeout */
    private boolean timeOutPending() {
        boolean any = false;
        for (CompletableFuture<?> sent : pending) {
            any |= sent.completeExceptionally(new TimeoutException("no reply within " + waitMillis + " ms"));
        }
        pending.clear();
        return any;
    }
}
