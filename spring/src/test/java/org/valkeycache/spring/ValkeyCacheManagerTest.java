package org.valkeycache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Caches;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.ValkeyServerExtension;

/** {@link ValkeyCacheManager} over a {@link Caches} registry on a real server. */
class ValkeyCacheManagerTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private Caches caches;
    private ValkeyCacheManager manager;

    @BeforeEach
    void start() {
        server().flushAll();
        Map<String, CacheConfig> configs = new LinkedHashMap<>();
        configs.put("default", CacheConfig.builder().location(server().url()).keyPrefix("app").build());
        configs.put("books", CacheConfig.builder().location(server().url()).keyPrefix("books")
                .defaultTimeout(Duration.ofSeconds(60)).build());
        caches = Caches.of(configs);
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
        caches.close();
    }

    private static ValkeyServer server() {
        return VALKEY.server();
    }

    private ValkeyCacheManager init(ValkeyCacheManager.Builder builder) {
        manager = builder.build();
        manager.afterPropertiesSet();
        return manager;
    }

    @Test
    void oneSpringCachePerConfiguredCacheWithItsOwnPrefixAndTimeout() {
        init(ValkeyCacheManager.builder(caches)
                .cache("default", SpringCacheSettings.builder().ttl(Duration.ofSeconds(10)).build()));
        assertThat(manager.getCacheNames()).containsExactly("default", "books");
        manager.getCache("default").put("k", "v");
        manager.getCache("books").put("k", "w");
        assertThat((Long) server().call("PTTL", "app:1:k")).isBetween(9_000L, 10_000L);
        assertThat((Long) server().call("PTTL", "books:1:k")).isBetween(59_000L, 60_000L); // the cache's timeout
        assertThat(manager.getCache("unknown")).isNull();
        assertThat(manager.getCache("books").getNativeCache()).isSameAs(caches.get("books"));
    }

    @Test
    void settingsForACacheThatIsNotConfiguredFailNamingIt() {
        assertThatThrownBy(() -> ValkeyCacheManager.builder(caches).cache("bokos", SpringCacheSettings.defaults()).build())
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("'bokos'")
                .hasMessageContaining("books");
        assertThatThrownBy(() -> ValkeyCacheManager.builder(caches).runtimeCaches("nope").build())
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("'nope'");
    }

    @Test
    void runtimeCachesCopyTheTemplateUnderAPrefixOfTheirOwnAndCloseWithTheManager() {
        List<String> created = new ArrayList<>();
        init(ValkeyCacheManager.builder(caches).runtimeCaches("default")
                .cache("authors", SpringCacheSettings.builder().ttl(Duration.ZERO).build())
                .onCacheCreated(c -> created.add(c.getName())));
        assertThat(created).containsExactly("default", "books");
        Cache authors = manager.getCache("authors");
        assertThat(manager.getCache("authors")).isSameAs(authors);
        assertThat(created).containsExactly("default", "books", "authors");
        authors.put("k", "v");
        assertThat(server().call("GET", "app:authors:1:k")).isNotNull();
        assertThat((Long) server().call("PTTL", "app:authors:1:k")).isEqualTo(-1L);
        // the template's clear leaves the runtime cache's keys alone
        manager.getCache("default").clear();
        assertThat(authors.get("k").get()).isEqualTo("v");
        manager.close();
        assertThatThrownBy(() -> authors.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void transactionAwareCachesWriteAfterCommit() {
        init(ValkeyCacheManager.builder(caches).transactionAware(true));
        Cache books = manager.getCache("books");
        assertThat(books).isInstanceOf(TransactionAwareCacheDecorator.class);
        TransactionSynchronizationManager.initSynchronization();
        try {
            books.put("k", "v");
            assertThat(server().call("EXISTS", "books:1:k")).isEqualTo(0L);
            for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
                s.afterCommit();
            }
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(server().call("EXISTS", "books:1:k")).isEqualTo(1L);
    }
}
