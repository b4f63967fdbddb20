package org.valkeycache.client.glide;

import glide.api.GlideClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.client.glide.internal.BlockingCommands;
import org.valkeycache.client.glide.internal.BlockingPool;
import org.valkeycache.client.glide.internal.GlideClients;
import org.valkeycache.client.glide.internal.GlideCommands;
import org.valkeycache.client.glide.internal.GlideConnection;
import org.valkeycache.client.glide.internal.GlideErrors;
import org.valkeycache.client.glide.internal.Renames;
import org.valkeycache.client.glide.internal.Scans;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * The {@code default} strategy: one primary plus optional read replicas, each through its own
 * glide standalone client (one multiplexed connection per node).
 *
 * <p>The first location is the primary and takes every write; the others are read replicas,
 * used round-robin for reads ({@code GET}, {@code MGET}, pipelined gets, {@code EXISTS},
 * {@code PTTL}, {@code KEYS}, {@code SCAN}). A read that fails to reach its replica is retried
 * once on the primary. Reads from replicas are eventually consistent: a value just written may
 * not be there yet. A SCAN keeps to the node it started on (the node is part of the cursor).
 *
 * <p>Connections are made lazily: opening a cache never fails because a server is down.
 *
 * <p>Options: those of {@link GlideClients} ({@code tls.*}, {@code client_name},
 * {@code dispatch.*}) and of the blocking-command pool ({@code blocking.*}).
 */
@PluginOptions(includes = {GlideClients.class, BlockingPool.class})
public class DefaultValkeyClient implements ValkeyClient {

    private final GlideConnection<GlideClient> primary;
    private final List<GlideConnection<GlideClient>> replicas;
    private final AtomicInteger nextReplica = new AtomicInteger();
    private final String description;
    private final BlockingCommands blocking;
    private final ValkeyLocation primaryLocation;

    /**
     * Connects to the locations of a cache configuration.
     *
     * @param config the cache configuration
     * @throws org.valkeycache.CacheConfigurationException for locations glide cannot serve
     */
    public DefaultValkeyClient(CacheConfig config) {
        this(config, config.locations());
    }

