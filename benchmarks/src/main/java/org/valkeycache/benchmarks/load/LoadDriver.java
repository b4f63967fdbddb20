package org.valkeycache.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.valkeycache.testsupport.ValkeyServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * End-to-end load driver: starts one valkey-server, runs every (workload, value size, threads)
 * cell against every client, times deletePattern once per client, runs valkey-benchmark as the
 * physical reference, and writes report.md, results.csv and charts.
 *
 * <pre>
 * java -cp 'target/benchmarks.jar:target/lib/*' org.valkeycache.benchmarks.load.LoadDriver [--quick] [options]
 * </pre>
 */
public final class LoadDriver {

    static final class Options {
        double warmup = 0.5;
        double duration = 1.3;
        List<Integer> threads = List.of(1, 16, 64);
        List<Integer> sizes = List.of(100, 10 * 1024);
        List<String> clients = Clients.ALL;
        List<Workload> workloads = List.of(Workload.values());
        int keys = 1000;
        int deleteKeys = 100_000;
        boolean deletePattern = true;
        boolean valkeyBenchmark = true;
        boolean shard = true;
        int vbRequests1 = 30_000;
        int vbRequestsN = 150_000;
        Path out;
        Path jmhJson;
        Path jmhText;
        boolean copyLatest = true;
        boolean quick;
        double jmhSeconds;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> {
                        o.quick = true;
                        o.warmup = 0.2;
                        o.duration = 0.5;
                        o.sizes = List.of(100);
                        o.deleteKeys = 10_000;
                        o.vbRequests1 = 5_000;
                        o.vbRequestsN = 30_000;
                    }
                    case "--warmup" -> o.warmup = Double.parseDouble(args[++i]);
                    case "--duration" -> o.duration = Double.parseDouble(args[++i]);
                    case "--threads" -> o.threads = ints(args[++i]);
                    case "--sizes" -> o.sizes = ints(args[++i]);
                    case "--clients" -> o.clients = List.of(args[++i].split(","));
                    case "--workloads" -> o.workloads = Arrays.stream(args[++i].split(",")).map(Workload::byId).toList();
                    case "--keys" -> o.keys = Integer.parseInt(args[++i]);
                    case "--delete-keys" -> o.deleteKeys = Integer.parseInt(args[++i]);
                    case "--no-delete-pattern" -> o.deletePattern = false;
                    case "--no-valkey-benchmark" -> o.valkeyBenchmark = false;
                    case "--no-shard" -> o.shard = false;
                    case "--vb-requests" -> {
                        int[] v = ints(args[++i]).stream().mapToInt(Integer::intValue).toArray();
                        o.vbRequests1 = v[0];
                        o.vbRequestsN = v.length > 1 ? v[1] : v[0];
                    }
                    case "--out" -> o.out = Path.of(args[++i]);
                    case "--jmh-json" -> o.jmhJson = Path.of(args[++i]);
                    case "--jmh-text" -> o.jmhText = Path.of(args[++i]);
                    case "--jmh-seconds" -> o.jmhSeconds = Double.parseDouble(args[++i]);
                    case "--no-latest" -> o.copyLatest = false;
                    case "-h", "--help" -> {
                        usage();
                        System.exit(0);
                    }
                    default -> {
                        System.err.println("unknown option " + a);
                        usage();
                        System.exit(2);
                    }
                }
            }
            if (o.keys < Data.BATCH) {
                throw new IllegalArgumentException("--keys must be at least " + Data.BATCH);
            }
            if (o.out == null) {
                o.out = Path.of("benchmarks", "results", LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            }
            return o;
        }

        private static List<Integer> ints(String csv) {
            return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
        }

        static void usage() {
            System.err.println("""
                    usage: LoadDriver [options]
                      --quick                 smoke run (~2 min): 100 B only, 0.2 s warm-up, 0.5 s per cell, 10k keys for deletePattern
                      --warmup S              warm-up seconds per cell (default 0.5)
                      --duration S            measured seconds per cell (default 1.5)
                      --threads 1,16,64       concurrency levels
                      --sizes 100,10240       value sizes in bytes
                      --clients a,b           subset of %s
                      --workloads a,b         subset of get_hit,get_miss,set_ttl,mget_100,getmany_100,setmany_100,incr
                      --keys N                keyspace per value size (default 1000)
                      --delete-keys N         keys deleted by the deletePattern run (default 100000)
                      --no-delete-pattern     skip deletePattern
                      --no-valkey-benchmark   skip the valkey-benchmark reference
                      --no-shard              skip the shard topology (3 local servers; bulk workloads at the first size)
                      --vb-requests N1,NN     valkey-benchmark -n at 1 client / at 16 and 64 clients
                      --out DIR               output directory (default benchmarks/results/<timestamp>)
                      --jmh-json F            JMH JSON results to include in the report
                      --no-latest             do not copy the output to <out>/../latest
                    """.formatted(Clients.ALL));
        }
    }

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options o = Options.parse(args);
        Files.createDirectories(o.out);
        long t0 = System.nanoTime();
        List<Result> results = new ArrayList<>();
        Map<String, double[]> deletes = new LinkedHashMap<>();
        List<String[]> vb = new ArrayList<>();
        String serverVersion = Machine.command("valkey-server", "--version");
        int maxThreads = o.threads.stream().mapToInt(Integer::intValue).max().orElse(1);

        List<Workload> cellsSized = o.workloads.stream().filter(w -> w.sized).toList();
        List<Workload> cellsFixed = o.workloads.stream().filter(w -> !w.sized).toList();
        int cells = (cellsSized.size() * o.sizes.size() + cellsFixed.size()) * o.threads.size() * o.clients.size();
        System.out.printf(Locale.ROOT, "valkey-cache load driver: %d cells x (%.1fs warm-up + %.1fs), about %.0f s, output %s%n",
                cells, o.warmup, o.duration, cells * (o.warmup + o.duration + 0.1), o.out);

        try (ValkeyServer server = ValkeyServer.start()) {
            int port = server.port();
            System.out.println("valkey-server " + serverVersion + " on port " + port);
            List<BenchClient> clients = new ArrayList<>();
            try {
                for (String name : o.clients) {
                    clients.add(Clients.open(name.trim(), port, maxThreads));
                }
                int done = 0;
                for (int size : o.sizes) {
                    Data data = new Data(o.keys, size);
                    populate(port, data);
                    List<Workload> ws = new ArrayList<>(cellsSized);
                    if (size == o.sizes.get(0)) {
                        ws.addAll(cellsFixed);
                    }
                    for (Workload w : ws) {
                        for (int threads : o.threads) {
                            for (BenchClient c : clients) {
                                Result r = Runner.run(c, w, data, threads, o.warmup, o.duration);
                                done++;
                                double elapsed = (System.nanoTime() - t0) / 1e9;
                                if (r == null) {
                                    System.out.printf(Locale.ROOT, "[%3d/%d %5.0fs] %-13s %-12s %5s c=%-2d  n/a%n",
                                            done, cells, elapsed, c.name(), w.id, w.sized ? Result.sizeLabel(size) : "-", threads);
                                    continue;
                                }
                                results.add(r);
                                System.out.printf(Locale.ROOT,
                                        "[%3d/%d %5.0fs] %-13s %-12s %5s c=%-2d %10.0f ops/s  mean %8.1f µs  p50 %8.1f µs  p99 %8.1f µs%s%n",
                                        done, cells, elapsed, c.name(), w.id, w.sized ? Result.sizeLabel(size) : "-", threads,
                                        r.opsPerSec(), r.meanUs(), r.p50Us(), r.p99Us(), r.errors() > 0 ? "  ERRORS " + r.errors() : "");
                            }
                        }
                    }
                }
                if (o.deletePattern) {
                    for (BenchClient c : clients) {
                        populateDeleteKeys(port, o.deleteKeys);
                        long s = System.nanoTime();
                        long n = c.deletePattern("del:*");
                        double sec = (System.nanoTime() - s) / 1e9;
                        deletes.put(c.name(), new double[] {n, sec});
                        System.out.printf(Locale.ROOT, "[deletePattern %6.0fs] %-13s deleted %d of %d keys in %.3f s (%.0f keys/s)%n",
                                (System.nanoTime() - t0) / 1e9, c.name(), n, o.deleteKeys, sec, n / sec);
                    }
                }
            } finally {
                BenchClient.closeAll(clients);
            }
            if (o.valkeyBenchmark) {
                for (int c : o.threads) {
                    int n = c == 1 ? o.vbRequests1 : o.vbRequestsN;
                    List<String[]> rows = Machine.valkeyBenchmark(port, c, n, 100);
                    vb.addAll(rows);
                    for (String[] row : rows) {
                        System.out.printf(Locale.ROOT, "[valkey-benchmark %5.0fs] %-4s c=%-2d %10s ops/s  p50 %s ms  p99 %s ms%n",
                                (System.nanoTime() - t0) / 1e9, row[1], c, row[2], row[5], row[7]);
                    }
                }
            }
        }
        if (o.shard) {
            results.addAll(ShardTopology.run(o, t0));
        }
        double total = (System.nanoTime() - t0) / 1e9;
        Report report = new Report(o, results, deletes, vb, serverVersion, total);
        report.write();
        if (o.shard) {
            ShardTopology.appendToReport(o, results);
        }
        if (o.copyLatest) {
            Path latest = o.out.toAbsolutePath().getParent().resolve("latest");
            Machine.copyTree(o.out, latest);
            System.out.println("copied to " + latest);
        }
        System.out.printf(Locale.ROOT, "done in %.0f s: %s%n", total, o.out.resolve("report.md"));
        System.exit(0); // client libraries may leave non-daemon threads behind
    }

    /** Writes the hit keys of one value size and resets the counter, on a plain Jedis connection. */
    static void populate(int port, Data data) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < data.keys(); i++) {
                p.set(data.hitFull[i], data.value);
                p.del(data.missFull[i]);
            }
            p.set(data.counterFull, "0");
            p.sync();
        }
    }

    private static void populateDeleteKeys(int port, int n) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < n; i++) {
                p.set(Data.PREFIX + "del:" + i, "x");
                if (i % 10_000 == 9_999) {
                    p.sync();
                }
            }
            p.sync();
        }
    }

    static void writeString(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
