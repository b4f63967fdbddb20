package org.valkeycache.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.client.glide.internal.GlideClients;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyCluster;
import org.valkeycache.testsupport.ValkeyServer;

/** ACL users and TLS on a cluster, as for the default client: every node, every connection. */
class ClusterSecurityTest {

    private static CacheConfig.Builder config(List<String> seeds) {
        CacheConfig.Builder b = CacheConfig.builder().clientClass("cluster").keyPrefix("sec");
        seeds.forEach(b::location);
        return b;
    }

    @Test
    void anAclUserReachesEveryPrimaryAndAWrongPasswordIsNamedWithoutItsValue() {
        try (ValkeyCluster cluster = ValkeyCluster.builder().aclUser("app", "acl-secret").start()) {
            try (BackendCommands cache = ValkeyCache.open(config(cluster.urls()).build())) {
                for (int i = 0; i < 60; i++) {
                    assertThat(cache.set("k" + i, i)).isTrue();
                }
                assertThat(cluster.primaries()).allMatch(p -> p.dbSize() > 0);
                assertThat((Object) cache.get("k7")).isEqualTo(7L);
            }
            List<String> wrong = cluster.nodes().stream()
                    .map(n -> "valkey://app:not-the-secret@127.0.0.1:" + n.port()).toList();
            assertThatThrownBy(() -> {
                try (BackendCommands cache = ValkeyCache.open(config(wrong).build())) {
                    cache.get("k1");
                }
            }).isInstanceOf(CacheAuthenticationException.class)
                    .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("not-the-secret"));
        }
    }

    @Test
    void tlsSeedsGiveATlsConnectionToEveryNode() {
        try (ValkeyCluster cluster = ValkeyCluster.builder().requirePass("tls-secret").tls().start()) {
            CacheConfig config = config(cluster.tlsUrls())
                    .option(GlideClients.TLS_CA_FILE, cluster.caCertificate().toString()).build();
            try (BackendCommands cache = ValkeyCache.open(config)) {
                for (int i = 0; i < 60; i++) {
                    assertThat(cache.set("k" + i, i)).isTrue();
                }
                assertThat(cache.getMany(List.of("k1", "k2", "k3"))).hasSize(3);
                assertThat(cluster.primaries()).allMatch(p -> p.dbSize() > 0);
                for (ValkeyServer primary : cluster.primaries()) {
                    String clients = String.valueOf(primary.call("CLIENT", "LIST"));
                    assertThat(clients).as("%s is reached on its TLS port", primary)
                            .contains("laddr=127.0.0.1:" + primary.tlsPort());
                }
            }
        }
    }
}
