package org.valkeycache.spring;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.valkeycache.AsyncBackendCommands;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheException;
import org.valkeycache.CacheLock;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.CacheUnsupportedOperationException;
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
 * <p>Values come back as the type they were put as, whatever the serializer: an {@code Integer},
 * {@code Short}, {@code Byte}, {@code BigInteger}, {@code Float}, {@code BigDecimal} or
 * {@code Character} (which the store would hand back as a {@code Long}, {@code Double} or
 * {@code String}) is stored as tagged text, {@code "\0Integer:42"}; {@code Long}, {@code Double}
 * and other values as the facade stores them. A raw integer another application wrote reads as
 * a {@code Long}.
 *
 * <p>Asynchronous retrieval ({@link #retrieve(Object)}, {@link #retrieve(Object, Supplier)}) runs
 * on the cache's asynchronous facade ({@link BackendCommands#async()}): no thread waits for the
 * server, and its futures complete on the facade's executor. Thread-safe.
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
    private final AsyncBackendCommands async;
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
     * @param executor completes the futures of {@link #retrieve} (and so runs what the caller
     *     chains on them); null for the asynchronous facade's default, the common pool
     */
    public ValkeySpringCache(String name, BackendCommands cache, SpringCacheSettings settings, Executor executor) {
        if (name == null || name.isBlank() || cache == null || settings == null) {
            throw new IllegalArgumentException("name, cache and settings are required");
        }
        this.name = name;
        this.cache = cache;
        this.settings = settings;
        this.async = asyncOf(cache, executor);
        this.undecodable = cache.metrics().counter("cache.undecodable",
                "Stored values that could not be decoded: deleted and read as misses");
        this.leaseOptions = settings.leaseTimeout() == null ? null : LockOptions.defaults()
                .withLease(settings.leaseTimeout()).withThreadLocal(false).withSleep(LEASE_POLL);
    }

    /**
     * A Spring cache over a valkey-cache cache whose asynchronous retrieval completes on the
     * asynchronous facade's default executor.
     *
     * @param name the Spring cache's name
     * @param cache the cache it stores in (not closed by this object)
     * @param settings its Spring settings
     */
    public ValkeySpringCache(String name, BackendCommands cache, SpringCacheSettings settings) {
        this(name, cache, settings, null);
    }

    /** The asynchronous facade, or null when the cache has none (then only {@code retrieve} fails). */
    private static AsyncBackendCommands asyncOf(BackendCommands cache, Executor executor) {
        try {
            return executor == null ? cache.async() : cache.async(executor);
        } catch (CacheUnsupportedOperationException e) {
            return null;
        }
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

    /**
     * Reads a key on the asynchronous facade: no thread waits for the server. A server failure
     * fails the future with the typed exception itself (Spring's error handler sees it).
     */
    @Override
    public CompletableFuture<?> retrieve(Object key) {
        String k = storeKey(key);
        return SingleFlight.settled(lookupAsync(k).thenApply(found -> found == MISS ? null
                : found == null ? new SimpleValueWrapper(null) : found));
    }

    /**
     * A hit, or a load of a miss on the asynchronous facade: single flight per key in this JVM,
     * the cross-JVM lease when configured (its wait a retry scheduled every 20 ms up to the lease
     * wait, never a parked thread), the value stored before the flight ends. A failed load fails
     * every waiter with the loader's own exception and caches nothing.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        String k = storeKey(key);
        return (CompletableFuture<T>) SingleFlight.settled(lookupAsync(k).thenCompose(found -> found != MISS
                ? CompletableFuture.completedFuture(found)
                : flights.runAsync(k, () -> loadAndStoreAsync(key, k, valueLoader))));
    }

    /** The leader of an asynchronous flight: as {@link #loadAndStore}, each step a future. */
    private CompletableFuture<Object> loadAndStoreAsync(Object key, String k, Supplier<? extends CompletableFuture<?>> loader) {
        return lookupAsync(k).thenCompose(found -> {
            if (found != MISS) {
                return CompletableFuture.completedFuture(found);
            }
            if (leaseOptions == null) {
                return loadAsync(key, k, loader);
            }
            return leaseAsync(k).thenCompose(lease -> releasedAfter(lease, k, lookupAsync(k).thenCompose(again ->
                    again != MISS ? CompletableFuture.completedFuture(again) : loadAsync(key, k, loader))));
        });
    }

    /** Runs the loader, counts its outcome and stores its value before the returned future completes. */
    private CompletableFuture<Object> loadAsync(Object key, String k, Supplier<? extends CompletableFuture<?>> loader) {
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
                : cache.metrics().loadFailures()).increment())
                .thenCompose(value -> value == null && !settings.allowNullValues() ? CompletableFuture.completedFuture(null)
                        : async().set(k, TypedValues.encode(value), lifetime(key, value)).thenApply(written -> value));
    }

    /**
     * Reads a key on the asynchronous facade, as {@link #lookup}: the value, null for a stored
     * null, {@link #MISS} when absent or undecodable (then evicted).
     */
    private CompletableFuture<Object> lookupAsync(String k) {
        AsyncBackendCommands a = async();
        CompletableFuture<Object> read = settings.timeToIdle() != null
                ? a.getAndTouch(k, Timeout.of(settings.timeToIdle()), MISS) : a.getOrDefault(k, MISS);
        return read.thenApply(stored -> TypedValues.decode(k, stored)).exceptionallyCompose(failure -> {
            Throwable cause = SingleFlight.unwrap(failure);
            if (!(cause instanceof CacheSerializationException e) || !settings.evictUndecodable()) {
                return CompletableFuture.failedFuture(cause);
            }
            countUndecodable(k, e);
            return a.delete(k).handle((deleted, deleteFailed) -> {
                if (deleteFailed != null) {
                    LOG.warn("cache '{}': deleting the undecodable value of key '{}' failed: {}", name, k,
                            SingleFlight.unwrap(deleteFailed).getMessage());
                }
                return MISS;
            });
        });
    }

    /** @return the asynchronous facade, or a failure naming this cache when its facade has none */
    private AsyncBackendCommands async() {
        if (async == null) {
            throw new CacheUnsupportedOperationException("cache '" + name + "': " + cache.getClass().getName()
                    + " has no asynchronous facade, so retrieve (CompletableFuture and reactive methods) is unavailable");
        }
        return async;
    }

    /**
     * Reads a key: the value, null for a stored null, {@link #MISS} when absent (or undecodable
     * and evicted). With time-to-idle a hit's lifetime is renewed in the same round trip ({@code GETEX}).
     */
    private Object lookup(String k) {
        try {
            return TypedValues.decode(k, settings.timeToIdle() != null
                    ? cache.getAndTouch(k, Timeout.of(settings.timeToIdle()), MISS) : cache.getOrDefault(k, MISS));
        } catch (CacheSerializationException e) {
            if (!settings.evictUndecodable()) {
                throw e;
            }
            countUndecodable(k, e);
            try {
                cache.delete(k);
            } catch (CacheException deleteFailed) {
                LOG.warn("cache '{}': deleting the undecodable value of key '{}' failed: {}", name, k,
                        deleteFailed.getMessage());
            }
            return MISS;
        }
    }

    private void countUndecodable(String k, CacheSerializationException e) {
        undecodable.increment();
        LOG.warn("cache '{}': the stored value of key '{}' cannot be decoded ({}); deleted and read as a miss",
                name, k, e.getMessage());
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void put(Object key, Object value) {
        requireAllowed(key, value);
        String k = storeKey(key);
        cache.set(k, TypedValues.encode(value), lifetime(key, value));
    }

    /** Stores a loaded value; a null the cache may not hold is returned to the caller uncached. */
    private void storeLoaded(Object key, String k, Object value) {
        if (value != null || settings.allowNullValues()) {
            cache.set(k, TypedValues.encode(value), lifetime(key, value));
        }
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        requireAllowed(key, value);
        String k = storeKey(key);
        Timeout lifetime = lifetime(key, value);
        Object stored = TypedValues.encode(value);
        Object before;
        try {
            before = TypedValues.decode(k, cache.addOrGet(k, stored, lifetime, ADDED));
        } catch (CacheSerializationException e) {
            // the stored value is undecodable (then evicted: add again) or ours cannot be encoded
            if (lookup(k) != MISS || !settings.evictUndecodable()) {
                throw e;
            }
            before = TypedValues.decode(k, cache.addOrGet(k, stored, lifetime, ADDED));
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
            leaseFailed(k, e);
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
            releaseFailed(k, e);
        }
    }

    private void releaseFailed(String k, Throwable e) {
        LOG.warn("cache '{}': releasing the load lease of key '{}' failed ({}); it expires by itself", name, k,
                e.getMessage());
    }

    /**
     * {@link #lease} without a waiting thread: one attempt now, then one every 20 ms (a delayed
     * task on the facade's executor) until taken or the lease wait is over. Completes with null
     * when not configured, not obtained in time, or the server failed: the caller then loads anyway.
     */
    private CompletableFuture<CacheLock> leaseAsync(String k) {
        CompletableFuture<CacheLock> leased = new CompletableFuture<>();
        CacheLock lock;
        try {
            lock = cache.getLock(k + LEASE_SUFFIX, leaseOptions);
        } catch (RuntimeException e) {
            leaseFailed(k, e);
            return CompletableFuture.completedFuture(null);
        }
        attemptLease(lock, k, System.nanoTime() + settings.leaseWait().toNanos(), leased);
        return leased;
    }

    private void attemptLease(CacheLock lock, String k, long deadline, CompletableFuture<CacheLock> leased) {
        CompletableFuture<Boolean> attempt;
        try {
            attempt = lock.tryAcquireAsync(async().executor());
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((taken, failure) -> {
            long left = deadline - System.nanoTime();
            if (failure != null) {
                leaseFailed(k, SingleFlight.unwrap(failure));
                leased.complete(null);
            } else if (taken) {
                leased.complete(lock);
            } else if (left <= 0) {
                leased.complete(null);
            } else {
                CompletableFuture.delayedExecutor(Math.min(left, LEASE_POLL.toNanos()), TimeUnit.NANOSECONDS,
                        async().executor()).execute(() -> attemptLease(lock, k, deadline, leased));
            }
        });
    }

    private void leaseFailed(String k, Throwable e) {
        LOG.warn("cache '{}': cannot take the load lease of key '{}' ({}); loading without it", name, k, e.getMessage());
    }

    /** {@code work}'s outcome once the lease (if any) is released; a failed release is logged, never the outcome. */
    private CompletableFuture<Object> releasedAfter(CacheLock lease, String k, CompletableFuture<Object> work) {
        if (lease == null) {
            return work;
        }
        return work.handle((value, failure) -> releaseAsync(lease, k).thenCompose(released -> failure == null
                ? CompletableFuture.completedFuture(value) : CompletableFuture.<Object>failedFuture(SingleFlight.unwrap(failure))))
                .thenCompose(outcome -> outcome);
    }

    /** Releases a lease; the future never fails (a failure is logged: the lease expires by itself). */
    private CompletableFuture<Void> releaseAsync(CacheLock lease, String k) {
        CompletableFuture<Void> released;
        try {
            released = lease.releaseAsync(async().executor());
        } catch (RuntimeException e) {
            released = CompletableFuture.failedFuture(e);
        }
        return released.handle((ignored, failure) -> {
            if (failure != null) {
                releaseFailed(k, SingleFlight.unwrap(failure));
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "ValkeySpringCache[" + name + "]";
    }
}
