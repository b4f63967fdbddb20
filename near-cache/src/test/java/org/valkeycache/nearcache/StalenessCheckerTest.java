package org.valkeycache.nearcache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.Resp;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The randomized checker: writers on connections of their own set and delete keys, readers read
 * them through the near cache, and a fault thread kills the listener, kills every connection,
 * pauses the server and turns tracking off on the listener. Afterwards every read is checked
 * against the bound: it must not return a state older than the last write acknowledged more than
 * {@code max_staleness} before the read began. It runs on one server and on a shard ring of two
 * (writers write each key on its node; each fault hits one node picked at random).
 */
class StalenessCheckerTest {

    static final Duration STALENESS = Duration.ofMillis(300);
    static final int KEYS = 16;
    static final int WRITERS = 2;
    static final int READERS = 3;
    static final long RUN_MILLIS = 8_000;
    static final long RING_RUN_MILLIS = 5_000;

    static ValkeyServer server;
    static ValkeyServer second;

    @BeforeAll
    static void start() {
        server = ValkeyServer.start();
        second = ValkeyServer.start();
    }

    @AfterAll
    static void stop() {
        for (ValkeyServer s : new ValkeyServer[] {server, second}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** One acknowledged operation on a key: a write of {@code seq} or a delete; times in nanoTime. */
    record Op(long seq, boolean delete, long sentAt, long ackedAt) {
    }

    /** One read: what came back ({@code -1} for null) and when it began and ended. */
    record Read(int key, long seq, long startedAt, long endedAt) {
    }

    @Test
    void noReadIsOlderThanTheBoundUnderFaults() throws Exception {
        run(CacheConfig.builder().location(server.url()).keyPrefix("chk"), List.of(server), RUN_MILLIS);
    }

    @Test
    void noReadIsOlderThanTheBoundOnAShardRingUnderFaults() throws Exception {
        run(CacheConfig.builder().locations(List.of(server.url(), second.url())).clientClass("shard").keyPrefix("chkr"),
                List.of(server, second), RING_RUN_MILLIS);
    }

    /** The checker on the servers a configuration reaches; {@code servers} in the order of its nodes. */
    static void run(CacheConfig.Builder builder, List<ValkeyServer> servers, long runMillis) throws Exception {
        CacheConfig config = builder.option("near_cache.enabled", "true")
                .option("near_cache.max_staleness", STALENESS.toMillis() + "ms").requestTimeout(Duration.ofSeconds(1))
                .build();
        List<List<Op>> ops = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            ops.add(Collections.synchronizedList(new ArrayList<>()));
        }
        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        AtomicLong faults = new AtomicLong();
        try (ValkeyCache cache = ValkeyCache.open(config)) {
            NearCacheValkeyClient near = (NearCacheValkeyClient) cache.client();
            assertThat(near.nodeCount()).isEqualTo(servers.size());
            NearCacheServerTest.awaitTrue("every node's proof holds", () -> {
                for (int n = 0; n < servers.size(); n++) {
                    if (!near.node(n).serving()) {
                        return false;
                    }
                }
                return true;
            });
            ValkeyServer[] nodeOfKey = new ValkeyServer[KEYS];
            for (int k = 0; k < KEYS; k++) {
                nodeOfKey[k] = servers.get(near.delegate().nodeOf(key(cache, k).getBytes(UTF_8)));
            }
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(new Thread(() -> write(cache, nodeOfKey, writer, ops, end), "writer-" + w));
            }
            for (int r = 0; r < READERS; r++) {
                threads.add(new Thread(() -> read(cache, near, reads, end), "reader-" + r));
            }
            threads.add(new Thread(() -> inject(near, servers, faults, end), "faults"));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(runMillis + 30_000);
            }
            List<String> violations = check(ops, reads);
            long hits = near.meters().hits.count();
            long bypasses = near.meters().bypasses.count();
            System.out.printf("checker: %d reads, %d hits, %d bypasses, %d faults, %d listener reconnects, %d violations%n",
                    reads.size(), hits, bypasses, faults.get(), near.meters().reconnects.count(), violations.size());
            assertThat(violations).as("reads older than the bound").isEmpty();
            assertThat(hits).as("the near cache served hits").isGreaterThan(100);
            assertThat(bypasses).as("the faults made reads bypass").isPositive();
            assertThat(faults.get()).isGreaterThan(5);
        }
    }

    static String key(ValkeyCache cache, int i) {
        return cache.makeKey("k" + i);
    }

    /**
     * Each key has one writer, so its operations are applied in the order they are acknowledged;
     * each key is written on its node, on a connection of the writer's own to that node.
     */
    static void write(ValkeyCache cache, ValkeyServer[] nodeOfKey, int writer, List<List<Op>> ops, long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long seq = writer;
        Map<ValkeyServer, Resp> conns = new HashMap<>();
        while (System.nanoTime() < end) {
            int k = writer + WRITERS * random.nextInt(KEYS / WRITERS);
            seq += WRITERS;
            boolean delete = random.nextInt(10) == 0;
            long sentAt = System.nanoTime();
            ValkeyServer node = nodeOfKey[k];
            while (true) {
                Resp conn = conns.get(node);
                try {
                    if (conn == null) {
                        conn = new Resp(node.host(), node.port(), 2_000);
                        conns.put(node, conn);
                    }
                    if (delete) {
                        conn.call("DEL", key(cache, k));
                    } else {
                        conn.call("SET", key(cache, k), Long.toString(seq));
                    }
                    break;
                } catch (IOException | RuntimeException e) {
                    // killed or paused: the operation may or may not have been applied; retry until acknowledged
                    closeQuietly(conn);
                    conns.remove(node);
                    sleep(20);
                }
            }
            ops.get(k).add(new Op(seq, delete, sentAt, System.nanoTime()));
            sleep(random.nextInt(3));
        }
        conns.values().forEach(StalenessCheckerTest::closeQuietly);
    }

    static void read(ValkeyCache cache, NearCacheValkeyClient near, ConcurrentLinkedQueue<Read> reads, long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            int k = random.nextInt(KEYS);
            long start = System.nanoTime();
            try {
                byte[] v = near.get(key(cache, k).getBytes(UTF_8)).get(5, TimeUnit.SECONDS);
                reads.add(new Read(k, v == null ? -1 : Long.parseLong(new String(v, UTF_8)), start, System.nanoTime()));
            } catch (Exception e) {
                // a fault made this read fail: it returned nothing, so it cannot be stale
                sleep(5);
            }
        }
    }

    /** Every ~250 ms one fault, picked at random, on a node picked at random. */
    static void inject(NearCacheValkeyClient near, List<ValkeyServer> servers, AtomicLong faults, long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        sleep(500);
        while (System.nanoTime() < end - TimeUnit.MILLISECONDS.toNanos(500)) {
            int n = random.nextInt(servers.size());
            ValkeyServer node = servers.get(n);
            try {
                switch (random.nextInt(4)) {
                    case 0 -> node.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
                    case 1 -> node.call("CLIENT", "PAUSE", Integer.toString(100 + random.nextInt(300)), "WRITE");
                    case 2 -> near.node(n).listener().sendForTest("CLIENT", "TRACKING", "OFF");
                    default -> near.node(n).listener().restart();
                }
                faults.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                // the listener was not connected at that moment: no fault this time
            }
            sleep(150 + random.nextInt(200));
        }
    }

    /**
     * For each read, the last operation acknowledged before {@code start - max_staleness}: a read
     * of a value must return that write or a later one; a read of nothing must follow a delete
     * that is not older than it.
     */
    static List<String> check(List<List<Op>> ops, Iterable<Read> reads) {
        long bound = STALENESS.toNanos();
        List<String> violations = new ArrayList<>();
        for (Read r : reads) {
            List<Op> history;
            synchronized (ops.get(r.key())) {
                history = new ArrayList<>(ops.get(r.key()));
            }
            Op floor = null;
            for (Op op : history) {
                if (op.ackedAt() <= r.startedAt() - bound && (floor == null || op.seq() > floor.seq())) {
                    floor = op;
                }
            }
            if (floor == null) {
                continue;
            }
            boolean ok;
            if (r.seq() >= 0) {
                ok = r.seq() >= floor.seq();
            } else {
                Op f = floor;
                ok = f.delete() || history.stream().anyMatch(op -> op.delete() && op.seq() > f.seq() && op.sentAt() < r.endedAt());
            }
            if (!ok) {
                violations.add("key k" + r.key() + ": read " + (r.seq() < 0 ? "nothing" : "seq " + r.seq())
                        + " but seq " + floor.seq() + (floor.delete() ? " (delete)" : "") + " was acknowledged "
                        + (r.startedAt() - floor.ackedAt()) / 1_000_000 + " ms before the read");
            }
        }
        return violations;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Resp conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
