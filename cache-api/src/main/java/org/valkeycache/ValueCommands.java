package org.valkeycache;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Single-key values: writes with a timeout and an optional condition ({@code nx}/{@code xx}),
 * reads, deletes, and the server-side counters and key versions. Keys go through key making
 * (prefix, version); values through the configured serializer and compressor, except integers,
 * which are stored raw so that {@link #incr} works on the server.
 *
 * <p>A family of {@link BackendCommands}, which states the timeout, error and ignore-exceptions
 * rules every method here follows.
 */
public interface ValueCommands {

    /**
     * Stores a value with the default timeout.
     * Same as {@code set(key, value, SetArgs.defaults())}.
     *
     * @param key the key, not empty
     * @param value the value
     * @return true (the write always happens unless the server fails)
     * @throws CacheSerializationException when the value cannot be serialized (nothing is written)
     */
    default boolean set(String key, Object value) {
        return set(key, value, SetArgs.defaults());
    }

    /**
     * Stores a value with a fixed timeout; zero or negative removes the key instead.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the lifetime, not null
     * @return true
     */
    default boolean set(String key, Object value, Duration timeout) {
        return set(key, value, Timeout.of(timeout));
    }

    /**
     * Stores a value with a timeout (default, never, or a duration).
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return true
     */
    default boolean set(String key, Object value, Timeout timeout) {
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
     * @return whether the value was written; false when the condition prevented it
     */
    boolean set(String key, Object value, SetArgs args);

    /**
     * Stores a value only if the key is absent, with the default timeout.
     * Same as {@code set(key, value, SetArgs.nx())}.
     *
     * @param key the key, not empty
     * @param value the value
     * @return whether it was added (false, never null, when the key existed)
     */
    default boolean add(String key, Object value) {
        return set(key, value, SetArgs.nx());
    }

    /**
     * Stores a value only if the key is absent.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the lifetime, not null
     * @return whether it was added
     */
    default boolean add(String key, Object value, Duration timeout) {
        return add(key, value, Timeout.of(timeout));
    }

    /**
     * Stores a value only if the key is absent.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return whether it was added
     */
    default boolean add(String key, Object value, Timeout timeout) {
        return set(key, value, SetArgs.nx().timeout(timeout));
    }

    /**
     * Adds a value if the key is absent and otherwise returns what the key holds, atomically in
     * one round trip ({@code SET key value NX GET [PX ms]}, Valkey 7.0 or later): the
     * "put if absent" of Spring's and JCache's caches. The existing value is left as it is,
     * lifetime included.
     *
     * <p>An expire-now timeout (zero or negative) writes nothing: the key's value is returned
     * when it exists, {@code whenAdded} when it does not. Under the ignore-exceptions policy an
     * outage returns null.
     *
     * <pre>{@code
     * Object before = cache.addOrGet("k", value, Timeout.of(Duration.ofMinutes(5)), null);
     * if (before == null) { ... value was stored ... }
     * }</pre>
     *
     * @param key the key, not empty
     * @param value the value to add
     * @param timeout the lifetime of an added value, not null
     * @param whenAdded what to return when the key was absent and {@code value} was written;
     *     pass a marker object of your own to tell a stored null from an add
     * @param <T> the value type
     * @return the value the key already held (nothing was written), or {@code whenAdded}
     * @throws CacheSerializationException when the value cannot be serialized or the stored one
     *     cannot be read (nothing is written)
     */
    <T> T addOrGet(String key, Object value, Timeout timeout, T whenAdded);

    /**
     * Reads a value.
     *
     * @param key the key, not empty
     * @param <T> the type the caller expects (unchecked; prefer {@link #get(String, Class)})
     * @return the value, or null when the key is missing (or a null was stored)
     */
    <T> T get(String key);

    /**
     * Reads a value as a type. With the JSON serializer this decodes into that type; otherwise
     * the decoded value is checked against it. Stored integers convert to any integral type they
     * fit.
     *
     * @param key the key, not empty
     * @param type the expected type, not null
     * @param <T> the expected type
     * @return the value, or null when the key is missing
     * @throws CacheSerializationException when the stored value is not of that type
     */
    <T> T get(String key, Class<T> type);

    /**
     * Reads a value, or returns a default when the key is missing. A stored null is returned as
     * null, not as the default.
     *
     * @param key the key, not empty
     * @param defaultValue returned when the key is missing
     * @param <T> the value type
     * @return the value or the default
     */
    <T> T getOrDefault(String key, T defaultValue);

    /**
     * Reads a value and restarts its timeout in the same round trip ({@code GETEX}): a
     * time-to-idle read. The timeout follows {@link KeyspaceCommands#touch(String, Timeout)}: the
     * default timeout when {@link Timeout#defaultTimeout()}, persistent for
     * {@link Timeout#never()}, and a zero or negative duration reads the value and removes the key
     * ({@code GETDEL}). A missing key stays missing. Counts as a get in
     * {@link BackendCommands#metrics()}.
     *
     * @param key the key, not empty
     * @param timeout the new timeout, not null
     * @param defaultValue returned when the key is missing (a stored null is returned as null)
     * @param <T> the value type
     * @return the value or the default
     */
    <T> T getAndTouch(String key, Timeout timeout, T defaultValue);

    /**
     * {@link #getAndTouch(String, Timeout, Object)} returning null for a missing key.
     *
     * @param key the key, not empty
     * @param timeout the new timeout, not null
     * @param <T> the value type
     * @return the value, or null when the key is missing
     */
    default <T> T getAndTouch(String key, Timeout timeout) {
        return getAndTouch(key, timeout, null);
    }

    /**
     * Reads a value; when the key is missing, computes it, adds it with the default timeout (an
     * {@code add}, so a concurrent writer wins) and returns what the cache then holds.
     * Same as {@code getOrSet(key, supplier, Timeout.defaultTimeout())}.
     *
     * @param key the key, not empty
     * @param supplier computes the value on a miss, not null
     * @param <T> the value type
     * @return the cached or computed value
     */
    default <T> T getOrSet(String key, Supplier<? extends T> supplier) {
        return getOrSet(key, supplier, Timeout.defaultTimeout());
    }

    /**
     * Like {@link #getOrSet(String, Supplier)} with an explicit timeout.
     *
     * @param key the key, not empty
     * @param supplier computes the value on a miss, not null
     * @param timeout the timeout of the added value, not null
     * @param <T> the value type
     * @return the cached or computed value
     */
    <T> T getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout);

    /**
     * Whether the key exists.
     *
     * @param key the key, not empty
     * @return true when it exists
     */
    boolean hasKey(String key);

    /**
     * Deletes a key.
     *
     * @param key the key, not empty
     * @return whether a key was deleted
     */
    boolean delete(String key);

    /**
     * Adds 1 to an integer value on the server (atomic; keeps the key's expiry).
     * Same as {@code incr(key, 1)}.
     *
     * @param key the key, not empty
     * @return the new value
     * @throws CacheKeyNotFoundException when the key is missing
     * @throws CacheCommandException when the stored value is not a 64-bit integer or would overflow
     */
    default long incr(String key) {
        return incr(key, 1);
    }

    /**
     * Adds {@code delta} to an integer value on the server.
     *
     * @param key the key, not empty
     * @param delta the amount, may be negative
     * @return the new value
     * @throws CacheKeyNotFoundException when the key is missing
     * @throws CacheCommandException when the stored value is not a 64-bit integer or would overflow
     */
    long incr(String key, long delta);

    /**
     * Subtracts 1.
     * Same as {@code incr(key, -1)}.
     *
     * @param key the key, not empty
     * @return the new value
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default long decr(String key) {
        return incr(key, -1);
    }

    /**
     * Subtracts {@code delta}.
     * Same as {@code incr(key, -delta)}.
     *
     * @param key the key, not empty
     * @param delta the amount
     * @return the new value
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default long decr(String key, long delta) {
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
     * @return the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default int incrVersion(String key) {
        return incrVersion(key, 1);
    }

    /**
     * Moves a value from this view's version to version + {@code delta}.
     *
     * @param key the key, not empty
     * @param delta version change, may be negative; zero is refused
     * @return the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    int incrVersion(String key, int delta);

    /**
     * Moves a value from this view's version to version - 1.
     * Same as {@code incrVersion(key, -1)}.
     *
     * @param key the key, not empty
     * @return the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default int decrVersion(String key) {
        return incrVersion(key, -1);
    }

    /**
     * Moves a value from this view's version to version - {@code delta}.
     * Same as {@code incrVersion(key, -delta)}.
     *
     * @param key the key, not empty
     * @param delta version change; zero is refused
     * @return the new version
     * @throws CacheKeyNotFoundException when the key is missing
     */
    default int decrVersion(String key, int delta) {
        return incrVersion(key, Math.negateExact(delta));
    }
}
