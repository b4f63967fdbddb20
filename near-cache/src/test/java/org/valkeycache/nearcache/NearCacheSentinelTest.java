package org.valkeycache.nearcache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.SentinelTopology;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The near cache on the {@code sentinel} strategy: the listener sits on the primary the client
 * follows, and after a failover it is rebuilt on the new one; meanwhile reads bypass.
 */
class NearCacheSentinelTest {

    @Test
    void theListenerFollowsTheFailover() throws Exception {
        try (SentinelTopology topology = SentinelTopology.start();
                ValkeyCache cache = ValkeyCache.open(CacheConfig.builder().location("valkey://" + topology.service())
                        .clientClass("sentinel").option("sentinels", topology.sentinelAddresses())
                        .option("near_cache.enabled", "true").option("near_cache.max_staleness", "500ms")
                        .keyPrefix("ns").requestTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1))
                        .build())) {
            NearCacheValkeyClient near = (NearCacheValkeyClient) cache.client();
            ValkeyServer first = topology.primary();
            NearCacheServerTest.awaitTrue("the listener is on the primary", () -> on(near, first));
            byte[] key = cache.makeKey("a").getBytes(UTF_8);
            near.set(key, "1".getBytes(UTF_8), SetCondition.ALWAYS, 600_000).get(5, TimeUnit.SECONDS);
            NearCacheServerTest.awaitTrue("a hit", () -> read(near, key, "1") && near.meters().hits.count() > 0);

            first.kill();
            ValkeyServer second = topology.awaitNewPrimary(first, Duration.ofSeconds(60));
            NearCacheServerTest.awaitTrue("the listener moved to the new primary", () -> on(near, second));
            second.call("SET", cache.makeKey("a"), "2");
            NearCacheServerTest.awaitTrue("the new primary's write is read", () -> read(near, key, "2"));
            long hits = near.meters().hits.count();
            NearCacheServerTest.awaitTrue("hits again", () -> read(near, key, "2") && near.meters().hits.count() > hits);
            assertThat(near.meters().reconnects.count()).isPositive();
        }
    }

    static boolean on(NearCacheValkeyClient near, ValkeyServer server) {
        ValkeyLocation at = near.listener().node();
        return at != null && at.port() == server.port() && near.proof().fresh();
    }

    static boolean read(NearCacheValkeyClient near, byte[] key, String expected) {
        try {
            byte[] v = near.get(key).get(5, TimeUnit.SECONDS);
            return v != null && expected.equals(new String(v, UTF_8));
        } catch (Exception e) {
            return false;
        }
    }
}
