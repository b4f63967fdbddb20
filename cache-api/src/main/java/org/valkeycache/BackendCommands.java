package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.valkeycache.metrics.CacheMetrics;

/**
 * The cache facade: every command of django-valkey's "valkey commands" page, Java-idiomatic.
 *
 * <p>Keys are {@code String}s, made into stored keys with the configured prefix and version
 * ({@code prefix:version:key} by default). Values are any object the configured serializer
 * accepts; integers ({@code Byte}, {@code Short}, {@code Integer}, {@code Long},
 * {@code BigInteger}) are stored raw as decimal text and read back as {@link Long} (or
 * {@link java.math.BigInteger} beyond 64 bits), so that {@link #incr} works on the server.
 *
 * <p>Timeouts follow Django's contract: no timeout argument means the configured default
 * ({@link Timeout#defaultTimeout()}, 300 s unless configured); {@link Timeout#never()} means
 * persistent; a zero or negative duration expires the key immediately. Sub-second durations keep
 * millisecond precision.
 *
 * <p>Errors: invalid arguments (null or empty key, null timeout, non-positive itersize) throw
 * {@link IllegalArgumentException}; everything else is a {@link CacheException}. When the cache is
 * configured with {@code ignoreExceptions}, connection failures ({@link CacheConnectionException},
 * including timeouts) are swallowed: reads return their default (null, empty), writes return
 * false, counts return 0. Server error replies, serialization errors, configuration errors
 * (including a database index the server lacks), refused credentials
 * ({@link CacheAuthenticationException}) and ACL denials ({@link CachePermissionException}) are
 * never swallowed.
 *
 * <p>Implementations are thread-safe. Blocking methods wait at most about the configured request
 * timeout for each server round trip.
 */
