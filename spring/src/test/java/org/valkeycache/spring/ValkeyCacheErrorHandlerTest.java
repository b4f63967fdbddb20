package org.valkeycache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.Caches;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;

/** {@link ValkeyCacheErrorHandler}: fail-open swallows outages only; fail-closed nothing. */
class ValkeyCacheErrorHandlerTest {

    private final ConcurrentMapCache cache = new ConcurrentMapCache("c");

    @Test
    void failOpenSwallowsOutagesOnEveryOperation() {
        ValkeyCacheErrorHandler handler = ValkeyCacheErrorHandler.failOpen();
        handler.handleCacheGetError(new CacheConnectionException("down"), cache, "k");
        handler.handleCachePutError(new CacheTimeoutException("slow"), cache, "k", "v");
        handler.handleCacheEvictError(new CacheConnectionException("down"), cache, "k");
        handler.handleCacheClearError(new CacheConnectionException("down"), cache);
        assertThat(handler.isFailOpen()).isTrue();
    }

    @Test
    void failOpenStillRethrowsWhatIsNotAnOutage() {
        ValkeyCacheErrorHandler handler = ValkeyCacheErrorHandler.failOpen();
        CacheSerializationException bad = new CacheSerializationException("bad value");
        assertThatThrownBy(() -> handler.handleCachePutError(bad, cache, "k", "v")).isSameAs(bad);
        IllegalArgumentException arg = new IllegalArgumentException("bad key");
        assertThatThrownBy(() -> handler.handleCacheGetError(arg, cache, "k")).isSameAs(arg);
    }

    @Test
    void failClosedRethrowsEverything() {
        ValkeyCacheErrorHandler handler = new ValkeyCacheErrorHandler(false);
        CacheConnectionException down = new CacheConnectionException("down");
        assertThatThrownBy(() -> handler.handleCacheGetError(down, cache, "k")).isSameAs(down);
        assertThatThrownBy(() -> handler.handleCacheClearError(down, cache)).isSameAs(down);
    }

    @Test
    void anAnnotatedServiceKeepsWorkingWhileTheServerIsDown() throws Exception {
        ValkeyServer server = ValkeyServer.start();
        Caches caches;
        try {
            caches = Caches.of(Map.of("books", CacheConfig.builder().location(server.url()).keyPrefix("books")
                    .requestTimeout(Duration.ofMillis(300)).connectTimeout(Duration.ofMillis(300)).build()));
            caches.get("books").set("warm-up", 1);
        } finally {
            server.close();
        }
        try (caches; AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(Caches.class, () -> caches);
            context.register(FailOpenConfig.class);
            context.refresh();
            Books books = context.getBean(Books.class);
            assertThat(books.title(1)).isEqualTo("title-1");
            assertThat(books.title(1)).isEqualTo("title-1");
            assertThat(books.loads()).hasValue(2); // no cache, but no failure either
            books.forget(1);
            // CompletableFuture methods: retrieve's future fails with the outage, the handler makes it a miss
            assertThat(books.count(5).get(10, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(books.countSync(6).get(10, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(books.countSync(6).get(10, TimeUnit.SECONDS)).isEqualTo(6);
            assertThat(books.loads()).hasValue(5);
        }
    }

    @Configuration
    @EnableCaching
    static class FailOpenConfig implements CachingConfigurer {

        @Bean
        CacheManager cacheManager(Caches caches) {
            return ValkeyCacheManager.create(caches);
        }

        @Override
        public CacheErrorHandler errorHandler() {
            return ValkeyCacheErrorHandler.failOpen();
        }

        @Bean
        Books books() {
            return new Books();
        }
    }

    static class Books {
        final AtomicInteger loads = new AtomicInteger();

        public AtomicInteger loads() {
            return loads;
        }

        @Cacheable("books")
        public String title(int id) {
            loads.incrementAndGet();
            return "title-" + id;
        }

        @Cacheable("books")
        public CompletableFuture<Integer> count(int id) {
            loads.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> id);
        }

        @Cacheable(cacheNames = "books", sync = true)
        public CompletableFuture<Integer> countSync(int id) {
            loads.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> id);
        }

        @CacheEvict("books")
        public void forget(int id) {
        }
    }
}
