package org.valkeycache.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes report.md, results.csv, valkey-benchmark.csv and one PNG chart per workload. */
final class Report {

    static final String SELF = "valkey-cache";
    static final String GLIDE = "glide";
    /** The facade over the herd client, measured against the default one in the same run. */
    static final String HERD = "valkey-cache-herd";
    /** Third-party peers ("best peer" is the fastest of these in the same cell). */
    static final List<String> PEERS = List.of("jedis", "lettuce-sync", "lettuce-async", "redisson");

    private final LoadDriver.Options o;
    private final List<Result> results;
    private final Map<String, double[]> deletes;
    private final List<String[]> vb;
    private final String serverVersion;
    private final double totalSeconds;

    Report(LoadDriver.Options o, List<Result> results, Map<String, double[]> deletes, List<String[]> vb,
           String serverVersion, double totalSeconds) {
        this.o = o;
        this.results = results;
        this.deletes = deletes;
        this.vb = vb;
        this.serverVersion = serverVersion;
        this.totalSeconds = totalSeconds;
    }

    private Optional<Result> find(String client, String workload, int size, int threads) {
        return results.stream().filter(r -> r.client().equals(client) && r.workload().equals(workload)
                && r.valueSize() == size && r.threads() == threads).findFirst();
    }

    private Optional<Result> best(List<String> among, String workload, int size, int threads) {
        return results.stream().filter(r -> among.contains(r.client()) && r.workload().equals(workload)
                && r.valueSize() == size && r.threads() == threads)
                .max((a, b) -> Double.compare(a.opsPerSec(), b.opsPerSec()));
    }

    void write() throws Exception {
        Path out = o.out;
        StringBuilder csv = new StringBuilder(Result.CSV_HEADER).append('\n');
        results.forEach(r -> csv.append(r.csv()).append('\n'));
        LoadDriver.writeString(out.resolve("results.csv"), csv.toString());
        if (!vb.isEmpty()) {
            StringBuilder v = new StringBuilder("clients,test,rps,avg_latency_ms,min_latency_ms,p50_latency_ms,p95_latency_ms,p99_latency_ms,max_latency_ms\n");
            vb.forEach(r -> v.append(String.join(",", r)).append('\n'));
            LoadDriver.writeString(out.resolve("valkey-benchmark.csv"), v.toString());
        }

        StringBuilder md = new StringBuilder();
        md.append("# valkey-cache benchmark report\n\n");
        md.append("Generated ").append(ZonedDateTime.now(ZoneOffset.UTC).withNano(0)).append(o.quick ? " — **quick (smoke) run**: short cells, numbers are noisy" : "")
          .append(". Load driver wall time: ").append(String.format(Locale.ROOT, "%.0f s", totalSeconds)).append(".\n\n");
        machine(md);
        targets(md);
        sentinelVsDefault(md);
        asyncFacade(md);
        workloadTables(md);
        deleteTable(md);
        vbTable(md);
        jmh(md);
        md.append("\n## How to read this\n\n")
          .append("* **ops/s** = completed calls per second summed over all threads (a `mget_100`/`getmany_100`/`setmany_100` call moves 100 keys).\n")
          .append("* **mean/p50/p99** = per-call latency in µs measured around each blocking call (HdrHistogram, 3 digits).\n")
          .append("* **× glide** = ops/s ÷ raw glide's ops/s in the same cell. **× best peer** = ops/s ÷ the fastest of ")
          .append(String.join(", ", PEERS)).append(" in the same cell.\n")
          .append("* Every client stores identical bytes under identical keys (`b:1:<key>`); valkey-cache uses the `string` serializer and no compression, so its codec cost is minimal.\n")
          .append("* Client and server share the same ").append(Machine.nproc()).append(" CPUs: at 16/64 threads the numbers measure client CPU efficiency as much as latency.\n");
        LoadDriver.writeString(out.resolve("report.md"), md.toString());
        charts(out.resolve("charts"));
    }

