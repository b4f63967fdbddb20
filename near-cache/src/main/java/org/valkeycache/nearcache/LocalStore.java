package org.valkeycache.nearcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.Arrays;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The near cache's memory: a Caffeine cache of made keys to stored bytes, bounded by weight
 * (key + value + {@value #ENTRY_OVERHEAD} bytes each), with per-entry expiry, and the two things
 * the load protocol needs: placeholders and an epoch.
 *
 * <p>A load first puts a {@link Placeholder} tagged with the current epoch, then asks the server;
 * its reply replaces the placeholder only if that very placeholder is still there and the epoch
 * has not moved. An invalidation removes whatever is under the key, placeholder included, so a
 * reply that raced with an invalidation is discarded. A full clear bumps the epoch first, so a
 * load that slips its placeholder in while the clear iterates is discarded too.
 *
 * <p>{@link #up()} / {@link #down()} follow the listener: loads are stored only while it tracks.
 * Thread-safe.
 */
final class LocalStore {

    /** Bytes counted per entry beyond its key and value: Caffeine's node, our wrappers, headers. */
    static final int ENTRY_OVERHEAD = 96;

    /** What sits under a key: a value or a load in flight. */
    sealed interface Slot permits Value, Placeholder {
    }

    /** A stored value and how long it may live (nanoseconds from when it is stored). */
    record Value(byte[] bytes, long ttlNanos) implements Slot {
    }

    /** A load in flight; identity matters, not equality. */
    static final class Placeholder implements Slot {
        final long epoch;
        final long ttlNanos;

        Placeholder(long epoch, long ttlNanos) {
            this.epoch = epoch;
            this.ttlNanos = ttlNanos;
        }
    }

    /** A made key with content equality, for the map. */
    static final class Key {
        final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Cache<Key, Slot> cache;
    private final ConcurrentMap<Key, Slot> map;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean up;

    /**
     * @param maxBytes the weight bound
     * @param clock nanoseconds, monotonic (a fake one in tests)
     */
    LocalStore(long maxBytes, LongSupplier clock) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Slot s) -> (int) Math.min(Integer.MAX_VALUE,
                        (long) k.bytes.length + ENTRY_OVERHEAD + (s instanceof Value v ? v.bytes.length : 0)))
                .expireAfter(new Expiry<Key, Slot>() {
                    @Override
                    public long expireAfterCreate(Key key, Slot slot, long now) {
                        return ttl(slot);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Slot slot, long now, long current) {
                        return ttl(slot);
                    }

                    @Override
                    public long expireAfterRead(Key key, Slot slot, long now, long current) {
                        return current;
                    }
                })
                .ticker(clock::getAsLong)
                .executor(Runnable::run)
                .build();
        this.map = cache.asMap();
    }

    private static long ttl(Slot slot) {
        return slot instanceof Value v ? v.ttlNanos : ((Placeholder) slot).ttlNanos;
    }

    /** @return the stored bytes of a key, or null (missing, expired, or a load in flight) */
    byte[] value(Key key) {
        return cache.getIfPresent(key) instanceof Value v ? v.bytes : null;
    }

    /**
     * Starts a load: puts a placeholder unless something is there already.
     *
     * @param ttlNanos how long the placeholder may live if the load never ends
     * @return the placeholder, or null when the listener is not tracking or the key is taken
     */
    Placeholder begin(Key key, long ttlNanos) {
        if (!up) {
            return null;
        }
        Placeholder p = new Placeholder(epoch.get(), ttlNanos);
        return map.putIfAbsent(key, p) == null ? p : null;
    }

    /**
     * Ends a load with the server's reply.
     *
     * @return whether it was stored (false: discarded because of an invalidation, a clear or an
     *     eviction since {@link #begin})
     */
    boolean complete(Key key, Placeholder p, byte[] value, long ttlNanos) {
        if (value == null || ttlNanos <= 0) {
            map.remove(key, p);
            return false;
        }
        if (p.epoch != epoch.get()) {
            map.remove(key, p);
            return false;
        }
        Value v = new Value(value, ttlNanos);
        if (!map.replace(key, p, v)) {
            return false;
        }
        if (p.epoch != epoch.get() || !up) {
            map.remove(key, v);
            return false;
        }
        return true;
    }

    /** Ends a load that failed. */
    void abandon(Key key, Placeholder p) {
        map.remove(key, p);
    }

    /** Removes whatever is under a key. */
    void invalidate(Key key) {
        map.remove(key);
    }

    /** Bumps the epoch, then removes everything. */
    void clear() {
        epoch.incrementAndGet();
        cache.invalidateAll();
    }

    /** The listener tracks again: clears, then lets loads be stored. */
    void up() {
        clear();
        up = true;
    }

    /** The listener lost tracking: stops storing, then clears. */
    void down() {
        up = false;
        clear();
    }

    /** @return whether the listener tracks */
    boolean isUp() {
        return up;
    }

    /** @return the current epoch */
    long epoch() {
        return epoch.get();
    }

    /** @return how many slots are held (values and placeholders) */
    long size() {
        return cache.estimatedSize();
    }

    /** @return what the held slots weigh, in bytes */
    long weight() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** Runs pending maintenance (evictions, expirations) now; for tests and gauges. */
    void cleanUp() {
        cache.cleanUp();
    }
}
