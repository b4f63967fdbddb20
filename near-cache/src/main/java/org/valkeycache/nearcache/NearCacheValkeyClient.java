package org.valkeycache.nearcache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.KeyFunction;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * The near cache: an in-process Caffeine cache in front of another {@link ValkeyClient}, kept
 * correct by Valkey's server-assisted client-side caching, with a staleness bound it proves.
 * {@link org.valkeycache.ValkeyCache#open} wraps the configured client in it when
 * {@code options.near_cache.enabled=true}.
 *
 * <p><b>The guarantee.</b> A hit never returns a value older than a write acknowledged more than
 * {@code max_staleness} before the read, whoever wrote it (another process, a raw connection, a
 * Lua script, {@code FLUSHDB}, expiry). How: an {@link InvalidationListener} of our own tracks
 * the made-key prefix in BCAST mode, and every heartbeat interval a heartbeat key under that
 * prefix is written through the wrapped client; a hit is served only while the
 * {@link StalenessProof} (a heartbeat written at most {@code max_staleness} ago whose reply and
 * invalidation are both back) holds. Otherwise the read goes to the server (a bypass, counted).
 * The heartbeat script also checks a marker key it re-writes each time, so a {@code SWAPDB}, a
 * restart or a failover that replaced the database under us clears the near cache (Valkey sends
 * no invalidation for {@code SWAPDB}).
 *
 * <p><b>What is cached.</b> Only single-key {@link #get} of the cache's own keys (bulk reads,
 * data structures, scans go to the server), as the stored bytes: the facade decodes each hit
 * anew, so callers never share a mutable object. A miss loads with the load protocol: a
 * placeholder tagged with the epoch, then {@code GET} and {@code PTTL} in one Lua call on the
 * primary; the reply is stored only if the placeholder and the epoch are unchanged, and lives
 * until the key's own expiry or {@code entry_cap}, whichever is sooner. Every write through this
 * client evicts its keys before and after the server call (read-your-writes at once); writes
 * through {@link #rawConnection} are seen through the listener, within the bound.
 *
 * <p><b>Topologies.</b> Needs one primary ({@link ValkeyClient#primaryLocation()}): {@code default}
 * and {@code sentinel} (the listener follows the primary after a failover); or a client-side ring
 * of nodes with one primary each ({@link ValkeyClient#ringNodes()}): {@code shard}. On a ring every
 * node is followed on its own: a listener on each node's primary, a heartbeat written through each
 * node's own client (so it lands on that node) and a proof per node; a hit on a key loaded from a
 * node is served only while that node's proof holds, so a node that is down or whose listener was
 * lost makes reads of its keys bypass while the other nodes keep serving hits. What is per cache
 * stays per cache: one store bounded by {@code max_bytes} for all nodes together, one set of
 * meters, one heartbeat thread (plus one listener thread per node). Anything a node's listener or
 * heartbeat reports as lost (a reconnect, a flush, another database) clears the whole near cache.
 * {@code cluster} (its slots move between nodes) and {@code herd} (it changes what {@code get}
 * returns) are refused at open. If the server refuses {@code CLIENT TRACKING} (an ACL without the
 * permission, a managed service), the near cache turns itself off for that node with one warning
 * and reads of its keys go to the server.
 *
 * <p>Options ({@code options.near_cache.*}): {@code enabled}, {@code max_bytes} (default 64 MiB),
 * {@code max_staleness} (1 s), {@code entry_cap} (5 min), {@code heartbeat} (250 ms, or a quarter
 * of {@code max_staleness} if shorter). Thread-safe.
 */
@PluginOptions({NearCacheValkeyClient.MAX_BYTES, NearCacheValkeyClient.MAX_STALENESS, NearCacheValkeyClient.ENTRY_CAP,
        NearCacheValkeyClient.HEARTBEAT_INTERVAL})
public final class NearCacheValkeyClient implements ValkeyClient {

    /** Option: the bound on the near cache's memory, in bytes or with a unit ({@code 64MiB}). */
    public static final String MAX_BYTES = "near_cache.max_bytes";
    /** Option: the staleness bound ({@code 1s}, {@code 250ms}). */
    public static final String MAX_STALENESS = "near_cache.max_staleness";
    /** Option: the longest an entry lives in the near cache ({@code 5m}). */
    public static final String ENTRY_CAP = "near_cache.entry_cap";
    /** Option: how often the heartbeat is written; shorter than {@code max_staleness}. */
    public static final String HEARTBEAT_INTERVAL = "near_cache.heartbeat";

    /** {@code GET} and {@code PTTL} of one key, in one command, on the primary. */
    static final LuaScript GET_PTTL = LuaScript.of(
            "return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}");

    /** The longest {@link #NearCacheValkeyClient(CacheConfig, ValkeyClient)} waits for the first proof. */
    private static final long OPEN_WAIT_MILLIS = 500;

    private final ValkeyClient delegate;
    private final NearCacheSettings settings;
    private final LongSupplier clock;
    private final LocalStore store;
    private final NearMeters meters;
    private final String trackedPrefix;
    private final long capNanos;
    private final long loadTimeoutNanos;
    /** The nodes followed: the one primary, or each node of a shard ring (see {@link ValkeyClient#ringNodes()}). */
    private final TrackedNode[] nodes;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean closed;

    /**
     * Wraps a client; called by {@link org.valkeycache.ValkeyCache#open} through
     * {@link org.valkeycache.config.internal.Plugins#decorate}.
     *
     * @param config the cache configuration ({@code options.near_cache.*}, TLS options, timeouts)
     * @param delegate the configured client; closed with this one
     * @throws CacheConfigurationException for a bad option, or a client that has neither one
     *     primary nor a ring of nodes with one primary each
     */
    public NearCacheValkeyClient(CacheConfig config, ValkeyClient delegate) {
        this(config, delegate, System::nanoTime, true);
    }

    /**
     * @param clock monotonic nanoseconds (a fake one in unit tests)
     * @param start false in unit tests: no listener, no heartbeat thread; the test drives
     *     {@link #events()} and {@link #heartbeat()}
     */
    NearCacheValkeyClient(CacheConfig config, ValkeyClient delegate, LongSupplier clock, boolean start) {
        this.delegate = delegate;
        this.settings = NearCacheSettings.from(config);
        List<ValkeyClient> clients = followedNodes(config, delegate);
        this.clock = clock;
        this.store = new LocalStore(settings.maxBytes(), clock, clients.size());
        this.capNanos = settings.entryCap().toNanos();
        this.loadTimeoutNanos = settings.loadTimeout().toNanos();
        this.trackedPrefix = trackedPrefix(config);
        this.meters = new NearMeters(store, this::stalestProofAge, this::active);
        this.nodes = new TrackedNode[clients.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new TrackedNode(i, nodes.length, clients.get(i), config, settings, trackedPrefix, store, meters,
                    clock, this::clearAll);
        }
        if (!start) {
            this.heartbeats = null;
            return;
        }
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "valkey-near-heartbeat-" + config.name());
            t.setDaemon(true);
            return t;
        });
        for (TrackedNode node : nodes) {
            node.start(heartbeats);
        }
        long every = settings.heartbeat().toNanos();
        heartbeats.scheduleAtFixedRate(this::heartbeatSafely, every, every, TimeUnit.NANOSECONDS);
        awaitFirstProof(Math.min(OPEN_WAIT_MILLIS, config.connectTimeout().toMillis()));
    }

    /**
     * The clients of the nodes to follow: the delegate itself when it names one primary, else the
     * nodes of its shard ring, each of which must name one.
     */
    private static List<ValkeyClient> followedNodes(CacheConfig config, ValkeyClient delegate) {
        if (delegate.primaryLocation() != null) {
            return List.of(delegate);
        }
        List<ValkeyClient> ring = delegate.ringNodes();
        if (ring.isEmpty() || ring.stream().anyMatch(n -> n.primaryLocation() == null)) {
            throw new CacheConfigurationException("cache '" + config.name() + "': options.near_cache.enabled=true needs"
                    + " a topology with one primary, or a shard ring of nodes with one primary each (clientClass default,"
                    + " sentinel or shard); " + delegate.describe() + " is neither (cluster is not supported: its slots"
                    + " move between nodes; herd is not supported: it changes what get returns)");
        }
        return ring;
    }

    /**
     * Gives the listeners and the first heartbeats a moment, so a cache serves hits from its first
     * reads; never fails (a server that is down only means bypasses until it is back).
     */
    private void awaitFirstProof(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!everyNodeProvenOrRefused() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean everyNodeProvenOrRefused() {
        for (TrackedNode node : nodes) {
            if (!node.proof.fresh() && !node.refused()) {
                return false;
            }
        }
        return true;
    }

    /** @return nanoseconds since the stalest node's proven heartbeat was sent, or -1 while a node has none */
    private long stalestProofAge() {
        long oldest = 0;
        for (TrackedNode node : nodes) {
            long age = node.proof.ageNanos();
            if (age < 0) {
                return -1;
            }
            oldest = Math.max(oldest, age);
        }
        return oldest;
    }

    /** @return whether some node may serve hits: not every node refused tracking */
    private boolean active() {
        for (TrackedNode node : nodes) {
            if (!node.refused()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The literal prefix every made key of the cache starts with, at any version: what two made
     * keys of different user keys and versions have in common. For the default key function
     * {@code prefix:}; a key function that puts the key first gives {@code ""} (every key tracked).
     */
    static String trackedPrefix(CacheConfig config) {
        KeyFunction f = config.keyFunction();
        String a = f.makeKey("a", config.keyPrefix(), 1);
        String b = f.makeKey("b", config.keyPrefix(), 22);
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return a.substring(0, n);
    }

    /** @return what the first node's listener reports to (unit tests drive it) */
    InvalidationListener.Events events() {
        return nodes[0].events();
    }

    /** Clears everything (the epoch moves) and counts it. */
    private void clearAll() {
        store.clear();
        meters.clears.increment();
    }

    // ---- the heartbeat (its own thread, one per cache) ---------------------------------------

    private void heartbeatSafely() {
        for (TrackedNode node : nodes) {
            node.heartbeatSafely();
        }
    }

    /** Sends one heartbeat to every node unless one is in flight there, its listener is down or the near cache is off. */
    void heartbeat() {
        if (closed) {
            return;
        }
        for (TrackedNode node : nodes) {
            node.heartbeat();
        }
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    // ---- reads -------------------------------------------------------------------------------

    /**
     * Serves the key from memory when the proof holds and it is there; otherwise loads it (and
     * keeps it when the load protocol allows), or, while the proof is stale, reads the server.
     */
    @Override
    public CompletableFuture<byte[]> get(byte[] key) {
        LocalStore.Key k = new LocalStore.Key(key);
        LocalStore.Value held = store.entry(k);
        if (held != null) {
            // the entry names its node: no placement is computed for a hit
            if (nodes[held.node()].serving()) {
                meters.hits.increment();
                return CompletableFuture.completedFuture(held.bytes().clone());
            }
            meters.bypasses.increment();
            return delegate.get(key);
        }
        TrackedNode node = nodes.length == 1 ? nodes[0] : nodes[delegate.nodeOf(key)];
        if (!node.serving()) {
            meters.bypasses.increment();
            return delegate.get(key);
        }
        meters.misses.increment();
        LocalStore.Placeholder p = store.begin(k, loadTimeoutNanos, node.index);
        if (p == null) {
            return delegate.get(key);
        }
        return load(node, k, p, key);
    }

    /** {@code GET}+{@code PTTL} in one Lua call on the node's primary (whose invalidations its listener reads). */
    private CompletableFuture<byte[]> load(TrackedNode node, LocalStore.Key k, LocalStore.Placeholder p, byte[] key) {
        long sentAt = clock.getAsLong();
        CompletableFuture<Object> reply;
        try {
            reply = node.client.eval(GET_PTTL, List.of(key), List.of());
        } catch (RuntimeException e) {
            store.abandon(k, p);
            throw e;
        }
        return reply.handle((r, e) -> {
            if (e != null) {
                store.abandon(k, p);
                Throwable cause = unwrap(e);
                if (cause instanceof CacheConnectionException ce) {
                    return CompletableFuture.<byte[]>failedFuture(ce);
                }
                // a script error (WRONGTYPE, no EVAL permission): the plain GET says what it says
                return delegate.get(key);
            }
            List<?> parts = (List<?>) r;
            byte[] value = (byte[]) parts.get(0);
            long pttl = ((Number) parts.get(1)).longValue();
            long ttl = pttl == -1 ? capNanos : Math.min(capNanos, TimeUnit.MILLISECONDS.toNanos(pttl) - (clock.getAsLong() - sentAt));
            if (!store.complete(k, p, value, ttl) && value != null) {
                meters.discarded.increment();
            }
            return CompletableFuture.completedFuture(value == null ? null : value.clone());
        }).thenCompose(f -> f);
    }

    // ---- writes: evict before and after ------------------------------------------------------

    private <T> CompletableFuture<T> evicting(byte[] key, Supplier<CompletableFuture<T>> op) {
        LocalStore.Key k = new LocalStore.Key(key);
        store.invalidate(k);
        CompletableFuture<T> f;
        try {
            f = op.get();
        } catch (RuntimeException e) {
            store.invalidate(k);
            throw e;
        }
        return f.whenComplete((r, e) -> store.invalidate(k));
    }

    private <T> CompletableFuture<T> evicting(List<byte[]> keys, Supplier<CompletableFuture<T>> op) {
        if (keys.size() == 1) {
            return evicting(keys.get(0), op);
        }
        evict(keys);
        CompletableFuture<T> f;
        try {
            f = op.get();
        } catch (RuntimeException e) {
            evict(keys);
            throw e;
        }
        return f.whenComplete((r, e) -> evict(keys));
    }

    private void evict(List<byte[]> keys) {
        for (byte[] key : keys) {
            store.invalidate(new LocalStore.Key(key));
        }
    }

    private <T> CompletableFuture<T> clearing(Supplier<CompletableFuture<T>> op) {
        store.clear();
        CompletableFuture<T> f;
        try {
            f = op.get();
        } catch (RuntimeException e) {
            store.clear();
            throw e;
        }
        return f.whenComplete((r, e) -> store.clear());
    }

    @Override
    public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
        return evicting(key, () -> delegate.set(key, value, condition, expiryMillis));
    }

    @Override
    public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
        return delegate.mget(keys);
    }

    @Override
    public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return evicting(keys, () -> delegate.mset(keys, values, expiryMillis));
    }

    @Override
    public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
        return delegate.getMany(keys);
    }

    @Override
    public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return evicting(keys, () -> delegate.setMany(keys, values, expiryMillis));
    }

    @Override
    public CompletableFuture<Long> delete(List<byte[]> keys) {
        return evicting(keys, () -> delegate.delete(keys));
    }

    @Override
    public CompletableFuture<Long> unlink(List<byte[]> keys) {
        return evicting(keys, () -> delegate.unlink(keys));
    }

    @Override
    public CompletableFuture<Boolean> rename(byte[] from, byte[] to) {
        return evicting(List.of(from, to), () -> delegate.rename(from, to));
    }

    @Override
    public CompletableFuture<Boolean> exists(byte[] key) {
        return delegate.exists(key);
    }

    @Override
    public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
        return evicting(key, () -> delegate.incrBy(key, delta, onlyIfExists));
    }

    @Override
    public CompletableFuture<Long> pttl(byte[] key) {
        return delegate.pttl(key);
    }

    @Override
    public CompletableFuture<Boolean> persist(byte[] key) {
        return evicting(key, () -> delegate.persist(key));
    }

    @Override
    public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
        return evicting(key, () -> delegate.pexpire(key, millis));
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
        return evicting(key, () -> delegate.pexpireAt(key, epochMillis));
    }

    @Override
    public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
        return delegate.keys(pattern);
    }

    @Override
    public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
        return delegate.scan(cursor, pattern, count);
    }

    @Override
    public CompletableFuture<Void> flushDb() {
        return clearing(delegate::flushDb);
    }

    /** Writes evict the keys they name before and after; reads pass through. */
    @Override
    public CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        if (!write) {
            return delegate.execute(false, keys, argv);
        }
        return keys.isEmpty() ? clearing(() -> delegate.execute(true, keys, argv))
                : evicting(keys, () -> delegate.execute(true, keys, argv));
    }

    @Override
    public CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        return evicting(keys, () -> delegate.executeBlocking(keys, argv, block));
    }

    /** A script may write any key it names; one that names none may write anything, so it clears. */
    @Override
    public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        return keys.isEmpty() ? clearing(() -> delegate.eval(script, keys, args))
                : evicting(keys, () -> delegate.eval(script, keys, args));
    }

    // ---- the rest ----------------------------------------------------------------------------

    @Override
    public void bindMetrics(CacheMetrics metrics) {
        meters.bind(metrics);
        delegate.bindMetrics(metrics);
    }

    /**
     * The wrapped client's raw connection. Writes through it are not evicted here at once: the
     * listener reports them, within the staleness bound.
     */
    @Override
    public Object rawConnection(boolean write) {
        return delegate.rawConnection(write);
    }

    @Override
    public ValkeyLocation primaryLocation() {
        return delegate.primaryLocation();
    }

    @Override
    public String describe() {
        return "near[" + delegate.describe() + "]";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        for (TrackedNode node : nodes) {
            node.close();
        }
        delegate.close();
    }

    @Override
    public String toString() {
        return describe();
    }

    // ---- for tests ---------------------------------------------------------------------------

    /** @return the wrapped client */
    ValkeyClient delegate() {
        return delegate;
    }

    /** @return the first node's listener (null in unit tests) */
    InvalidationListener listener() {
        return nodes[0].listener();
    }

    LocalStore store() {
        return store;
    }

    /** @return the first node's proof */
    StalenessProof proof() {
        return nodes[0].proof;
    }

    /** @return a followed node: 0 for a client with one primary, a ring node's index otherwise */
    TrackedNode node(int index) {
        return nodes[index];
    }

    /** @return how many nodes are followed */
    int nodeCount() {
        return nodes.length;
    }

    NearMeters meters() {
        return meters;
    }

    /** @return whether the server (every node) refused tracking and the near cache is off */
    boolean isRefused() {
        return !active();
    }

    /** @return the prefix the listener tracks */
    String trackedPrefixForTest() {
        return trackedPrefix;
    }
}
