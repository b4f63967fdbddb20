package org.valkeycache.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.Resp;

/** The cluster topology comes up healthy and hands out what the {@code cluster} client needs. */
class ClusterContainersTest {

    @RegisterExtension
    static final ValkeyContainerExtension<ClusterContainers> CLUSTER =
            ValkeyContainerExtension.of(() -> new ClusterContainers(TestImage.name()).withPassword("s3cret"));

    @Test
    void threePrimariesServeEverySlotAndEachHasAReplica(ClusterContainers cluster) throws Exception {
        assertThat(cluster.nodes()).hasSize(6);
        assertThat(cluster.primaries()).hasSize(3);
        assertThat(cluster.replicas()).hasSize(3);
        for (ValkeyContainer node : cluster.nodes()) {
            assertThat(String.valueOf(node.call("CLUSTER", "INFO")))
                    .contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:6");
        }
        // a key written through its slot's primary reaches that primary's replica
        ValkeyContainer primary = cluster.primaries().get(0);
        String key = keyServedBy(primary);
        primary.call("SET", key, "v");
        ValkeyContainer replica = cluster.replicas().stream()
                .filter(r -> String.valueOf(r.call("INFO", "replication")).contains("master_port:" + primary.port()))
                .findFirst().orElseThrow();
        replica.awaitCaughtUpWith(primary, Duration.ofSeconds(5));
        try (Resp connection = replica.open(2000)) {
            connection.call("READONLY");
            assertThat(connection.call("GET", key)).isEqualTo("v");
        }
    }

    @Test
    void theConfigurationListsEveryNodeAsASeed(ClusterContainers cluster) {
        CacheConfig config = cluster.config().build();
        assertThat(config.clientClass()).isEqualTo("cluster");
        assertThat(cluster.locations()).hasSize(6).allMatch(u -> u.matches("valkey://:s3cret@127\\.0\\.0\\.1:\\d+"));
        assertThat(config.locations()).hasSize(6);
    }

    /** A key whose slot {@code primary} serves ({@code CLUSTER KEYSLOT} against its slot ranges). */
    private static String keyServedBy(ValkeyContainer primary) {
        String myId = String.valueOf(primary.call("CLUSTER", "MYID"));
        for (int i = 0; i < 10_000; i++) {
            String key = "k" + i;
            long slot = (Long) primary.call("CLUSTER", "KEYSLOT", key);
            for (Object range : (List<?>) primary.call("CLUSTER", "SLOTS")) {
                List<?> r = (List<?>) range;
                List<?> owner = (List<?>) r.get(2);
                if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1) && myId.equals(owner.get(2))) {
                    return key;
                }
            }
        }
        throw new AssertionError("no key found for " + primary);
    }

    @Test
    void theClusterClientSpreadsKeysOverThePrimaries(ClusterContainers cluster) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            values.put("k" + i, "v" + i);
        }
        try (ValkeyCache cache = ValkeyCache.open(cluster.config().keyPrefix("smoke").build())) {
            assertThat(cache.setMany(values)).isEmpty();
            assertThat(cache.getMany(values.keySet())).isEqualTo(values);
        }
        for (ValkeyContainer primary : cluster.primaries()) {
            assertThat(((Number) primary.call("DBSIZE")).longValue()).as("keys on %s", primary.port()).isPositive();
        }
    }
}
