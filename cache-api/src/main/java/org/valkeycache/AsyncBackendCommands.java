package org.valkeycache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The cache facade, asynchronously: every command of {@link BackendCommands} (and of its hash,
 * set, sorted-set and list families) as a method returning a {@link CompletableFuture}, reached by
 * {@link BackendCommands#async()}.
 *
 * <pre>{@code
 * AsyncBackendCommands async = cache.async();
 * async.set("greeting", "hello", Duration.ofMinutes(5))
 *      .thenCompose(ok -> async.get("greeting", String.class))
 *      .thenAccept(System.out::println);
 * }</pre>
 *
 * <p>Same semantics as the blocking facade, because it is the same code: the blocking facade is
 * this asynchronous path plus a bounded wait. Keys are made, the timeout rules applied
 * (Django's: default, never, zero or negative deletes) and values encoded exactly as there.
 *
 * <p>Threads and errors:
 * <ul>
 *   <li>Argument errors (null or empty key, null timeout, non-positive count, ...) throw
 *       {@link IllegalArgumentException} at once, before anything is sent, and so does a call on
 *       a closed cache ({@link IllegalStateException}). Every other failure, including a value
 *       that cannot be serialized, fails the future with the typed {@link CacheException} itself
 *       ({@code get()} wraps it in an {@link java.util.concurrent.ExecutionException},
 *       {@code join()} in a {@link java.util.concurrent.CompletionException}).</li>
 *   <li>The ignore-exceptions policy is the blocking facade's: with {@code ignoreExceptions} a
 *       connection failure (timeouts included) completes the future normally with the command's
 *       default (null, empty, false, 0); other errors always fail it.</li>
 *   <li>Keys are made and values encoded on the calling thread; replies are decoded and
 *       decompressed, {@code getOrSet} suppliers and {@code deletePattern} progress callbacks run,
 *       and futures complete on the facade's {@link #executor()}: never on the client's callback
 *       threads (glide's are shared by the whole process and must stay short). The default
 *       executor is {@link java.util.concurrent.ForkJoinPool#commonPool()}: decoding is short
 *       CPU work, which is what the common pool is sized for, and it needs no lifecycle; give a
 *       facade an executor of its own with {@link BackendCommands#async(Executor)} when its
 *       continuations may block (a loading {@code getOrSet} supplier) or must run elsewhere, and
 *       on a 2-CPU machine, where the common pool has a single thread, for decode-heavy work
 *       (large multi-key reads) from many threads.</li>
 *   <li>Each server round trip of a command is bounded by the configured request timeout plus a
 *       small margin (blocking pops: their timeout on top); past it the future fails with a
 *       {@link CacheTimeoutException}.</li>
 *   <li>Backpressure: a client may bound the commands waiting to be sent (the default client's
 *       {@code dispatch.max_queued}); past it the future fails at once with a
 *       {@link CacheQueueFullException} (a connection failure, so the ignore policy swallows it)
 *       instead of queueing without bound.</li>
 * </ul>
 *
 * <p>Not offered here: the lazy key and member streams ({@code iterKeys}, {@code sscanIter}: a
 * stream is pulled by its consumer; use {@link #keys} or the blocking streams on a thread of your
 * own) and locks, which stay on the blocking facade: a {@link CacheLock} is owned by a thread or a
 * scope (thread-local tokens, try-with-resources, a watchdog renewing the lease while the holder
 * runs), which a chain of futures hopping between threads does not have; a shared lock still
 * offers one attempt and its release as futures ({@link CacheLock#tryAcquireAsync},
 * {@link CacheLock#releaseAsync}).
 *
 * <p>Thread-safe; the futures of concurrent calls complete independently, in any order.
 */
public interface AsyncBackendCommands extends AsyncValueCommands, AsyncBulkCommands, AsyncKeyspaceCommands,
        AsyncHashCommands, AsyncSetCommands, AsyncSortedSetCommands, AsyncListCommands {

    /**
     * The executor that decodes replies and completes this facade's futures.
     *
     * @return the executor
     */
    Executor executor();

    /**
     * The blocking facade over the same cache and version.
     *
     * @return the blocking facade
     */
    BackendCommands blocking();
}
