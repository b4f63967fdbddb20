package org.valkeycache.spring;

import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.valkeycache.CacheConfigurationException;

/**
 * Spring's transaction-aware decoration, in a class of its own so that spring-context-support and
 * spring-tx are needed only by applications that ask for it.
 */
final class TransactionSupport {

    private TransactionSupport() {
    }

    static Cache decorate(Cache cache) {
        try {
            return new TransactionAwareCacheDecorator(cache);
        } catch (NoClassDefFoundError e) {
            throw new CacheConfigurationException("cache '" + cache.getName() + "': transaction-aware caches need"
                    + " spring-context-support and spring-tx on the classpath (" + e.getMessage() + ")");
        }
    }
}
