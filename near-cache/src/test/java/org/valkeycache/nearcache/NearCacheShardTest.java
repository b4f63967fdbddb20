package org.valkeycache.nearcache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.client.shard.ShardValkeyClient;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.metrics.Meter;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The near cache on the {@code shard} ring of two password-protected servers: one listener and
 * one heartbeat per node, one store and one set of meters per cache; what another client writes
 * on either node is seen within the bound, and a node whose listener is lost or whose server is
 * down makes reads of its own keys bypass while the other node goes on serving hits.
 */
class NearCacheShardTest {

    static final Duration STALENESS = Duration.ofMillis(500);
    static final String PASSWORD = "ring-pw";
    static final List<ValkeyServer> SERVERS = new ArrayList<>();
    ValkeyCache cache;
    NearCacheValkeyClient near;
    /** A user key on each node: {@code keyOn[i]} lives on node {@code i}. */
    String[] keyOn;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 2; i++) {
            SERVERS.add(ValkeyServer.builder().requirePass(PASSWORD).start());
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.forEach(ValkeyServer::close);
        SERVERS.clear();
    }

    static CacheConfig.Builder config() {
        return CacheConfig.builder().locations(SERVERS.stream().map(ValkeyServer::url).toList()).clientClass("shard")
                .keyPrefix("ns").option("near_cache.enabled", "true")
                .option("near_cache.max_staleness", STALENESS.toMillis() + "ms")
                .requestTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1));
    }

    @BeforeEach
    void open() {
        for (ValkeyServer s : SERVERS) {
            if (!s.isRunning()) {
                s.restart();
            }
            s.flushAll();
        }
        cache = ValkeyCache.open(config().build());
        near = (NearCacheValkeyClient) cache.client();
        ShardValkeyClient ring = (ShardValkeyClient) near.delegate();
        keyOn = new String[2];
        for (int i = 0; keyOn[0] == null || keyOn[1] == null; i++) {
            String k = "k" + i;
            keyOn[ring.nodeOf(cache.makeKey(k).getBytes(UTF_8))] = k;
        }
        NearCacheServerTest.awaitTrue("every node's proof holds", () -> serving(0) && serving(1));
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    boolean serving(int node) {
        return near.node(node).serving();
    }

    byte[] key(String k) {
        return cache.makeKey(k).getBytes(UTF_8);
    }

    String read(String k) throws Exception {
        byte[] b = near.get(key(k)).get(5, TimeUnit.SECONDS);
        return b == null ? null : new String(b, UTF_8);
    }

    /** Writes through the near cache and reads until a read is a hit. */
    void warm(String k, String v) throws Exception {
        near.set(key(k), v.getBytes(UTF_8), SetCondition.ALWAYS, 60_000).get(5, TimeUnit.SECONDS);
        assertHit(k, v);
    }

    /** Reads until a read is a hit of {@code v}. */
    void assertHit(String k, String v) throws Exception {
        for (int i = 0; i < 100; i++) {
            long hits = near.meters().hits.count();
            String got = read(k);
            assertThat(got).isEqualTo(v);
            if (near.meters().hits.count() > hits) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no hit for " + k);
    }

    /** Reads until the value is {@code expected}; no other value may come back later than the bound. */
    void awaitValue(String k, String expected) throws Exception {
        NearCacheServerTest.awaitValue(this::read, k, expected, STALENESS);
    }

    @Test
    void everyNodeIsFollowedWithOneStoreAndOneSetOfMeters() throws Exception {
        assertThat(near.nodeCount()).isEqualTo(2);
        warm(keyOn[0], "zero");
        warm(keyOn[1], "one");
        for (ValkeyServer s : SERVERS) {
            assertThat(String.valueOf(s.call("CLIENT", "LIST"))).as("a listener on each node")
                    .contains("name=" + near.listener().clientName() + " ");
            assertThat(String.valueOf(s.call("DBSIZE"))).as("each node's heartbeat keys are on it")
                    .isNotEqualTo("0");
        }
        List<String> names = cache.metrics().meters().stream().map(m -> m.id().name()).toList();
        for (String meter : List.of("cache.near.hits", "cache.near.bypasses", "cache.near.proof_age", "cache.near.weight")) {
            assertThat(names.stream().filter(meter::equals).count()).as(meter + " registered once").isEqualTo(1);
        }
        Meter.Gauge age = (Meter.Gauge) cache.metrics().meters().stream()
                .filter(m -> m.id().name().equals("cache.near.proof_age")).findFirst().orElseThrow();
        assertThat(age.value()).isBetween(0.0, (double) STALENESS.toMillis());
        assertThat(near.store().size()).isEqualTo(2);
    }

    @Test
    void aWriteByAnotherClientIsSeenOnEachNode() throws Exception {
        for (int node = 0; node < 2; node++) {
            warm(keyOn[node], "v1");
            SERVERS.get(node).call("SET", cache.makeKey(keyOn[node]), "v2");
            awaitValue(keyOn[node], "v2");
            SERVERS.get(node).call("DEL", cache.makeKey(keyOn[node]));
            awaitValue(keyOn[node], null);
        }
    }

    @Test
    void killingOneNodesListenerRecoversThatNode() throws Exception {
        warm(keyOn[0], "zero");
        warm(keyOn[1], "one");
        long reconnects = near.meters().reconnects.count();
        ValkeyServer second = SERVERS.get(1);
        second.call("CLIENT", "KILL", "ID", NearCacheServerTest.listenerId(second, near));
        NearCacheServerTest.awaitTrue("node 1's listener was lost", () -> near.meters().reconnects.count() > reconnects);
        second.call("SET", cache.makeKey(keyOn[1]), "one-new");
        awaitValue(keyOn[1], "one-new");
        NearCacheServerTest.awaitTrue("node 1 proves again", () -> serving(1));
        assertHit(keyOn[1], "one-new");
        assertHit(keyOn[0], "zero");
        assertThat(serving(0)).isTrue();
        assertThat(near.meters().reconnects.count()).as("only node 1's listener was lost").isEqualTo(reconnects + 1);
    }

    @Test
    void aNodeThatIsDownBypassesItsKeysWhileTheOtherNodeServes() throws Exception {
        warm(keyOn[0], "zero");
        warm(keyOn[1], "one");
        ValkeyServer second = SERVERS.get(1);
        second.kill();
        NearCacheServerTest.awaitTrue("node 1 stops serving", () -> !serving(1));
        long bypasses = near.meters().bypasses.count();
        assertThatThrownBy(() -> read(keyOn[1])).as("node 1's key goes to its server, which is down")
                .hasCauseInstanceOf(CacheConnectionException.class);
        assertThat(near.meters().bypasses.count()).isGreaterThan(bypasses);
        assertHit(keyOn[0], "zero");
        assertHit(keyOn[0], "zero");
        assertThat(serving(0)).isTrue();
        second.restart();
        // the restarted server has no data: the old value must never be served
        awaitValue(keyOn[1], null);
        NearCacheServerTest.awaitTrue("node 1 proves again", () -> serving(1));
        warm(keyOn[1], "one-again");
    }

    @Test
    void clearDeletePatternAndFlushReachEveryNode() throws Exception {
        for (int node = 0; node < 2; node++) {
            cache.set(keyOn[node], "v" + node);
        }
        for (int round = 0; round < 3; round++) {
            for (int node = 0; node < 2; node++) {
                cache.set(keyOn[node], "v" + node);
                for (int i = 0; i < 3; i++) {
                    assertThat((String) cache.get(keyOn[node])).isEqualTo("v" + node);
                }
            }
            long hits = near.meters().hits.count();
            assertThat(hits).isPositive();
            switch (round) {
                case 0 -> cache.clear();
                case 1 -> cache.deletePattern("k*");
                default -> near.flushDb().get(5, TimeUnit.SECONDS);
            }
            for (int node = 0; node < 2; node++) {
                assertThat((String) cache.get(keyOn[node])).as("round %d, node %d", round, node).isNull();
            }
        }
    }
}