    private void machine(StringBuilder md) {
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| nproc | ").append(Machine.nproc()).append(" |\n");
        md.append("| CPU | ").append(Machine.cpuModel()).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
          .append(" (").append(System.getProperty("java.vendor")).append(") |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(" |\n");
        md.append("| valkey-server | ").append(serverVersion.replace("|", "/")).append(" |\n");
        Properties v = Machine.libraryVersions();
        for (String k : new TreeSet<>(v.stringPropertyNames())) {
            md.append("| ").append(k).append(" | ").append(v.getProperty(k)).append(" |\n");
        }
        md.append("| RUST_LOG | ").append(System.getenv("RUST_LOG") == null
                ? "unset (glide's native logger filters every call at trace level: slower; benchmarks/run.sh sets error)"
                : System.getenv("RUST_LOG")).append(" |\n");
        md.append(String.format(Locale.ROOT, "| settings | warm-up %.1f s, measured %.1f s per cell; threads %s; value sizes %s; keyspace %d keys per size; deletePattern over %d keys |%n",
                o.warmup, o.duration, o.threads, o.sizes, o.keys, o.deleteKeys));
        md.append('\n');
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%+.1f%%", x * 100);
    }

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        int size = o.sizes.get(0);
        String sl = Result.sizeLabel(size);
        // 1. throughput overhead at 16 threads
        Optional<Result> s16 = find(SELF, "get_hit", size, 16);
        Optional<Result> g16 = find(GLIDE, "get_hit", size, 16);
        if (s16.isPresent() && g16.isPresent()) {
            double overhead = 1 - s16.get().opsPerSec() / g16.get().opsPerSec();
            md.append(String.format(Locale.ROOT, "| facade throughput overhead vs raw glide, get_hit %s, 16 threads: ≤ 5%% | %.0f vs %.0f ops/s → overhead %s (ratio %.3f) | %s |%n",
                    sl, s16.get().opsPerSec(), g16.get().opsPerSec(), pct(overhead), s16.get().opsPerSec() / g16.get().opsPerSec(),
                    overhead <= 0.05 ? "**met**" : "**missed**"));
        } else {
            md.append("| facade throughput overhead at 16 threads ≤ 5% | not measured | n/a |\n");
        }
        // 2. per-call overhead at 1 thread
        Optional<Result> s1 = find(SELF, "get_hit", size, 1);
        Optional<Result> g1 = find(GLIDE, "get_hit", size, 1);
        if (s1.isPresent() && g1.isPresent()) {
            double diff = s1.get().meanUs() - g1.get().meanUs();
            md.append(String.format(Locale.ROOT, "| facade per-call overhead vs raw glide, get_hit %s, 1 thread (difference of mean latencies): ≤ 10 µs | %.1f − %.1f µs = %.1f µs (ratio %.3f) | %s |%n",
                    sl, s1.get().meanUs(), g1.get().meanUs(), diff, s1.get().meanUs() / g1.get().meanUs(), diff <= 10 ? "**met**" : "**missed**"));
        } else {
            md.append("| facade per-call overhead at 1 thread ≤ 10 µs | not measured | n/a |\n");
        }
        // 3. getMany / setMany vs the fastest peer pipeline
        List<String> pipelinePeers = List.of("jedis", "lettuce-async", "redisson");
        for (String w : List.of("getmany_100", "setmany_100")) {
            for (int t : o.threads) {
                Optional<Result> s = find(SELF, w, size, t);
                Optional<Result> b = best(pipelinePeers, w, size, t);
                if (s.isPresent() && b.isPresent()) {
                    double ratio = s.get().opsPerSec() / b.get().opsPerSec();
                    md.append(String.format(Locale.ROOT, "| %s %s, %d threads vs fastest peer pipeline: ≥ 1.0× | %.0f vs %.0f ops/s (%s) → %.2f× | %s |%n",
                            w, sl, t, s.get().opsPerSec(), b.get().opsPerSec(), b.get().client(), ratio, ratio >= 1.0 ? "**met**" : "**missed**"));
                }
            }
        }
        // 4. any peer beating valkey-cache at 64 threads
        if (o.threads.contains(64)) {
            List<String> beaten = new ArrayList<>();
            int checked = 0;
            for (Result s : results) {
                if (!s.client().equals(SELF) || s.threads() != 64) {
                    continue;
                }
                checked++;
                Optional<Result> b = best(PEERS, s.workload(), s.valueSize(), 64);
                if (b.isPresent() && b.get().opsPerSec() > s.opsPerSec()) {
                    beaten.add(String.format(Locale.ROOT, "%s %s: %s %.2f×", s.workload(),
                            s.valueSize() == 0 ? "" : Result.sizeLabel(s.valueSize()), b.get().client(), b.get().opsPerSec() / s.opsPerSec()));
                }
            }
            md.append(String.format(Locale.ROOT, "| no peer beats valkey-cache at 64 threads | %s | %s |%n",
                    beaten.isEmpty() ? "none of " + checked + " workloads" : beaten.size() + " of " + checked + " workloads: " + String.join("; ", beaten),
                    beaten.isEmpty() ? "**met**" : "**missed**"));
        }
        herdTargets(md, size);
        md.append('\n');
    }

