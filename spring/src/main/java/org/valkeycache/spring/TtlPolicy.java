package org.valkeycache.spring;

import java.time.Duration;

/**
 * Chooses the lifetime of one entry of a Spring cache from the cache's name, the key and the
 * value, after the value is loaded and before it is written, on every path that writes
 * ({@code put}, {@code putIfAbsent}, {@code get(key, Callable)}, {@code retrieve(key, Supplier)}).
 *
 * <pre>{@code
 * TtlPolicy policy = (cache, key, value) -> value instanceof Report r && r.isFinal()
 *         ? Duration.ofDays(1) : null;   // null: the cache's own ttl
 * }</pre>
 *
 * <p>Implementations must be thread-safe and fast: they run on the caller's thread for every write.
 */
@FunctionalInterface
public interface TtlPolicy {

    /**
     * The lifetime of an entry.
     *
     * @param cacheName the Spring cache's name
     * @param key the key as the application passed it (before conversion to a stored key)
     * @param value the value about to be written (may be null when the cache allows nulls)
     * @return the lifetime; {@link Duration#ZERO} for "never expires" (Spring's rule), null for
     *     the cache's configured ttl; never negative
     */
    Duration ttl(String cacheName, Object key, Object value);
}
