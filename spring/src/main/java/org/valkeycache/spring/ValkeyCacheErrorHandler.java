package org.valkeycache.spring;

import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.valkeycache.CacheConnectionException;

/**
 * A {@link CacheErrorHandler} for valkey-cache caches. Fail-closed (the default) rethrows every
 * error, as Spring's own handler does. Fail-open keeps the application running through an
 * outage: a {@link CacheConnectionException} (refused, unreachable, known down, timed out) on a
 * read makes the call a miss (the annotated method runs), and on a write, evict or clear is
 * skipped; each is logged at WARN with the cache and key, without a stack trace. The same holds
 * for the futures of asynchronous retrieval ({@code CompletableFuture} and reactive methods),
 * whose failures Spring hands here too, wrapped in a {@code CompletionException} or not. Every other
 * error (serialization, a refused password, an ACL denial, a bad argument) is always rethrown.
 *
 * <pre>{@code
 * @Configuration
 * @EnableCaching
 * class CacheSetup implements CachingConfigurer {
 *     @Override
 *     public CacheErrorHandler errorHandler() {
 *         return ValkeyCacheErrorHandler.failOpen();
 *     }
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class ValkeyCacheErrorHandler implements CacheErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ValkeyCacheErrorHandler.class);

    private final boolean failOpen;

    /**
     * A handler.
     *
     * @param failOpen true to swallow outages (see the class comment), false to rethrow everything
     */
    public ValkeyCacheErrorHandler(boolean failOpen) {
        this.failOpen = failOpen;
    }

    /**
     * A handler that keeps the application running through an outage.
     *
     * @return {@code new ValkeyCacheErrorHandler(true)}
     */
    public static ValkeyCacheErrorHandler failOpen() {
        return new ValkeyCacheErrorHandler(true);
    }

    /** @return whether outages are swallowed */
    public boolean isFailOpen() {
        return failOpen;
    }

    @Override
    public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
        handle("get", exception, cache, key);
    }

    @Override
    public void handleCachePutError(RuntimeException exception, Cache cache, Object key, Object value) {
        handle("put", exception, cache, key);
    }

    @Override
    public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
        handle("evict", exception, cache, key);
    }

    @Override
    public void handleCacheClearError(RuntimeException exception, Cache cache) {
        handle("clear", exception, cache, null);
    }

    private void handle(String operation, RuntimeException exception, Cache cache, Object key) {
        // a failure that reached Spring through a chain of futures may come wrapped
        Throwable cause = exception instanceof CompletionException && exception.getCause() != null
                ? exception.getCause() : exception;
        if (!failOpen || !(cause instanceof CacheConnectionException)) {
            throw exception;
        }
        LOG.warn("cache '{}': {}{} skipped (fail-open): {}", cache.getName(), operation,
                key == null ? "" : " of key '" + key + "'", cause.getMessage());
    }

    @Override
    public String toString() {
        return "ValkeyCacheErrorHandler[" + (failOpen ? "fail-open" : "fail-closed") + "]";
    }
}
