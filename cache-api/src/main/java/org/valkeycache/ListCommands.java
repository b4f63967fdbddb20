package org.valkeycache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Valkey lists through the cache (beyond django-valkey, which has none): keys through key
 * making, elements through the value codec. The blocking pops run on a dedicated pooled
 * connection, never on the shared one.
 */
public interface ListCommands {

    /**
     * {@code LPUSH}: the last value given ends up first.
     *
     * @param key the list
     * @param values the values, at least one
     * @return the new length
     */
    long lpush(String key, Object... values);

    /**
     * {@code RPUSH}.
     *
     * @param key the list
     * @param values the values, at least one
     * @return the new length
     */
    long rpush(String key, Object... values);

    /**
     * {@code LPOP} of one element.
     *
     * @param key the list
     * @param <T> the expected type
     * @return the first element, or null when the list is empty
     */
    <T> T lpop(String key);

    /**
     * {@code LPOP key count}.
     *
     * @param key the list
     * @param count how many, positive
     * @return the removed elements (empty when the list is missing)
     */
    List<Object> lpop(String key, int count);

    /**
     * {@code RPOP} of one element.
     *
     * @param key the list
     * @param <T> the expected type
     * @return the last element, or null when the list is empty
     */
    <T> T rpop(String key);

    /**
     * {@code RPOP key count}.
     *
     * @param key the list
     * @param count how many, positive
     * @return the removed elements, last first
     */
    List<Object> rpop(String key, int count);

    /**
     * {@code LRANGE}.
     *
     * @param key the list
     * @param start first index (negative counts from the end)
     * @param stop last index, inclusive
     * @return the elements
     */
    List<Object> lrange(String key, long start, long stop);

    /**
     * {@code LLEN}.
     *
     * @param key the list
     * @return the length, 0 when missing
     */
    long llen(String key);

    /**
     * {@code LREM}: removes elements equal to {@code value} (by encoded bytes).
     *
     * @param key the list
     * @param count how many: positive from the head, negative from the tail, 0 all
     * @param value the value
     * @return how many were removed
     */
    long lrem(String key, long count, Object value);

    /**
     * {@code LTRIM}: keeps only the elements from {@code start} to {@code stop}.
     *
     * @param key the list
     * @param start first index kept
     * @param stop last index kept, inclusive
     */
    void ltrim(String key, long start, long stop);

    /**
     * {@code BLPOP}: waits up to {@code timeout} for an element at the head of the first
     * non-empty list, on a dedicated connection.
     *
     * @param timeout how long the server may wait, positive (every wait has a bound);
     *     sub-second values are kept
     * @param keys the lists, at least one
     * @return the key (as given) and the element, or null on timeout
     */
    Map.Entry<String, Object> blpop(Duration timeout, String... keys);

    /**
     * {@code BRPOP}: like {@link #blpop} at the tail.
     *
     * @param timeout how long the server may wait
     * @param keys the lists, at least one
     * @return the key (as given) and the element, or null on timeout
     */
    Map.Entry<String, Object> brpop(Duration timeout, String... keys);
}
