package org.valkeycache.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.valkeycache.BackendCommands;
import org.valkeycache.metrics.Meter;
import org.valkeycache.testsupport.ValkeyServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The near cache's benchmark (issue 18, item 9), in one run against one server it starts:
 * <ol>
 *   <li>a near-cache hit against a network {@code GET} (the facade without the near cache, and raw
 *       glide) at one thread: throughput per thread and the ratio;</li>
 *   <li>a 90/10 read/write workload over Zipf-distributed keys (10,000 keys, exponent 0.99, 100 B
 *       values) at 16 and 64 threads against every peer, with the near cache's hit ratio.</li>
 * </ol>
 * The machine is shared: read the ratios, not the absolute numbers. Writes {@code near.md} and
 * {@code near.csv} to {@code benchmarks/results/near-latest/} (or {@code --out DIR}).
 *
 * <pre>
 * java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' org.valkeycache.benchmarks.load.NearCacheBench [--duration S] [--warmup S] [--threads 16,64] [--out DIR]
 * </pre>
 */
public final class NearCacheBench {

    static final String ZIPF = "zipf_90_10";
    static final int ZIPF_KEYS = 10_000;
    static final List<String> PEERS = List.of(Clients.Facade.NEAR, "valkey-cache", "glide", "jedis", "lettuce-sync",
            "lettuce-async", "redisson");

