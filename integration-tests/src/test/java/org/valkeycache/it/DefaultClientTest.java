package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glide.api.GlideClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.testsupport.contract.ServerTopology;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/** Every behaviour contract on the {@code default} client with one server, and its glide connection. */
class DefaultClientTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final ServerTopology SERVERS = ServerTopology.single();

    @Override
    protected Topology topology() {
        return SERVERS;
    }

    @Test
    void getValkeyConnectionGivesTheGlideClient() throws Exception {
        try (BackendCommands cache = ValkeyCache.open(SERVERS.config().keyPrefix("test").build())) {
            Object raw = cache.getValkeyConnection();
            assertThat(raw).isInstanceOf(GlideClient.class);
            GlideClient client = cache.getValkeyConnection(GlideClient.class, true);
            assertThat(client.set("raw-key", "raw-value").get()).isEqualTo("OK");
            assertThat(SERVERS.nodeOf("raw-key").call("GET", "raw-key")).isEqualTo("raw-value");
            assertThat(cache.getValkeyConnection(false)).isInstanceOf(GlideClient.class);
            assertThatThrownBy(() -> cache.getValkeyConnection(String.class, true)).isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("GlideClient");
        }
    }
}
