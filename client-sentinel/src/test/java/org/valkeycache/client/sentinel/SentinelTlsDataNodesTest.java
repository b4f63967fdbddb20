package org.valkeycache.client.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.testsupport.SentinelTopology;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * Sentinel discovery followed by TLS to the data nodes: the sentinels monitor the nodes' TLS
 * ports, so the primary and replica they name are TLS addresses, reached with {@code valkeys://}
 * and {@code tls.ca_file}, before and after a failover.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelTlsDataNodesTest {

    static SentinelTopology topology;

    @BeforeAll
    static void start() {
        topology = SentinelTopology.builder().tlsDataNodes().sentinels(2, 1).start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    static CacheConfig.Builder config() {
        return CacheConfig.builder().location("valkeys://" + topology.service()).clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, topology.sentinelAddresses())
                .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2));
    }

    static CacheConfig.Builder trusting() {
        return config().option("tls.ca_file", topology.servers().get(0).caCertificate().toString());
    }

    static long gets(ValkeyServer server) {
        for (String line : String.valueOf(server.call("INFO", "commandstats")).split("\r?\n")) {
            if (line.startsWith("cmdstat_get:calls=")) {
                return Long.parseLong(line.substring("cmdstat_get:calls=".length(), line.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void theNamedPrimaryAndReplicaAreReachedOverTls() {
        try (ValkeyCache cache = ValkeyCache.open(trusting().option(SentinelValkeyClient.READ_FROM_REPLICAS, "true")
                .build())) {
            ValkeyServer primary = topology.primary();
            ValkeyServer replica = topology.replica();
            ValkeyLocation followed = cache.client().primaryLocation();
            assertThat(followed.tls()).isTrue();
            assertThat(followed.port()).isEqualTo(primary.tlsPort());

            assertThat(cache.set("n", 42)).isTrue();
            assertThat(primary.call("GET", ":1:n")).isEqualTo("42");
            replica.awaitReplicaCaughtUp(Duration.ofSeconds(10));
            long before = gets(replica);
            assertThat((Object) cache.get("n")).isEqualTo(42L);
            assertThat(gets(replica)).as("the read went to the replica, over TLS").isGreaterThan(before);
        }
    }

    @Test
    void withoutTheCaTheNamedNodeIsReportedAsNotTrusted() {
        try (ValkeyCache cache = ValkeyCache.open(config().build())) {
            assertThatThrownBy(() -> cache.set("k", "v")).isInstanceOf(CacheConnectionException.class)
                    .hasMessageContaining(topology.address(topology.primary()))
                    .hasMessageContaining("TLS handshake failed: the server's certificate is not trusted");
        }
    }

    /** Last: it leaves the topology with its primary only (the killed node stays down). */
    @Test
    @Order(Integer.MAX_VALUE)
    void aFailoverIsFollowedToTheNewPrimaryOverTls() throws InterruptedException {
        try (ValkeyCache cache = ValkeyCache.open(trusting().build())) {
            assertThat(cache.set("before", 1)).isTrue();
            ValkeyServer old = topology.primary();
            old.kill();
            ValkeyServer promoted = topology.awaitNewPrimary(old, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean written = false;
            while (!written && System.nanoTime() < deadline) {
                try {
                    written = cache.set("after", 2);
                } catch (CacheConnectionException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(written).as("a write reaches the promoted node").isTrue();
            assertThat(promoted.call("GET", ":1:after")).isEqualTo("2");
            ValkeyLocation followed = cache.client().primaryLocation();
            assertThat(followed.tls()).isTrue();
            assertThat(followed.port()).isEqualTo(promoted.tlsPort());

        }
    }
}
