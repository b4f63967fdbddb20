package org.valkeycache.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.valkeycache.Caches;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.micrometer.ValkeyCacheMeterBinder;
import org.valkeycache.spring.SpringCacheSettings;
import org.valkeycache.spring.ValkeyCacheErrorHandler;
import org.valkeycache.spring.ValkeyCacheManager;
import org.valkeycache.spring.ValkeySpringCache;
import org.valkeycache.testsupport.ValkeyServerExtension;

/** {@link ValkeyCacheAutoConfiguration} with Boot's cache auto-configuration next to it, on a real server. */
class ValkeyCacheAutoConfigurationTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private ApplicationContextRunner runner;

    @BeforeEach
    void runner() {
        VALKEY.server().flushAll();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValkeyCacheAutoConfiguration.class, CacheAutoConfiguration.class))
                .withUserConfiguration(CachingOn.class)
                .withPropertyValues("valkey-cache.defaults.location=" + VALKEY.server().url());
    }

    @Configuration
    @EnableCaching
    static class CachingOn {
    }

    @Test
    void isRegisteredAsAnAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(ValkeyCacheAutoConfiguration.class.getName());
    }

    @Test
    void configuredCachesBecomeTheCacheManagerInsteadOfBootsOwn() {
        runner.withPropertyValues("valkey-cache.caches.books.key-prefix=books", "valkey-cache.caches.books.ttl=10m",
                "valkey-cache.caches.authors.key-prefix=authors").run(context -> {
                    assertThat(context).hasSingleBean(Caches.class).hasSingleBean(CacheManager.class);
                    ValkeyCacheManager manager = context.getBean(ValkeyCacheManager.class);
                    assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("books", "authors");
                    manager.getCache("books").put("k", "v");
                    assertThat((Long) VALKEY.server().call("PTTL", "books:1:k")).isBetween(590_000L, 600_000L);
                    manager.getCache("authors").put("k", "v");
                    assertThat((Long) VALKEY.server().call("PTTL", "authors:1:k")).isBetween(290_000L, 300_000L);
                });
    }

    @Test
    void everySettingOfThePropertiesFileAndTheSpringOnesBind() {
        runner.withPropertyValues("valkey-cache.defaults.timeout=0", "valkey-cache.defaults.request-timeout=3s",
                "valkey-cache.defaults.time-to-idle=1m",
                "valkey-cache.caches.books.key-prefix=shop", "valkey-cache.caches.books.version=3",
                "valkey-cache.caches.books.scan-itersize=100", "valkey-cache.caches.books.serializer=java",
                "valkey-cache.caches.books.options[serializer.allowlist]=com.example.**",
                "valkey-cache.caches.books.options[dispatch.max_batch]=20",
                "valkey-cache.caches.books.ttl=0", "valkey-cache.caches.books.ttl-jitter=5s",
                "valkey-cache.caches.books.allow-null-values=false", "valkey-cache.caches.books.evict-undecodable=false",
                "valkey-cache.caches.books.lease-timeout=30s", "valkey-cache.caches.books.lease-wait=2s",
                "valkey-cache.caches.idle.key-prefix=idle").run(context -> {
                    CacheConfig config = context.getBean(Caches.class).config("books");
                    assertThat(config.keyPrefix()).isEqualTo("shop");
                    assertThat(config.version()).isEqualTo(3);
                    assertThat(config.scanItersize()).isEqualTo(100);
                    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.options()).containsEntry("serializer.allowlist", "com.example.**")
                            .containsEntry("dispatch.max_batch", "20");
                    ValkeyCacheManager manager = context.getBean(ValkeyCacheManager.class);
                    SpringCacheSettings books = ((ValkeySpringCache) manager.getCache("books")).settings();
                    assertThat(books.ttl()).isZero();
                    assertThat(books.timeToIdle()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(books.ttlJitter()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(books.allowNullValues()).isFalse();
                    assertThat(books.evictUndecodable()).isFalse();
                    assertThat(books.leaseTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(books.leaseWait()).isEqualTo(Duration.ofSeconds(2));
                    // timeout=0 is "never" at the Spring layer; the idle cache lives by its time-to-idle
                    manager.getCache("idle").put("k", "v");
                    assertThat((Long) VALKEY.server().call("PTTL", "idle:1:k")).isBetween(59_000L, 60_000L);
                });
    }

    @Test
    void aBadSettingFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("valkey-cache.caches.books.timeout=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("valkey-cache.caches.books.timeout");
        });
        runner.withPropertyValues("valkey-cache.caches.books.options.compresor.level=3").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("options.compresor.level"));
    }

    @Test
    void withoutCachePropertiesNothingIsCreatedAndBootChoosesItsOwn() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValkeyCacheAutoConfiguration.class, CacheAutoConfiguration.class))
                .withUserConfiguration(CachingOn.class).run(context -> {
                    assertThat(context).doesNotHaveBean(Caches.class).doesNotHaveBean(ValkeyCacheManager.class);
                    assertThat(context).hasSingleBean(CacheManager.class);
                });
    }

    @Test
    void backsOffForTheApplicationsCacheManager() {
        runner.withPropertyValues("valkey-cache.caches.books.key-prefix=books")
                .withUserConfiguration(OwnCacheManager.class).run(context -> {
                    assertThat(context).hasSingleBean(Caches.class).doesNotHaveBean(ValkeyCacheManager.class);
                    assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
                });
    }

    @Configuration
    static class OwnCacheManager {
        @Bean
        CacheManager myCacheManager() {
            return new ConcurrentMapCacheManager("mine");
        }
    }

    @Test
    void backsOffWhenSpringCacheTypeChoosesAnotherCache() {
        runner.withPropertyValues("valkey-cache.caches.books.key-prefix=books", "spring.cache.type=simple").run(context -> {
            assertThat(context).doesNotHaveBean(ValkeyCacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
        });
    }

    @Test
    void theApplicationsCachesAreUsedAndCustomizersApplied() {
        runner.withUserConfiguration(OwnCaches.class).run(context -> {
            ValkeyCacheManager manager = context.getBean(ValkeyCacheManager.class);
            assertThat(manager.caches()).isSameAs(context.getBean(Caches.class));
            assertThat(((ValkeySpringCache) manager.getCache("mine")).settings().ttl()).isEqualTo(Duration.ofSeconds(42));
        });
    }

    @Configuration
    static class OwnCaches {
        @Bean
        Caches myCaches() {
            return Caches.of(java.util.Map.of("mine", CacheConfig.builder().location(VALKEY.server().url()).build()));
        }

        @Bean
        ValkeyCacheManagerCustomizer fortyTwo() {
            return b -> b.cache("mine", b.settingsOf("mine").mutate().ttl(Duration.ofSeconds(42)).build());
        }
    }

    @Test
    void runtimeCachesTransactionAwarenessAndFailOpenAreSwitches() {
        runner.withPropertyValues("valkey-cache.caches.default.key-prefix=app", "valkey-cache.runtime-cache-template=default",
                "valkey-cache.transaction-aware=true", "valkey-cache.fail-open=true").run(context -> {
                    CacheManager manager = context.getBean(CacheManager.class);
                    assertThat(manager.getCache("later")).isInstanceOf(TransactionAwareCacheDecorator.class);
                    manager.getCache("later").put("k", "v"); // no transaction: written at once
                    assertThat(VALKEY.server().call("EXISTS", "app:later:1:k")).isEqualTo(1L);
                    assertThat(context.getBean(CachingConfigurer.class).errorHandler())
                            .isInstanceOfSatisfying(ValkeyCacheErrorHandler.class, h -> assertThat(h.isFailOpen()).isTrue());
                });
    }

    @Test
    void metersGoToTheApplicationsRegistryOnlyWhenMicrometerAndTheModuleArePresent() {
        ApplicationContextRunner withRegistry = runner.withPropertyValues("valkey-cache.caches.books.key-prefix=books")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
        withRegistry.run(context -> {
            context.getBean(CacheManager.class).getCache("books").put("k", "v");
            assertThat(context.getBean(MeterRegistry.class).get("cache.puts").tag("cache", "books").functionCounter().count())
                    .isEqualTo(1);
        });
        withRegistry.withClassLoader(new FilteredClassLoader(ValkeyCacheMeterBinder.class)).run(context -> {
            assertThat(context).hasSingleBean(ValkeyCacheManager.class).doesNotHaveBean(ValkeyCacheManagerCustomizer.class);
            assertThat(context.getBean(MeterRegistry.class).find("cache.puts").meters()).isEmpty();
        });
    }

    @Test
    void theCachesCloseWithTheContext() {
        Caches[] caches = new Caches[1];
        runner.withPropertyValues("valkey-cache.caches.books.key-prefix=books").run(context -> {
            caches[0] = context.getBean(Caches.class);
            context.getBean(CacheManager.class).getCache("books").put("k", "v");
        });
        assertThatThrownBy(() -> caches[0].get("books")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
