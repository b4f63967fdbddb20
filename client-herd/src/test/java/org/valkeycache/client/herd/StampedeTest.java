package org.valkeycache.client.herd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.Timeout;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The thundering herd on a real server: 32 threads loop {@code getOrSet(hotKey, expensiveLoader)}
 * on one key with a 1 s timeout for {@value #RUN_MILLIS} ms, so its (logical) expiry passes
 * several times, and the loader calls are counted for the default client, the herd client and the
 * herd client with single flight. No caller may ever get an error or a null. The counts are printed
 * ({@code STAMPEDE ...}) and quoted in the module README.
 */
class StampedeTest {

    static final int THREADS = 32;
    static final long TIMEOUT_MILLIS = 1000;
    static final long LOADER_MILLIS = 50;
    static final long RUN_MILLIS = 4500;

    static ValkeyServer server;
    static final List<String> summary = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        server = ValkeyServer.start();
    }

    @AfterAll
    static void stop() {
        summary.forEach(System.out::println);
        if (server != null) {
            server.close();
        }
    }

    /** What one run saw. */
    record Run(int loads, List<Long> loadStarts, int calls, List<Throwable> errors, int nulls) {
    }

    static Run stampede(CacheConfig.Builder config, String label) throws InterruptedException {
        server.flushAll();
        AtomicInteger loads = new AtomicInteger();
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger nulls = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        try (BackendCommands cache = ValkeyCache.open(config.keyPrefix("stampede").build())) {
            Timeout timeout = Timeout.ofMillis(TIMEOUT_MILLIS);
            Supplier<String> expensiveLoader = () -> {
                starts.add(System.nanoTime());
                int n = loads.incrementAndGet();
                try {
                    Thread.sleep(LOADER_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "generation-" + n;
            };
            cache.getOrSet("hot", expensiveLoader, timeout); // warm: the key exists before the herd arrives
            loads.set(0);
            starts.clear();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
            CountDownLatch done = new CountDownLatch(THREADS);
            for (int t = 0; t < THREADS; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            try {
                                String value = cache.getOrSet("hot", expensiveLoader, timeout);
                                calls.incrementAndGet();
                                if (value == null) {
                                    nulls.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                errors.add(e);
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                }, "stampede-" + t);
                worker.start();
            }
            assertThat(done.await(RUN_MILLIS + 30_000, TimeUnit.MILLISECONDS)).isTrue();
        }
        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        Run run = new Run(loads.get(), sorted, calls.get(), new ArrayList<>(errors), nulls.get());
        summary.add(String.format("STAMPEDE %-28s loader calls=%3d  getOrSet calls=%6d  errors=%d nulls=%d"
                + "  (32 threads, %d ms, timeout %d ms, loader %d ms)", label, run.loads(), run.calls(),
                run.errors().size(), run.nulls(), RUN_MILLIS, TIMEOUT_MILLIS, LOADER_MILLIS));
        return run;
    }

    static CacheConfig.Builder config(String clientClass) {
        return CacheConfig.builder().location(server.url()).clientClass(clientClass);
    }

    @Test
    void herdCutsTheLoadsAndSingleFlightLoadsExactlyOncePerExpiry() throws InterruptedException {
        Run plain = stampede(config("default"), "default");
        Run herd = stampede(config("herd"), "herd");
        Run flight = stampede(config("herd").option("herd.single_flight", "true"), "herd + single_flight");

        for (Run run : List.of(plain, herd, flight)) {
            assertThat(run.errors()).as("errors").isEmpty();
            assertThat(run.nulls()).as("null values").isZero();
            assertThat(run.calls()).isGreaterThan(THREADS * 10);
        }
        // the logical expiry passed several times in each run
        int expiries = flight.loads();
        assertThat(expiries).isBetween(3, (int) (RUN_MILLIS / TIMEOUT_MILLIS) + 1);
        // single flight: one load per expiry, so loads are at least a timeout apart
        for (int i = 1; i < flight.loadStarts().size(); i++) {
            long gapMillis = TimeUnit.NANOSECONDS.toMillis(flight.loadStarts().get(i) - flight.loadStarts().get(i - 1));
            assertThat(gapMillis).as("gap between load %d and %d", i - 1, i).isGreaterThanOrEqualTo(TIMEOUT_MILLIS);
        }
        // the default client: everyone who misses loads
        assertThat(plain.loads()).as("default client loads").isGreaterThan(3 * expiries);
        // herd: a few per expiry, fewer than the default client's herd
        assertThat(herd.loads()).as("herd loads").isGreaterThanOrEqualTo(3).isLessThan(plain.loads());
    }
}
