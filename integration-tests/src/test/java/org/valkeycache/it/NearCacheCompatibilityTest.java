package org.valkeycache.it;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyNode;
import org.valkeycache.testsupport.contract.ServerTopology;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/**
 * Every behaviour contract on the {@code default} client with the near cache on: what a cache
 * answers does not change when reads are served from memory. The contracts write through the
 * fixture's own connections too and call {@link Topology#settle()} before reading what they
 * wrote; here settling waits out the staleness bound ({@value #STALENESS_MILLIS} ms), which is
 * exactly what the near cache guarantees.
 */
class NearCacheCompatibilityTest extends ValkeyCacheCompatibilityKit {

    static final long STALENESS_MILLIS = 60;

    @RegisterExtension
    static final NearCacheServers SERVERS = new NearCacheServers(ServerTopology.single());

    @Override
    protected Topology topology() {
        return SERVERS;
    }

    /** A server topology whose caches have {@code options.near_cache.enabled=true}. */
    static final class NearCacheServers implements Topology, BeforeAllCallback, AfterAllCallback {
        private final ServerTopology servers;

        NearCacheServers(ServerTopology servers) {
            this.servers = servers;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            servers.beforeAll(context);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            servers.afterAll(context);
        }

        @Override
        public CacheConfig.Builder config() {
            return servers.config().option("near_cache.enabled", "true")
                    .option("near_cache.max_staleness", STALENESS_MILLIS + "ms");
        }

        @Override
        public List<? extends ValkeyNode> primaries() {
            return servers.primaries();
        }

        @Override
        public List<? extends ValkeyNode> replicas() {
            return servers.replicas();
        }

        @Override
        public void settle() {
            servers.settle();
            try {
                Thread.sleep(STALENESS_MILLIS + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String password() {
            return servers.password();
        }

        @Override
        public String toString() {
            return servers + " with the near cache";
        }
    }
}
