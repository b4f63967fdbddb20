package org.valkeycache;

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
     * The flow of an asynchronous call.
     *
     * @param executor runs the continuations
     * @return the flow
     */
    static Flow on(Executor executor) {
        return new ExecutorFlow(executor);
    }

    /** Continuations on an executor; each round trip bounded by a timeout on its future. */
    private static final class ExecutorFlow extends Flow {
        private final Executor executor;

        ExecutorFlow(Executor executor) {
            this.executor = executor;
        }

        @Override
        public void execute(Runnable task) {
            executor.execute(task);
        }

        @Override
        <T> CompletableFuture<T> bound(CompletableFuture<T> sent, String command, String key, long waitMillis) {
            return sent.orTimeout(waitMillis, TimeUnit.MILLISECONDS);
        }
    }
}
