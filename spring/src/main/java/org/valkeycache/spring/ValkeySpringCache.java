package org.valkeycache.spring;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheException;
import org.valkeycache.CacheLock;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.LockOptions;
import org.valkeycache.Timeout;
import org.valkeycache.metrics.Meter;

/**
 * A Spring {@link Cache} over one valkey-cache cache: one server key per entry, made as the
 * facade makes every key ({@code prefix:version:key}, so other valkey-cache and django-valkey
 * applications with the same prefix and codec read it), the value encoded by the cache's
 * serializer and compressor.
 *
 * <ul>
 *   <li>{@link #putIfAbsent} is one round trip ({@code SET NX GET PX}).</li>
 *   <li>{@link #get(Object, Callable)} and {@link #retrieve(Object, Supplier)} coalesce concurrent
 *       loads of one key in this JVM (single flight), and across JVMs with a lease when
 *       {@link SpringCacheSettings#leaseTimeout()} is set.</li>
 *   <li>{@link #clear()} and {@link #invalidate()} delete this cache's keys (every version) with
 *       {@code SCAN} + {@code UNLINK}, never {@code KEYS}.</li>
 *   <li>Every write's lifetime comes from {@link SpringCacheSettings} (policy, ttl,
 *       time-to-idle, jitter); with time-to-idle a hit renews the entry's lifetime.</li>
 *   <li>Loads run by this cache count in {@code cache.loads} ({@code result=success|failure}).</li>
 *   <li>An undecodable stored value is deleted, counted ({@code cache.undecodable} in the cache's
 *       {@link org.valkeycache.metrics.CacheMetrics}) and read as a miss, unless configured to fail.</li>
 * </ul>
 *
 * <p>Asynchronous retrieval runs the (blocking) facade on the manager's executor, never on the
 * caller's or glide's threads. Thread-safe.
 */
public final class ValkeySpringCache implements Cache {

    private static final Logger LOG = LoggerFactory.getLogger(ValkeySpringCache.class);

    /** Appended to an entry's key to name its lease: a NUL, which keys made from text do not hold. */
    static final String LEASE_SUFFIX = "\u0000lease";
    private static final Duration LEASE_POLL = Duration.ofMillis(20);

    /** What a lookup answers for a missing key (a stored null answers null). */
    private static final Object MISS = new Object();
    /** What {@code addOrGet} answers when it wrote. */
    private static final Object ADDED = new Object();

    private final String name;
    private final BackendCommands cache;
    private final SpringCacheSettings settings;
    private final Executor executor;
    private final SingleFlight flights = new SingleFlight();
    private final Meter.Counter undecodable;
    private final LockOptions leaseOptions;

    /**
     * A Spring cache over a valkey-cache cache.
     *
     * @param name the Spring cache's name
     * @param cache the cache it stores in (not closed by this object)
     * @param settings its Spring settings; a null ttl means the cache's own {@code timeout} with
     *     Django's rules (use {@link ValkeyCacheManager} for Spring's rules there too)
     * @param executor runs the blocking work of {@link #retrieve}
     */
    public ValkeySpringCache(String name, BackendCommands cache, SpringCacheSettings settings, Executor executor) {
        if (name == null || name.isBlank() || cache == null || settings == null || executor == null) {
            throw new IllegalArgumentException("name, cache, settings and executor are required");
        }
        this.name = name;
        this.cache = cache;
        this.settings = settings;
        this.executor = executor;
        this.undecodable = cache.metrics().counter("cache.undecodable",
                "Stored values that could not be decoded: deleted and read as misses");
        this.leaseOptions = settings.leaseTimeout() == null ? null : LockOptions.defaults()
                .withLease(settings.leaseTimeout()).withThreadLocal(false).withSleep(LEASE_POLL);
    }

    @Override
    public String getName() {
        return name;
    }

    /** @return the valkey-cache cache under this Spring cache */
    @Override
    public BackendCommands getNativeCache() {
        return cache;
    }

