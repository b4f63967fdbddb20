package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

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
 * own) and locks, which stay blocking: a {@link CacheLock} is owned by a thread or a scope
 * (thread-local tokens, try-with-resources, a watchdog renewing the lease while the holder
 * runs), which a chain of futures hopping between threads does not have.
 *
 * <p>Thread-safe; the futures of concurrent calls complete independently, in any order.
 */
public interface AsyncBackendCommands extends AsyncHashCommands, AsyncSetCommands, AsyncSortedSetCommands,
        AsyncListCommands {

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

    /**
     * Stores a value with the default timeout.
     * Same as {@code set(key, value, SetArgs.defaults())}.
     *
     * @param key the key, not empty
     * @param value the value
     * @return a future of true (the write always happens unless the server fails)
     * @throws CacheSerializationException when the value cannot be serialized (nothing is written)
     */
    default CompletableFuture<Boolean> set(String key, Object value) {
        return set(key, value, SetArgs.defaults());
    }

    /**
     * Stores a value with a fixed timeout; zero or negative removes the key instead.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the lifetime, not null
     * @return a future of true
     */
    CompletableFuture<Boolean> set(String key, Object value, Duration timeout);

    /**
     * Stores a value with a timeout (default, never, or a duration).
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return a future of true
     */
    CompletableFuture<Boolean> set(String key, Object value, Timeout timeout);

    /**
     * Stores a value with a timeout and a condition ({@code nx}/{@code xx}).
     *
     * <p>With an expire-now timeout nothing is stored: with {@code nx} the result says whether
     * the key was absent (it would have been written); with {@code xx} an existing key is removed
     * and the result says whether it existed; without a condition the key is removed and the
     * result is true.
     *
     * @param key the key, not empty
     * @param value the value
     * @param args timeout and condition, not null
     * @return a future of whether the value was written; false when the condition prevented it
     */
    CompletableFuture<Boolean> set(String key, Object value, SetArgs args);

    /**
     * Stores a value only if the key is absent, with the default timeout.
     * Same as {@code set(key, value, SetArgs.nx())}.
     *
     * @param key the key, not empty
     * @param value the value
     * @return a future of whether it was added (false, never null, when the key existed)
     */
    default CompletableFuture<Boolean> add(String key, Object value) {
        return set(key, value, SetArgs.nx());
    }

    /**
     * Stores a value only if the key is absent.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the lifetime, not null
     * @return a future of whether it was added
     */
    CompletableFuture<Boolean> add(String key, Object value, Duration timeout);

    /**
     * Stores a value only if the key is absent.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return a future of whether it was added
     */
    CompletableFuture<Boolean> add(String key, Object value, Timeout timeout);

    /**
     * Reads a value.
     *
     * @param key the key, not empty
     * @param <T> the type the caller expects (unchecked; prefer {@link #get(String, Class)})
     * @return a future of the value, or null when the key is missing (or a null was stored)
     */
    <T> CompletableFuture<T> get(String key);

    /**
     * Reads a value as a type. With the JSON serializer this decodes into that type; otherwise
     * the decoded value is checked against it. Stored integers convert to any integral type they
     * fit.
     *
     * @param key the key, not empty
     * @param type the expected type, not null
     * @param <T> the expected type
     * @return a future of the value, or null when the key is missing
     * @throws CacheSerializationException when the stored value is not of that type
     */
    <T> CompletableFuture<T> get(String key, Class<T> type);

    /**
     * {@link BackendCommands#addOrGet}: adds a value if the key is absent, else answers what it
     * holds, in one round trip ({@code SET NX GET PX}).
     *
     * @param key the key, not empty
     * @param value the value to add
     * @param timeout the lifetime of an added value, not null
     * @param whenAdded what the future holds when the value was written
     * @param <T> the value type
     * @return a future of the value the key already held, or {@code whenAdded}
     */
    <T> CompletableFuture<T> addOrGet(String key, Object value, Timeout timeout, T whenAdded);

    /**
     * Reads a value, or returns a default when the key is missing. A stored null is returned as
     * null, not as the default.
     *
     * @param key the key, not empty
     * @param defaultValue returned when the key is missing
     * @param <T> the value type
     * @return a future of the value or the default
     */
    <T> CompletableFuture<T> getOrDefault(String key, T defaultValue);

    /**
     * {@link BackendCommands#getAndTouch(String, Timeout, Object)}: reads a value and restarts its
     * timeout in one round trip ({@code GETEX}).
     *
     * @param key the key, not empty
     * @param timeout the new timeout, not null
     * @param defaultValue completes the future when the key is missing
     * @param <T> the value type
     * @return a future of the value or the default
     */
    <T> CompletableFuture<T> getAndTouch(String key, Timeout timeout, T defaultValue);

    /**
     * Reads a value; when the key is missing, computes it (on the facade's executor: pass a
     * {@linkplain BackendCommands#async(Executor) facade with an executor of your own} for a
     * supplier that blocks), adds it with the default timeout (an
     * {@code add}, so a concurrent writer wins) and returns what the cache then holds.
     * Same as {@code getOrSet(key, supplier, Timeout.defaultTimeout())}.
     *
     * @param key the key, not empty
     * @param supplier computes the value on a miss, not null
     * @param <T> the value type
     * @return a future of the cached or computed value
     */
    default <T> CompletableFuture<T> getOrSet(String key, Supplier<? extends T> supplier) {
        return getOrSet(key, supplier, Timeout.defaultTimeout());
    }

    /**
     * Like {@link #getOrSet(String, Supplier)} with an explicit timeout.
     *
     * @param key the key, not empty
     * @param supplier computes the value on a miss, not null
     * @param timeout the timeout of the added value, not null
     * @param <T> the value type
     * @return a future of the cached or computed value
     */
    <T> CompletableFuture<T> getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout);

    /**
     * Whether the key exists.
     *
     * @param key the key, not empty
     * @return a future of true when it exists
     */
    CompletableFuture<Boolean> hasKey(String key);

    /**
     * Deletes a key.
     *
     * @param key the key, not empty
     * @return a future of whether a key was deleted
     */
    CompletableFuture<Boolean> delete(String key);

    /**
     * Deletes several keys with one command.
     *
     * @param keys the keys (none empty); an empty collection sends nothing
     * @return a future of how many existed and were deleted
     */
    CompletableFuture<Long> deleteMany(Collection<String> keys);

    /**
     * Deletes every key this cache made (its prefix, every version), scanning with
     * {@code SCAN} and removing with {@code UNLINK}. Unlike Django's {@code clear()} it leaves
     * keys of other prefixes and applications alone.
     *
     * @return a future of how many keys were deleted
     */
    CompletableFuture<Long> clear();

    /**
     * Adds 1 to an integer value on the server (atomic; keeps the key's expiry).
     * Same as {@code incr(key, 1)}.
     *
     * @param key the key, not empty
     * @return a future of the new value
     * @throws CacheKeyNotFoundException when the key is missing
     * @throws CacheCommandException when the stored value is not a 64-bit integer or would overflow
     */
    default CompletableFuture<Long> incr(String key) {
        return incr(key, 1);
    }

    /**
     * Adds {@code delta} to an integer value on the server.
     *
     * @param key the key, not empty
     * @param delta the amount, may be negative
     * @return a future of the new value
     * @throws CacheKeyNotFoundException when the key is missing
     * @throws CacheCommandException when the stored value is not a 64-bit integer or would overflow
     */
    CompletableFuture<Long> incr(String key, long delta);

    /**
     * Subtracts 1.
     * Same as {@code incr(key, -1)}.
     *
     * @param key the key, not empty
     * @return a future of the new value
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default CompletableFuture<Long> decr(String key) {
        return incr(key, -1);
    }

    /**
     * Subtracts {@code delta}.
     * Same as {@code incr(key, -delta)}.
     *
     * @param key the key, not empty
     * @param delta the amount
     * @return a future of the new value
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default CompletableFuture<Long> decr(String key, long delta) {
        if (delta == Long.MIN_VALUE) {
            throw new IllegalArgumentException("decr delta " + delta + " cannot be negated");
        }
        return incr(key, -delta);
    }

    /**
     * Moves a value from this view's version to version + 1, keeping its remaining lifetime
     * (millisecond precision). Not atomic: a concurrent writer of either key may interleave.
     * Same as {@code incrVersion(key, 1)}.
     *
     * @param key the key, not empty
     * @return a future of the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default CompletableFuture<Integer> incrVersion(String key) {
        return incrVersion(key, 1);
    }

    /**
     * Moves a value from this view's version to version + {@code delta}.
     *
     * @param key the key, not empty
     * @param delta version change, may be negative; zero is refused
     * @return a future of the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    CompletableFuture<Integer> incrVersion(String key, int delta);

    /**
     * Moves a value from this view's version to version - 1.
     * Same as {@code incrVersion(key, -1)}.
     *
     * @param key the key, not empty
     * @return a future of the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default CompletableFuture<Integer> decrVersion(String key) {
        return incrVersion(key, -1);
    }

    /**
     * Moves a value from this view's version to version - {@code delta}.
     * Same as {@code incrVersion(key, -delta)}.
     *
     * @param key the key, not empty
     * @param delta version change; zero is refused
     * @return a future of the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default CompletableFuture<Integer> decrVersion(String key, int delta) {
        return incrVersion(key, Math.negateExact(delta));
    }

    /**
     * Atomic multi-get: one {@code MGET}, one consistent snapshot.
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return a future of found keys to values, in the order given; missing keys are omitted
     */
    CompletableFuture<Map<String, Object>> mget(Collection<String> keys);

    /**
     * Atomic multi-set with the default timeout: one transaction ({@code MSET}, plus a
     * {@code PEXPIRE} per key when the timeout is finite).
     * Same as {@code mset(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     * @return a future completed when the command is done
     */
    default CompletableFuture<Void> mset(Map<String, ?> values) {
        return mset(values, Timeout.defaultTimeout());
    }

    /**
     * Atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     * @return a future completed when the command is done
     */
    CompletableFuture<Void> mset(Map<String, ?> values, Timeout timeout);

    /**
     * Non-atomic multi-get: one pipeline of {@code GET}s.
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return a future of found keys to values, in the order given; missing keys are omitted
     */
    CompletableFuture<Map<String, Object>> getMany(Collection<String> keys);

    /**
     * Non-atomic multi-set with the default timeout: one pipeline of {@code SET}s.
     * Same as {@code setMany(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     * @return a future of the keys that could not be written (empty when all were)
     */
    default CompletableFuture<List<String>> setMany(Map<String, ?> values) {
        return setMany(values, Timeout.defaultTimeout());
    }

    /**
     * Non-atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     * @return a future of the keys that could not be written
     */
    CompletableFuture<List<String>> setMany(Map<String, ?> values, Timeout timeout);

    /**
     * All keys matching a glob pattern ({@code KEYS}; blocks the server while it runs: prefer the
     * blocking {@link BackendCommands#iterKeys(String)} on large databases). The prefix and
     * version are applied to the pattern, and the prefix's own glob characters are escaped.
     *
     * @param pattern a glob over user keys, e.g. {@code "user:*"}
     * @return a future of the matching user keys
     */
    CompletableFuture<List<String>> keys(String pattern);

    /**
     * Deletes every key matching a glob pattern ({@code SCAN} + batched {@code UNLINK}), with the
     * configured itersize.
     *
     * @param pattern a glob over user keys
     * @return a future of how many keys were deleted
     */
    CompletableFuture<Long> deletePattern(String pattern);

    /**
     * Deletes every key matching a glob pattern with {@code SCAN ... COUNT itersize}.
     * Same as {@code deletePattern(pattern, itersize, null)}.
     *
     * @param pattern a glob over user keys
     * @param itersize the {@code COUNT} hint, positive
     * @return a future of how many keys were deleted
     */
    default CompletableFuture<Long> deletePattern(String pattern, int itersize) {
        return deletePattern(pattern, itersize, null);
    }

    /**
     * Deletes every key matching a glob pattern, reporting the running count of deleted keys
     * after each batch (for progress displays).
     *
     * @param pattern a glob over user keys
     * @param itersize the {@code COUNT} hint, positive
     * @param progress called with the number deleted so far, on the facade's executor
     * @return a future of how many keys were deleted
     */
    CompletableFuture<Long> deletePattern(String pattern, int itersize, LongConsumer progress);

    /**
     * Remaining lifetime, in whole seconds (rounded as the server's {@code TTL} does).
     *
     * @param key the key, not empty
     * @return {@link Duration#ZERO} for a missing key, null for a persistent key, else the
     *     remaining time
     */
    CompletableFuture<Duration> ttl(String key);

    /**
     * Remaining lifetime in milliseconds.
     *
     * @param key the key, not empty
     * @return {@link Duration#ZERO} for a missing key, null for a persistent key, else the
     *     remaining time
     */
    CompletableFuture<Duration> pttl(String key);

    /**
     * Removes the expiry of a key.
     *
     * @param key the key, not empty
     * @return a future of true when an expiry was removed; false for a missing or already persistent key
     */
    CompletableFuture<Boolean> persist(String key);

    /**
     * Sets a key's lifetime; zero or negative deletes it. Kept to the millisecond (in Java the
     * {@code Duration} carries its precision, so {@code expire} and {@code pexpire} agree).
     * Same as {@code pexpire(key, timeout)}.
     *
     * @param key the key, not empty
     * @param timeout the lifetime, not null
     * @return a future of whether the key existed
     */
    default CompletableFuture<Boolean> expire(String key, Duration timeout) {
        return pexpire(key, timeout);
    }

    /**
     * Sets a key's lifetime in milliseconds; zero or negative deletes it.
     *
     * @param key the key, not empty
     * @param timeout the lifetime, not null
     * @return a future of whether the key existed
     */
    CompletableFuture<Boolean> pexpire(String key, Duration timeout);

    /**
     * Makes a key expire at an instant (truncated to whole seconds, as {@code EXPIREAT}); a past
     * instant deletes it.
     *
     * @param key the key, not empty
     * @param when the instant, not null
     * @return a future of whether the key existed
     */
    CompletableFuture<Boolean> expireAt(String key, Instant when);

    /**
     * Makes a key expire at an instant, to the millisecond; a past instant deletes it.
     *
     * @param key the key, not empty
     * @param when the instant, not null
     * @return a future of whether the key existed
     */
    CompletableFuture<Boolean> pexpireAt(String key, Instant when);

    /**
     * Resets a key's lifetime to the default timeout.
     * Same as {@code touch(key, Timeout.defaultTimeout())}.
     *
     * @param key the key, not empty
     * @return a future of whether the key existed
     */
    default CompletableFuture<Boolean> touch(String key) {
        return touch(key, Timeout.defaultTimeout());
    }

    /**
     * Resets a key's lifetime; zero or negative deletes it.
     *
     * @param key the key, not empty
     * @param timeout the lifetime, not null
     * @return a future of whether the key existed
     */
    CompletableFuture<Boolean> touch(String key, Duration timeout);

    /**
     * Resets a key's lifetime ({@link Timeout#never()} makes it persistent).
     *
     * @param key the key, not empty
     * @param timeout the timeout, not null
     * @return a future of whether the key existed
     */
    CompletableFuture<Boolean> touch(String key, Timeout timeout);
}
