package org.valkeycache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Valkey hashes through the cache, asynchronously: keys through key making, field values through
 * the value codec, field names as UTF-8 text.
 *
 * <p>Each method behaves as its blocking twin in {@link HashCommands}: it returns a future
 * completed on the facade's executor (see {@link AsyncBackendCommands}), throws
 * {@link IllegalArgumentException} at once for an invalid argument, and fails the future with the
 * typed {@link CacheException} for everything else.
 */
public interface AsyncHashCommands {

    /**
     * {@code HSET} of one field.
     *
     * @param key the hash
     * @param field the field name, not empty
     * @param value the value
     * @return a future of 1 if the field is new, 0 if it was updated
     */
    CompletableFuture<Long> hset(String key, String field, Object value);

    /**
     * {@code HSET} of several fields in one command.
     *
     * @param key the hash
     * @param fields field names and values, not empty
     * @return a future of how many fields are new
     */
    CompletableFuture<Long> hset(String key, Map<String, ?> fields);

    /**
     * {@code HSETNX}: sets a field only if it does not exist.
     *
     * @param key the hash
     * @param field the field name
     * @param value the value
     * @return a future of whether the field was set
     */
    CompletableFuture<Boolean> hsetnx(String key, String field, Object value);

    /**
     * {@code HGET}.
     *
     * @param key the hash
     * @param field the field name
     * @param <T> the expected type
     * @return a future of the decoded value, or null when the field or hash is missing
     */
    <T> CompletableFuture<T> hget(String key, String field);

    /**
     * {@code HGET} with a typed read (for serializers that bind to a type, such as JSON).
     *
     * @param key the hash
     * @param field the field name
     * @param type the expected type
     * @param <T> the expected type
     * @return a future of the decoded value, or null when missing
     */
    <T> CompletableFuture<T> hget(String key, String field, Class<T> type);

    /**
     * {@code HMGET}.
     *
     * @param key the hash
     * @param fields the field names
     * @return a future of the present fields and their values, in the order asked
     */
    CompletableFuture<Map<String, Object>> hmget(String key, Collection<String> fields);

    /**
     * {@code HGETALL}.
     *
     * @param key the hash
     * @return a future of every field and value (empty when the hash is missing)
     */
    CompletableFuture<Map<String, Object>> hgetall(String key);

    /**
     * {@code HDEL}.
     *
     * @param key the hash
     * @param fields the field names, at least one
     * @return a future of how many fields were removed
     */
    CompletableFuture<Long> hdel(String key, String... fields);

    /**
     * {@code HLEN}.
     *
     * @param key the hash
     * @return a future of the number of fields, 0 when missing
     */
    CompletableFuture<Long> hlen(String key);

    /**
     * {@code HKEYS}.
     *
     * @param key the hash
     * @return a future of the field names
     */
    CompletableFuture<List<String>> hkeys(String key);

    /**
     * {@code HVALS}.
     *
     * @param key the hash
     * @return a future of the decoded values
     */
    CompletableFuture<List<Object>> hvals(String key);

    /**
     * {@code HEXISTS}.
     *
     * @param key the hash
     * @param field the field name
     * @return a future of whether the field exists
     */
    CompletableFuture<Boolean> hexists(String key, String field);

    /**
     * {@code HINCRBY}: atomic on the server; a missing field counts as 0.
     *
     * @param key the hash
     * @param field the field name
     * @param delta the amount
     * @return a future of the new value
     * @throws CacheCommandException if the field holds something other than an integer
     */
    CompletableFuture<Long> hincrby(String key, String field, long delta);
}
