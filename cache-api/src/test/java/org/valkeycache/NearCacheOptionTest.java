package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.valkeycache.config.CacheConfig;

/**
 * {@code options.near_cache.enabled} as cache-api sees it, without the near-cache module on the
 * class path: off (or absent), the cache uses the client it was given, unchanged; on, opening
 * fails naming the missing module and closes the client.
 */
class NearCacheOptionTest {

    static CacheConfig.Builder config() {
        return CacheConfig.builder().location("valkey://127.0.0.1:1").keyPrefix("p");
    }

    @Test
    void withoutTheOptionTheClientIsUsedAsItIs() {
        RecordingClient client = new RecordingClient();
        try (ValkeyCache cache = ValkeyCache.open(config().build(), client)) {
            assertThat(cache.client()).isSameAs(client);
        }
    }

    @Test
    void switchedOffTheClientIsUsedAsItIs() {
        RecordingClient client = new RecordingClient();
        try (ValkeyCache cache = ValkeyCache.open(config().option("near_cache.enabled", "false").build(), client)) {
            assertThat(cache.client()).isSameAs(client);
        }
    }

    @Test
    void switchedOnWithoutTheModuleFailsNamingIt() {
        RecordingClient client = new RecordingClient();
        CacheConfig config = config().option("near_cache.enabled", "true").build();
        assertThatThrownBy(() -> ValkeyCache.open(config, client)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("options.near_cache.enabled=true needs the module near-cache")
                .hasMessageContaining("org.valkeycache.nearcache.NearCacheValkeyClient");
    }

    @Test
    void itsOtherOptionsWithoutTheModuleAreUnknown() {
        CacheConfig config = config().option("near_cache.max_staleness", "1s").build();
        assertThatThrownBy(() -> ValkeyCache.open(config, new RecordingClient()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("unknown option 'options.near_cache.max_staleness'");
    }
}
