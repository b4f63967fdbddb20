package org.valkeycache.nearcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.Arrays;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
 * <p>Every slot belongs to one node (the one its key was loaded from; always 0 for a client with
 * one primary). {@link #up(int)} / {@link #down(int)} follow that node's listener: loads from a
 * node are stored only while it tracks. Both clear every node's entries (a clear is cheap and
 * always safe), so a node's reconnect never leaves an entry behind that was loaded before it.
 * Thread-safe.
 */
final class LocalStore {

    /** Bytes counted per entry beyond its key and value: Caffeine's node, our wrappers, headers. */
    static final int ENTRY_OVERHEAD = 96;

    /** What sits under a key: a value or a load in flight. */
    sealed interface Slot permits Value, Placeholder {
    }

    /**
     * A stored value, how long it may live (nanoseconds from when it is stored) and the node it
     * was loaded from (whose proof a hit on it needs).
     */
    record Value(byte[] bytes, long ttlNanos, int node) implements Slot {
    }

    /** A load in flight from a node; identity matters, not equality. */
    static final class Placeholder implements Slot {
        final long epoch;
        final long ttlNanos;
        final int node;

        Placeholder(long epoch, long ttlNanos, int node) {
            this.epoch = epoch;
            this.ttlNanos = ttlNanos;
            this.node = node;
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
    /** 1 while the node's listener tracks. */
    private final AtomicIntegerArray up;

    /**
     * @param maxBytes the weight bound, for every node's entries together
     * @param clock nanoseconds, monotonic (a fake one in tests)
     * @param nodes how many nodes entries are loaded from
     */
    LocalStore(long maxBytes, LongSupplier clock, int nodes) {
        this.up = new AtomicIntegerArray(nodes);
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

    /** @return the stored value of a key, or null (missing, expired, or a load in flight) */
    Value entry(Key key) {
        return cache.getIfPresent(key) instanceof Value v ? v : null;
    }

    /** @return the stored bytes of a key, or null (missing, expired, or a load in flight) */
    byte[] value(Key key) {
        Value v = entry(key);
        return v == null ? null : v.bytes;
    }

    /**
     * Starts a load from a node: puts a placeholder unless something is there already.
     *
     * @param ttlNanos how long the placeholder may live if the load never ends
     * @param node the node the key is loaded from
     * @return the placeholder, or null when that node's listener is not tracking or the key is taken
     */
    Placeholder begin(Key key, long ttlNanos, int node) {
        if (!isUp(node)) {
            return null;
        }
        Placeholder p = new Placeholder(epoch.get(), ttlNanos, node);
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
        Value v = new Value(value, ttlNanos, p.node);
        if (!map.replace(key, p, v)) {
            return false;
        }
        if (p.epoch != epoch.get() || !isUp(p.node)) {
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

    /** A node's listener tracks again: clears, then lets loads from it be stored. */
    void up(int node) {
        clear();
        up.set(node, 1);
    }

    /** A node's listener lost tracking: stops storing loads from it, then clears. */
    void down(int node) {
        up.set(node, 0);
        clear();
    }

    /** @return whether a node's listener tracks */
    boolean isUp(int node) {
        return up.get(node) == 1;
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
