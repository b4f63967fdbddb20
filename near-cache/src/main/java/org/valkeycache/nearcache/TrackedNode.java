package org.valkeycache.nearcache;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.spi.ValkeyClient;

/**
 * One node the near cache follows: its {@link InvalidationListener} on the node's primary, its
 * {@link Heartbeat}s written through the node's own client (so the heartbeat keys land on that
 * node) and the {@link StalenessProof} they make. A client with one primary is one node; a shard
 * ring is one per ring node. A key loaded from this node is served from memory only while this
 * node {@link #serving() serves}: its listener tracks and its proof is fresh. What this node's
 * listener and heartbeats find (a lost connection, a flush, another database) clears the whole
 * near cache, which is always safe. Thread-safe.
 */
final class TrackedNode {

    private static final Logger LOG = LoggerFactory.getLogger(TrackedNode.class);

    final int index;
    final ValkeyClient client;
    final StalenessProof proof;
    final Heartbeat heartbeat;
    private final String name;
    private final String trackedPrefix;
    private final CacheConfig config;
    private final NearCacheSettings settings;
    private final LocalStore store;
    private final NearMeters meters;
    private final LongSupplier clock;
    private final Runnable clearAll;
    private volatile InvalidationListener listener;
    private volatile Executor heartbeats;
    private volatile boolean refused;
    private volatile boolean closed;
    private volatile long upSince;

    /**
     * @param index the node's place in the ring (0 for a client with one primary)
     * @param nodes how many nodes the near cache follows (names the node in logs when more than one)
     * @param client the node's own client: heartbeats and loads go through it
     * @param clearAll clears the whole near cache and counts it
     */
    TrackedNode(int index, int nodes, ValkeyClient client, CacheConfig config, NearCacheSettings settings,
            String trackedPrefix, LocalStore store, NearMeters meters, LongSupplier clock, Runnable clearAll) {
        this.index = index;
        this.client = client;
        this.config = config;
        this.settings = settings;
        this.store = store;
        this.meters = meters;
        this.clock = clock;
        this.clearAll = clearAll;
        this.name = nodes == 1 ? config.name() : config.name() + "-node" + index;
        this.trackedPrefix = trackedPrefix;
        this.proof = new StalenessProof(clock, settings.maxStaleness().toNanos());
        this.heartbeat = new Heartbeat(client, trackedPrefix, proof, clock, clearAll, name);
    }

    /**
     * Opens the listener (on its own thread) and lets {@code heartbeats} run a heartbeat at once
     * whenever tracking comes back.
     */
    void start(Executor heartbeats) {
        this.heartbeats = heartbeats;
        int idle = (int) Math.max(2_000, Math.max(config.requestTimeout().toMillis(), settings.heartbeat().toMillis() * 8));
        InvalidationListener l = new InvalidationListener(config, client::primaryLocation, trackedPrefix, idle, events(),
                "valkey-near-listener-" + name);
        this.listener = l;
        l.start();
    }

    /** @return whether a key loaded from this node may be served from memory now */
    boolean serving() {
        return store.isUp(index) && proof.fresh();
    }

    /** @return whether this node refused tracking for good */
    boolean refused() {
        return refused;
    }

    /** @return the listener, or null when not started (unit tests) */
    InvalidationListener listener() {
        return listener;
    }

    // ---- the listener's events ---------------------------------------------------------------

    /** @return what this node's listener reports to: the store, the proof and the meters */
    InvalidationListener.Events events() {
        return new InvalidationListener.Events() {
            @Override
            public void tracking(ValkeyLocation node) {
                proof.reset();
                store.up(index);
                upSince = clock.getAsLong();
                Executor now = heartbeats;
                if (now != null && !closed) {
                    // prove at once rather than an interval later
                    now.execute(TrackedNode.this::heartbeatSafely);
                }
            }

            @Override
            public void lost(String why) {
                proof.reset();
                store.down(index);
                meters.reconnects.increment();
                meters.clears.increment();
            }

            @Override
            public void invalidated(List<byte[]> keys) {
                for (byte[] key : keys) {
                    long beat = heartbeat.seqOf(key);
                    if (beat >= 0) {
                        proof.invalidated(beat);
                    } else if (beat == Heartbeat.NOT_OURS) {
                        store.invalidate(new LocalStore.Key(key));
                        meters.invalidations.increment();
                    }
                }
            }

            @Override
            public void flushed() {
                clearAll.run();
            }

            @Override
            public void refused(String why) {
                refused = true;
                store.down(index);
                LOG.warn("near cache '{}' is off{}: {} (CLIENT TRACKING needs the permission for HELLO and CLIENT"
                        + " TRACKING)", name, name.equals(config.name()) ? ", every read goes to the server"
                        : " for this node of the ring, reads of its keys go to the server", why);
            }
        };
    }

    // ---- the heartbeat (the near cache's one heartbeat thread) -------------------------------

    /** One heartbeat round for this node; never throws. */
    void heartbeatSafely() {
        try {
            followPrimary();
            heartbeat();
        } catch (RuntimeException e) {
            LOG.debug("near cache '{}': heartbeat failed: {}", name, e.toString());
        }
    }

    /** Re-points the listener when the node's primary moved (failover), and restarts a listener that stopped proving. */
    private void followPrimary() {
        InvalidationListener l = listener;
        if (l == null) {
            return;
        }
        ValkeyLocation now = client.primaryLocation();
        ValkeyLocation at = l.node();
        if (at != null && now != null && !(at.host().equals(now.host()) && at.port() == now.port())) {
            l.restart();
            return;
        }
        long t = clock.getAsLong();
        long limit = 2 * settings.maxStaleness().toNanos() + settings.heartbeat().toNanos();
        long age = proof.ageNanos();
        if (store.isUp(index) && t - upSince > limit && (age < 0 || age > limit) && t - heartbeat.lastAck() < limit) {
            // heartbeats are answered but their invalidations do not come back: tracking was turned off, or the socket is stuck
            l.restart();
        }
    }

    /** Sends one heartbeat unless one is in flight, the listener is down or the node refused tracking. */
    void heartbeat() {
        if (!closed && !refused && store.isUp(index)) {
            heartbeat.beat();
        }
    }

    /** Closes the listener; the node's client belongs to the wrapped client. */
    void close() {
        closed = true;
        InvalidationListener l = listener;
        if (l != null) {
            l.close();
        }
        store.down(index);
    }
}
