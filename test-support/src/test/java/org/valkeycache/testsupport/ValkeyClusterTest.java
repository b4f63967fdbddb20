package org.valkeycache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cluster fixture forms a real cluster, knows where keys live, and leaves nothing behind. */
class ValkeyClusterTest {

    @Test
    void formsAHealthyClusterOfThreePrimariesWithAReplicaEachAndRemovesItAfterwards() {
        List<Path> dirs;
        try (ValkeyCluster cluster = ValkeyCluster.builder().requirePass("cluster-pw").start()) {
            assertThat(cluster.nodes()).hasSize(6);
            assertThat(cluster.primaries()).hasSize(3);
            assertThat(cluster.replicas()).hasSize(3);
            for (ValkeyServer node : cluster.nodes()) {
                assertThat(String.valueOf(node.call("CLUSTER", "INFO"))).contains("cluster_state:ok");
                assertThat(node.port() + 10_000).isLessThan(65_536);
            }
            Set<ValkeyServer> followed = new HashSet<>();
            for (ValkeyServer replica : cluster.replicas()) {
                followed.add(cluster.primaryOf(replica));
            }
            assertThat(followed).containsExactlyInAnyOrderElementsOf(cluster.primaries());

            // keys land where the fixture says they live
            Set<ValkeyServer> holders = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                String key = "key-" + i;
                ValkeyServer owner = cluster.nodeOf(key);
                assertThat(owner.call("SET", key, "v" + i)).isEqualTo("OK");
                holders.add(owner);
            }
            assertThat(holders).hasSize(3);
            cluster.settle();
            assertThat(cluster.urls()).hasSize(6).allMatch(u -> u.startsWith("valkey://:cluster-pw@127.0.0.1:"));
            dirs = cluster.nodes().stream().map(ValkeyServer::dir).toList();
        }
        assertThat(dirs).noneMatch(Files::exists);
    }
}
