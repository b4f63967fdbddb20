package org.valkeycache.client.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.SentinelTopology;
import org.valkeycache.testsupport.ValkeyProcess;
import org.valkeycache.testsupport.ValkeyServer;

/** The sentinel client on a real topology without failures: discovery, routing, replicas, scans, a graceful failover. */
class SentinelValkeyClientTest {

    static SentinelTopology topology;

    @BeforeAll
    static void start() {
        // No test here kills a server, and SENTINEL FAILOVER does not wait for down-after: 5 s
        // keeps a loaded machine from failing over when nothing failed
        topology = SentinelTopology.builder().downAfter(Duration.ofSeconds(5)).start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    static CacheConfig.Builder config() {
        return config("valkey://" + topology.service());
    }

    static CacheConfig.Builder config(String location) {
        return CacheConfig.builder().location(location).clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, topology.sentinelAddresses()).keyPrefix("st");
    }

    private static long keyspaceHits(ValkeyServer server) {
        for (String line : String.valueOf(server.call("INFO", "stats")).split("\r?\n")) {
            if (line.startsWith("keyspace_hits:")) {
                return Long.parseLong(line.substring("keyspace_hits:".length()).trim());
            }
        }
        throw new AssertionError("no keyspace_hits");
    }

    @Test
    void findsThePrimaryThroughTheSentinelsAndWritesThere() {
        ValkeyServer primary = topology.primary();
        try (BackendCommands cache = ValkeyCache.open(config().build())) {
            assertThat(cache.set("k", "v")).isTrue();
            assertThat((Object) cache.get("k")).isEqualTo("v");
            assertThat(primary.call("EXISTS", "st:1:k")).isEqualTo(1L);
            assertThat(cache.toString()).contains("127.0.0.1:" + primary.port());
        }
    }

    @Test
    void readsGoToTheReplicaWhenAskedAndToThePrimaryOtherwise() {
        ValkeyServer primary = topology.primary();
        ValkeyServer replica = topology.replica();
        try (BackendCommands primaryOnly = ValkeyCache.open(config().build());
                BackendCommands withReplicas = ValkeyCache.open(config()
                        .option(SentinelValkeyClient.READ_FROM_REPLICAS, "true").build())) {
            withReplicas.set("r", "v", Duration.ofMinutes(1));
            primary.call("WAIT", "1", "5000");
            long replicaHits = keyspaceHits(replica);
            for (int i = 0; i < 10; i++) {
                assertThat((Object) withReplicas.get("r")).isEqualTo("v");
            }
            assertThat(keyspaceHits(replica) - replicaHits).isGreaterThanOrEqualTo(10);
            long primaryHits = keyspaceHits(primary);
            replicaHits = keyspaceHits(replica);
            for (int i = 0; i < 10; i++) {
                assertThat((Object) primaryOnly.get("r")).isEqualTo("v");
            }
            assertThat(keyspaceHits(primary) - primaryHits).isGreaterThanOrEqualTo(10);
            assertThat(keyspaceHits(replica)).isEqualTo(replicaHits);
        }
    }

    @Test
    void aDeadSentinelInTheListIsSkipped() {
        int dead = ValkeyProcess.freePort();
        try (BackendCommands cache = ValkeyCache.open(config()
                .option(SentinelValkeyClient.SENTINELS, "127.0.0.1:" + dead + "," + topology.sentinelAddresses()).build())) {
            assertThat(cache.set("skip", 1)).isTrue();
            assertThat((Object) cache.get("skip")).isEqualTo(1L);
        }
    }

    @Test
    void allSentinelsDownAtOpenNamesTheServiceAndEveryAddressTried() {
        int a = ValkeyProcess.freePort();
        int b = ValkeyProcess.freePort();
        assertThatThrownBy(() -> ValkeyCache.open(config()
                .option(SentinelValkeyClient.SENTINELS, "127.0.0.1:" + a + ",127.0.0.1:" + b).build()))
                .isInstanceOf(CacheConnectionException.class)
                .hasMessageContaining("'" + topology.service() + "'")
                .hasMessageContaining("127.0.0.1:" + a)
                .hasMessageContaining("127.0.0.1:" + b);
    }

    @Test
    void aServiceTheSentinelsDoNotMonitorIsAConnectionErrorNamingIt() {
        assertThatThrownBy(() -> ValkeyCache.open(config("valkey://no-such-service").build()))
                .isInstanceOf(CacheConnectionException.class)
                .hasMessageContaining("'no-such-service'")
                .hasMessageContaining("does not monitor");
    }

    @Test
    void scanCursorsCarryTheGenerationAndIterKeysWorks() {
        try (BackendCommands cache = ValkeyCache.open(config().keyPrefix("scan").build())) {
            for (int i = 0; i < 30; i++) {
                cache.set("s" + i, i);
            }
            try (Stream<String> keys = cache.iterKeys("s*", 7)) {
                assertThat(keys.collect(Collectors.toSet())).hasSize(30);
            }
        }
    }

    @Test
    void aGracefulFailoverIsFollowedByTheSameCacheObject() {
        try (BackendCommands cache = ValkeyCache.open(config().keyPrefix("graceful").build())) {
            ValkeyServer before = topology.primary();
            cache.set("before", "x");
            before.call("WAIT", "1", "5000");
            topology.sentinels().get(0).call("SENTINEL", "FAILOVER", topology.service());
            ValkeyServer after = topology.awaitNewPrimary(before, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!cache.toString().contains("primary=127.0.0.1:" + after.port()) && System.nanoTime() < deadline) {
                sleep(20);
            }
            assertThat(cache.toString()).contains("primary=127.0.0.1:" + after.port());
            assertThat(cache.set("after", "y")).isTrue();
            assertThat(after.call("EXISTS", "graceful:1:after")).isEqualTo(1L);
            assertThat((Object) cache.get("before")).isEqualTo("x");
            topology.awaitReplicaOf(before, after, Duration.ofSeconds(60));
        }
    }

    @Test
    void describeShowsServicePrimaryAndSentinelsButNoPassword() {
        try (BackendCommands cache = ValkeyCache.open(config("valkey://:pw-not-needed@" + topology.service())
                .option(SentinelValkeyClient.READ_FROM_REPLICAS, "false").build())) {
            assertThat(cache.toString()).contains(topology.service()).doesNotContain("pw-not-needed");
        } catch (CacheConnectionException e) {
            // the servers have no password; AUTH with one is refused, and the message must not echo it
            assertThat(e.getMessage()).doesNotContain("pw-not-needed");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> lines(Object info) {
        return List.of(String.valueOf(info).split("\r?\n"));
    }
}