    /** 5. The herd client's get/set against the default client's, same run: within 5%. */
    private void herdTargets(StringBuilder md, int size) {
        for (String w : List.of("get_hit", "set_ttl")) {
            for (int t : o.threads) {
                Optional<Result> h = find(HERD, w, size, t);
                Optional<Result> d = find(SELF, w, size, t);
                if (h.isPresent() && d.isPresent()) {
                    double ratio = h.get().opsPerSec() / d.get().opsPerSec();
                    md.append(String.format(Locale.ROOT, "| herd vs default client, %s %s, %d threads: within 5%% | %.0f vs %.0f ops/s → %.3f× | %s |%n",
                            w, Result.sizeLabel(size), t, h.get().opsPerSec(), d.get().opsPerSec(), ratio,
                            ratio >= 0.95 ? "**met**" : "**missed**"));
                }
            }
        }
    }

    /**
     * The sentinel client routes through the same glide pieces as the default one, so in steady
     * state it should cost nothing: every cell of both, their ratio, and the median ratio against
     * the 3 % target (single cells carry the run's ±10-15 % noise; the median does not).
     */
    private void sentinelVsDefault(StringBuilder md) {
        List<Double> ratios = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (int[] cell : cells()) {
            Workload w = Workload.values()[cell[0]];
            for (int t : o.threads) {
                Optional<Result> d = find(SELF, w.id, cell[1], t);
                Optional<Result> s = find(Clients.Facade.SENTINEL, w.id, cell[1], t);
                if (d.isPresent() && s.isPresent()) {
                    double ratio = s.get().opsPerSec() / d.get().opsPerSec();
                    ratios.add(ratio);
                    rows.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.3f |%n", title(w, cell[1]), t,
                            d.get().opsPerSec(), s.get().opsPerSec(), ratio));
                }
            }
        }
        if (ratios.isEmpty()) {
            return;
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        md.append("## Sentinel client vs default client (steady state, same server)\n\n")
          .append(String.format(Locale.ROOT, "Median ratio over %d cells: **%.3f** (target: within 3 %%, i.e. ≥ 0.970: %s).%n%n",
                  ratios.size(), median, median >= 0.97 ? "**met**" : "**missed**"))
          .append("| workload | threads | default ops/s | sentinel ops/s | sentinel ÷ default |\n|---|---:|---:|---:|---:|\n")
          .append(rows).append('\n');
    }

    /**
     * The asynchronous facade next to the blocking one and to Lettuce's async API, every cell of
     * the run: all three wait for each call, so the columns compare the cost of one call.
     */
    private void asyncFacade(StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        for (int[] cell : cells()) {
            Workload w = Workload.values()[cell[0]];
            for (int t : o.threads) {
                Optional<Result> a = find(Clients.AsyncFacade.NAME, w.id, cell[1], t);
                if (a.isEmpty()) {
                    continue;
                }
                Optional<Result> d = find(SELF, w.id, cell[1], t);
                Optional<Result> l = find("lettuce-async", w.id, cell[1], t);
                rows.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %s | %s |%n", title(w, cell[1]), t,
                        d.map(r -> String.format(Locale.ROOT, "%.0f", r.opsPerSec())).orElse("n/a"), a.get().opsPerSec(),
                        l.map(r -> String.format(Locale.ROOT, "%.0f", r.opsPerSec())).orElse("n/a"),
                        l.map(r -> String.format(Locale.ROOT, "%.2f", a.get().opsPerSec() / r.opsPerSec())).orElse("n/a")));
            }
        }
        if (rows.length() == 0) {
            return;
        }
        md.append("## Async facade (`").append(Clients.AsyncFacade.NAME).append("`) vs blocking facade and `lettuce-async`\n\n")
          .append("Each call waits for its future, as the `lettuce-async` bench does; replies are decoded on the common pool.\n\n")
          .append("| workload | threads | valkey-cache ops/s | valkey-cache-async ops/s | lettuce-async ops/s | async ÷ lettuce-async |\n")
          .append("|---|---:|---:|---:|---:|---:|\n")
          .append(rows).append('\n');
    }

    private List<int[]> cells() {
        Set<String> seen = new LinkedHashSet<>();
        List<int[]> out = new ArrayList<>();
        for (Workload w : Workload.values()) {
            for (Result r : results) {
                if (r.workload().equals(w.id) && seen.add(w.id + "/" + r.valueSize())) {
                    out.add(new int[] {w.ordinal(), r.valueSize()});
                }
            }
        }
        return out;
    }

    private static String title(Workload w, int size) {
        return w.id + (size == 0 ? "" : " " + Result.sizeLabel(size));
    }

    private void workloadTables(StringBuilder md) {
        md.append("## Results per workload\n\n");
        for (int[] cell : cells()) {
            Workload w = Workload.values()[cell[0]];
            int size = cell[1];
            String name = title(w, size);
            md.append("### ").append(name).append("\n\n").append(w.description).append(".\n\n");
            md.append("![").append(name).append("](charts/").append(name.replace(' ', '_')).append(".png)\n\n");
            md.append("| threads | client | ops/s | mean µs | p50 µs | p99 µs | × glide | × best peer |\n|---:|---|---:|---:|---:|---:|---:|---:|\n");
            for (int t : o.threads) {
                Optional<Result> g = find(GLIDE, w.id, size, t);
                Optional<Result> b = best(PEERS, w.id, size, t);
                for (String c : o.clients) {
                    Optional<Result> r = find(c, w.id, size, t);
                    if (r.isEmpty()) {
                        md.append("| ").append(t).append(" | ").append(c).append(" | n/a | | | | | |\n");
                        continue;
                    }
                    Result x = r.get();
                    md.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %.1f | %.1f | %.1f | %s | %s |%n", t,
                            c.equals(SELF) ? "**" + c + "**" : c, x.opsPerSec(), x.meanUs(), x.p50Us(), x.p99Us(),
                            g.map(v -> String.format(Locale.ROOT, "%.2f", x.opsPerSec() / v.opsPerSec())).orElse("-"),
                            b.map(v -> String.format(Locale.ROOT, "%.2f", x.opsPerSec() / v.opsPerSec())).orElse("-"))
                            + (x.errors() > 0 ? " <!-- errors: " + x.errors() + " -->" : ""));
                }
            }
            md.append('\n');
        }
    }

    private void deleteTable(StringBuilder md) {
        if (deletes.isEmpty()) {
            return;
        }
        md.append("## deletePattern\n\nOne timed call per client deleting ").append(o.deleteKeys)
          .append(" keys `b:1:del:*` (SCAN COUNT ").append(Clients.SCAN_COUNT)
          .append(" + UNLINK per page; valkey-cache `deletePattern(p, 1000)`; Redisson `getKeys().deleteByPattern`).\n\n");
        md.append("| client | keys deleted | seconds | keys/s |\n|---|---:|---:|---:|\n");
        deletes.forEach((c, v) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f | %,.0f |%n", c, v[0], v[1], v[0] / v[1])));
        md.append('\n');
    }

    private void vbTable(StringBuilder md) {
        if (vb.isEmpty()) {
            return;
        }
        md.append("## valkey-benchmark (physical reference, same server, -d 100)\n\n");
        md.append("| clients | test | requests/s | avg ms | p50 ms | p99 ms |\n|---:|---|---:|---:|---:|---:|\n");
        for (String[] r : vb) {
            md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" | ").append(r[3])
              .append(" | ").append(r[5]).append(" | ").append(r[7]).append(" |\n");
        }
        md.append('\n');
    }

    private void jmh(StringBuilder md) throws Exception {
        if (o.jmhJson == null || !Files.exists(o.jmhJson) || Files.size(o.jmhJson) == 0) {
            md.append("## JMH microbenchmarks\n\nNot run in this report (pass `--jmh-json`, see run.sh).\n\n");
            return;
        }
        JsonNode root = new ObjectMapper().readTree(o.jmhJson.toFile());
        md.append("## JMH microbenchmarks\n\nAverage time per operation, 1 thread");
        if (root.size() > 0) {
            JsonNode f = root.get(0);
            md.append(String.format(Locale.ROOT, " (forks %s, warm-up %s × %s, measurement %s × %s)",
                    f.path("forks").asText(), f.path("warmupIterations").asText(), f.path("warmupTime").asText(),
                    f.path("measurementIterations").asText(), f.path("measurementTime").asText()));
        }
        md.append(". Raw output: `jmh.txt` / `jmh.json`.\n\n| benchmark | params | score | ± error | unit |\n|---|---|---:|---:|---|\n");
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText().replace("org.valkeycache.benchmarks.jmh.", "");
            StringBuilder params = new StringBuilder();
            Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (params.length() > 0) {
                    params.append(", ");
                }
                params.append(e.getKey()).append('=').append(e.getValue().asText());
            }
            JsonNode pm = b.path("primaryMetric");
            double err = pm.path("scoreError").asDouble(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %s |%n", name, params, pm.path("score").asDouble(),
                    Double.isNaN(err) ? "-" : String.format(Locale.ROOT, "%.3f", err), pm.path("scoreUnit").asText()));
        }
        md.append('\n');
    }

    private void charts(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int[] cell : cells()) {
            Workload w = Workload.values()[cell[0]];
            int size = cell[1];
            String name = title(w, size);
            CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                    .title(name + " — ops/s per client").xAxisTitle("threads").yAxisTitle("ops/s").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setAvailableSpaceFill(0.9);
            chart.getStyler().setYAxisDecimalPattern("#,###");
            List<String> xs = o.threads.stream().map(String::valueOf).toList();
            for (String c : o.clients) {
                List<Number> ys = new ArrayList<>();
                boolean any = false;
                for (int t : o.threads) {
                    Optional<Result> r = find(c, w.id, size, t);
                    any |= r.isPresent();
                    ys.add(r.map(Result::opsPerSec).orElse(0.0));
                }
                if (any) {
                    chart.addSeries(c, xs, ys);
                }
            }
            BitmapEncoder.saveBitmap(chart, dir.resolve(name.replace(' ', '_')).toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
