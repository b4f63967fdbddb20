package org.valkeycache.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;

/**
 * The README's "Testing your application" example as written there (Testcontainers' own
 * {@code @Testcontainers}/{@code @Container} on our container), but on the test image.
 */
@Testcontainers
class ReadmeExampleTest {

    @Container
    static final ValkeyContainer VALKEY = new ValkeyContainer(TestImage.name()).withPassword("s3cret");

    @Test
    void cachesTheGreeting() {
        CacheConfig config = CacheConfig.builder().location(VALKEY.url()).keyPrefix("test").build();
        try (BackendCommands cache = ValkeyCache.open(config)) {
            cache.set("greeting", "hello");
            assertThat(cache.get("greeting", String.class)).isEqualTo("hello");
        }
    }
}