public interface BackendCommands extends HashCommands, SetCommands, SortedSetCommands, ListCommands, LockCommands,
        AutoCloseable {

    // ---- single-key writes -------------------------------------------------------------------

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
    boolean set(String key, Object value, Duration timeout);

    /**
     * Stores a value with a timeout (default, never, or a duration).
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return true
     */
    boolean set(String key, Object value, Timeout timeout);

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
    boolean add(String key, Object value, Duration timeout);

    /**
     * Stores a value only if the key is absent.
     *
     * @param key the key, not empty
     * @param value the value
     * @param timeout the timeout, not null
     * @return whether it was added
     */
    boolean add(String key, Object value, Timeout timeout);

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

    // ---- single-key reads --------------------------------------------------------------------

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
     * time-to-idle read. The timeout follows {@link #touch(String, Timeout)}: the default
     * timeout when {@link Timeout#defaultTimeout()}, persistent for {@link Timeout#never()}, and
     * a zero or negative duration reads the value and removes the key ({@code GETDEL}). A missing
     * key stays missing. Counts as a get in {@link #metrics()}.
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

    // ---- deletes -----------------------------------------------------------------------------

    /**
     * Deletes a key.
     *
     * @param key the key, not empty
     * @return whether a key was deleted
     */
    boolean delete(String key);

    /**
     * Deletes several keys with one command.
     *
     * @param keys the keys (none empty); an empty collection sends nothing
     * @return how many existed and were deleted
     */
    long deleteMany(Collection<String> keys);

    /**
     * Deletes every key this cache made (its prefix, every version), scanning with
     * {@code SCAN} and removing with {@code UNLINK}. Unlike Django's {@code clear()} it leaves
     * keys of other prefixes and applications alone.
     *
     * @return how many keys were deleted
     */
    long clear();

    // ---- counters and versions ---------------------------------------------------------------

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

    // ---- bulk --------------------------------------------------------------------------------

    /**
     * Atomic multi-get: one {@code MGET}, one consistent snapshot.
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return found keys to values, in the order given; missing keys are omitted
     */
    Map<String, Object> mget(Collection<String> keys);

    /**
     * Atomic multi-set with the default timeout: one transaction ({@code MSET}, plus a
     * {@code PEXPIRE} per key when the timeout is finite).
     * Same as {@code mset(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     */
    default void mset(Map<String, ?> values) {
        mset(values, Timeout.defaultTimeout());
    }

    /**
     * Atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     */
    void mset(Map<String, ?> values, Timeout timeout);

    /**
     * Non-atomic multi-get: one round trip per node ({@code MGET}s, or a pipeline of {@code GET}s).
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return found keys to values, in the order given; missing keys are omitted
     */
    Map<String, Object> getMany(Collection<String> keys);

    /**
     * Non-atomic multi-set with the default timeout: one round trip per node; one key's failure
     * does not stop the others.
     * Same as {@code setMany(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     * @return the keys that could not be written (empty when all were)
     */
    default List<String> setMany(Map<String, ?> values) {
        return setMany(values, Timeout.defaultTimeout());
    }

    /**
     * Non-atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     * @return the keys that could not be written
     */
    List<String> setMany(Map<String, ?> values, Timeout timeout);

    // ---- patterns ----------------------------------------------------------------------------

    /**
     * All keys matching a glob pattern ({@code KEYS}; blocks the server while it runs: prefer
     * {@link #iterKeys(String)} on large databases). The prefix and version are applied to the
     * pattern, and the prefix's own glob characters are escaped.
     *
     * @param pattern a glob over user keys, e.g. {@code "user:*"}
     * @return the matching user keys
     */
    List<String> keys(String pattern);

    /**
     * Lazily streams keys matching a glob pattern with {@code SCAN}, using the configured
     * itersize. Never loads the whole keyspace; a key may appear twice if the database is
     * rehashed during the scan (server behaviour).
     *
     * @param pattern a glob over user keys
     * @return a lazy stream of user keys
     */
    Stream<String> iterKeys(String pattern);

    /**
     * Lazily streams keys matching a glob pattern with {@code SCAN ... COUNT itersize}.
     *
     * @param pattern a glob over user keys
     * @param itersize the {@code COUNT} hint, positive
     * @return a lazy stream of user keys
     */
    Stream<String> iterKeys(String pattern, int itersize);

    /**
     * Deletes every key matching a glob pattern ({@code SCAN} + batched {@code UNLINK}), with the
     * configured itersize.
     *
     * @param pattern a glob over user keys
     * @return how many keys were deleted
     */
    long deletePattern(String pattern);

    /**
     * Deletes every key matching a glob pattern with {@code SCAN ... COUNT itersize}.
     * Same as {@code deletePattern(pattern, itersize, null)}.
     *
     * @param pattern a glob over user keys
     * @param itersize the {@code COUNT} hint, positive
     * @return how many keys were deleted
     */
    default long deletePattern(String pattern, int itersize) {
        return deletePattern(pattern, itersize, null);
    }

    /**
     * Deletes every key matching a glob pattern, reporting the running count of deleted keys
     * after each batch (for progress displays).
     *
     * @param pattern a glob over user keys
     * @param itersize the {@code COUNT} hint, positive
     * @param progress called with the number deleted so far, on the calling thread
     * @return how many keys were deleted
     */
    long deletePattern(String pattern, int itersize, LongConsumer progress);

    // ---- expiry ------------------------------------------------------------------------------

    /**
     * Remaining lifetime, in whole seconds (rounded as the server's {@code TTL} does).
     *
     * @param key the key, not empty
     * @return {@link Duration#ZERO} for a missing key, null for a persistent key, else the
     *     remaining time
     */
    Duration ttl(String key);

    /**
     * Remaining lifetime in milliseconds.
     *
     * @param key the key, not empty
     * @return {@link Duration#ZERO} for a missing key, null for a persistent key, else the
     *     remaining time
     */
    Duration pttl(String key);

    /**
     * Removes the expiry of a key.
     *
     * @param key the key, not empty
     * @return true when an expiry was removed; false for a missing or already persistent key
     */
    boolean persist(String key);

    /**
     * Sets a key's lifetime; zero or negative deletes it. Kept to the millisecond (in Java the
     * {@code Duration} carries its precision, so {@code expire} and {@code pexpire} agree).
     * Same as {@code pexpire(key, timeout)}.
     *
     * @param key the key, not empty
     * @param timeout the lifetime, not null
     * @return whether the key existed
     */
    default boolean expire(String key, Duration timeout) {
        return pexpire(key, timeout);
    }

    /**
     * Sets a key's lifetime in milliseconds; zero or negative deletes it.
     *
     * @param key the key, not empty
     * @param timeout the lifetime, not null
     * @return whether the key existed
     */
    boolean pexpire(String key, Duration timeout);

    /**
     * Makes a key expire at an instant (truncated to whole seconds, as {@code EXPIREAT}); a past
     * instant deletes it.
     *
     * @param key the key, not empty
     * @param when the instant, not null
     * @return whether the key existed
     */
    boolean expireAt(String key, Instant when);

    /**
     * Makes a key expire at an instant, to the millisecond; a past instant deletes it.
     *
     * @param key the key, not empty
     * @param when the instant, not null
     * @return whether the key existed
     */
    boolean pexpireAt(String key, Instant when);

    /**
     * Resets a key's lifetime to the default timeout.
     * Same as {@code touch(key, Timeout.defaultTimeout())}.
     *
     * @param key the key, not empty
     * @return whether the key existed
     */
    default boolean touch(String key) {
        return touch(key, Timeout.defaultTimeout());
    }

    /**
     * Resets a key's lifetime; zero or negative deletes it.
     *
     * @param key the key, not empty
     * @param timeout the lifetime, not null
     * @return whether the key existed
     */
    boolean touch(String key, Duration timeout);

    /**
     * Resets a key's lifetime ({@link Timeout#never()} makes it persistent).
     *
     * @param key the key, not empty
     * @param timeout the timeout, not null
     * @return whether the key existed
     */
    boolean touch(String key, Timeout timeout);

    // ---- views, keys, raw access -------------------------------------------------------------

    /**
     * This cache's commands as futures, with replies decoded on
     * {@link java.util.concurrent.ForkJoinPool#commonPool()} (see {@link AsyncBackendCommands} for
     * the threads, errors and backpressure). Same semantics and same code as the blocking methods.
     *
     * @return the asynchronous facade over this cache and version; cheap, shares connections
     * @throws CacheUnsupportedOperationException when this implementation has no asynchronous
     *     facade (the default, for implementations other than {@link ValkeyCache})
     */
    default AsyncBackendCommands async() {
        throw new CacheUnsupportedOperationException(getClass().getName() + " has no asynchronous facade");
    }

    /**
     * This cache's commands as futures, with replies decoded, {@code getOrSet} suppliers run and
     * futures completed on {@code executor} (for continuations that block, or that must run on an
     * executor of the application's).
     *
     * @param executor runs the continuations, not null
     * @return the asynchronous facade over this cache and version
     * @throws CacheUnsupportedOperationException when this implementation has no asynchronous
     *     facade (the default, for implementations other than {@link ValkeyCache})
     */
    default AsyncBackendCommands async(Executor executor) {
        throw new CacheUnsupportedOperationException(getClass().getName() + " has no asynchronous facade");
    }

    /**
     * A view of this cache whose keys use another version. Cheap; shares connections. Closing
     * a view does nothing; close the cache itself.
     *
     * @param version the key version
     * @return the view
     */
    BackendCommands withVersion(int version);

    /**
     * The version this view makes keys with.
     *
     * @return the version
     */
    int version();

    /**
     * The meters of this cache (gets by result, puts, evictions, loads, errors, call latency and
     * whatever its client strategy registers), shared by every version view. Always on; the
     * {@code micrometer} module publishes them.
     *
     * @return the cache's meters
     */
    CacheMetrics metrics();

    /**
     * The stored key for a user key.
     *
     * @param key the key, not empty
     * @return the made key, e.g. {@code "prefix:1:key"}
     */
    String makeKey(String key);

    /**
     * The server-side glob for a user pattern (prefix escaped, version applied).
     *
     * @param pattern a glob over user keys
     * @return the pattern sent to the server
     */
    String makePattern(String pattern);

    /**
     * The underlying driver client for commands this facade does not offer (the primary's).
     * For glide-backed strategies a {@code glide.api.GlideClient}; shared, do not close it.
     * Same as {@code getValkeyConnection(true)}.
     *
     * @return the driver client
     * @throws CacheUnsupportedOperationException on strategies without a single connection (shard)
     */
    default Object getValkeyConnection() {
        return getValkeyConnection(true);
    }

    /**
     * The underlying driver client for writes (the primary) or reads (a replica when configured).
     *
     * @param write true for the primary
     * @return the driver client
     * @throws CacheUnsupportedOperationException on strategies without a single connection (shard)
     */
    Object getValkeyConnection(boolean write);

    /**
     * The underlying driver client, checked against the expected type.
     *
     * @param type the expected driver type, e.g. {@code GlideClient.class}
     * @param write true for the primary
     * @param <C> the driver type
     * @return the driver client
     * @throws CacheUnsupportedOperationException when the strategy has no single connection or the
     *     connection is of another type
     */
    <C> C getValkeyConnection(Class<C> type, boolean write);

    /** Closes the connections of this cache (a no-op on a {@link #withVersion} view). */
    @Override
    void close();
}
