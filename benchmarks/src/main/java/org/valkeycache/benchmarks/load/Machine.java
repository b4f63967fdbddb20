package org.valkeycache.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Machine facts, external commands and file helpers. */
final class Machine {

    private Machine() {
    }

    static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "unavailable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String nproc() {
        String out = command("nproc");
        return out.matches("\\d+") ? out : Integer.toString(Runtime.getRuntime().availableProcessors());
    }

    static Properties libraryVersions() {
        Properties p = new Properties();
        try (InputStream in = Machine.class.getResourceAsStream("/benchmark-versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // report shows none
        }
        return p;
    }

    /**
     * Runs {@code valkey-benchmark -t get,set --csv} and returns rows of
     * {clients, test, rps, avg_ms, min_ms, p50_ms, p95_ms, p99_ms, max_ms}.
     */
    static List<String[]> valkeyBenchmark(int port, int clients, int requests, int dataSize) {
        String out = command("valkey-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", "get,set",
                "-n", Integer.toString(requests), "-c", Integer.toString(clients), "-d", Integer.toString(dataSize), "--csv");
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (!line.startsWith("\"") || line.startsWith("\"test\"")) {
                continue;
            }
            String[] cols = line.replace("\"", "").split(",");
            if (cols.length < 8) {
                continue;
            }
            String[] row = new String[cols.length + 1];
            row[0] = Integer.toString(clients);
            System.arraycopy(cols, 0, row, 1, cols.length);
            rows.add(row);
        }
        if (rows.isEmpty()) {
            System.out.println("valkey-benchmark gave no CSV rows: " + out);
        }
        return rows;
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> s = Files.walk(to)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
