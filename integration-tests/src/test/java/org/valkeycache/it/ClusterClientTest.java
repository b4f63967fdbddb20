package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glide.api.GlideClusterClient;
import glide.api.models.ClusterValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.testsupport.contract.ClusterTopology;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/** Every behaviour contract on the {@code cluster} client over 3 primaries with a replica each. */
class ClusterClientTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final ClusterTopology CLUSTER = ClusterTopology.threeByOne();

    @Override
    protected Topology topology() {
        return CLUSTER;
    }

    @Test
    void getValkeyConnectionGivesTheGlideClusterClient() throws Exception {
        try (BackendCommands cache = ValkeyCache.open(CLUSTER.config().keyPrefix("test").build())) {
            assertThat(cache.getValkeyConnection()).isInstanceOf(GlideClusterClient.class);
            GlideClusterClient client = cache.getValkeyConnection(GlideClusterClient.class, true);
            assertThat(client.set("raw-key", "raw-value").get()).isEqualTo("OK");
            assertThat(CLUSTER.nodeOf("raw-key").call("GET", "raw-key")).isEqualTo("raw-value");
            ClusterValue<Object> pong = client.customCommand(new String[] {"PING"}).get();
            assertThat(pong.getSingleValue()).isEqualTo("PONG");
            assertThat(cache.getValkeyConnection(false)).isSameAs(client);
        }
    }

    @Test
    void theNearCacheIsRefusedOnACluster() {
        assertThatThrownBy(() -> ValkeyCache.open(CLUSTER.config().keyPrefix("near")
                .option("near_cache.enabled", "true").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("options.near_cache.enabled=true needs a topology with one primary")
                .hasMessageContaining("clientClass default, sentinel or shard")
                .hasMessageContaining("cluster is not supported");
    }
}
