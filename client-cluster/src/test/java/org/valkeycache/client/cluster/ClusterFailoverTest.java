package org.valkeycache.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyCluster;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The cluster client through topology changes of a real cluster: a slot migration while reads
 * continue, a manual failover and a kill -9 of a primary while a writer loops. The windows of
 * failed writes are measured (printed and appended to {@code target/cluster-failover-windows.txt}),
 * never asserted against a time: the machine is shared and slow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {

    private static final String PASSWORD = "failover-pw";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static ValkeyCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = ValkeyCluster.builder().requirePass(PASSWORD).waitTimeout(WAIT).start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static BackendCommands open() {
        CacheConfig.Builder b = CacheConfig.builder().clientClass("cluster").keyPrefix("fo")
                .requestTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1));
        cluster.urls().forEach(b::location);
        return ValkeyCache.open(b.build());
    }

    /** A hash tag whose slot the given primary serves, so a test's keys all live there. */
    private static String tagOn(BackendCommands cache, ValkeyServer primary) {
        for (int i = 0; ; i++) {
            String tag = "{t" + i + "}";
            if (cluster.nodeOf(cache.makeKey(tag)) == primary) {
                return tag;
            }
        }
    }

    /** The replica of a primary, waiting while the cluster still settles roles after a failover. */
    private static ValkeyServer replicaOf(ValkeyServer primary) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ValkeyServer replica : cluster.replicas()) {
                if (cluster.primaryOf(replica) == primary) {
                    return replica;
                }
            }
            sleep(50);
        }
        throw new AssertionError(primary + " has no replica after " + WAIT);
    }

    private static void awaitPrimary(ValkeyServer node) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!cluster.primaries().contains(node)) {
            assertThat(System.nanoTime()).as("%s became primary within %s", node, WAIT).isLessThan(deadline);
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void record(String line) {
        System.out.println("[cluster-failover] " + line);
        try {
            Files.writeString(Path.of("target", "cluster-failover-windows.txt"), line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(cannot write target/cluster-failover-windows.txt: " + e + ")");
        }
    }

    /** Writes {@code <tag>:<n>} = n in a loop, remembering when each write was acknowledged or failed. */
    private static final class Writer implements Runnable {
        final BackendCommands cache;
        final String tag;
        final AtomicBoolean running = new AtomicBoolean(true);
        final Map<Long, Long> acked = new ConcurrentHashMap<>();
        final List<long[]> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong attempts = new AtomicLong();
        final Thread thread = new Thread(this, "cluster-writer");

        Writer(BackendCommands cache, String tag) {
            this.cache = cache;
            this.tag = tag;
        }

        Writer start() {
            thread.start();
            return this;
        }

        @Override
        public void run() {
            long n = 0;
            while (running.get()) {
                n++;
                attempts.incrementAndGet();
                try {
                    if (cache.set(tag + ":" + n, n)) {
                        acked.put(n, System.nanoTime());
                    }
                } catch (CacheException e) {
                    failures.add(new long[] {n, System.nanoTime()});
                }
            }
        }

        /** Lets the writer go on until {@code count} more writes were acknowledged, then stops it. */
        void stopAfter(int count) throws InterruptedException {
            int target = acked.size() + count;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (acked.size() < target && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            running.set(false);
            thread.join(WAIT.toMillis());
        }

        /** @return the time from the first failed write to the first acknowledged one after the last failure */
        Duration window() {
            if (failures.isEmpty()) {
                return Duration.ZERO;
            }
            long firstFailure = failures.get(0)[1];
            long lastFailure = failures.get(failures.size() - 1)[1];
            long recovered = acked.values().stream().filter(t -> t > lastFailure).min(Long::compare).orElse(lastFailure);
            return Duration.ofNanos(recovered - firstFailure);
        }

        /** @return the number of the last failed write, 0 for none */
        long lastFailed() {
            return failures.isEmpty() ? 0 : failures.get(failures.size() - 1)[0];
        }
    }

    @Test
    @Order(1)
    void aPopulatedSlotMigratesWhileReadsContinueWithoutErrors() throws Exception {
        try (BackendCommands cache = open()) {
            ValkeyServer from = cluster.primaries().get(0);
            String tag = tagOn(cache, from);
            for (int i = 0; i < 300; i++) {
                cache.set(tag + ":" + i, (long) i);
            }
            int slot = cluster.slotOf(cache.makeKey(tag));
            ValkeyServer to = cluster.primaries().get(1);
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    for (int i = 0; i < 300 && reading.get(); i += 7) {
                        try {
                            Object v = cache.get(tag + ":" + i);
                            if (!Long.valueOf(i).equals(v)) {
                                problems.add(tag + ":" + i + " read as " + v);
                            }
                            reads.incrementAndGet();
                        } catch (CacheException e) {
                            problems.add(tag + ":" + i + " failed: " + e);
                        }
                    }
                }
            }, "cluster-reader");
            reader.start();
            sleep(200);
            long before = reads.get();
            long start = System.nanoTime();
            cluster.migrateSlot(slot, to, 10, Duration.ofMillis(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            long during = reads.get() - before;
            sleep(300);
            reading.set(false);
            reader.join(WAIT.toMillis());

            assertThat(problems).isEmpty();
            assertThat(during).as("reads while the slot moved").isPositive();
            assertThat(to.call("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot))).isEqualTo(300L);
            assertThat(from.call("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot))).isEqualTo(0L);
            assertThat(cluster.nodeOf(cache.makeKey(tag))).isEqualTo(to);
            assertThat((Object) cache.get(tag + ":299")).isEqualTo(299L);
            assertThat(cache.set(tag + ":new", "after")).isTrue();
            assertThat(to.call("GET", cache.makeKey(tag + ":new"))).isNotNull();
            record("slot migration of 300 keys in " + took.toMillis() + " ms: " + during + " reads meanwhile, 0 errors");
        }
    }

    @Test
    @Order(2)
    void aManualFailoverLosesNoAcknowledgedWrite() throws Exception {
        try (BackendCommands cache = open()) {
            ValkeyServer primary = cluster.primaries().get(2);
            ValkeyServer replica = replicaOf(primary);
            String tag = tagOn(cache, primary);
            Writer writer = new Writer(cache, tag).start();
            sleep(300);
            replica.call("CLUSTER", "FAILOVER");
            awaitPrimary(replica);
            writer.stopAfter(200);

            assertThat(writer.acked).hasSizeGreaterThan(200);
            for (Long n : writer.acked.keySet()) {
                assertThat((Object) cache.get(tag + ":" + n)).as("acknowledged write %d", n).isEqualTo(n);
            }
            assertThat(cluster.nodeOf(cache.makeKey(tag))).isEqualTo(replica);
            assertThat(cache.set("after-manual", 1)).isTrue();
            // the old primary follows the new one: wait for it before the next test picks nodes
            assertThat(replicaOf(replica)).isEqualTo(primary);
            cluster.awaitHealthy(WAIT);
            record("manual failover (CLUSTER FAILOVER): " + writer.failures.size() + " of " + writer.attempts.get()
                    + " writes failed, window " + writer.window().toMillis() + " ms, 0 of " + writer.acked.size()
                    + " acknowledged writes lost");
        }
    }

    @Test
    @Order(3)
    void aKilledPrimaryFailsOverAndNoWriteAcknowledgedAfterTheSwitchIsLost() throws Exception {
        try (BackendCommands cache = open()) {
            ValkeyServer primary = cluster.primaries().get(0);
            ValkeyServer replica = replicaOf(primary);
            String tag = tagOn(cache, primary);
            String elsewhere = tagOn(cache, cluster.primaries().stream().filter(p -> p != primary).findFirst().orElseThrow());
            Writer writer = new Writer(cache, tag).start();
            sleep(300);
            primary.kill();
            long killed = System.nanoTime();
            // the rest of the cluster keeps serving while the slot's primary is gone
            assertThat(cache.set(elsewhere + ":during", "ok")).isTrue();
            awaitPrimary(replica);
            long switched = System.nanoTime();
            writer.stopAfter(200);

            long lastFailed = writer.lastFailed();
            long afterSwitch = 0;
            long lostBefore = 0;
            for (Map.Entry<Long, Long> e : writer.acked.entrySet()) {
                Object stored = cache.get(tag + ":" + e.getKey());
                if (e.getValue() > switched || e.getKey() > lastFailed) {
                    afterSwitch++;
                    assertThat(stored).as("write %d acknowledged after the switch", e.getKey()).isEqualTo(e.getKey());
                } else if (stored == null) {
                    lostBefore++;
                }
            }
            assertThat(afterSwitch).isGreaterThanOrEqualTo(200);
            assertThat(writer.failures).as("writes to the dead primary failed for a while").isNotEmpty();
            assertThat((Object) cache.get(elsewhere + ":during")).isEqualTo("ok");
            assertThat(cache.set("after-kill", 1)).isTrue();
            record("kill -9 of a primary (cluster-node-timeout 5 s): " + writer.failures.size() + " of "
                    + writer.attempts.get() + " writes failed, window " + writer.window().toMillis()
                    + " ms, replica promoted " + Duration.ofNanos(switched - killed).toMillis() + " ms after the kill, "
                    + "0 of " + afterSwitch + " writes acknowledged after the switch lost, " + lostBefore
                    + " acknowledged just before the kill lost (asynchronous replication)");

            primary.restart();
            cluster.awaitHealthy(WAIT);
            assertThat(cluster.replicas()).contains(primary);
        }
    }
}
