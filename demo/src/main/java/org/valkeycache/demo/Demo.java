package org.valkeycache.demo;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.valkeycache.AsyncBackendCommands;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheLock;
import org.valkeycache.LockOptions;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Caches;
import org.valkeycache.SetArgs;
import org.valkeycache.Timeout;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * A guided tour of valkey-cache against a real server: configuration from a properties file,
 * set/get with timeouts, atomic mget/mset, a pattern delete over thousands of keys with a
 * progress bar, a lock-free counter, the asynchronous facade, a distributed lock, and a topology
 * switch made by editing the properties file.
 *
 * <p>Starts its own {@code valkey-server} (and later a replica) on free loopback ports, unless
 * {@code --location valkey://host:port} names a server to use.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [--location URL] [--keys N]}
     * @throws Exception when the demo cannot run (for example no valkey-server binary)
     */
    public static void main(String[] args) throws Exception {
        String location = null;
        int keyCount = 5000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--location" -> location = args[++i];
                case "--keys" -> keyCount = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: run-demo.sh [--location valkey://host:port] [--keys N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        List<AutoCloseable> started = new ArrayList<>();
        try {
            ValkeyServer primary = null;
            if (location == null) {
                step("Starting a local valkey-server on a free port");
                primary = ValkeyServer.start();
                started.add(primary);
                location = primary.url();
            }
            System.out.println("  server: " + ValkeyLocation.mask(location));
            run(location, primary, keyCount, started);
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
        System.out.println("\nDone.");
    }

    /** A properties line with the password of a location masked. */
    private static String maskLocation(String line) {
        int eq = line.indexOf('=');
        return line.startsWith("cache.default.location=") ? line.substring(0, eq + 1) + ValkeyLocation.mask(line.substring(eq + 1))
                : line;
    }

    private static void run(String location, ValkeyServer primary, int keyCount, List<AutoCloseable> started)
            throws Exception {
        Path dir = Files.createTempDirectory("valkey-cache-demo");
        Path file = dir.resolve("valkey-cache.properties");
        started.add(() -> {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        });
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cache.default.location", location);
        settings.put("cache.default.clientClass", "default");
        settings.put("cache.default.keyPrefix", "demo");
        settings.put("cache.default.timeout", "300");
        writeProperties(file, settings);

        step("1. Configure a cache from a properties file (" + file + ")");
        System.out.print(Files.readString(file).lines().map(l -> "  | " + maskLocation(l) + "\n").reduce("", String::concat));

        try (Caches caches = Caches.load(file)) {
            BackendCommands cache = caches.getDefault();
            cache.clear();

            step("2. set / get with timeouts");
            cache.set("greeting", "hello, valkey");
            show("set(\"greeting\", ...) with the default timeout; ttl", cache.ttl("greeting"));
            show("get(\"greeting\")", cache.get("greeting", String.class));
            cache.set("flash", "gone soon", Duration.ofMillis(300));
            show("set(\"flash\", ..., 300 ms); pttl", cache.pttl("flash"));
            Thread.sleep(400);
            show("after 400 ms, get(\"flash\")", cache.get("flash"));
            cache.set("forever", "persistent", Timeout.never());
            show("set(..., Timeout.never()); ttl (null = persistent)", cache.ttl("forever"));
            show("set(nx) on an existing key", cache.set("greeting", "other", SetArgs.nx()));
            show("add on a new key", cache.add("fresh", 1));
            cache.set("expire-now", "x", Duration.ZERO);
            show("set(..., Duration.ZERO); hasKey", cache.hasKey("expire-now"));

            step("3. Atomic mset / mget");
            Map<String, Object> prices = new LinkedHashMap<>();
            prices.put("price:apple", 3);
            prices.put("price:pear", 5);
            prices.put("price:plum", 7);
            cache.mset(prices);
            show("mget(price:apple, price:pear, price:missing)",
                    cache.mget(List.of("price:apple", "price:pear", "price:missing")));
            show("stored raw on the server as decimal text, so incr works; incr(\"price:apple\", 10)",
                    cache.incr("price:apple", 10));

            step("4. deletePattern over " + keyCount + " keys");
            Map<String, Object> batch = new LinkedHashMap<>();
            for (int i = 0; i < keyCount; i++) {
                batch.put("session:" + i, "payload-" + i);
                if (batch.size() == 1000) {
                    cache.setMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                cache.setMany(batch);
            }
            show("keys written with setMany (pipelined); iterKeys(\"session:*\").count()",
                    cache.iterKeys("session:*", 500).count());
            final int total = keyCount;
            long deleted = cache.deletePattern("session:*", 500, n -> progress(n, total));
            System.out.println();
            show("deleted", deleted);
            show("price keys untouched; keys(\"price:*\").size()", cache.keys("price:*").size());

            step("5. A lock-free counter: 8 threads x 1000 incr");
            cache.set("hits", 0, Timeout.never());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        cache.incr("hits");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            show("get(\"hits\")", cache.get("hits"));

            step("6. The async facade: the same commands as futures, replies decoded off glide's threads");
            AsyncBackendCommands async = cache.async();
            List<CompletableFuture<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                writes.add(async.set("async:" + i, "value-" + i, Duration.ofMinutes(5)));
            }
            CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).join();
            show("1000 async.set(...) in flight at once, all joined", writes.stream().allMatch(CompletableFuture::join));
            show("async.get(\"async:7\", String.class).thenApply(String::toUpperCase)",
                    async.get("async:7", String.class).thenApply(String::toUpperCase).join());
            show("async.get(\"async:1\").thenCombine(async.get(\"async:2\"), ...)",
                    async.get("async:1").thenCombine(async.get("async:2"), (a, b) -> a + " & " + b).join());
            show("async.incr(\"hits\") then get", async.incr("hits").thenCompose(n -> async.get("hits")).join());
            show("an unknown counter fails the future with", async.incr("no-such-counter")
                    .handle((n, e) -> e == null ? n : e.getClass().getSimpleName()).join());
            show("async.deletePattern(\"async:*\")", async.deletePattern("async:*").join());

            step("7. A named distributed lock (valkey-py semantics, lease + fencing token)");
            LockOptions leased = LockOptions.defaults().withLease(Duration.ofSeconds(10)).withFencing();
            try (CacheLock lock = cache.getLock("nightly-report", leased)) {
                show("acquire()", lock.acquire());
                show("fencingToken()", lock.fencingToken());
                boolean other = CompletableFuture.supplyAsync(
                        () -> cache.getLock("nightly-report", leased.withBlocking(false)).acquire()).get();
                show("another holder's non-blocking acquire()", other);
            }
            show("after close(): locked()", cache.getLock("nightly-report").locked());
        }

        step("8. Switch topology by editing the properties file");
        if (primary != null) {
            ValkeyServer replica = ValkeyServer.builder().replicaOf(primary).start();
            started.add(replica);
            settings.put("cache.default.location", location + "," + replica.url());
            writeProperties(file, settings);
            System.out.println("  added a read replica: cache.default.location="
                    + ValkeyLocation.mask(settings.get("cache.default.location")));
            try (Caches caches = Caches.load(file)) {
                BackendCommands cache = caches.getDefault();
                cache.set("topology", "primary + replica");
                primary.call("WAIT", "1", "2000");
                show("written to the primary, read from the replica", cache.get("topology"));
                show("raw connections: write != read", cache.getValkeyConnection(true) != cache.getValkeyConnection(false));
            }
        } else {
            System.out.println("  (skipped adding a replica: --location points to a server this demo did not start)");
        }
        settings.put("cache.default.clientClass", "clustr");
        writeProperties(file, settings);
        System.out.println("  a typo in clientClass fails when the file is loaded, not on first use:");
        try (Caches caches = Caches.load(file)) {
            caches.getDefault();
        } catch (CacheConfigurationException e) {
            System.out.println("  ! " + e.getMessage());
        }
    }

    private static void writeProperties(Path file, Map<String, String> settings) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    private static void progress(long done, long total) {
        int width = 40;
        int filled = (int) Math.min(width, done * width / Math.max(1, total));
        System.out.print("\r  [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        System.out.flush();
    }

    private static void step(String title) {
        System.out.println("\n== " + title);
    }

    private static void show(String what, Object value) {
        System.out.println("  " + what + " -> " + value);
    }
}
