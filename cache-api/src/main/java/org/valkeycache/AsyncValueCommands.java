package org.valkeycache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@link ValueCommands} as futures: single-key writes, reads, deletes, counters and key versions.
 *
 * <p>A family of {@link AsyncBackendCommands}, which states the threads, errors and backpressure
 * every method here follows.
 */
public interface AsyncValueCommands {

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
    default CompletableFuture<Boolean> set(String key, Object value, Duration timeout) {
        return set(key, value, Timeout.of(timeout));
    }

    /**
     * Stores a value with a timeout (default, never, or a duration).
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return a future of true
     */
    default CompletableFuture<Boolean> set(String key, Object value, Timeout timeout) {
        return set(key, value, SetArgs.defaults().timeout(timeout));
    }

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
    default CompletableFuture<Boolean> add(String key, Object value, Duration timeout) {
        return add(key, value, Timeout.of(timeout));
    }

    /**
     * Stores a value only if the key is absent.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return a future of whether it was added
     */
    default CompletableFuture<Boolean> add(String key, Object value, Timeout timeout) {
        return set(key, value, SetArgs.nx().timeout(timeout));
    }

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
}
