package org.valkeycache.benchmarks.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.FailoverDrill;
import org.valkeycache.testsupport.FailoverDrill.Fault;
import org.valkeycache.testsupport.SentinelTopology;

/**
 * Prints the failover windows of the {@code sentinel} client: for each run and fault, a fresh
 * topology (primary, replica, three sentinels with quorum 2, {@code down-after-milliseconds}
 * 1000) is broken while a writer and a reader loop through one cache, exactly as the failover
 * tests do ({@link FailoverDrill}), and the write outage is reported, with a summary per fault.
 *
 * <pre>
 * java -cp 'target/benchmarks.jar:target/lib/*' org.valkeycache.benchmarks.failover.FailoverWindows \
 *     [--runs 5] [--faults KILL_PRIMARY,PAUSE_PRIMARY] [--request-timeout-ms 1000] [--out failover.md]
 * </pre>
 */
public final class FailoverWindows {

    private FailoverWindows() {
    }

    /**
     * Runs the drills and prints the windows.
     *
     * @param args see the class comment
     * @throws IOException when the markdown summary cannot be written
     */
    public static void main(String[] args) throws IOException {
        int runs = 5;
        List<Fault> faults = List.of(Fault.KILL_PRIMARY, Fault.PAUSE_PRIMARY);
        Duration requestTimeout = Duration.ofSeconds(1);
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--faults" -> faults = Arrays.stream(args[++i].split(",")).map(String::trim).map(Fault::valueOf).toList();
                case "--request-timeout-ms" -> requestTimeout = Duration.ofMillis(Long.parseLong(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: FailoverWindows [--runs N] [--faults KILL_PRIMARY,PAUSE_PRIMARY,KILL_SENTINEL]"
                            + " [--request-timeout-ms MS] [--out FILE.md]");
                    System.exit(2);
                }
            }
        }
        Map<Fault, List<FailoverDrill.Outcome>> outcomes = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (Fault fault : faults) {
                Measured m = drill(fault, requestTimeout);
                FailoverDrill.Outcome o = m.outcome();
                outcomes.computeIfAbsent(fault, f -> new ArrayList<>()).add(o);
                System.out.printf(Locale.ROOT, "run %d %-13s write outage %5d ms, read outage %5d ms, sentinels switched after %5d ms,"
                        + " %d of %d writes failed %s, lost after the switch: %d%n", run, fault,
                        o.report().writeOutage().toMillis(), o.report().readOutage().toMillis(), o.sentinelsSwitched().toMillis(),
                        o.report().failedWrites(), o.report().writes(), o.report().writeFailures(), m.lostAfterSwitch());
            }
        }
        String summary = summary(outcomes, requestTimeout);
        System.out.println();
        System.out.print(summary);
        if (out != null) {
            Files.writeString(out, "# Failover windows (" + LocalDateTime.now(ZoneOffset.UTC).withNano(0) + ")\n\n" + summary);
            System.out.println("written to " + out);
        }
        System.exit(0);
    }

    /** One drill and how many writes acknowledged after the switch the new primary lacks. */
    private record Measured(FailoverDrill.Outcome outcome, int lostAfterSwitch) {
    }

    private static Measured drill(Fault fault, Duration requestTimeout) {
        // Sentinel's built-in polling periods, as in production: the windows are what users would
        // see with a 1 s down-after (the README's table says so)
        try (SentinelTopology topology = SentinelTopology.builder().builtInGossipPeriods().downAfter(Duration.ofSeconds(1)).start();
                BackendCommands cache = ValkeyCache.open(CacheConfig.builder()
                        .location("valkey://" + topology.service()).clientClass("sentinel")
                        .option("sentinels", topology.sentinelAddresses())
                        .keyPrefix("fw").requestTimeout(requestTimeout).connectTimeout(requestTimeout).build())) {
            FailoverDrill.Outcome o = FailoverDrill.run(topology, fault, seq -> cache.set("w:" + seq, seq, Duration.ofMinutes(10)),
                    seq -> cache.get("w:" + seq), Duration.ofSeconds(90));
            return new Measured(o, o.lostAfterOutage(seq -> "fw:1:w:" + seq, String::valueOf).size());
        }
    }

    private static String summary(Map<Fault, List<FailoverDrill.Outcome>> outcomes, Duration requestTimeout) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Sentinel down-after 1000 ms, failover-timeout 3000 ms, quorum 2 of 3; "
                + "client requestTimeout %d ms; writer and reader loop with 2 ms pauses.%n%n", requestTimeout.toMillis()));
        md.append("| fault | runs | write outage min / median / max (ms) | sentinels switched, median (ms) | each run (ms) |\n");
        md.append("|---|---:|---|---:|---|\n");
        for (Map.Entry<Fault, List<FailoverDrill.Outcome>> e : outcomes.entrySet()) {
            long[] w = e.getValue().stream().mapToLong(o -> o.report().writeOutage().toMillis()).sorted().toArray();
            long[] s = e.getValue().stream().mapToLong(o -> o.sentinelsSwitched().toMillis()).sorted().toArray();
            List<String> each = e.getValue().stream().map(o -> Long.toString(o.report().writeOutage().toMillis())).toList();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d / %d / %d | %d | %s |%n", e.getKey(), w.length,
                    w[0], w[w.length / 2], w[w.length - 1], s[s.length / 2], String.join(", ", each)));
        }
        return md.toString();
    }
}
