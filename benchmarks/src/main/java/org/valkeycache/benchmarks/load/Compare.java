package org.valkeycache.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * Interleaved A/B comparison on one server and one JVM: every variant runs each cell once per
 * round (A, B, A, B ...), and each variant's ratio to the first one is taken within a round, so a
 * host whose speed drifts (other work on a shared machine) affects both sides of every ratio
 * alike. Reports the median ratio of throughput and of mean latency, with its min-max spread.
 *
 * <p>A variant is a facade opened while some system properties are set ({@code name:prop=value,...},
 * for an implementation switch read when a cache opens, added while two implementations are
 * compared), or a peer client by name ({@code jedis}, {@code glide}, ...). Besides throughput and
 * latency it reports the process CPU per call (client threads and glide's native threads), which
 * other work on a shared machine disturbs far less. Run it with {@code RUST_LOG=error} like
 * {@code run.sh}:
 *
 * <pre>
 * RUST_LOG=error java -cp 'target/benchmarks.jar:target/lib/*' org.valkeycache.benchmarks.load.Compare \
 *     --variant valkey-cache --variant glide --variant jedis \
 *     --workloads get_hit,getmany_100 --threads 1,16,64 --rounds 5 --duration 1
 * </pre>
 */
public final class Compare {

    private Compare() {
    }

    private record Variant(String name, Map<String, String> properties, String peer) {
        static Variant parse(String spec) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            Map<String, String> props = new LinkedHashMap<>();
            if (colon >= 0) {
                for (String kv : spec.substring(colon + 1).split(",")) {
                    int eq = kv.indexOf('=');
                    props.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
            String peer = Clients.ALL.contains(name) && !name.startsWith("valkey-cache") ? name : null;
            return new Variant(name, props, peer);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Variant> variants = new ArrayList<>();
        List<Workload> workloads = List.of(Workload.GET_HIT);
        List<Integer> threads = List.of(1, 16, 64);
        int rounds = 5;
        double warmup = 0.3;
        double duration = 1.0;
        int size = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--variant" -> variants.add(Variant.parse(args[++i]));
                case "--workloads" -> workloads = Arrays.stream(args[++i].split(",")).map(Workload::byId).toList();
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--duration" -> duration = Double.parseDouble(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (variants.isEmpty()) {
            variants.add(Variant.parse("base"));
        }
        int maxThreads = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        try (ValkeyServer server = ValkeyServer.start()) {
            int port = server.port();
            List<BenchClient> clients = new ArrayList<>();
            try {
                for (Variant v : variants) {
                    clients.add(open(v, port, maxThreads));
                }
                Data data = new Data(1000, size);
                LoadDriver.populate(port, data);
                StringBuilder table = new StringBuilder();
                table.append("| workload | threads | variant | ops/s (median) | mean µs (median) | ops ratio (median) | spread | latency ratio (median) | spread | client CPU µs/op | CPU ratio | spread |\n");
                table.append("|---|---:|---|---:|---:|---:|---|---:|---|---:|---:|---|\n");
                for (Workload w : workloads) {
                    for (int t : threads) {
                        double[][] ops = new double[variants.size()][rounds];
                        double[][] lat = new double[variants.size()][rounds];
                        double[][] cpu = new double[variants.size()][rounds];
                        for (int r = 0; r < rounds; r++) {
                            for (int v = 0; v < variants.size(); v++) {
                                // alternate the order each round so neither side always runs first
                                int vi = r % 2 == 0 ? v : variants.size() - 1 - v;
                                Result res = Runner.run(clients.get(vi), w, data, t, warmup, duration);
                                ops[vi][r] = res == null ? Double.NaN : res.opsPerSec();
                                lat[vi][r] = res == null ? Double.NaN : res.meanUs();
                                cpu[vi][r] = res == null ? Double.NaN : Runner.lastCpuNanos / 1000.0 / res.calls();
                                System.out.printf(Locale.ROOT, "%-12s c=%-2d round %d %-24s %10.0f ops/s  mean %8.1f µs  cpu %7.1f µs/op%s%n", w.id, t, r,
                                        variants.get(vi).name(), ops[vi][r], lat[vi][r], cpu[vi][r],
                                        res != null && res.errors() > 0 ? "  ERRORS " + res.errors() : "");
                            }
                        }
                        for (int v = 0; v < variants.size(); v++) {
                            double[] or = new double[rounds];
                            double[] lr = new double[rounds];
                            double[] cr = new double[rounds];
                            for (int r = 0; r < rounds; r++) {
                                or[r] = ops[v][r] / ops[0][r];
                                lr[r] = lat[v][r] / lat[0][r];
                                cr[r] = cpu[v][r] / cpu[0][r];
                            }
                            table.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %.1f | %.2f | %.2f-%.2f | %.2f | %.2f-%.2f | %.1f | %.2f | %.2f-%.2f |%n",
                                    w.id, t, variants.get(v).name(), median(ops[v]), median(lat[v]), median(or), min(or), max(or),
                                    median(lr), min(lr), max(lr), median(cpu[v]), median(cr), min(cr), max(cr)));
                        }
                    }
                }
                System.out.println();
                System.out.print(table);
            } finally {
                BenchClient.closeAll(clients);
            }
        }
        System.exit(0);
    }

    private static BenchClient open(Variant v, int port, int maxThreads) throws Exception {
        if (v.peer() != null) {
            return Clients.open(v.peer(), port, maxThreads);
        }
        Map<String, String> saved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : v.properties().entrySet()) {
            saved.put(e.getKey(), System.getProperty(e.getKey()));
            System.setProperty(e.getKey(), e.getValue());
        }
        try {
            return new Clients.Facade(port, "default", v.name());
        } finally {
            for (Map.Entry<String, String> e : saved.entrySet()) {
                if (e.getValue() == null) {
                    System.clearProperty(e.getKey());
                } else {
                    System.setProperty(e.getKey(), e.getValue());
                }
            }
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }
}
