package org.valkeycache.nearcache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.metrics.Meter;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The near cache on a real server: what other clients and the server itself do to keys reaches
 * it within the bound (in practice at once), and every way of losing the listener or the proof
 * ends in bypasses, never in a stale hit.
 */
class NearCacheServerTest {

    static final Duration STALENESS = Duration.ofMillis(500);
    static ValkeyServer server;
    ValkeyCache cache;
    NearCacheValkeyClient near;

    @BeforeAll
    static void start() {
        server = ValkeyServer.builder().requirePass("near-pw").start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void open() {
        server.flushAll();
        server.call("CONFIG", "SET", "maxmemory", "0");
        cache = ValkeyCache.open(config(server.url()).build());
        near = (NearCacheValkeyClient) cache.client();
        awaitTrue("the proof holds", () -> near.proof().fresh());
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    static CacheConfig.Builder config(String url) {
        return CacheConfig.builder().location(url).keyPrefix("nc").option("near_cache.enabled", "true")
                .option("near_cache.max_staleness", STALENESS.toMillis() + "ms")
                .requestTimeout(Duration.ofSeconds(2));
    }

    byte[] key(String k) {
        return cache.makeKey(k).getBytes(UTF_8);
    }

    byte[] get(String k) throws Exception {
        return near.get(key(k)).get(5, TimeUnit.SECONDS);
    }

    String getString(String k) throws Exception {
        byte[] b = get(k);
        return b == null ? null : new String(b, UTF_8);
    }

    /**
     * Reads until the value is {@code expected}, asserting that no read returns another value
     * later than the staleness bound. A read that fails because glide is still reconnecting (after
     * a fault that killed its connection) is no stale value: it is retried, for at most 15 s.
     */
    void awaitValue(String k, String expected) throws Exception {
        awaitValue(this::getString, k, expected, STALENESS);
    }

    /** Reads a key as text (through the near cache under test). */
    @FunctionalInterface
    interface Reader {
        String read(String k) throws Exception;
    }

    /** {@link #awaitValue(String, String)} through any reader, with a given bound. */
    static void awaitValue(Reader reader, String k, String expected, Duration staleness) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            String v;
            // a stale value may only come from a read begun within the bound: when it returned
            // says nothing (a loaded machine may take long to run this thread again)
            long readBegun = System.nanoTime();
            try {
                v = reader.read(k);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof CacheConnectionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(5);
                continue;
            }
            if (expected == null ? v == null : expected.equals(v)) {
                return;
            }
            assertThat(Duration.ofNanos(readBegun - start)).as("stale read of %s: %s", k, v)
                    .isLessThanOrEqualTo(staleness.plusMillis(50));
            Thread.sleep(5);
        }
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Stores a value through the cache and reads it until a read is a hit (the invalidation of our
     * own write may arrive after the first load and evict it once).
     */
    void warm(String k, String v) throws Exception {
        near.set(key(k), v.getBytes(UTF_8), SetCondition.ALWAYS, 60_000).get(5, TimeUnit.SECONDS);
        // until a hit, not a number of tries: reads bypass while a heartbeat is late (a loaded machine)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            long hits = near.meters().hits.count();
            assertThat(getString(k)).isEqualTo(v);
            if (near.meters().hits.count() == hits + 1) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no hit for " + k + " within 15 s");
    }

    String raw(String k) {
        return cache.makeKey(k);
    }

    @Test
    void hitsAreServedFromMemoryAndRegisteredAsMeters() throws Exception {
        long beforeTheHit = System.nanoTime();
        warm("a", "1");
        List<String> names = cache.metrics().meters().stream().map(m -> m.id().name()).toList();
        assertThat(names).contains("cache.near.hits", "cache.near.misses", "cache.near.bypasses",
                "cache.near.discarded_loads", "cache.near.invalidations", "cache.near.clears",
                "cache.near.listener_reconnects", "cache.near.proof_age");
        Meter.Gauge age = (Meter.Gauge) cache.metrics().meters().stream()
                .filter(m -> m.id().name().equals("cache.near.proof_age")).findFirst().orElseThrow();
        // the hit was served under a proof at most STALENESS old, which has aged since (unless a newer one came)
        double ageMillis = age.value();
        double sinceTheHit = (System.nanoTime() - beforeTheHit) / 1e6;
        assertThat(ageMillis).isBetween(0.0, STALENESS.toMillis() + sinceTheHit);
    }

    @Test
    void aWriteByAnotherClientIsSeen() throws Exception {
        warm("a", "1");
        server.call("SET", raw("a"), "2");
        awaitValue("a", "2");
    }

    @Test
    void aDeleteByAnotherClientIsSeen() throws Exception {
        warm("a", "1");
        server.call("DEL", raw("a"));
        awaitValue("a", null);
    }

    @Test
    void entriesExpireWithTheirKey() throws Exception {
        near.set(key("e"), b("1"), SetCondition.ALWAYS, 300).get(5, TimeUnit.SECONDS);
        assertThat(getString("e")).isEqualTo("1");
        assertThat(getString("e")).isEqualTo("1");
        Thread.sleep(320);
        assertThat(getString("e")).isNull();
    }

    @Test
    void flushDbAndFlushAllClearEverything() throws Exception {
        warm("a", "1");
        server.call("FLUSHDB");
        awaitValue("a", null);
        warm("a", "1");
        server.call("FLUSHALL");
        awaitValue("a", null);
    }

    @Test
    void swapDbIsCaughtByTheHeartbeatMarker() throws Exception {
        warm("a", "1");
        server.call("SWAPDB", "0", "1");
        awaitValue("a", null);
        server.call("SWAPDB", "0", "1");
        awaitValue("a", "1");
    }

    @Test
    void serverEvictionIsSeen() throws Exception {
        warm("a", "1");
        server.call("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
        String filler = "x".repeat(10_000);
        for (int i = 0; i < 300; i++) {
            server.call("SET", "filler:" + i, filler);
        }
        server.call("CONFIG", "SET", "maxmemory", "1mb");
        for (int i = 300; i < 2000 && server.call("EXISTS", raw("a")).equals(1L); i++) {
            server.call("SET", "filler:" + i, filler);
        }
        assertThat(server.call("EXISTS", raw("a"))).isEqualTo(0L);
        awaitValue("a", null);
        server.call("CONFIG", "SET", "maxmemory", "0");
    }

    @Test
    void killingTheListenerBypassesThenRecovers() throws Exception {
        recoversFrom(() -> server.call("CLIENT", "KILL", "ID", listenerId()));
    }

    @Test
    void killingEveryConnectionBypassesThenRecovers() throws Exception {
        recoversFrom(() -> server.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"));
    }

    @Test
    void trackingTurnedOffOnTheListenerIsNoticed() throws Exception {
        recoversFrom(() -> awaitTrue("TRACKING OFF was sent on the listener's connection", () -> {
            try {
                near.listener().sendForTest("CLIENT", "TRACKING", "OFF");
                return true;
            } catch (java.io.IOException e) {
                return false; // between two connections: try the next one
            }
        }));
    }

    /** After the fault the listener reconnects, a write by another client is seen, and hits come back. */
    void recoversFrom(Runnable fault) throws Exception {
        warm("a", "1");
        long reconnects = near.meters().reconnects.count();
        fault.run();
        awaitTrue("the listener was lost", () -> near.meters().reconnects.count() > reconnects);
        server.call("SET", raw("a"), "2");
        awaitValue("a", "2");
        awaitTrue("the proof holds again", () -> near.proof().fresh());
        warm("a", "3");
    }

    @Test
    void aPausedServerStopsTheProof() throws Exception {
        warm("a", "1");
        long bypasses = near.meters().bypasses.count();
        server.call("CLIENT", "PAUSE", "1500", "WRITE");
        Thread.sleep(STALENESS.toMillis() + 300);
        assertThat(near.proof().fresh()).isFalse();
        assertThat(getString("a")).isEqualTo("1");
        assertThat(near.meters().bypasses.count()).isGreaterThan(bypasses);
        awaitTrue("the proof holds again", () -> near.proof().fresh());
        warm("a", "2");
    }

    @Test
    void aServerRestartLosesNothingToStaleHits() throws Exception {
        warm("a", "1");
        server.kill();
        server.restart();
        // the restarted server has no data: the old value must not be served
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                assertThat(getString("a")).isNull();
                break;
            } catch (org.valkeycache.CacheException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
        awaitTrue("the proof holds again", () -> near.proof().fresh());
        warm("a", "2");
    }

    @Test
    void anAclUserWithoutTrackingTurnsTheNearCacheOff() throws Exception {
        server.call("ACL", "SETUSER", "notrack", "on", ">notrack-pw", "~*", "&*", "+@all", "-client|tracking");
        String url = "valkey://notrack:notrack-pw@127.0.0.1:" + server.port();
        try (ValkeyCache limited = ValkeyCache.open(config(url).build())) {
            NearCacheValkeyClient n = (NearCacheValkeyClient) limited.client();
            awaitTrue("the near cache turned itself off", n::isRefused);
            byte[] k = limited.makeKey("a").getBytes(UTF_8);
            n.set(k, b("1"), SetCondition.ALWAYS, 60_000).get(5, TimeUnit.SECONDS);
            assertThat(n.get(k).get(5, TimeUnit.SECONDS)).isEqualTo(b("1"));
            server.call("SET", limited.makeKey("a"), "2");
            assertThat(n.get(k).get(5, TimeUnit.SECONDS)).isEqualTo(b("2"));
            assertThat(n.meters().hits.count()).isZero();
            assertThat(n.meters().bypasses.count()).isEqualTo(2);
        } finally {
            server.call("ACL", "DELUSER", "notrack");
        }
    }

    @Test
    void aTopologyWithoutOnePrimaryIsRefused() {
        CacheConfig config = config(server.url()).clientClass("org.valkeycache.nearcache.NearCacheServerTest$NoPrimary").build();
        assertThatThrownBy(() -> ValkeyCache.open(config)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("needs a topology with one primary");
    }

    /** A client of one server that does not say which node is its primary, as a shard ring. */
    public static final class NoPrimary extends org.valkeycache.client.glide.DefaultValkeyClient {
        public NoPrimary(CacheConfig config) {
            super(config);
        }

        @Override
        public org.valkeycache.config.ValkeyLocation primaryLocation() {
            return null;
        }
    }

    String listenerId() {
        return listenerId(server, near);
    }

    /** The id of a near cache's listener connection on a server. */
    static String listenerId(ValkeyServer on, NearCacheValkeyClient near) {
        for (String line : String.valueOf(on.call("CLIENT", "LIST")).split("\n")) {
            if (line.contains("name=" + near.listener().clientName() + " ")) {
                return line.substring(3, line.indexOf(' '));
            }
        }
        throw new AssertionError("no listener connection in CLIENT LIST");
    }

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }
}
