package org.valkeycache;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Valkey hashes through the cache: the hash's key goes through key making (prefix, version),
 * field names are stored as UTF-8 text, and field values go through the value codec like any
 * cached value (integers raw, so {@link #hincrby} works on the server).
 */
public interface HashCommands {

    /**
     * {@code HSET} of one field.
     *
     * @param key the hash
     * @param field the field name, not empty
     * @param value the value
     * @return 1 if the field is new, 0 if it was updated
     */
    long hset(String key, String field, Object value);

    /**
     * {@code HSET} of several fields in one command.
     *
     * @param key the hash
     * @param fields field names and values, not empty
     * @return how many fields are new
     */
    long hset(String key, Map<String, ?> fields);

    /**
     * {@code HSETNX}: sets a field only if it does not exist.
     *
     * @param key the hash
     * @param field the field name
     * @param value the value
     * @return whether the field was set
     */
    boolean hsetnx(String key, String field, Object value);

    /**
     * {@code HGET}.
     *
     * @param key the hash
     * @param field the field name
     * @param <T> the expected type
     * @return the decoded value, or null when the field or hash is missing
     */
    <T> T hget(String key, String field);

    /**
     * {@code HGET} with a typed read (for serializers that bind to a type, such as JSON).
     *
     * @param key the hash
     * @param field the field name
     * @param type the expected type
     * @param <T> the expected type
     * @return the decoded value, or null when missing
     */
    <T> T hget(String key, String field, Class<T> type);

    /**
     * {@code HMGET}.
     *
     * @param key the hash
     * @param fields the field names
     * @return the present fields and their values, in the order asked
     */
    Map<String, Object> hmget(String key, Collection<String> fields);

    /**
     * {@code HGETALL}.
     *
     * @param key the hash
     * @return every field and value (empty when the hash is missing)
     */
    Map<String, Object> hgetall(String key);

    /**
     * {@code HDEL}.
     *
     * @param key the hash
     * @param fields the field names, at least one
     * @return how many fields were removed
     */
    long hdel(String key, String... fields);

    /**
     * {@code HLEN}.
     *
     * @param key the hash
     * @return the number of fields, 0 when missing
     */
    long hlen(String key);

    /**
     * {@code HKEYS}.
     *
     * @param key the hash
     * @return the field names
     */
    List<String> hkeys(String key);

    /**
     * {@code HVALS}.
     *
     * @param key the hash
     * @return the decoded values
     */
    List<Object> hvals(String key);

    /**
     * {@code HEXISTS}.
     *
     * @param key the hash
     * @param field the field name
     * @return whether the field exists
     */
    boolean hexists(String key, String field);

    /**
     * {@code HINCRBY}: atomic on the server; a missing field counts as 0.
     *
     * @param key the hash
     * @param field the field name
     * @param delta the amount
     * @return the new value
     * @throws CacheCommandException if the field holds something other than an integer
     */
    long hincrby(String key, String field, long delta);
}
