package org.valkeycache.it;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.BackendCommands;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.metrics.Meter;
import org.valkeycache.testsupport.ValkeyNode;
import org.valkeycache.testsupport.contract.ServerTopology;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/**
 * Every behaviour contract on the {@code default} client with the near cache on: what a cache
 * answers does not change when reads are served from memory ({@link NearCacheShardCompatibilityTest}
 * runs them on a near-cached shard ring). The contracts write through the
 * fixture's own connections too and call {@link Topology#settle()} before reading what they
 * wrote; here settling waits until each of the test's near caches has proven a heartbeat sent
 * after the settle began (on a ring, every node has; every write acknowledged before it is then
 * invalidated there: the proof the near cache serves its hits under), and at most the staleness bound
 * ({@value #STALENESS_MILLIS} ms), after which any hit rests on such a proof anyway.
 */
class NearCacheCompatibilityTest extends ValkeyCacheCompatibilityKit {

    static final long STALENESS_MILLIS = 60;

    @RegisterExtension
    static final NearCacheServers<ServerTopology> SERVERS = new NearCacheServers<>(ServerTopology.single());

    @Override
    protected Topology topology() {
        return SERVERS;
    }

    /**
     * A topology whose caches have {@code options.near_cache.enabled=true}; everything else is the
     * wrapped topology's.
     */
    static final class NearCacheServers<T extends Topology & BeforeAllCallback & AfterAllCallback>
            implements Topology, BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
        private final T servers;
        /** The caches the running test opened (a test's caches are closed when it ends). */
        private final Set<BackendCommands> caches = ConcurrentHashMap.newKeySet();

        NearCacheServers(T servers) {
            this.servers = servers;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            servers.beforeAll(context);
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
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
        public ValkeyNode nodeOf(String rawKey) {
            return servers.nodeOf(rawKey);
        }

        @Override
        public long atomicGroupsOf(List<String> rawKeys) {
            return servers.atomicGroupsOf(rawKeys);
        }

        @Override
        public void makeUnreachable() {
            servers.makeUnreachable();
        }

        @Override
        public void makeReachable() {
            servers.makeReachable();
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            caches.clear();
        }

        @Override
        public void opened(BackendCommands cache) {
            caches.add(cache);
        }

        @Override
        public void settle() {
            servers.settle();
            long start = System.nanoTime();
            long bound = start + TimeUnit.MILLISECONDS.toNanos(STALENESS_MILLIS + 1);
            while (!provenSince(start) && System.nanoTime() < bound) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * @return whether every cache of the test has proven a heartbeat sent after {@code start}
         *     (its {@code cache.near.proof_age} is younger than the time since then); a cache
         *     closed meanwhile never does, and the settle waits out the bound
         */
        private boolean provenSince(long start) {
            double sinceStartMillis = (System.nanoTime() - start) / 1e6; // read before the ages: errs long
            for (BackendCommands cache : caches) {
                double age = cache.metrics().meters().stream()
                        .filter(m -> m instanceof Meter.Gauge && m.id().name().equals("cache.near.proof_age"))
                        .mapToDouble(m -> ((Meter.Gauge) m).value()).findFirst().orElse(-1);
                if (age < 0 || age >= sinceStartMillis) {
                    return false;
                }
            }
            return true;
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
