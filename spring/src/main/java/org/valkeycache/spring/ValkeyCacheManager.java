package org.valkeycache.spring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cache.Cache;
import org.springframework.cache.support.AbstractCacheManager;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheException;
import org.valkeycache.Caches;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;

/**
 * A Spring {@code CacheManager} over a {@link Caches} registry: one {@link ValkeySpringCache} per
 * configured cache, of the same name, each with its own prefix, codec, topology and
 * {@link SpringCacheSettings}.
 *
 * <pre>{@code
 * @Bean(destroyMethod = "close")
 * Caches caches() {
 *     return Caches.loadResource("valkey-cache.properties");
 * }
 *
 * @Bean
 * ValkeyCacheManager cacheManager(Caches caches) {
 *     return ValkeyCacheManager.builder(caches)
 *             .defaults(SpringCacheSettings.builder().ttl(Duration.ofMinutes(10)).build())
 *             .cache("books", SpringCacheSettings.builder().timeToIdle(Duration.ofMinutes(5)).build())
 *             .transactionAware(true)
 *             .build();
 * }
 * }</pre>
 *
 * <p>Caches created at runtime are off unless {@link Builder#runtimeCaches(String)} names a
 * template: an unknown name then gets a cache configured as the template, with the key prefix
 * {@code <template prefix>:<name>} (or {@code <name>} when the template has none), opened on first
 * use and closed with this manager. Listeners ({@link Builder#onCacheCreated}) see every cache,
 * at start and at runtime, e.g. to bind its meters.
 *
 * <p>Closing the manager ({@link #close()}, or the Spring context) closes the caches it opened
 * itself; the registry's caches are closed with the registry. The manager has no threads of its
 * own: asynchronous retrieval runs on each cache's asynchronous facade.
 */
