package org.valkeycache.client.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeySentinel;
import org.valkeycache.testsupport.ValkeyServer;

/** Sentinels reached over TLS, configured apart from the data nodes (plain here). */
class SentinelTlsTest {

    static ValkeyServer primary;
    static ValkeySentinel sentinel;

    @BeforeAll
    static void start() {
        primary = ValkeyServer.start();
        sentinel = ValkeySentinel.builder("tlsmaster", primary).tls().start();
    }

    @AfterAll
    static void stop() {
        if (sentinel != null) {
            sentinel.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    static CacheConfig.Builder config() {
        return CacheConfig.builder().location("valkey://tlsmaster").clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, sentinel.tlsAddress()).connectTimeout(Duration.ofSeconds(1));
    }

    @Test
    void theSentinelIsReachedOverTlsTrustingTheGivenCa() {
        try (BackendCommands cache = ValkeyCache.open(config().option(SentinelValkeyClient.SENTINEL_TLS, "true")
                .option(SentinelValkeyClient.SENTINEL_TLS_CA_FILE, sentinel.caCertificate().toString()).build())) {
            assertThat(cache.set("tls", "yes")).isTrue();
            assertThat(primary.call("GET", ":1:tls")).isNotNull();
        }
    }

    @Test
    void insecureTlsAcceptsTheUnknownCa() {
        try (BackendCommands cache = ValkeyCache.open(config().option(SentinelValkeyClient.SENTINEL_TLS, "true")
                .option(SentinelValkeyClient.SENTINEL_TLS_INSECURE, "true").build())) {
            assertThat(cache.set("tls-insecure", "yes")).isTrue();
        }
    }

    @Test
    void anUntrustedCertificateFailsNamingTheSentinel() {
        assertThatThrownBy(() -> ValkeyCache.open(config().option(SentinelValkeyClient.SENTINEL_TLS, "true").build()))
                .isInstanceOf(CacheConnectionException.class)
                .hasMessageContaining("'tlsmaster'")
                .hasMessageContaining(sentinel.tlsAddress());
    }

    @Test
    void plainTextToTheTlsPortFails() {
        assertThatThrownBy(() -> ValkeyCache.open(config().build()))
                .isInstanceOf(CacheConnectionException.class)
                .hasMessageContaining(sentinel.tlsAddress());
    }
}
