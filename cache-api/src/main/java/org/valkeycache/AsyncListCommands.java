package org.valkeycache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Valkey lists through the cache, asynchronously: keys through key making, elements through the
 * value codec. The blocking pops borrow a dedicated connection on the calling thread (a bounded
 * wait, {@code blocking.borrow_timeout}, when every pooled connection is busy); their server-side
 * wait then runs without holding any thread.
 *
 * <p>Each method behaves as its blocking twin in {@link ListCommands}: it returns a future
 * completed on the facade's executor (see {@link AsyncBackendCommands}), throws
 * {@link IllegalArgumentException} at once for an invalid argument, and fails the future with the
 * typed {@link CacheException} for everything else.
 */
public interface AsyncListCommands {

    /**
     * {@code LPUSH}: the last value given ends up first.
     *
     * @param key the list
     * @param values the values, at least one
     * @return a future of the new length
     */
    CompletableFuture<Long> lpush(String key, Object... values);

    /**
     * {@code RPUSH}.
     *
     * @param key the list
     * @param values the values, at least one
     * @return a future of the new length
     */
    CompletableFuture<Long> rpush(String key, Object... values);

    /**
     * {@code LPOP} of one element.
     *
     * @param key the list
     * @param <T> the expected type
     * @return a future of the first element, or null when the list is empty
     */
    <T> CompletableFuture<T> lpop(String key);

    /**
     * {@code LPOP key count}.
     *
     * @param key the list
     * @param count how many, positive
     * @return a future of the removed elements (empty when the list is missing)
     */
    CompletableFuture<List<Object>> lpop(String key, int count);

    /**
     * {@code RPOP} of one element.
     *
     * @param key the list
     * @param <T> the expected type
     * @return a future of the last element, or null when the list is empty
     */
    <T> CompletableFuture<T> rpop(String key);

    /**
     * {@code RPOP key count}.
     *
     * @param key the list
     * @param count how many, positive
     * @return a future of the removed elements, last first
     */
    CompletableFuture<List<Object>> rpop(String key, int count);

    /**
     * {@code LRANGE}.
     *
     * @param key the list
     * @param start first index (negative counts from the end)
     * @param stop last index, inclusive
     * @return a future of the elements
     */
    CompletableFuture<List<Object>> lrange(String key, long start, long stop);

    /**
     * {@code LLEN}.
     *
     * @param key the list
     * @return a future of the length, 0 when missing
     */
    CompletableFuture<Long> llen(String key);

    /**
     * {@code LREM}: removes elements equal to {@code value} (by encoded bytes).
     *
     * @param key the list
     * @param count how many: positive from the head, negative from the tail, 0 all
     * @param value the value
     * @return a future of how many were removed
     */
    CompletableFuture<Long> lrem(String key, long count, Object value);

    /**
     * {@code LTRIM}: keeps only the elements from {@code start} to {@code stop}.
     *
     * @param key the list
     * @param start first index kept
     * @param stop last index kept, inclusive
     * @return a future completed when the command is done
     */
    CompletableFuture<Void> ltrim(String key, long start, long stop);

    /**
     * {@code BLPOP}: waits up to {@code timeout} for an element at the head of the first
     * non-empty list, on a dedicated connection.
     *
     * @param timeout how long the server may wait, positive (every wait has a bound);
     *     sub-second values are kept
     * @param keys the lists, at least one
     * @return a future of the key (as given) and the element, or null on timeout
     */
    CompletableFuture<Map.Entry<String, Object>> blpop(Duration timeout, String... keys);

    /**
     * {@code BRPOP}: like {@link #blpop} at the tail.
     *
     * @param timeout how long the server may wait
     * @param keys the lists, at least one
     * @return a future of the key (as given) and the element, or null on timeout
     */
    CompletableFuture<Map.Entry<String, Object>> brpop(Duration timeout, String... keys);
}