    /** @return the settings of this cache */
    public SpringCacheSettings settings() {
        return settings;
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public ValueWrapper get(Object key) {
        Object found = lookup(storeKey(key));
        return found == MISS ? null : new SimpleValueWrapper(found);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Class<T> type) {
        Object found = lookup(storeKey(key));
        if (found == MISS || found == null) {
            return null;
        }
        if (type != null && !type.isInstance(found)) {
            throw new IllegalStateException("cache '" + name + "': the value of key '" + storeKey(key) + "' is a "
                    + found.getClass().getName() + ", not a " + type.getName());
        }
        return (T) found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        String k = storeKey(key);
        Object found = lookup(k);
        if (found != MISS) {
            return (T) found;
        }
        return (T) flights.run(k, () -> loadAndStore(key, k, valueLoader),
                failure -> new ValueRetrievalException(key, valueLoader, failure));
    }

    /** The leader of a synchronous flight: recheck, take the lease if configured, load, store. */
    private Object loadAndStore(Object key, String k, Callable<?> loader) {
        Object found = lookup(k);
        if (found != MISS) {
            return found;
        }
        CacheLock lease = null;
        try {
            lease = lease(k);
            if (leaseOptions != null && (found = lookup(k)) != MISS) {
                return found;
            }
            Object value;
            try {
                value = loader.call();
            } catch (Exception e) {
                cache.metrics().loadFailures().increment();
                throw new ValueRetrievalException(key, loader, e);
            } catch (Error e) {
                cache.metrics().loadFailures().increment();
                throw e;
            }
            cache.metrics().loadSuccesses().increment();
            storeLoaded(key, k, value);
            return value;
        } finally {
            release(lease, k);
        }
    }

    @Override
    public CompletableFuture<?> retrieve(Object key) {
        String k = storeKey(key);
        return CompletableFuture.supplyAsync(() -> {
            Object found = lookup(k);
            return found == MISS ? null : found == null ? new SimpleValueWrapper(null) : found;
        }, executor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        String k = storeKey(key);
        return CompletableFuture.supplyAsync(() -> lookup(k), executor).thenCompose(found -> found != MISS
                ? CompletableFuture.completedFuture((T) found)
                : (CompletableFuture<T>) flights.runAsync(k, () -> loadAndStoreAsync(key, k, valueLoader)));
    }

    /** The leader of an asynchronous flight: as {@link #loadAndStore}, blocking steps on the executor. */
    private CompletableFuture<Object> loadAndStoreAsync(Object key, String k, Supplier<? extends CompletableFuture<?>> loader) {
        CacheLock[] lease = new CacheLock[1];
        return CompletableFuture.supplyAsync(() -> {
            Object found = lookup(k);
            if (found == MISS && leaseOptions != null) {
                lease[0] = lease(k);
                found = lookup(k);
            }
            return found;
        }, executor).thenCompose(found -> {
            if (found != MISS) {
                return CompletableFuture.completedFuture(found);
            }
            CompletableFuture<?> loading;
            try {
                loading = loader.get();
            } catch (RuntimeException | Error e) {
                cache.metrics().loadFailures().increment();
                throw e;
            }
            if (loading == null) {
                cache.metrics().loadFailures().increment();
                throw new IllegalStateException("cache '" + name + "': the value loader of key '" + k + "' returned null");
            }
            return loading.whenComplete((value, failure) -> (failure == null ? cache.metrics().loadSuccesses()
                    : cache.metrics().loadFailures()).increment()).thenApplyAsync(value -> {
                        storeLoaded(key, k, value);
                        return (Object) value;
                    }, executor);
        }).whenCompleteAsync((value, failure) -> release(lease[0], k), executor);
    }

    /**
     * Reads a key: the value, null for a stored null, {@link #MISS} when absent (or undecodable
     * and evicted). With time-to-idle a hit's lifetime is renewed in the same round trip ({@code GETEX}).
     */
    private Object lookup(String k) {
        try {
            return settings.timeToIdle() != null ? cache.getAndTouch(k, Timeout.of(settings.timeToIdle()), MISS)
                    : cache.getOrDefault(k, MISS);
        } catch (CacheSerializationException e) {
            return undecodable(k, e);
        }
    }

    private Object undecodable(String k, CacheSerializationException e) {
        if (!settings.evictUndecodable()) {
            throw e;
        }
        undecodable.increment();
        LOG.warn("cache '{}': the stored value of key '{}' cannot be decoded ({}); deleted and read as a miss",
                name, k, e.getMessage());
        try {
            cache.delete(k);
        } catch (CacheException deleteFailed) {
            LOG.warn("cache '{}': deleting the undecodable value of key '{}' failed: {}", name, k, deleteFailed.getMessage());
        }
        return MISS;
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void put(Object key, Object value) {
        requireAllowed(key, value);
        String k = storeKey(key);
        cache.set(k, value, lifetime(key, value));
    }

    /** Stores a loaded value; a null the cache may not hold is returned to the caller uncached. */
    private void storeLoaded(Object key, String k, Object value) {
        if (value != null || settings.allowNullValues()) {
            cache.set(k, value, lifetime(key, value));
        }
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        requireAllowed(key, value);
        String k = storeKey(key);
        Timeout lifetime = lifetime(key, value);
        Object before;
        try {
            before = cache.addOrGet(k, value, lifetime, ADDED);
        } catch (CacheSerializationException e) {
            // the stored value is undecodable (then evicted: add again) or ours cannot be encoded
            if (lookup(k) != MISS || !settings.evictUndecodable()) {
                throw e;
            }
            before = cache.addOrGet(k, value, lifetime, ADDED);
        }
        return before == ADDED ? null : new SimpleValueWrapper(before);
    }

    @Override
    public void evict(Object key) {
        cache.delete(storeKey(key));
    }

    @Override
    public boolean evictIfPresent(Object key) {
        return cache.delete(storeKey(key));
    }

    /** Deletes every key of this cache (every version) with {@code SCAN} + {@code UNLINK}. */
    @Override
    public void clear() {
        cache.clear();
    }

    @Override
    public boolean invalidate() {
        return cache.clear() > 0;
    }

    // ---- lifetimes, keys, leases -------------------------------------------------------------

    /** The lifetime of a write: policy, ttl, time-to-idle, the cache's default; ZERO = never; plus jitter. */
    Timeout lifetime(Object key, Object value) {
        TtlPolicy policy = settings.ttlPolicy();
        Duration d = policy == null ? null : policy.ttl(name, key, value);
        if (d == null) {
            d = settings.ttl() != null ? settings.ttl() : settings.timeToIdle();
        } else if (d.isNegative()) {
            throw new IllegalStateException("cache '" + name + "': the ttl policy gave the negative lifetime " + d
                    + " for key '" + key + "'; return Duration.ZERO for 'never expires'");
        }
        if (d == null) {
            return Timeout.defaultTimeout();
        }
        if (d.isZero()) {
            return Timeout.never();
        }
        long jitter = settings.ttlJitter().toMillis();
        return Timeout.of(jitter <= 0 ? d : d.plusMillis(ThreadLocalRandom.current().nextLong(jitter + 1)));
    }

    private String storeKey(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("cache '" + name + "': a key must not be null");
        }
        return settings.keyConverter().toKey(key);
    }

    private void requireAllowed(Object key, Object value) {
        if (value == null && !settings.allowNullValues()) {
            throw new IllegalArgumentException("cache '" + name + "' does not allow null values (key '" + key
                    + "'); allow them (allow-null-values) or skip nulls with @Cacheable(unless = \"#result == null\")");
        }
    }

    /**
     * Takes the cross-JVM lease of a key when configured: at once, or after waiting up to the
     * lease wait for another JVM's. Null when not configured, not obtained in time, or the server
     * failed: the caller then loads anyway.
     */
    private CacheLock lease(String k) {
        if (leaseOptions == null) {
            return null;
        }
        try {
            CacheLock lock = cache.getLock(k + LEASE_SUFFIX, leaseOptions);
            return lock.acquire(true, settings.leaseWait()) ? lock : null;
        } catch (CacheException e) {
            LOG.warn("cache '{}': cannot take the load lease of key '{}' ({}); loading without it", name, k, e.getMessage());
            return null;
        }
    }

    private void release(CacheLock lease, String k) {
        if (lease == null) {
            return;
        }
        try {
            lease.release();
        } catch (CacheException e) {
            LOG.warn("cache '{}': releasing the load lease of key '{}' failed ({}); it expires by itself", name, k,
                    e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ValkeySpringCache[" + name + "]";
    }
}
