package org.valkeycache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringVersion;
import org.valkeycache.Caches;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServerExtension;

/** {@code @Cacheable} on Spring Framework 6.2 over a real server: sync loads once per key, futures, puts. */
class AnnotatedCachingTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    @Test
    void runsOnSpring62() {
        assertThat(SpringVersion.getVersion()).startsWith("6.2.");
    }

    @Test
    void syncCacheableLoadsOncePerKeyUnder32Threads() throws Exception {
        try (AnnotationConfigApplicationContext context = context()) {
            Books books = context.getBean(Books.class);
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 32 * 4; i++) {
                    int id = i % 4;
                    results.add(pool.submit(() -> {
                        start.await();
                        return books.title(id);
                    }));
                }
                start.countDown();
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("title-" + (i % 4));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(books.loads()).containsOnlyKeys(0, 1, 2, 3);
            assertThat(books.loads().values()).allSatisfy(n -> assertThat(n).hasValue(1));
            assertThat(VALKEY.server().call("GET", "books:1:2")).isNotNull();
        }
    }

    @Test
    void futuresAreCachedThroughRetrieveAndPutsReplace() throws Exception {
        try (AnnotationConfigApplicationContext context = context()) {
            Books books = context.getBean(Books.class);
            assertThat(books.author(7).get(5, TimeUnit.SECONDS)).isEqualTo("author-7");
            assertThat(books.author(7).get(5, TimeUnit.SECONDS)).isEqualTo("author-7");
            assertThat(books.authorLoads()).hasValue(1);
            books.rename(7, "renamed");
            assertThat(books.author(7).get(5, TimeUnit.SECONDS)).isEqualTo("renamed");
            assertThat(books.authorLoads()).hasValue(1);
        }
    }

    @Test
    void integerResultsComeBackAsIntegersFromHitsOnEveryPath() throws Exception {
        try (AnnotationConfigApplicationContext context = context()) {
            Books books = context.getBean(Books.class);
            int first = books.pages(3);
            int hit = books.pages(3); // a Long here would be a ClassCastException at this line
            assertThat(hit).isEqualTo(first).isEqualTo(300);
            Integer syncHit = books.pagesSync(4);
            assertThat(books.pagesSync(4)).isEqualTo(syncHit).isEqualTo(400);
            assertThat(books.pageLoads()).hasValue(2);
        }
    }

    @Test
    void completableFutureOfIntegerIsCachedOnceAndHitsAreIntegers() throws Exception {
        try (AnnotationConfigApplicationContext context = context()) {
            Books books = context.getBean(Books.class);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    boolean sync = i % 2 == 0;
                    results.add(pool.submit(() -> {
                        start.await();
                        return (sync ? books.countSync(9) : books.count(9)).get(10, TimeUnit.SECONDS);
                    }));
                }
                start.countDown();
                for (Future<Integer> r : results) {
                    Integer n = r.get(20, TimeUnit.SECONDS);
                    assertThat(n).isEqualTo(9);
                }
            } finally {
                pool.shutdownNow();
            }
            // the sync method loads once (single flight); the other may load before the first put lands
            assertThat(books.countSyncLoads()).hasValue(1);
            Integer hit = books.count(9).get(5, TimeUnit.SECONDS);
            Integer syncHit = books.countSync(9).get(5, TimeUnit.SECONDS);
            assertThat(hit).isEqualTo(9);
            assertThat(syncHit).isEqualTo(9);
        }
    }

    private static AnnotationConfigApplicationContext context() {
        VALKEY.server().flushAll();
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(Caches.class, () -> Caches.of(Map.of(
                "books", CacheConfig.builder().location(VALKEY.server().url()).keyPrefix("books").build(),
                "authors", CacheConfig.builder().location(VALKEY.server().url()).keyPrefix("authors").build())));
        context.register(Config.class);
        context.refresh();
        return context;
    }

    @Configuration
    @EnableCaching
    static class Config {

        @Bean
        CacheManager cacheManager(Caches caches) {
            return ValkeyCacheManager.builder(caches)
                    .defaults(SpringCacheSettings.builder().ttl(Duration.ofMinutes(1)).build()).build();
        }

        @Bean
        Books books() {
            return new Books();
        }
    }

    static class Books {
        final Map<Integer, AtomicInteger> loads = new ConcurrentHashMap<>();
        final AtomicInteger authorLoads = new AtomicInteger();

        // the bean is a proxy: its fields are read through methods
        public Map<Integer, AtomicInteger> loads() {
            return loads;
        }

        public AtomicInteger authorLoads() {
            return authorLoads;
        }

        @Cacheable(cacheNames = "books", sync = true)
        public String title(int id) throws InterruptedException {
            loads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(100);
            return "title-" + id;
        }

        @Cacheable("authors")
        public CompletableFuture<String> author(int id) {
            authorLoads.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> "author-" + id);
        }

        final AtomicInteger pageLoads = new AtomicInteger();
        final AtomicInteger countSyncLoads = new AtomicInteger();

        public AtomicInteger pageLoads() {
            return pageLoads;
        }

        public AtomicInteger countSyncLoads() {
            return countSyncLoads;
        }

        @Cacheable(cacheNames = "books", key = "'pages-' + #p0")
        public Integer pages(int id) {
            pageLoads.incrementAndGet();
            return id * 100;
        }

        @Cacheable(cacheNames = "books", key = "'pages-sync-' + #p0", sync = true)
        public Integer pagesSync(int id) {
            pageLoads.incrementAndGet();
            return id * 100;
        }

        @Cacheable(cacheNames = "authors", key = "'count-' + #p0")
        public CompletableFuture<Integer> count(int id) {
            return CompletableFuture.supplyAsync(() -> id);
        }

        @Cacheable(cacheNames = "authors", key = "'count-sync-' + #p0", sync = true)
        public CompletableFuture<Integer> countSync(int id) {
            countSyncLoads.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return id;
            });
        }

        @CachePut(cacheNames = "authors", key = "#p0")
        public CompletableFuture<String> rename(int id, String name) {
            return CompletableFuture.completedFuture(name);
        }
    }
}
