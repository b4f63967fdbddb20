package org.valkeycache.client.cluster;

import glide.api.GlideClusterClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.client.glide.internal.BlockingCommands;
import org.valkeycache.client.glide.internal.ClusterScans;
import org.valkeycache.client.glide.internal.GlideClients;
import org.valkeycache.client.glide.internal.GlideCommands;
import org.valkeycache.client.glide.internal.GlideConnection;
import org.valkeycache.client.glide.internal.HashSlots;
import org.valkeycache.client.glide.internal.Renames;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * The {@code cluster} strategy: a Valkey Cluster through one glide {@link GlideClusterClient},
 * which learns the slot map from the seed nodes (the locations: one or more nodes of the
 * cluster) and follows redirections, slot migrations and failovers by itself. The command logic
 * is client-default's ({@link GlideCommands}); this class only decides where work goes:
 * <ul>
 *   <li>single-key commands go to the primary of the key's hash slot (reads to one of its
 *       replicas with {@code options.cluster.read_from=replica}; they may then lag behind);</li>
 *   <li>{@code mget}, {@code mset}, {@code delete} and {@code unlink} are split by hash slot and
 *       merged in the caller's order (glide's multi-slot split): each is atomic per slot only.
 *       An {@code mset} with an expiry is one MULTI/EXEC (MSET plus PEXPIREs) per slot;</li>
 *   <li>{@code getMany}/{@code setMany} are one non-atomic cluster pipeline, which glide splits
 *       per node; replies come back in the caller's order;</li>
 *   <li>{@code keys}, {@code scan} (so {@code iterKeys}, {@code deletePattern}, {@code clear})
 *       walk every slot once with glide's cluster-wide SCAN, on whichever primary holds the slot
 *       at the time; {@code flushDb} empties every primary;</li>
 *   <li>data-structure commands, Lua scripts (locks) and blocking commands go to their key's
 *       slot; when their keys are in different slots they fail with a {@link CacheCrossSlotException}
 *       naming the keys, unless a hash tag puts them together.</li>
 * </ul>
 * Concurrent single commands are coalesced into non-atomic cluster pipelines as on the default
 * client ({@code options.dispatch.*}). TLS ({@code valkeys://}), ACL users and the connect and
 * request timeouts apply to every node. {@link #rawConnection} returns the {@link GlideClusterClient}.
 *
 * <p>Options: {@value #READ_FROM}, and those of the glide connections ({@code tls.*},
 * {@code client_name}, {@code dispatch.*}, {@code connect.retry_interval}, {@code blocking.*}).
 */
@PluginOptions(value = ClusterValkeyClient.READ_FROM, includes = {GlideClients.class, BlockingCommands.class})
public class ClusterValkeyClient implements ValkeyClient {

    /** Option: where reads go, {@code primary} (the default) or {@code replica} (glide's PREFER_REPLICA). */
    public static final String READ_FROM = "cluster.read_from";
    /** COUNT of each SCAN step of {@link #keys}. */
    private static final int KEYS_SCAN_COUNT = 1000;
    /** Slot transactions of one {@code mset} with an expiry in flight at once. */
    private static final int SLOT_FAN_OUT = 64;

    private final GlideConnection<GlideClusterClient> connection;
    private final BlockingCommands blocking;
    private final String description;
    private final ClusterScans scans;

    /**
     * Connects to the cluster the locations of a configuration seed.
     *
     * @param config the cache configuration
     * @throws CacheConfigurationException for settings a cluster cannot honour (a database other
     *     than 0, a unix socket, an unknown {@link #READ_FROM})
     */
    public ClusterValkeyClient(CacheConfig config) {
        boolean replicaReads = replicaReads(config.option(READ_FROM, "primary"));
        this.connection = GlideClients.openCluster(config.locations(), config, replicaReads,
                config.booleanOption(GlideClients.DISPATCH_COALESCE, true));
        BlockingCommands pool;
        try {
            pool = BlockingCommands.cluster(connection, config.locations(), config);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        this.blocking = pool;
        this.scans = new ClusterScans(connection);
        this.description = "cluster[seeds=" + connection.node() + (replicaReads ? ", reads=replica" : "") + "]";
    }

    private static boolean replicaReads(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "primary" -> false;
            case "replica" -> true;
            default -> throw new CacheConfigurationException("options." + READ_FROM + ": '" + value
                    + "' is neither 'primary' nor 'replica'");
        };
    }

    @Override
    public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
        return GlideCommands.set(connection, key, value, condition, expiryMillis);
    }

    @Override
    public CompletableFuture<byte[]> get(byte[] key) {
        return GlideCommands.get(connection, key);
    }

    @Override
    public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
        return GlideCommands.mget(connection, keys);
    }

    /** MSET split by slot, atomic per slot; with an expiry, one MSET+PEXPIRE transaction per slot. */
    @Override
    public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        if (expiryMillis == NO_EXPIRY || keys.isEmpty()) {
            return GlideCommands.mset(connection, keys, values, expiryMillis);
        }
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            bySlot.computeIfAbsent(HashSlots.slot(keys.get(i)), s -> new ArrayList<>()).add(i);
        }
        if (bySlot.size() == 1) {
            return GlideCommands.mset(connection, keys, values, expiryMillis);
        }
        List<List<Integer>> groups = new ArrayList<>(bySlot.values());
        return msetSlots(groups, 0, keys, values, expiryMillis);
    }

    /** The slot transactions from {@code from} on, {@link #SLOT_FAN_OUT} at a time. */
    private CompletableFuture<Void> msetSlots(List<List<Integer>> groups, int from, List<byte[]> keys,
            List<byte[]> values, long expiryMillis) {
        int to = Math.min(groups.size(), from + SLOT_FAN_OUT);
        List<CompletableFuture<Void>> window = new ArrayList<>(to - from);
        for (List<Integer> group : groups.subList(from, to)) {
            List<byte[]> k = new ArrayList<>(group.size());
            List<byte[]> v = new ArrayList<>(group.size());
            for (int i : group) {
                k.add(keys.get(i));
                v.add(values.get(i));
            }
            window.add(GlideCommands.mset(connection, k, v, expiryMillis));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(window.toArray(CompletableFuture[]::new));
        return to == groups.size() ? all : all.thenCompose(done -> msetSlots(groups, to, keys, values, expiryMillis));
    }

    @Override
    public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
        return GlideCommands.getMany(connection, keys);
    }

    @Override
    public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return GlideCommands.setMany(connection, keys, values, expiryMillis);
    }

    @Override
    public CompletableFuture<Long> delete(List<byte[]> keys) {
        return GlideCommands.delete(connection, keys);
    }

    @Override
    public CompletableFuture<Long> unlink(List<byte[]> keys) {
        return GlideCommands.unlink(connection, keys);
    }

    @Override
    public CompletableFuture<Boolean> exists(byte[] key) {
        return GlideCommands.exists(connection, key);
    }

    @Override
    public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
        return GlideCommands.incrBy(connection, key, delta, onlyIfExists);
    }

    /** In one slot, one atomic RENAME; across slots, DUMP + RESTORE + DEL, each on its slot's primary. */
    @Override
    public CompletableFuture<Boolean> rename(byte[] from, byte[] to) {
        return HashSlots.slot(from) == HashSlots.slot(to)
                ? Renames.onOneNode(this, from, to)
                : Renames.acrossNodes(this, this, from, to);
    }

    @Override
    public CompletableFuture<Long> pttl(byte[] key) {
        return GlideCommands.pttl(connection, key);
    }

    @Override
    public CompletableFuture<Boolean> persist(byte[] key) {
        return GlideCommands.persist(connection, key);
    }

    @Override
    public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
        return GlideCommands.pexpire(connection, key, millis);
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
        return GlideCommands.pexpireAt(connection, key, epochMillis);
    }

    /** Every matching key of the cluster, by a cluster-wide SCAN (never KEYS, which blocks each primary). */
    @Override
    public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
        return scans.all(pattern, KEYS_SCAN_COUNT);
    }

    /**
     * One step of the cluster-wide SCAN. The cursor names a scan this client keeps open (glide's
     * cursor lives in its native core); the most recent {@value ClusterScans#MAX_OPEN_SCANS} scans stay open.
     */
    @Override
    public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
        return scans.step(cursor, pattern, count);
    }

    @Override
    public CompletableFuture<Void> flushDb() {
        return GlideCommands.flushAllPrimaries(connection);
    }

    @Override
    public CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        return GlideCommands.execute(connection, write, oneSlot(argv.get(0), keys), argv);
    }

    @Override
    public CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        return blocking.execute(oneSlot(argv.get(0), keys), argv);
    }

    @Override
    public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        oneSlot("EVALSHA".getBytes(StandardCharsets.US_ASCII), keys);
        return GlideCommands.eval(connection, script, keys, args);
    }

    /**
     * @return the key to route by (the first; null for none)
     * @throws CacheCrossSlotException when the keys are in different slots
     */
    private static byte[] oneSlot(byte[] command, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        int slot = HashSlots.slot(keys.get(0));
        for (int i = 1; i < keys.size(); i++) {
            if (HashSlots.slot(keys.get(i)) != slot) {
                List<String> names = new ArrayList<>(keys.size());
                int[] slots = new int[keys.size()];
                for (int j = 0; j < keys.size(); j++) {
                    names.add(new String(keys.get(j), StandardCharsets.UTF_8));
                    slots[j] = HashSlots.slot(keys.get(j));
                }
                throw new CacheCrossSlotException(new String(command, StandardCharsets.UTF_8), names, slots);
            }
        }
        return keys.get(0);
    }

    /**
     * The glide cluster client, for either kind of use (glide routes each command itself).
     *
     * @param write ignored: the one client serves reads and writes
     * @return the {@link GlideClusterClient}; do not close it, the cache owns it
     */
    @Override
    public GlideClusterClient rawConnection(boolean write) {
        return connection.client();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void bindMetrics(CacheMetrics metrics) {
        connection.bindMetrics(metrics);
    }

    @Override
    public void close() {
        scans.close();
        blocking.close();
        connection.close();
    }

    @Override
    public String toString() {
        return description;
    }
}
