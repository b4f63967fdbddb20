package org.valkeycache.client.shard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CachePartialFailureException;
import org.valkeycache.CacheUnsupportedOperationException;
import org.valkeycache.client.glide.DefaultValkeyClient;
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
 * The {@code shard} strategy: a consistent-hash ring ({@link HashRing}, django-valkey's
 * placement) over independent servers, each reached through a {@code default} client of its own
 * (so each node may have read replicas). It only routes:
 *
 * <ul>
 *   <li>single-key commands, data-structure commands, scripts and blocking pops go to the node of
 *       their key; commands whose keys must share a node ({@code SMOVE}, {@code SINTER} ...) work
 *       when the ring puts the keys together (hash tags) and otherwise fail with a
 *       {@link CacheCrossNodeException} naming the keys and their nodes. A script runs on the node of
 *       its first key; its other keys are companions kept there (such as a lock's fence counter);</li>
 *   <li>multi-key commands are split per node, sent to the nodes concurrently (at most
 *       {@value #DEFAULT_MAX_PARALLEL} at once, option {@code shard.max_parallel}) and merged back
 *       in the caller's order. {@code mget}/{@code mset} are atomic <em>within</em> each node, not
 *       across nodes;</li>
 *   <li>{@code keys} and {@code flushDb} run on every node; {@code scan} walks the nodes one after
 *       the other (the node is part of the cursor; a node that is down fails its step with a
 *       {@link CachePartialFailureException} carrying the cursor of the next node); a batch
 *       {@code UNLINK} of scanned keys (pattern deletes, {@code clear}) deletes each key only on
 *       the node it was found on.</li>
 * </ul>
 *
 * <p>A node that is down fails only its keys: a multi-key call that other nodes served completes
 * exceptionally with a {@link CachePartialFailureException} naming the failed keys and carrying the
 * served part ({@code setMany} reports the failed keys as not written instead). Only when every
 * node involved fails does the call fail as it would on one server.
 *
 * <p>Locations are the ring's nodes, named by their URL exactly as written, so that a Django
 * application with the same {@code LOCATION} list places every key on the same server. Read
 * replicas are listed per node in the option {@code shard.replicas} (see {@link #REPLICAS_OPTION}). There is no single connection: {@link #rawConnection}
 * refuses. The node clients are handed out through {@link #ringNodes()} so that the near cache
 * ({@code options.near_cache.enabled}) can follow each node on its own. Thread-safe.
 */
@PluginOptions(value = {ShardValkeyClient.REPLICAS_OPTION, ShardValkeyClient.MAX_PARALLEL_OPTION},
        includes = DefaultValkeyClient.class)
public class ShardValkeyClient implements ValkeyClient {

    /**
     * Option listing the read replicas of the nodes: one group per node in location order,
     * groups separated by {@code ';'}, URLs within a group by {@code ','}; an empty or missing
     * group means no replicas ({@code valkey://a2:6379;;valkey://c2:6379,valkey://c3:6379}).
     */
    public static final String REPLICAS_OPTION = "shard.replicas";
    /** Option: the most nodes a multi-key command is sent to at once. */
    public static final String MAX_PARALLEL_OPTION = "shard.max_parallel";
    /** Default of {@link #MAX_PARALLEL_OPTION}. */
    public static final int DEFAULT_MAX_PARALLEL = 16;

    private final HashRing ring;
    private final List<ValkeyClient> nodes;
    private final List<String> names;
    private final int maxParallel;
    private final String description;
    /**
     * The node each key handed out by {@link #scan} was found on, keyed by the array's identity
     * (arrays compare by identity) and held weakly: a pattern delete passes those very arrays to
     * {@link #unlink}, which then deletes each key on the node that holds it, even a key the ring
     * now places elsewhere (written before a node joined).
     */
    private final Map<byte[], Integer> foundOn = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Connects (lazily) to every node of the configuration's locations.
     *
     * @param config the cache configuration
     * @throws CacheConfigurationException for duplicate locations or bad {@code shard.*} options
     */
    public ShardValkeyClient(CacheConfig config) {
        List<ValkeyLocation> locations = config.locations();
        List<String> ringNames = new ArrayList<>(locations.size());
        List<String> shown = new ArrayList<>(locations.size());
        for (ValkeyLocation l : locations) {
            ringNames.add(l.url());
            shown.add(l.toString());
        }
        this.ring = HashRing.of(ringNames);
        this.names = List.copyOf(shown);
        this.maxParallel = (int) Math.min(1024, config.positiveOption(MAX_PARALLEL_OPTION, DEFAULT_MAX_PARALLEL));
        List<List<String>> replicas = replicas(config, locations.size());
        List<ValkeyClient> opened = new ArrayList<>(locations.size());
        try {
            for (int i = 0; i < locations.size(); i++) {
                List<String> urls = new ArrayList<>();
                urls.add(locations.get(i).url());
                urls.addAll(replicas.get(i));
                opened.add(new DefaultValkeyClient(config.mutate().locations(urls).build()));
            }
        } catch (RuntimeException e) {
            opened.forEach(ValkeyClient::close);
            throw e;
        }
        this.nodes = List.copyOf(opened);
        StringBuilder d = new StringBuilder("shard[");
        for (int i = 0; i < nodes.size(); i++) {
            d.append(i == 0 ? "" : ", ").append(nodes.get(i).describe());
        }
        this.description = d.append(']').toString();
    }

    private static List<List<String>> replicas(CacheConfig config, int nodeCount) {
        List<List<String>> out = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            out.add(new ArrayList<>());
        }
        String value = config.option(REPLICAS_OPTION, "");
        String[] groups = value.split(";", -1);
        if (groups.length > nodeCount) {
            throw new CacheConfigurationException("options." + REPLICAS_OPTION + ": " + groups.length
                    + " groups of replicas (separated by ';') for " + nodeCount + " nodes; give one group per location,"
                    + " in location order");
        }
        for (int n = 0; n < groups.length; n++) {
            try {
                // split as the location list is, so a comma inside a password survives
                for (ValkeyLocation replica : ValkeyLocation.parseList(groups[n])) {
                    out.get(n).add(replica.url());
                }
            } catch (CacheConfigurationException e) {
                throw new CacheConfigurationException("options." + REPLICAS_OPTION + ", node " + n + ": "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * The ring that places keys.
     *
     * @return the ring; its node names may contain passwords, never log them
     */
    public HashRing ring() {
        return ring;
    }

    /**
     * The node a made key lives on.
     *
     * @param madeKey the made key
     * @return the node's index in the configured locations (and in {@link #ringNodes()})
     */
    @Override
    public int nodeOf(byte[] madeKey) {
        return ring.nodeOf(madeKey);
    }

    /**
     * Each node's own {@code default} client, in location order: what the near cache follows
     * node by node (one invalidation listener and heartbeat on each node's primary).
     *
     * @return the node clients; owned by this ring, which closes them
     */
    @Override
    public List<ValkeyClient> ringNodes() {
        return nodes;
    }

    /**
     * The number of nodes in the ring.
     *
     * @return the node count
     */
    public int nodeCount() {
        return nodes.size();
    }

    private ValkeyClient node(byte[] key) {
        return nodes.get(ring.nodeOf(key));
    }

    // ---- single-key commands -----------------------------------------------------------------

    @Override
    public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
        return node(key).set(key, value, condition, expiryMillis);
    }

    @Override
    public CompletableFuture<byte[]> get(byte[] key) {
        return node(key).get(key);
    }

    @Override
    public CompletableFuture<Boolean> exists(byte[] key) {
        return node(key).exists(key);
    }

    @Override
    public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
        return node(key).incrBy(key, delta, onlyIfExists);
    }

    @Override
    public CompletableFuture<Long> pttl(byte[] key) {
        return node(key).pttl(key);
    }

    /** On the node of both keys, one atomic RENAME; across two nodes, DUMP + RESTORE + DEL. */
    @Override
    public CompletableFuture<Boolean> rename(byte[] from, byte[] to) {
        ValkeyClient source = node(from);
        ValkeyClient target = node(to);
        return source == target ? source.rename(from, to) : Renames.acrossNodes(source, target, from, to);
    }

    @Override
    public CompletableFuture<Boolean> persist(byte[] key) {
        return node(key).persist(key);
    }

    @Override
    public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
        return node(key).pexpire(key, millis);
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
        return node(key).pexpireAt(key, epochMillis);
    }

    // ---- generic commands: all keys on one node ----------------------------------------------

    @Override
    public CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        return nodeOfAll(keys, argv).execute(write, keys, argv);
    }

    @Override
    public CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        return nodeOfAll(keys, argv).executeBlocking(keys, argv, block);
    }

    /** Runs on the node of {@code KEYS[1]}; further keys are its companions (see the class description). */
    @Override
    public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        if (keys.isEmpty()) {
            throw new CacheUnsupportedOperationException(description + ": a script without keys has no node on a ring");
        }
        return node(keys.get(0)).eval(script, keys, args);
    }

    /** The one node holding every key, or a {@link CacheCrossNodeException} naming the keys and their nodes. */
    private ValkeyClient nodeOfAll(List<byte[]> keys, List<byte[]> argv) {
        String command = new String(argv.get(0), StandardCharsets.UTF_8);
        if (keys.isEmpty()) {
            throw new CacheUnsupportedOperationException(command + ": a command without keys has no node on "
                    + description);
        }
        int first = ring.nodeOf(keys.get(0));
        for (int i = 1; i < keys.size(); i++) {
            if (ring.nodeOf(keys.get(i)) != first) {
                StringBuilder sb = new StringBuilder(command).append(": the keys live on different nodes of the ring (");
                for (int k = 0; k < keys.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append('\'').append(new String(keys.get(k), StandardCharsets.UTF_8))
                            .append("' on ").append(names.get(ring.nodeOf(keys.get(k))));
                }
                throw new CacheCrossNodeException(sb.append("); put them on one node with the same hash tag, such as"
                        + " {user42}, in every key").toString());
            }
        }
        return nodes.get(first);
    }

    // ---- multi-key commands: split per node, merged in the caller's order ----------------------

    /** The keys of one node: their positions in the caller's list and the keys themselves. */
    private record Group(int node, int[] positions, List<byte[]> keys) {
        <T> List<T> pick(List<T> all) {
            return pickAt(positions, all);
        }
    }

    private static <T> List<T> pickAt(int[] positions, List<T> all) {
        List<T> out = new ArrayList<>(positions.length);
        for (int p : positions) {
            out.add(all.get(p));
        }
        return out;
    }

    /** The outcome of one node's part: a value or a failure. */
    private record Part<R>(Group group, R value, Throwable failure) {
    }

    private List<Group> split(List<byte[]> keys) {
        return split(keys, ring::nodeOf);
    }

    private List<Group> split(List<byte[]> keys, ToIntFunction<byte[]> placement) {
        int[] nodeOf = new int[keys.size()];
        int[] counts = new int[nodes.size()];
        for (int i = 0; i < nodeOf.length; i++) {
            nodeOf[i] = placement.applyAsInt(keys.get(i));
            counts[nodeOf[i]]++;
        }
        int[][] positions = new int[nodes.size()][];
        for (int n = 0; n < counts.length; n++) {
            positions[n] = new int[counts[n]];
        }
        int[] filled = new int[nodes.size()];
        for (int i = 0; i < nodeOf.length; i++) {
            positions[nodeOf[i]][filled[nodeOf[i]]++] = i;
        }
        List<Group> groups = new ArrayList<>();
        for (int n = 0; n < counts.length; n++) {
            if (counts[n] > 0) {
                groups.add(new Group(n, positions[n], pickAt(positions[n], keys)));
            }
        }
        return groups;
    }

    /**
     * Sends each group to its node, at most {@code maxParallel} nodes at once (each lane takes the
     * next group when its previous one completes), and collects every outcome; never fails.
     */
    private <R> CompletableFuture<List<Part<R>>> fanOut(List<Group> groups,
            BiFunction<ValkeyClient, Group, CompletableFuture<R>> op) {
        @SuppressWarnings("unchecked")
        Part<R>[] parts = new Part[groups.size()];
        int lanes = Math.min(maxParallel, groups.size());
        CompletableFuture<?>[] laneDone = new CompletableFuture<?>[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (int i = lane; i < groups.size(); i += lanes) {
                int index = i;
                chain = chain.thenCompose(x -> runPart(groups.get(index), op).thenAccept(p -> parts[index] = p));
            }
            laneDone[lane] = chain;
        }
        return CompletableFuture.allOf(laneDone).thenApply(x -> Arrays.asList(parts));
    }

    private <R> CompletableFuture<Part<R>> runPart(Group g, BiFunction<ValkeyClient, Group, CompletableFuture<R>> op) {
        CompletableFuture<R> f;
        try {
            f = op.apply(nodes.get(g.node), g);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((v, e) -> new Part<>(g, v, e == null ? null : unwrap(e)));
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Splits, fans out and merges. A single node's work runs directly. When some parts fail: if
     * every part failed, or a failure is not a connection failure, the call fails with the first
     * such failure; otherwise with a {@link CachePartialFailureException} carrying {@code merge} of the
     * served parts (failed parts contribute nothing).
     */
    private <R, T> CompletableFuture<T> multi(String command, List<byte[]> keys,
            BiFunction<ValkeyClient, Group, CompletableFuture<R>> op, Merger<R, T> merger) {
        return inGroups(command, split(keys), op, merger);
    }

    private <R, T> CompletableFuture<T> inGroups(String command, List<Group> groups,
            BiFunction<ValkeyClient, Group, CompletableFuture<R>> op, Merger<R, T> merger) {
        if (groups.size() == 1) {
            Group only = groups.get(0);
            return op.apply(nodes.get(only.node), only).thenApply(r -> merger.merge(List.of(new Part<>(only, r, null))));
        }
        return fanOut(groups, op).thenApply(parts -> {
            List<Part<R>> failed = new ArrayList<>();
            for (Part<R> p : parts) {
                if (p.failure != null) {
                    failed.add(p);
                }
            }
            T merged = merger.merge(parts);
            if (failed.isEmpty()) {
                return merged;
            }
            for (Part<R> p : failed) {
                if (!(p.failure instanceof CacheConnectionException)) {
                    throw new CompletionException(p.failure);
                }
            }
            if (failed.size() == parts.size()) {
                throw new CompletionException(failed.get(0).failure);
            }
            throw new CompletionException(partial(command, failed, merged));
        });
    }

    private <R> CachePartialFailureException partial(String command, List<Part<R>> failed, Object merged) {
        List<String> failedKeys = new ArrayList<>();
        StringBuilder sb = new StringBuilder(command).append(" on ").append(description).append(": ");
        for (int i = 0; i < failed.size(); i++) {
            Part<R> p = failed.get(i);
            sb.append(i == 0 ? "" : "; ").append("node ").append(names.get(p.group.node)).append(" failed for ")
                    .append(p.group.keys == null ? "its part" : p.group.keys.size() + " key(s)").append(": ")
                    .append(p.failure.getMessage());
            if (p.group.keys != null) {
                for (byte[] k : p.group.keys) {
                    failedKeys.add(new String(k, StandardCharsets.UTF_8));
                }
            }
        }
        return new CachePartialFailureException(sb.append("; the other nodes were served").toString(), failedKeys, merged,
                failed.get(0).failure);
    }

    /** Merges the parts (failed ones included, with no value) into the caller-order result. */
    @FunctionalInterface
    private interface Merger<R, T> {
        T merge(List<Part<R>> parts);
    }

    /** Values back in the caller's order; failed keys' places stay {@code null}. */
    private static Merger<List<byte[]>, List<byte[]>> inOrder(int size) {
        return parts -> {
            byte[][] out = new byte[size][];
            for (Part<List<byte[]>> p : parts) {
                if (p.value != null) {
                    for (int i = 0; i < p.group.positions.length; i++) {
                        out[p.group.positions[i]] = p.value.get(i);
                    }
                }
            }
            return Arrays.asList(out);
        };
    }

    private static Merger<Long, Long> sum() {
        return parts -> {
            long total = 0;
            for (Part<Long> p : parts) {
                total += p.value == null ? 0 : p.value;
            }
            return total;
        };
    }

    /** Atomic within each node, not across nodes. */
    @Override
    public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
        return multi("mget", keys, (n, g) -> n.mget(g.keys), inOrder(keys.size()));
    }

    /** Atomic within each node, not across nodes: a node that fails leaves the others written. */
    @Override
    public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return multi("mset", keys, (n, g) -> n.mset(g.keys, g.pick(values), expiryMillis), parts -> null);
    }

    @Override
    public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
        return multi("getMany", keys, (n, g) -> n.getMany(g.keys), inOrder(keys.size()));
    }

    /** The keys of a node that fails are reported as not written; fails only when every node failed. */
    @Override
    public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        List<Group> groups = split(keys);
        if (groups.size() == 1) {
            return nodes.get(groups.get(0).node).setMany(keys, values, expiryMillis);
        }
        return fanOut(groups, (n, g) -> n.setMany(g.keys, g.pick(values), expiryMillis)).thenApply(parts -> {
            Boolean[] out = new Boolean[keys.size()];
            Arrays.fill(out, Boolean.FALSE);
            Throwable first = null;
            for (Part<List<Boolean>> p : parts) {
                if (p.value == null) {
                    first = first == null ? p.failure : first;
                    continue;
                }
                for (int i = 0; i < p.group.positions.length; i++) {
                    out[p.group.positions[i]] = p.value.get(i);
                }
            }
            if (parts.stream().allMatch(p -> p.failure != null)) {
                throw new CompletionException(first);
            }
            return Arrays.asList(out);
        });
    }

    @Override
    public CompletableFuture<Long> delete(List<byte[]> keys) {
        return multi("delete", keys, (n, g) -> n.delete(g.keys), sum());
    }

    /**
     * Each key is unlinked on one node only: the node a {@link #scan} found it on, else its ring
     * node.
     */
    @Override
    public CompletableFuture<Long> unlink(List<byte[]> keys) {
        List<Group> groups = split(keys, k -> {
            Integer found = foundOn.remove(k);
            return found != null ? found : ring.nodeOf(k);
        });
        return inGroups("unlink", groups, (n, g) -> n.unlink(g.keys), sum());
    }

    // ---- every node --------------------------------------------------------------------------

    private List<Group> everyNode() {
        List<Group> groups = new ArrayList<>(nodes.size());
        for (int n = 0; n < nodes.size(); n++) {
            groups.add(new Group(n, new int[0], null));
        }
        return groups;
    }

    /** Runs on every node; failures as in {@link #multi}, with the node named instead of keys. */
    private <R, T> CompletableFuture<T> onEveryNode(String command, BiFunction<ValkeyClient, Group,
            CompletableFuture<R>> op, Merger<R, T> merger) {
        return fanOut(everyNode(), op).thenApply(parts -> {
            List<Part<R>> failed = parts.stream().filter(p -> p.failure != null).toList();
            T merged = merger.merge(parts);
            if (failed.isEmpty()) {
                return merged;
            }
            if (failed.size() == parts.size() || failed.stream().anyMatch(p -> !(p.failure instanceof CacheConnectionException))) {
                throw new CompletionException(failed.get(0).failure);
            }
            throw new CompletionException(partial(command, failed, merged));
        });
    }

    @Override
    public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
        return onEveryNode("keys", (n, g) -> n.keys(pattern), parts -> {
            List<byte[]> all = new ArrayList<>();
            for (Part<List<byte[]>> p : parts) {
                if (p.value != null) {
                    all.addAll(p.value);
                }
            }
            return all;
        });
    }

    @Override
    public CompletableFuture<Void> flushDb() {
        return onEveryNode("flushDb", (n, g) -> n.flushDb(), parts -> null);
    }

    /**
     * One SCAN step, walking the nodes in order; the cursor is {@code <node>:<node's cursor>}.
     * A node that cannot be reached fails the step with a
     * {@link CachePartialFailureException} whose partial result is the {@link ScanPage} to go on
     * with (the next node's start).
     */
    @Override
    public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
        return Scans.overNodes(cursor, count, nodes.size(), () -> 0, true, (node, at) -> scanNode(node, at, pattern, count));
    }

    /** One node's scan step; remembers where each key was found, for {@link #unlink}. */
    private CompletableFuture<ScanPage> scanNode(int node, ScanCursor cursor, byte[] pattern, int count) {
        CompletableFuture<ScanPage> step;
        try {
            step = nodes.get(node).scan(cursor, pattern, count);
        } catch (CacheConnectionException e) {
            step = CompletableFuture.failedFuture(e);
        }
        // the continuation only tags keys: cheap enough for glide's callback thread
        return step.handle((page, failure) -> {
            if (failure != null) {
                throw new CompletionException(skipping(node, unwrap(failure)));
            }
            for (byte[] k : page.keys()) {
                foundOn.put(k, node);
            }
            return page;
        });
    }

    /**
     * A node that cannot be reached fails only its part of a walk over the ring: a
     * {@link CachePartialFailureException} naming the node, whose partial result is the empty
     * page that goes on with the next node (the facade skips the node under the ignore policy
     * and raises otherwise). Other failures, and the failure of a ring of one, stay as they are.
     */
    private Throwable skipping(int node, Throwable failure) {
        if (nodes.size() == 1 || !(failure instanceof CacheConnectionException)) {
            return failure;
        }
        return new CachePartialFailureException("scan on " + description + ": node " + names.get(node) + " failed: "
                + failure.getMessage() + "; the nodes after it can still be scanned", List.of(),
                new ScanPage(List.of(), Scans.afterNode(node, nodes.size())), failure);
    }

    // ---- raw access, lifecycle ---------------------------------------------------------------

    /**
     * Refuses: a ring has no single connection.
     *
     * @throws CacheUnsupportedOperationException always
     */
    @Override
    public Object rawConnection(boolean write) {
        throw new CacheUnsupportedOperationException(description + ": a ring has no single connection; use the"
                + " cache's commands, which route each key to its node");
    }

    @Override
    public String describe() {
        return description;
    }

    /** Every node's client records into the cache's one set of meters. */
    @Override
    public void bindMetrics(CacheMetrics metrics) {
        nodes.forEach(n -> n.bindMetrics(metrics));
    }

    @Override
    public void close() {
        nodes.forEach(ValkeyClient::close);
    }

    @Override
    public String toString() {
        return description;
    }
}
