package org.valkeycache.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;

/** The JUnit 5 extension: one container per class, injected, shared by nested classes. */
class ValkeyContainerExtensionTest {

    @RegisterExtension
    static final ValkeyContainerExtension<ValkeyContainer> VALKEY =
            ValkeyContainerExtension.of(() -> new ValkeyContainer(TestImage.name()).withPassword("s3cret"));

    @Test
    void injectsTheRunningContainer(ValkeyContainer valkey) {
        assertThat(valkey).isSameAs(VALKEY.get());
        assertThat(valkey.isRunning()).isTrue();
        try (BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(valkey.url()).keyPrefix("ext").build())) {
            cache.set("k", "v");
            assertThat(valkey.call("GET", "ext:1:k")).isNotNull();
        }
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheOuterContainer(ValkeyContainer valkey) {
            assertThat(valkey).isSameAs(VALKEY.get());
            assertThat(valkey.call("PING")).isEqualTo("PONG");
        }
    }
}
