package org.valkeycache.client.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.SentinelTopology;

/** Sentinels and data nodes with passwords of their own: each comes from its own setting, and none leaks into messages. */
class SentinelAuthTest {

    static final String DATA_SECRET = "data-secret-1";
    static final String SENTINEL_SECRET = "sentinel-secret-2";
    static SentinelTopology topology;

    @BeforeAll
    static void start() {
        topology = SentinelTopology.builder().serverPassword(DATA_SECRET).sentinelPassword(SENTINEL_SECRET).start();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    static CacheConfig.Builder config(String dataPassword, String sentinelPassword) {
        CacheConfig.Builder b = CacheConfig.builder()
                .location("valkey://" + (dataPassword == null ? "" : ":" + dataPassword + "@") + topology.service())
                .clientClass("sentinel").option(SentinelValkeyClient.SENTINELS, topology.sentinelAddresses());
        if (sentinelPassword != null) {
            b.option(SentinelValkeyClient.SENTINEL_PASSWORD, sentinelPassword);
        }
        return b;
    }

    @Test
    void dataNodeCredentialsComeFromTheLocationAndSentinelCredentialsFromTheOptions() {
        try (BackendCommands cache = ValkeyCache.open(config(DATA_SECRET, SENTINEL_SECRET).build())) {
            assertThat(cache.set("auth", "ok")).isTrue();
            assertThat((Object) cache.get("auth")).isEqualTo("ok");
            assertThat(cache.toString()).doesNotContain(DATA_SECRET).doesNotContain(SENTINEL_SECRET);
        }
    }

    @Test
    void aWrongSentinelPasswordIsAnAuthenticationErrorNamingTheServiceAndSentinelsButNotThePassword() {
        assertThatThrownBy(() -> ValkeyCache.open(config(DATA_SECRET, "not-the-sentinel-password").build()))
                .isInstanceOf(CacheAuthenticationException.class)
                .hasMessageContaining("'" + topology.service() + "'")
                .hasMessageContaining(topology.sentinels().get(0).address())
                .hasMessageNotContaining("not-the-sentinel-password").hasMessageNotContaining(SENTINEL_SECRET);
    }

    @Test
    void aMissingSentinelPasswordIsAnAuthenticationError() {
        assertThatThrownBy(() -> ValkeyCache.open(config(DATA_SECRET, null).build()))
                .isInstanceOf(CacheAuthenticationException.class)
                .hasMessageContaining("'" + topology.service() + "'");
    }

    @Test
    void aWrongDataNodePasswordFailsTheRoleCheckAsAnAuthenticationErrorWithoutEchoingIt() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ValkeyCache.open(config("not-the-data-password", SENTINEL_SECRET).build()))
                .isInstanceOf(CacheAuthenticationException.class)
                .hasMessageContaining("'" + topology.service() + "'")
                .hasMessageContaining("ROLE")
                .hasMessageNotContaining("not-the-data-password").hasMessageNotContaining(DATA_SECRET);
        // a setting to fix is not retried like a failover in progress
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    }
}