    /**
     * Connects to addresses resolved elsewhere (for example found through Valkey Sentinel), with
     * the timeouts and options of a cache configuration. Strategies that discover their nodes
     * compose this client for the data nodes instead of repeating its command routing.
     *
     * @param config the cache configuration (timeouts, TLS, dispatch and blocking-pool options)
     * @param locations the primary first, then the read replicas; not empty
     * @throws org.valkeycache.CacheConfigurationException for locations glide cannot serve
     */
    public DefaultValkeyClient(CacheConfig config, List<ValkeyLocation> locations) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("at least one location (the primary) is required");
        }
        List<GlideConnection<GlideClient>> opened = new ArrayList<>();
        BlockingCommands pool;
        try {
            for (int i = 0; i < locations.size(); i++) {
                opened.add(GlideClients.open(locations.get(i), config, i > 0));
            }
            pool = BlockingCommands.standalone(opened.get(0), locations.get(0), config);
        } catch (RuntimeException e) {
            opened.forEach(GlideConnection::close);
            throw e;
        }
        this.blocking = pool;
        this.primaryLocation = locations.get(0);
        this.primary = opened.get(0);
        this.replicas = List.copyOf(opened.subList(1, opened.size()));
        this.description = "default[primary=" + primary.node()
                + (replicas.isEmpty() ? "" : ", replicas=" + replicas) + "]";
    }

    /** @return the connection to the primary */
    protected GlideConnection<GlideClient> primary() {
        return primary;
    }

    /** @return the node for the next read: a replica round-robin, or the primary without replicas */
    private int readNode() {
        if (replicas.isEmpty()) {
            return 0;
        }
        return 1 + Math.floorMod(nextReplica.getAndIncrement(), replicas.size());
    }

    private GlideConnection<GlideClient> node(int index) {
        return index == 0 ? primary : replicas.get(index - 1);
    }

    /** Runs a read on a replica, falling back to the primary once if the replica is unreachable. */
    private <T> CompletableFuture<T> read(Function<GlideConnection<GlideClient>, CompletableFuture<T>> op) {
        int n = readNode();
        if (n == 0) {
            return op.apply(primary);
        }
        return op.apply(node(n)).exceptionallyCompose(e -> {
            Throwable cause = GlideErrors.unwrap(e);
            if (cause instanceof CacheConnectionException) {
                return op.apply(primary);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
        return GlideCommands.set(primary, key, value, condition, expiryMillis);
    }

    @Override
    public CompletableFuture<byte[]> get(byte[] key) {
        return read(c -> GlideCommands.get(c, key));
    }

    @Override
    public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
        return read(c -> GlideCommands.mget(c, keys));
    }

    @Override
    public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return GlideCommands.mset(primary, keys, values, expiryMillis);
    }

    @Override
    public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
        return read(c -> GlideCommands.getMany(c, keys));
    }

    @Override
    public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return GlideCommands.setMany(primary, keys, values, expiryMillis);
    }

    @Override
    public CompletableFuture<Long> delete(List<byte[]> keys) {
        return GlideCommands.delete(primary, keys);
    }

    @Override
    public CompletableFuture<Long> unlink(List<byte[]> keys) {
        return GlideCommands.unlink(primary, keys);
    }

    @Override
    public CompletableFuture<Boolean> exists(byte[] key) {
        return read(c -> GlideCommands.exists(c, key));
    }

    @Override
    public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
        return GlideCommands.incrBy(primary, key, delta, onlyIfExists);
    }

    @Override
    public CompletableFuture<Long> pttl(byte[] key) {
        return read(c -> GlideCommands.pttl(c, key));
    }

    /** One atomic script on the primary: RENAME when the key exists. */
    @Override
    public CompletableFuture<Boolean> rename(byte[] from, byte[] to) {
        return Renames.onOneNode(this, from, to);
    }

    @Override
    public CompletableFuture<Boolean> persist(byte[] key) {
        return GlideCommands.persist(primary, key);
    }

    @Override
    public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
        return GlideCommands.pexpire(primary, key, millis);
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
        return GlideCommands.pexpireAt(primary, key, epochMillis);
    }

    @Override
    public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
        return read(c -> GlideCommands.keys(c, pattern));
    }

    /**
     * One SCAN step. The cursor carries the node it runs on ({@code <node>:<server cursor>}), so a
     * scan started on a replica continues there; the first step picks a read node.
     */
    @Override
    public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
        return Scans.overNodes(cursor, count, 1 + replicas.size(), this::readNode, false,
                (node, at) -> GlideCommands.scan(node(node), at, pattern, count));
    }

    @Override
    public CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        if (write) {
            return GlideCommands.execute(primary, argv);
        }
        return read(c -> GlideCommands.execute(c, argv));
    }

    /**
     * Runs a blocking command on a dedicated connection to the primary, taken from a small pool
     * on the caller's thread and given back when the reply arrives.
     */
    @Override
    public CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        return blocking.execute(null, argv);
    }

    @Override
    public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        return GlideCommands.eval(primary, script, keys, args);
    }

    @Override
    public CompletableFuture<Void> flushDb() {
        return GlideCommands.flushDb(primary);
    }

    /**
     * The glide {@link GlideClient} of the primary ({@code write}) or of a read node.
     *
     * @param write whether the caller will write
     * @return a {@link GlideClient}; do not close it, the cache owns it
     */
    @Override
    public GlideClient rawConnection(boolean write) {
        return write ? primary.client() : node(readNode()).client();
    }

    /** @return the first location: the primary, which takes every write */
    @Override
    public ValkeyLocation primaryLocation() {
        return primaryLocation;
    }

    @Override
    public void bindMetrics(CacheMetrics metrics) {
        primary.bindMetrics(metrics);
        replicas.forEach(r -> r.bindMetrics(metrics));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        blocking.close();
        primary.close();
        replicas.forEach(GlideConnection::close);
    }

    @Override
    public String toString() {
        return description;
    }
}