    private NearCacheBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("benchmarks", "results", "near-latest");
        double warmup = 1.0;
        double duration = 3.0;
        List<Integer> threads = List.of(16, 64);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--duration" -> duration = Double.parseDouble(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        List<Result> results = new ArrayList<>();
        Map<String, String> hitRatios = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# Near cache benchmark\n\n");
        md.append(String.format(Locale.ROOT, "valkey-server on loopback, %s, %d cores; %.1f s warm-up + %.1f s per cell. "
                + "The machine is shared: compare ratios.%n%n", Machine.command("valkey-server", "--version"),
                Runtime.getRuntime().availableProcessors(), warmup, duration));
        try (ValkeyServer server = ValkeyServer.start()) {
            int port = server.port();
            Data hits = new Data(1000, 100);
            populate(port, hits.hitFull, hits.value);
            Data zipf = Data.zipf(ZIPF_KEYS, 200_000, 0.99, 100, 42);
            String[] all = new String[ZIPF_KEYS];
            for (int k = 0; k < ZIPF_KEYS; k++) {
                all[k] = Data.PREFIX + "z100:" + k;
            }
            populate(port, all, zipf.value);

            md.append("## Near-cache hit vs network GET (1 thread, 100 B, 1,000 keys)\n\n")
                    .append("Timed loop: calls back to back for the cell's duration, no per-call timing (the runner's\n")
                    .append("histogram starts at 1 µs, too coarse for a hit).\n\n")
                    .append("| client | calls/s | ns per call | vs near cache | near-cache hit ratio |\n|---|---:|---:|---:|---|\n");
            Map<String, Double> single = new LinkedHashMap<>();
            for (String name : List.of(Clients.Facade.NEAR, "valkey-cache", "glide")) {
                try (BenchClient c = Clients.open(name, port, 1)) {
                    BenchClient.Op op = c.op(Workload.GET_HIT, hits);
                    timedLoop(op, warmup);
                    double perSec = timedLoop(op, duration);
                    single.put(name, perSec);
                    String ratio = c instanceof Clients.Facade f && name.equals(Clients.Facade.NEAR) ? hitRatio(f.cache()) : "";
                    double near = single.get(Clients.Facade.NEAR);
                    md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s |%n", name, perSec, 1e9 / perSec,
                            name.equals(Clients.Facade.NEAR) ? "1" : String.format(Locale.ROOT, "%.0fx slower", near / perSec), ratio));
                    System.out.printf(Locale.ROOT, "get_hit c=1 %-18s %12.0f calls/s%n", name, perSec);
                }
            }
            md.append("\n## 90/10 read/write, Zipf keys (10,000 keys, s=0.99, 100 B)\n\n")
                    .append("| client | threads | ops/s | mean µs | p99 µs | vs valkey-cache | near-cache hit ratio |\n")
                    .append("|---|---:|---:|---:|---:|---:|---|\n");
            for (int t : threads) {
                List<Result> row = new ArrayList<>();
                for (String name : PEERS) {
                    try (BenchClient c = Clients.open(name, port, t)) {
                        Result r = mixed(c, zipf, t, warmup, duration);
                        row.add(r);
                        results.add(r);
                        if (c instanceof Clients.Facade f && name.equals(Clients.Facade.NEAR)) {
                            hitRatios.put(name + "@" + t, hitRatio(f.cache()));
                        }
                        System.out.printf(Locale.ROOT, "%s c=%-2d %-18s %12.0f ops/s  mean %8.2f µs%s%n", ZIPF, t, name,
                                r.opsPerSec(), r.meanUs(), r.errors() > 0 ? "  ERRORS " + r.errors() : "");
                    }
                }
                double base = row.stream().filter(r -> r.client().equals("valkey-cache")).findFirst().orElseThrow().opsPerSec();
                for (Result r : row) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %s |%n", r.client(), t,
                            r.opsPerSec(), r.meanUs(), r.p99Us(), r.opsPerSec() / base,
                            hitRatios.getOrDefault(r.client() + "@" + t, "")));
                }
            }
        }
        StringBuilder csv = new StringBuilder(Result.CSV_HEADER).append('\n');
        results.forEach(r -> csv.append(r.csv()).append('\n'));
        Files.writeString(out.resolve("near.md"), md);
        Files.writeString(out.resolve("near.csv"), csv);
        System.out.println(md);
        System.out.println("written to " + out);
    }

    /** Runs {@code op} back to back on this thread for {@code seconds}; returns calls per second. */
    static double timedLoop(BenchClient.Op op, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long calls = 0;
        long start = System.nanoTime();
        long now = start;
        while (now < end) {
            for (int k = 0; k < 64; k++) {
                if (!op.run(0, calls++)) {
                    throw new IllegalStateException("wrong answer");
                }
            }
            now = System.nanoTime();
        }
        return calls / ((now - start) / 1e9);
    }

    /** 9 reads to 1 write ({@code SET} with a 300 s timeout) over the Zipf key stream. */
    static Result mixed(BenchClient client, Data zipf, int threads, double warmup, double duration) throws Exception {
        BenchClient.Op get = client.op(Workload.GET_HIT, zipf);
        BenchClient.Op set = client.op(Workload.SET_TTL, zipf);
        BenchClient mixedClient = new BenchClient() {
            @Override
            public String name() {
                return client.name();
            }

            @Override
            public Op op(Workload workload, Data data) {
                return (t, i) -> i % 10 == 9 ? set.run(t, i) : get.run(t, i);
            }

            @Override
            public long deletePattern(String userPattern) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        Result r = Runner.run(mixedClient, Workload.GET_HIT, zipf, threads, warmup, duration);
        return new Result(r.client(), ZIPF, r.valueSize(), r.threads(), r.calls(), r.seconds(), r.opsPerSec(), r.meanUs(),
                r.p50Us(), r.p99Us(), r.p999Us(), r.maxUs(), r.errors());
    }

    static String hitRatio(BackendCommands cache) {
        long hits = 0;
        long reads = 0;
        for (Meter m : cache.metrics().meters()) {
            if (m instanceof Meter.Counter c) {
                switch (m.id().name()) {
                    case "cache.near.hits" -> {
                        hits = c.count();
                        reads += c.count();
                    }
                    case "cache.near.misses", "cache.near.bypasses" -> reads += c.count();
                    default -> { }
                }
            }
        }
        return reads == 0 ? "-" : String.format(Locale.ROOT, "%.1f%% (%d reads)", 100.0 * hits / reads, reads);
    }

    static void populate(int port, String[] keys, String value) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Pipeline p = jedis.pipelined();
            for (String k : keys) {
                p.set(k, value);
            }
            p.sync();
        }
    }
}
