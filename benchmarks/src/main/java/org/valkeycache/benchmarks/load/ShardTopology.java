package org.valkeycache.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.valkeycache.Timeout;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The {@code shard} topology in the same run as the single-server cells: three local servers,
 * {@code getMany}/{@code setMany}/{@code mget} of 100 keys spread over the three nodes (one
 * pipeline or MGET per node, sent concurrently) against the {@code default} client on one node.
 */
final class ShardTopology {

    static final String NAME = "valkey-cache-shard";
    static final List<Workload> WORKLOADS = List.of(Workload.GET_MANY_100, Workload.SET_MANY_100, Workload.MGET_100);

    private ShardTopology() {
    }

    /** Starts three servers, runs the bulk workloads at 100 B through the shard facade, stops them. */
    static List<Result> run(LoadDriver.Options o, long t0) throws Exception {
        List<Result> out = new ArrayList<>();
        List<ValkeyServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(ValkeyServer.start());
            }
            List<String> urls = servers.stream().map(ValkeyServer::url).toList();
            Data data = new Data(o.keys, o.sizes.get(0));
            try (Clients.Facade shard = new Clients.Facade(NAME,
                    CacheConfig.builder().locations(urls).clientClass("shard"))) {
                populate(shard, data);
                for (Workload w : WORKLOADS) {
                    if (!o.workloads.contains(w)) {
                        continue;
                    }
                    for (int threads : o.threads) {
                        Result r = Runner.run(shard, w, data, threads, o.warmup, o.duration);
                        if (r != null) {
                            out.add(r);
                            System.out.printf(Locale.ROOT, "[shard %5.0fs] %-18s %-12s c=%-2d %10.0f ops/s  mean %8.1f µs  p99 %8.1f µs%s%n",
                                    (System.nanoTime() - t0) / 1e9, NAME, w.id, threads, r.opsPerSec(), r.meanUs(),
                                    r.p99Us(), r.errors() > 0 ? "  ERRORS " + r.errors() : "");
                        }
                    }
                }
            }
            for (int i = 0; i < servers.size(); i++) {
                System.out.printf(Locale.ROOT, "[shard] node %d holds %d keys%n", i, servers.get(i).dbSize());
            }
        } finally {
            servers.forEach(ValkeyServer::close);
        }
        return out;
    }

    /** Writes the hit keys through the shard facade itself, so each lands on its ring node. */
    private static void populate(Clients.Facade shard, Data data) {
        Map<String, String> hits = new LinkedHashMap<>();
        for (String k : data.hitUser) {
            hits.put(k, data.value);
        }
        List<String> failed = shard.cache().setMany(hits, Timeout.never());
        if (!failed.isEmpty()) {
            throw new IllegalStateException("shard population failed for " + failed.size() + " keys");
        }
    }

    /** Appends the shard section to report.md: each bulk workload, default on one node vs shard on three. */
    static void appendToReport(LoadDriver.Options o, List<Result> all) throws Exception {
        StringBuilder md = new StringBuilder("\n## Shard topology (3 local servers)\n\n")
                .append("`clientClass=shard` over three valkey-servers on this machine against the `default` client on one")
                .append(" server, same run, ").append(Result.sizeLabel(o.sizes.get(0)))
                .append(" values. A call of 100 keys is split into one pipeline (`getMany`/`setMany`) or one `MGET`")
                .append(" per node, sent to the nodes concurrently and merged in the caller's order.\n\n")
                .append("| workload | threads | default, 1 node ops/s | shard, 3 nodes ops/s | shard ÷ default | shard p99 µs |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Workload w : WORKLOADS) {
            for (int t : o.threads) {
                Optional<Result> d = find(all, Report.SELF, w, o.sizes.get(0), t);
                Optional<Result> s = find(all, NAME, w, o.sizes.get(0), t);
                if (s.isEmpty()) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %s | %.1f |%n", w.id, t,
                        d.map(r -> String.format(Locale.ROOT, "%,.0f", r.opsPerSec())).orElse("n/a"), s.get().opsPerSec(),
                        d.map(r -> String.format(Locale.ROOT, "%.2f", s.get().opsPerSec() / r.opsPerSec())).orElse("-"),
                        s.get().p99Us()));
            }
        }
        Path report = o.out.resolve("report.md");
        Files.writeString(report, Files.readString(report) + md);
    }

    private static Optional<Result> find(List<Result> all, String client, Workload w, int size, int threads) {
        return all.stream().filter(r -> r.client().equals(client) && r.workload().equals(w.id)
                && r.valueSize() == size && r.threads() == threads).findFirst();
    }
}
