package org.valkeycache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where the continuations of one facade call run (decoding, decompressing, a {@code getOrSet}
 * supplier, the next round trip of a multi-step command) and how each of its client round trips
 * is bounded. Every reply of the client is handed to the flow before anything looks at it, so no
 * facade work ever runs on a client's callback threads (glide's are shared by the process).
 *
 * <p>Two kinds: {@link CallerFlow} for the blocking facade (the calling thread runs the
 * continuations while it waits, and its wait is the bound), and {@link #on(Executor)} for the
 * asynchronous facade (an executor runs them, and each round trip carries a timeout).
 */
abstract class Flow implements Executor {

    /**
     * Bounds one client round trip: it must complete within {@code waitMillis}.
     *
     * @param sent the client's future
     * @param command the facade method, for the timeout's message
     * @param key the user key, or null
     * @param waitMillis the bound
     * @param <T> the reply type
     * @return a future that completes with the reply, or fails with a {@link java.util.concurrent.TimeoutException}
     */
    abstract <T> CompletableFuture<T> bound(CompletableFuture<T> sent, String command, String key, long waitMillis);

    /**
     * Called once the caller has built the whole call: an asynchronous flow holds back the
     * continuations handed to it until then, so that none runs on the caller's thread because
     * its stage was attached to a future that had already completed.
     */
    void release() {
    }

    /**
     * The flow of an asynchronous call.
     *
     * @param executor runs the continuations
     * @return the flow
     */
    static Flow on(Executor executor) {
        return new ExecutorFlow(executor);
    }

    /**
     * Continuations on an executor; each round trip bounded by a timeout on its future. Tasks
     * handed over before {@link #release()} wait for it (a reply may arrive while the caller is
     * still attaching the stages that decode it).
     */
    private static final class ExecutorFlow extends Flow {
        private final Executor executor;
        /** Tasks held until the call is built; null once released. Guarded by {@code this}. */
        private List<Runnable> held = new ArrayList<>(1);

        ExecutorFlow(Executor executor) {
            this.executor = executor;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                if (held != null) {
                    held.add(task);
                    return;
                }
            }
            executor.execute(task);
        }

        @Override
        void release() {
            List<Runnable> tasks;
            synchronized (this) {
                tasks = held;
                held = null;
            }
            for (Runnable task : tasks) {
                executor.execute(task);
            }
        }

        @Override
        <T> CompletableFuture<T> bound(CompletableFuture<T> sent, String command, String key, long waitMillis) {
            return sent.orTimeout(waitMillis, TimeUnit.MILLISECONDS);
        }
    }
}
