package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.valkeycache.internal.Arguments;

/**
 * Keys by pattern and key lifetimes: {@link #keys}, the lazy {@link #iterKeys(String)},
 * {@link #deletePattern(String)} and {@link #clear} (all confined to this cache's prefix and
 * version; {@code SCAN} and {@code UNLINK} with an itersize), and {@code ttl}/{@code pttl},
 * {@code persist}, {@code expire}/{@code pexpire}/{@code expireAt}/{@code pexpireAt} and
 * {@code touch}.
 *
 * <p>A family of {@link BackendCommands}, which states the timeout, error and ignore-exceptions
 * rules every method here follows.
 */
public interface KeyspaceCommands {

    /**
     * Deletes every key this cache made (its prefix, every version), scanning with
     * {@code SCAN} and removing with {@code UNLINK}. Unlike Django's {@code clear()} it leaves
     * keys of other prefixes and applications alone.
     *
     * @return how many keys were deleted
     */
    long clear();

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
    default boolean expireAt(String key, Instant when) {
        return pexpireAt(key, Instant.ofEpochSecond(Arguments.notNull(when, "when").getEpochSecond()));
    }

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
    default boolean touch(String key, Duration timeout) {
        return touch(key, Timeout.of(timeout));
    }

    /**
     * Resets a key's lifetime ({@link Timeout#never()} makes it persistent).
     *
     * @param key the key, not empty
     * @param timeout the timeout, not null
     * @return whether the key existed
     */
    boolean touch(String key, Timeout timeout);
}
