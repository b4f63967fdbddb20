package org.valkeycache.benchmarks.load;

import glide.api.GlideClusterClient;
import glide.api.models.ClusterBatch;
import glide.api.models.GlideString;
import glide.api.models.commands.SetOptions;
import glide.api.models.configuration.GlideClusterClientConfiguration;
import glide.api.models.configuration.NodeAddress;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyCluster;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The cluster topology of the load driver: starts a real Valkey Cluster (3 primaries with a
 * replica each, on loopback) and runs get/set/mget/getMany/setMany through the valkey-cache facade
 * with {@code clientClass=cluster} (with and without coalescing), raw glide
 * {@link GlideClusterClient} and Lettuce's {@link RedisClusterClient}, in one run, writing
 * {@code report.md} and {@code results.csv}.
 *
 * <pre>
 * java -cp 'target/benchmarks.jar:target/lib/*' org.valkeycache.benchmarks.load.ClusterLoadDriver [--quick] [--out DIR]
 * </pre>
 */
public final class ClusterLoadDriver {

    static final List<Workload> WORKLOADS = List.of(Workload.GET_HIT, Workload.SET_TTL, Workload.MGET_100,
            Workload.GET_MANY_100, Workload.SET_MANY_100);

    private ClusterLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        double warmup = 0.5;
        double duration = 1.5;
        List<Integer> threads = List.of(1, 16, 64);
        Path out = Path.of("benchmarks", "results",
                "cluster-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    warmup = 0.2;
                    duration = 0.5;
                }
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--duration" -> duration = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ClusterLoadDriver [--quick] [--warmup S] [--duration S] [--threads 1,16,64] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(out);
        List<Result> results = new ArrayList<>();
        try (ValkeyCluster cluster = ValkeyCluster.builder().start()) {
            List<Integer> ports = cluster.nodes().stream().map(ValkeyServer::port).toList();
            System.out.println("cluster of " + cluster.primaries().size() + " primaries, " + cluster.replicas().size()
                    + " replicas on ports " + ports);
            Data data = new Data(1000, 100);
            List<BenchClient> clients = List.of(clusterFacade(ports, true), clusterFacade(ports, false),
                    new RawGlideCluster(ports), new LettuceCluster(ports));
            try {
                ((RawGlideCluster) clients.get(2)).populate(data);
                int cells = WORKLOADS.size() * threads.size() * clients.size();
                int done = 0;
                int cell = 0;
                for (Workload w : WORKLOADS) {
                    for (int t : threads) {
                        // each cell starts with another client, so none always runs right after the heaviest cell
                        List<BenchClient> order = new ArrayList<>(clients);
                        Collections.rotate(order, -(cell++ % clients.size()));
                        for (BenchClient c : order) {
                            Result r = Runner.run(c, w, data, t, warmup, duration);
                            done++;
                            if (r == null) {
                                continue;
                            }
                            results.add(r);
                            System.out.printf(Locale.ROOT, "[%2d/%d] %-22s %-12s c=%-2d %10.0f ops/s  p50 %8.1f µs  p99 %8.1f µs%s%n",
                                    done, cells, c.name(), w.id, t, r.opsPerSec(), r.p50Us(), r.p99Us(),
                                    r.errors() > 0 ? "  ERRORS " + r.errors() : "");
                        }
                    }
                }
            } finally {
                BenchClient.closeAll(clients);
            }
        }
        StringBuilder csv = new StringBuilder(Result.CSV_HEADER).append('\n');
        results.forEach(r -> csv.append(r.csv()).append('\n'));
        LoadDriver.writeString(out.resolve("results.csv"), csv.toString());
        LoadDriver.writeString(out.resolve("report.md"), report(results, threads));
        System.out.println("done: " + out.resolve("report.md"));
        System.exit(0); // client libraries may leave non-daemon threads behind
    }

    /** Keys per second for every workload and thread count, and the facade's ratio to raw glide and Lettuce. */
    static String report(List<Result> results, List<Integer> threads) {
        Map<String, Result> byCell = new HashMap<>();
        for (Result r : results) {
            byCell.put(r.client() + "|" + r.workload() + "|" + r.threads(), r);
        }
        StringBuilder md = new StringBuilder("# Cluster topology: valkey-cache vs raw glide vs Lettuce\n\n")
                .append("3 primaries + 3 replicas on loopback, 100 B values, keys per second (calls/s x keys per call).\n\n")
                .append("| workload | threads | valkey-cache | valkey-cache (no coalescing) | glide-cluster | lettuce-cluster | ")
                .append("cache / glide | cache / lettuce |\n|---|---|---|---|---|---|---|---|\n");
        for (Workload w : WORKLOADS) {
            for (int t : threads) {
                double cache = keysPerSec(byCell.get("valkey-cache-cluster|" + w.id + "|" + t), w);
                double off = keysPerSec(byCell.get("valkey-cache-cluster-nocoalesce|" + w.id + "|" + t), w);
                double glide = keysPerSec(byCell.get("glide-cluster|" + w.id + "|" + t), w);
                double lettuce = keysPerSec(byCell.get("lettuce-cluster|" + w.id + "|" + t), w);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |%n",
                        w.id, t, cache, off, glide, lettuce, cache / glide, cache / lettuce));
            }
        }
        return md.toString();
    }

    private static double keysPerSec(Result r, Workload w) {
        return r == null ? Double.NaN : r.opsPerSec() * w.keysPerCall;
    }

    private static List<NodeAddress> addresses(List<Integer> ports) {
        return ports.stream().map(p -> NodeAddress.builder().host("127.0.0.1").port(p).build()).toList();
    }

    /** valkey-cache through the facade with {@code clientClass=cluster}, with or without coalescing. */
    static BenchClient clusterFacade(List<Integer> ports, boolean coalesce) {
        CacheConfig.Builder b = CacheConfig.builder().clientClass("cluster")
                .option("dispatch.coalesce", Boolean.toString(coalesce));
        ports.forEach(p -> b.location("valkey://127.0.0.1:" + p));
        return new Clients.Facade(b, coalesce ? "valkey-cache-cluster" : "valkey-cache-cluster-nocoalesce");
    }

    /** Raw glide {@link GlideClusterClient} with binary keys; getMany/setMany as non-atomic cluster batches. */
    static final class RawGlideCluster implements BenchClient {
        private final GlideClusterClient client;

        RawGlideCluster(List<Integer> ports) throws Exception {
            client = GlideClusterClient.createClient(GlideClusterClientConfiguration.builder()
                    .addresses(addresses(ports)).requestTimeout(5000).build()).get();
        }

        @Override
        public String name() {
            return "glide-cluster";
        }

        void populate(Data d) throws Exception {
            Map<GlideString, GlideString> hits = new HashMap<>();
            for (String k : d.hitFull) {
                hits.put(GlideString.of(k), GlideString.of(d.value));
            }
            client.msetBinary(hits).get();
            client.del(gs(d.missFull)).get();
        }

        private static GlideString[] gs(String[] s) {
            GlideString[] out = new GlideString[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = GlideString.of(s[i]);
            }
            return out;
        }

        @Override
        public Op op(Workload w, Data d) {
            int n = d.keys();
            int b = d.batches();
            GlideString[] hit = gs(d.hitFull);
            GlideString[] set = gs(d.setFull);
            GlideString value = GlideString.of(d.value);
            SetOptions ttl = SetOptions.builder().expiry(SetOptions.Expiry.Seconds((long) Data.TTL_SECONDS)).build();
            List<GlideString[]> batches = new ArrayList<>();
            List<GlideString[]> setBatches = new ArrayList<>();
            for (int j = 0; j < b; j++) {
                batches.add(gs(d.batchFull.get(j).toArray(new String[0])));
                setBatches.add(gs(d.setBatchFull.get(j).keySet().toArray(new String[0])));
            }
            return switch (w) {
                case GET_HIT -> (t, i) -> client.get(hit[BenchClient.index(t, i, n)]).get() != null;
                case SET_TTL -> (t, i) -> "OK".equals(client.set(set[BenchClient.index(t, i, n)], value, ttl).get());
                case MGET_100 -> (t, i) -> client.mget(batches.get(BenchClient.index(t, i, b))).get().length == Data.BATCH;
                case GET_MANY_100 -> (t, i) -> {
                    ClusterBatch batch = new ClusterBatch(false).withBinaryOutput();
                    for (GlideString k : batches.get(BenchClient.index(t, i, b))) {
                        batch.get(k);
                    }
                    return client.exec(batch, false).get().length == Data.BATCH;
                };
                case SET_MANY_100 -> (t, i) -> {
                    ClusterBatch batch = new ClusterBatch(false).withBinaryOutput();
                    for (GlideString k : setBatches.get(BenchClient.index(t, i, b))) {
                        batch.set(k, value, ttl);
                    }
                    return client.exec(batch, false).get().length == Data.BATCH;
                };
                default -> null;
            };
        }

        @Override
        public long deletePattern(String userPattern) {
            throw new UnsupportedOperationException("not measured on the cluster");
        }

        @Override
        public void close() throws Exception {
            client.close();
        }
    }

    /**
     * Lettuce's cluster client on one cluster connection (one connection per node underneath),
     * async API: getMany/setMany queue 100 commands with auto-flush off and flush once, as the
     * standalone lettuce-async bench does; mget is Lettuce's own cross-slot split.
     */
    static final class LettuceCluster implements BenchClient {
        private final RedisClusterClient client;
        private final StatefulRedisClusterConnection<String, String> connection;
        private final RedisAdvancedClusterAsyncCommands<String, String> async;

        LettuceCluster(List<Integer> ports) {
            client = RedisClusterClient.create(ports.stream().map(p -> RedisURI.create("127.0.0.1", p)).toList());
            connection = client.connect();
            async = connection.async();
        }

        @Override
        public String name() {
            return "lettuce-cluster";
        }

        @Override
        public Op op(Workload w, Data d) {
            return switch (w) {
                case GET_HIT, SET_TTL, MGET_100, GET_MANY_100, SET_MANY_100 -> Clients.lettuceAsyncOp(w, d, connection, async);
                default -> null;
            };
        }

        @Override
        public long deletePattern(String userPattern) {
            throw new UnsupportedOperationException("not measured on the cluster");
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
