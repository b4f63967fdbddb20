package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glide.api.GlideClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheUnsupportedOperationException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/** Every behaviour contract on the {@code shard} client over a ring of three servers. */
class ShardClientTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final ShardServers SERVERS = new ShardServers(3);

    @Override
    protected Topology topology() {
        return SERVERS;
    }

    @Test
    void getValkeyConnectionRefusesBecauseARingHasNoSingleConnection() {
        try (BackendCommands cache = ValkeyCache.open(SERVERS.config().keyPrefix("test").build())) {
            assertThatThrownBy(cache::getValkeyConnection).isInstanceOf(CacheUnsupportedOperationException.class)
                    .hasMessageContaining("a ring has no single connection");
            assertThatThrownBy(() -> cache.getValkeyConnection(GlideClient.class, false))
                    .isInstanceOf(CacheUnsupportedOperationException.class);
        }
    }
}
