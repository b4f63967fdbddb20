package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.client.herd.HerdValkeyClient;
import org.valkeycache.it.NearCacheCompatibilityTest.NearCacheServers;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/**
 * Every behaviour contract on the {@code shard} client over a ring of three servers with the near
 * cache on: one listener and one heartbeat per node, and settling waits until every node of every
 * cache has proven a heartbeat (see {@link NearCacheCompatibilityTest}).
 */
class NearCacheShardCompatibilityTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final NearCacheServers<ShardServers> SERVERS = new NearCacheServers<>(new ShardServers(3));

    @Override
    protected Topology topology() {
        return SERVERS;
    }

    @Test
    void herdOverTheRingIsStillRefused() {
        assertThatThrownBy(() -> ValkeyCache.open(SERVERS.config().keyPrefix("herd").clientClass("herd")
                .option(HerdValkeyClient.DELEGATE_OPTION, "shard").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("herd is not supported")
                .hasMessageContaining("clientClass default, sentinel or shard");
    }
}
