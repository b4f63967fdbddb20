package org.valkeycache.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.core.SpringVersion;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.valkeycache.spring.ValkeyCacheManager;
import org.valkeycache.testsupport.ValkeyServerExtension;

/**
 * A real Spring Boot application caching through {@code @Cacheable} on a real server: under 32
 * threads the loader of a {@code sync = true} method runs once per key, and the caches' meters
 * (also of a cache created at runtime) are in the application's {@code MeterRegistry}.
 */
@SpringBootTest(classes = CachingAppTest.App.class)
class CachingAppTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    @DynamicPropertySource
    static void valkey(DynamicPropertyRegistry registry) {
        registry.add("valkey-cache.caches.books.location", () -> VALKEY.server().url());
        registry.add("valkey-cache.caches.books.key-prefix", () -> "app-books");
        registry.add("valkey-cache.caches.books.ttl", () -> "10m");
        registry.add("valkey-cache.caches.books.options[serializer.allowlist]", () -> Book.class.getName());
        registry.add("valkey-cache.runtime-cache-template", () -> "books");
    }

    @Autowired
    BookService service;

    @Autowired
    CacheManager cacheManager;

    @Autowired
    MeterRegistry meters;

    @Test
    void theCacheManagerIsValkeyCachesOnSpring7() {
        assertThat(cacheManager).isInstanceOf(ValkeyCacheManager.class);
        assertThat(SpringVersion.getVersion()).startsWith("7.");
    }

    @Test
    void aSyncCacheableMethodLoadsOncePerKeyUnder32Threads() throws Exception {
        int threads = 32;
        int keys = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Book>> results = new ArrayList<>();
            for (int i = 0; i < threads * 8; i++) {
                long id = i % keys;
                results.add(pool.submit(() -> {
                    start.await();
                    return service.find(id);
                }));
            }
            start.countDown();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(new Book(i % keys, "title-" + (i % keys)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.loads()).hasSize(keys);
        assertThat(service.loads().values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat((Long) VALKEY.server().call("PTTL", "app-books:1:3")).isBetween(500_000L, 600_000L);

        // the cache's meters in the application's registry: one load and one put per key
        assertThat(count("cache.loads", "books", "result", "success")).isEqualTo(keys);
        assertThat(count("cache.loads", "books", "result", "failure")).isZero();
        assertThat(count("cache.puts", "books")).isEqualTo(keys);
        double hits = count("cache.gets", "books", "result", "hit");
        double misses = count("cache.gets", "books", "result", "miss");
        assertThat(hits + misses).isGreaterThanOrEqualTo(threads * 8); // one read per call, one more per waiting load
        assertThat(misses).isGreaterThanOrEqualTo(keys);
        assertThat(meters.get("cache.commands").tag("cache", "books").functionTimer().count()).isPositive();
    }

    @Test
    void aCacheCreatedAtRuntimePublishesItsMetersToo() {
        cacheManager.getCache("later").put("k", new Book(1, "one"));
        assertThat(cacheManager.getCache("later").get("k").get()).isEqualTo(new Book(1, "one"));
        assertThat(count("cache.puts", "later")).isEqualTo(1);
        assertThat(count("cache.gets", "later", "result", "hit")).isEqualTo(1);
        assertThat(VALKEY.server().call("EXISTS", "app-books:later:1:k")).isEqualTo(1L);
    }

    private double count(String name, String cache, String... tags) {
        return meters.get(name).tag("cache", cache).tag("cache.manager", "cacheManager").tags(tags)
                .functionCounter().count();
    }

    /** A cached value: allow-listed for the default java serializer. */
    record Book(long id, String title) implements java.io.Serializable {
    }

    @SpringBootApplication
    @EnableCaching
    static class App {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        BookService bookService() {
            return new BookService();
        }
    }

    static class BookService {
        private final Map<Long, AtomicInteger> loads = new ConcurrentHashMap<>();

        public Map<Long, AtomicInteger> loads() {
            return loads;
        }

        @Cacheable(cacheNames = "books", sync = true)
        public Book find(long id) throws InterruptedException {
            loads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(150);
            return new Book(id, "title-" + id);
        }
    }
}
