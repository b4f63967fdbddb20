package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.valkeycache.internal.Arguments;

/**
 * {@link KeyspaceCommands} as futures: keys by pattern ({@code keys}, {@code deletePattern},
 * {@code clear}) and key lifetimes ({@code ttl}/{@code pttl}, {@code persist}, the expire family
 * and {@code touch}). The lazy {@code iterKeys} stream stays on the blocking facade.
 *
 * <p>A family of {@link AsyncBackendCommands}, which states the threads, errors and backpressure
 * every method here follows.
 */
public interface AsyncKeyspaceCommands {

    /**
     * Deletes every key this cache made (its prefix, every version), scanning with
     * {@code SCAN} and removing with {@code UNLINK}. Unlike Django's {@code clear()} it leaves
     * keys of other prefixes and applications alone.
     *
     * @return a future of how many keys were deleted
     */
    CompletableFuture<Long> clear();

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
    default CompletableFuture<Boolean> expireAt(String key, Instant when) {
        return pexpireAt(key, Instant.ofEpochSecond(Arguments.notNull(when, "when").getEpochSecond()));
    }

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
    default CompletableFuture<Boolean> touch(String key, Duration timeout) {
        return touch(key, Timeout.of(timeout));
    }

    /**
     * Resets a key's lifetime ({@link Timeout#never()} makes it persistent).
     *
     * @param key the key, not empty
     * @param timeout the timeout, not null
     * @return a future of whether the key existed
     */
    CompletableFuture<Boolean> touch(String key, Timeout timeout);
}