public class ValkeyCacheManager extends AbstractCacheManager implements DisposableBean,
        AutoCloseable {

    private final Caches caches;
    private final SpringCacheSettings defaults;
    private final Map<String, SpringCacheSettings> perCache;
    private final String runtimeTemplate;
    private final Executor executor;
    private final List<Consumer<? super ValkeySpringCache>> listeners;
    private final boolean transactionAware;
    private final Map<String, BackendCommands> opened = new ConcurrentHashMap<>();

    private ValkeyCacheManager(Builder b) {
        this.caches = b.caches;
        this.defaults = b.defaults;
        this.perCache = Map.copyOf(b.perCache);
        this.runtimeTemplate = b.runtimeTemplate;
        this.executor = b.executor;
        this.listeners = List.copyOf(b.listeners);
        this.transactionAware = b.transactionAware;
        if (runtimeTemplate != null) {
            caches.config(runtimeTemplate); // fails now, naming the known caches, for a wrong template
        }
        for (String name : perCache.keySet()) {
            if (!caches.names().contains(name) && runtimeTemplate == null) {
                throw new CacheConfigurationException("Spring settings for cache '" + name
                        + "', which is not configured; configured: " + caches.names());
            }
        }
    }

    /**
     * A builder over a registry.
     *
     * @param caches the registry (not closed by the manager)
     * @return the builder
     */
    public static Builder builder(Caches caches) {
        if (caches == null) {
            throw new IllegalArgumentException("caches must not be null");
        }
        return new Builder(caches);
    }

    /**
     * A manager with the default settings for every configured cache.
     *
     * @param caches the registry
     * @return the manager (call {@code afterPropertiesSet()} when not managed by Spring)
     */
    public static ValkeyCacheManager create(Caches caches) {
        return builder(caches).build();
    }

    @Override
    protected Collection<? extends Cache> loadCaches() {
        List<Cache> loaded = new ArrayList<>();
        for (String name : caches.names()) {
            loaded.add(springCache(name, caches.get(name), caches.config(name)));
        }
        return loaded;
    }

    @Override
    protected Cache getMissingCache(String name) {
        if (runtimeTemplate == null) {
            return null;
        }
        CacheConfig template = caches.config(runtimeTemplate);
        String prefix = template.keyPrefix().isEmpty() ? name : template.keyPrefix() + ":" + name;
        CacheConfig config = template.mutate().name(name).keyPrefix(prefix).build();
        ValkeyCache cache = ValkeyCache.open(config);
        opened.put(name, cache);
        return springCache(name, cache, config);
    }

    /** Wraps caches in Spring's {@code TransactionAwareCacheDecorator} when transaction-aware. */
    @Override
    protected Cache decorateCache(Cache cache) {
        return transactionAware ? TransactionSupport.decorate(cache) : cache;
    }

    /** @return whether puts and evictions wait for the commit of the current transaction */
    public boolean isTransactionAware() {
        return transactionAware;
    }

    private ValkeySpringCache springCache(String name, BackendCommands cache, CacheConfig config) {
        SpringCacheSettings settings = perCache.getOrDefault(name, defaults).withCacheTimeout(config.defaultTimeout());
        ValkeySpringCache springCache = new ValkeySpringCache(name, cache, settings, executor);
        listeners.forEach(l -> l.accept(springCache));
        return springCache;
    }

    /** @return the registry under this manager */
    public Caches caches() {
        return caches;
    }

    /** Closes the caches this manager opened at runtime. Idempotent. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (BackendCommands cache : opened.values()) {
            try {
                cache.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        opened.clear();
        if (!failures.isEmpty()) {
            CacheException e = new CacheException("closing " + failures.size() + " runtime cache(s) failed", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    @Override
    public void destroy() {
        close();
    }

    /** Builds a {@link ValkeyCacheManager}. Not thread-safe. */
    public static final class Builder {
        private final Caches caches;
        private SpringCacheSettings defaults = SpringCacheSettings.defaults();
        private final Map<String, SpringCacheSettings> perCache = new LinkedHashMap<>();
        private String runtimeTemplate;
        private boolean transactionAware;
        private Executor executor;
        private final List<Consumer<? super ValkeySpringCache>> listeners = new ArrayList<>();

        private Builder(Caches caches) {
            this.caches = caches;
        }

        /**
         * The settings of every cache without settings of its own.
         *
         * @param settings not null
         * @return this builder
         */
        public Builder defaults(SpringCacheSettings settings) {
            this.defaults = require(settings, "defaults");
            return this;
        }

        /**
         * The settings of one cache.
         *
         * @param name a configured cache (or a runtime one when runtime caches are on)
         * @param settings not null
         * @return this builder
         */
        public Builder cache(String name, SpringCacheSettings settings) {
            perCache.put(require(name, "cache name"), require(settings, "settings"));
            return this;
        }

        /**
         * The settings a cache gets so far (its own, else the defaults), to refine:
         * {@code builder.cache("books", builder.settingsOf("books").mutate().ttlPolicy(p).build())}.
         *
         * @param name a cache name
         * @return its settings
         */
        public SpringCacheSettings settingsOf(String name) {
            return perCache.getOrDefault(name, defaults);
        }

        /**
         * Lets {@code getCache} create caches that are not configured, each configured as the
         * template with its own key prefix (see the class comment). Off unless called.
         *
         * @param templateName a configured cache
         * @return this builder
         */
        public Builder runtimeCaches(String templateName) {
            this.runtimeTemplate = require(templateName, "template name");
            return this;
        }

        /**
         * Defers puts and evictions to after the commit of the current Spring transaction
         * (Spring's {@code TransactionAwareCacheDecorator}; needs spring-context-support and
         * spring-tx on the classpath).
         *
         * @param transactionAware true to defer
         * @return this builder
         */
        public Builder transactionAware(boolean transactionAware) {
            this.transactionAware = transactionAware;
            return this;
        }

        /**
         * Completes the futures of asynchronous retrieval ({@code retrieve}, used by
         * {@code CompletableFuture} and reactive methods), and so runs what Spring chains on them
         * (the annotated method on a miss); by default the asynchronous facade's executor, the
         * common pool. Nothing waits for the server on it: give one when those methods block.
         *
         * @param executor not null
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = require(executor, "executor");
            return this;
        }

        /**
         * Called with every cache the manager creates, at start and at runtime, before first use.
         *
         * @param listener not null; must not throw
         * @return this builder
         */
        public Builder onCacheCreated(Consumer<? super ValkeySpringCache> listener) {
            listeners.add(require(listener, "listener"));
            return this;
        }

        /**
         * Builds the manager (Spring calls {@code afterPropertiesSet()} on a bean; outside Spring,
         * call it yourself to create the configured caches at once).
         *
         * @return the manager
         */
        public ValkeyCacheManager build() {
            return new ValkeyCacheManager(this);
        }

        private static <T> T require(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " must not be null");
            }
            return value;
        }
    }
}
