package org.valkeycache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheLock;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.LockOptions;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.metrics.Meter;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.ValkeyServerExtension;

/** {@link ValkeySpringCache} on a real server: keys, values, lifetimes, single flight and leases. */
class ValkeySpringCacheTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(8);

    private final List<BackendCommands> opened = new ArrayList<>();

    @BeforeEach
    void flush() {
        server().flushAll();
    }

    @AfterEach
    void close() {
        opened.forEach(BackendCommands::close);
    }

    @AfterAll
    static void stopExecutor() {
        EXECUTOR.shutdownNow();
    }

    private static ValkeyServer server() {
        return VALKEY.server();
    }

    private BackendCommands open(CacheConfig.Builder config) {
        BackendCommands cache = ValkeyCache.open(config.build());
        opened.add(cache);
        return cache;
    }

    private static CacheConfig.Builder config() {
        return CacheConfig.builder().location(server().url()).keyPrefix("books");
    }

    private ValkeySpringCache cache(SpringCacheSettings settings) {
        return new ValkeySpringCache("books", open(config()), settings, EXECUTOR);
    }

    private ValkeySpringCache cache() {
        return cache(SpringCacheSettings.builder().ttl(Duration.ofMinutes(5)).build());
    }

    private static long pttl(String storedKey) {
        return (Long) server().call("PTTL", storedKey);
    }

    @Test
    void oneServerKeyPerEntryInTheFacadesKeyFormat() {
        ValkeySpringCache cache = cache();
        cache.put("isbn-1", "Dune");
        cache.put(new SimpleKey("a", 2), "pair");
        assertThat(server().call("KEYS", "*")).asList()
                .containsExactlyInAnyOrder("books:1:isbn-1", "books:1:SimpleKey [a, 2]");
        assertThat(cache.get("isbn-1").get()).isEqualTo("Dune");
        assertThat(cache.get(new SimpleKey("a", 2), String.class)).isEqualTo("pair");
        assertThat(cache.get("missing")).isNull();
        assertThat(pttl("books:1:isbn-1")).isBetween(290_000L, 300_000L);
    }

    @Test
    void aKeyWithoutAToStringOfItsOwnIsRefusedNamingItsType() {
        assertThatThrownBy(() -> cache().put(new Object(), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object").hasMessageContaining("KeyConverter");
    }

    @Test
    void nullValuesAreCachedThroughTheSerializersNullUnlessDisallowed() {
        ValkeySpringCache cache = cache();
        cache.put("n", null);
        assertThat(server().call("EXISTS", "books:1:n")).isEqualTo(1L);
        Cache.ValueWrapper hit = cache.get("n");
        assertThat(hit).isNotNull();
        assertThat(hit.get()).isNull();
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("n", () -> "loaded-" + loads.incrementAndGet())).isNull();
        assertThat(loads).hasValue(0);

        ValkeySpringCache strict = cache(SpringCacheSettings.builder().allowNullValues(false).build());
        assertThatThrownBy(() -> strict.put("m", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not allow null values");
        assertThat((Object) strict.get("m", () -> null)).isNull(); // returned, not cached
        assertThat(server().call("EXISTS", "books:1:m")).isEqualTo(0L);
    }

    @Test
    void putIfAbsentIsOneRoundTripThatKeepsTheExistingValueAndItsLifetime() {
        ValkeySpringCache cache = cache();
        assertThat(cache.putIfAbsent("k", "first")).isNull();
        long ttl = pttl("books:1:k");
        assertThat(ttl).isBetween(290_000L, 300_000L);
        Cache.ValueWrapper existing = cache.putIfAbsent("k", "second");
        assertThat(existing).isNotNull();
        assertThat(existing.get()).isEqualTo("first");
        assertThat(cache.get("k").get()).isEqualTo("first");
        cache.put("nul", null);
        assertThat(cache.putIfAbsent("nul", "x")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
    }

    @Test
    void evictEvictIfPresentClearAndInvalidate() {
        ValkeySpringCache cache = cache();
        BackendCommands other = open(config().keyPrefix("other"));
        other.set("keep", 1);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.getNativeCache().withVersion(2).set("c", 3);
        cache.evict("a");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.evictIfPresent("b")).isTrue();
        assertThat(cache.evictIfPresent("b")).isFalse();
        cache.put("d", 4);
        cache.clear();
        assertThat(server().call("KEYS", "*")).asList().containsExactly("other:1:keep");
        cache.put("e", 5);
        assertThat(cache.invalidate()).isTrue();
        assertThat(cache.invalidate()).isFalse();
    }

    @Test
    void ttlZeroMeansNeverExpiresAndSoDoesACacheTimeoutOfZero() {
        cache(SpringCacheSettings.builder().ttl(Duration.ZERO).build()).put("a", 1);
        assertThat(pttl("books:1:a")).isEqualTo(-1L);
        ValkeySpringCache fromConfig = new ValkeySpringCache("books", open(config().defaultTimeout(Duration.ZERO)),
                SpringCacheSettings.defaults().withCacheTimeout(org.valkeycache.Timeout.of(Duration.ZERO)), EXECUTOR);
        fromConfig.put("b", 1);
        assertThat(pttl("books:1:b")).isEqualTo(-1L);
        assertThatThrownBy(() -> SpringCacheSettings.builder().ttl(Duration.ofSeconds(-1)))
                .hasMessageContaining("ttl").hasMessageContaining("negative");
    }

    @Test
    void theTtlPolicySeesNameKeyAndValueOnEveryWritePath() throws Exception {
        List<String> seen = new ArrayList<>();
        TtlPolicy policy = (name, key, value) -> {
            synchronized (seen) {
                seen.add(name + "/" + key + "=" + value);
            }
            return "forever".equals(value) ? Duration.ZERO : Duration.ofSeconds(((Number) value).longValue());
        };
        ValkeySpringCache cache = cache(SpringCacheSettings.builder().ttlPolicy(policy).build());
        cache.put("put", 10L);
        cache.putIfAbsent("absent", 20L);
        cache.get("loaded", () -> 30L);
        cache.retrieve("async", () -> CompletableFuture.completedFuture(40L)).get(5, TimeUnit.SECONDS);
        cache.put("never", "forever");
        assertThat(seen).containsExactly("books/put=10", "books/absent=20", "books/loaded=30", "books/async=40",
                "books/never=forever");
        assertThat(pttl("books:1:put")).isBetween(9_000L, 10_000L);
        assertThat(pttl("books:1:absent")).isBetween(19_000L, 20_000L);
        assertThat(pttl("books:1:loaded")).isBetween(29_000L, 30_000L);
        assertThat(pttl("books:1:async")).isBetween(39_000L, 40_000L);
        assertThat(pttl("books:1:never")).isEqualTo(-1L);
        ValkeySpringCache negative = cache(SpringCacheSettings.builder().ttlPolicy((n, k, v) -> Duration.ofSeconds(-1)).build());
        assertThatThrownBy(() -> negative.put("x", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative").hasMessageContaining("'x'");
    }

    @Test
    void jitterAddsUpToItsAmount() {
        ValkeySpringCache cache = cache(SpringCacheSettings.builder().ttl(Duration.ofSeconds(100))
                .ttlJitter(Duration.ofSeconds(50)).build());
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 40; i++) {
            cache.put("k" + i, i);
            long ttl = pttl("books:1:k" + i);
            min = Math.min(min, ttl);
            max = Math.max(max, ttl);
        }
        assertThat(min).isGreaterThan(98_000L);
        assertThat(max).isLessThanOrEqualTo(150_000L).isGreaterThan(110_000L);
    }

    @Test
    void timeToIdleRenewsTheLifetimeOnEveryHit() throws Exception {
        ValkeySpringCache cache = cache(SpringCacheSettings.builder().timeToIdle(Duration.ofSeconds(30)).build());
        cache.put("k", "v");
        server().call("PEXPIRE", "books:1:k", "5000");
        assertThat(cache.get("k").get()).isEqualTo("v");
        assertThat(pttl("books:1:k")).isBetween(29_000L, 30_000L);
        server().call("PEXPIRE", "books:1:k", "5000");
        assertThat(cache.retrieve("k").get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(pttl("books:1:k")).isBetween(29_000L, 30_000L);
        assertThat(cache.get("missing")).isNull();
        assertThat(cache.getNativeCache().metrics().hits().count()).isEqualTo(2);
        assertThat(cache.getNativeCache().metrics().misses().count()).isEqualTo(1);
    }

    @Test
    void anUndecodableValueIsAMissDeletedAndCountedOrFailsWhenConfigured() {
        ValkeySpringCache cache = cache();
        Meter.Counter counter = cache.getNativeCache().metrics().counter("cache.undecodable", "");
        server().callBinary("SET".getBytes(), "books:1:bad".getBytes(), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1});
        assertThat(cache.get("bad")).isNull();
        assertThat(server().call("EXISTS", "books:1:bad")).isEqualTo(0L);
        assertThat(counter.count()).isEqualTo(1);
        server().callBinary("SET".getBytes(), "books:1:bad".getBytes(), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1});
        assertThat(cache.putIfAbsent("bad", "good")).isNull();
        assertThat(cache.get("bad").get()).isEqualTo("good");
        assertThat(counter.count()).isEqualTo(2);

        ValkeySpringCache strict = cache(SpringCacheSettings.builder().evictUndecodable(false).build());
        server().callBinary("SET".getBytes(), "books:1:bad2".getBytes(), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1});
        assertThatThrownBy(() -> strict.get("bad2")).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("bad2");
        assertThat(server().call("EXISTS", "books:1:bad2")).isEqualTo(1L);
    }

    @Test
    void concurrentLoadsOfOneKeyRunTheLoaderOnce() throws Exception {
        ValkeySpringCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        assertAllGetTheFirstLoad(32, n -> n % 2 == 0
                ? () -> cache.get("hot", () -> slowLoad(loads))
                : () -> cache.retrieve("hot", () -> CompletableFuture.supplyAsync(() -> slowLoad(loads)))
                        .get(10, TimeUnit.SECONDS));
        assertThat(loads).hasValue(1);
        assertThat(cache.getNativeCache().metrics().loadSuccesses().count()).isEqualTo(1);
    }

    /** Starts {@code threads} calls at once and checks that each returns the first load's value. */
    private static void assertAllGetTheFirstLoad(int threads, IntFunction<Callable<Object>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Object> c = call.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            for (Future<Object> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo("value-1");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String slowLoad(AtomicInteger loads) {
        int n = loads.incrementAndGet();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "value-" + n;
    }

    @Test
    void aFailedLoadFailsEveryWaiterWithTheLoadersErrorAndCachesNothing() throws Exception {
        ValkeySpringCache cache = cache();
        CountDownLatch inLoader = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> leader = pool.submit(() -> cache.get("k", () -> {
                inLoader.countDown();
                release.await();
                throw new java.io.IOException("backend down");
            }));
            inLoader.await();
            Future<Object> waiter = pool.submit(() -> cache.get("k", () -> "never"));
            Thread.sleep(100);
            release.countDown();
            for (Future<Object> f : List.of(leader, waiter)) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(Cache.ValueRetrievalException.class)
                        .hasRootCauseMessage("backend down");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.get("k")).isNull();
        assertThat(cache.getNativeCache().metrics().loadFailures().count()).isEqualTo(1);
        CompletableFuture<Object> failed = cache.retrieve("k", () -> CompletableFuture.failedFuture(new IllegalStateException("nope")));
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("nope");
        assertThat(cache.getNativeCache().metrics().loadFailures().count()).isEqualTo(2);
    }

    @Test
    void leasesCoalesceLoadsAcrossCachesThatShareNothingButTheServer() throws Exception {
        SpringCacheSettings leased = SpringCacheSettings.builder().ttl(Duration.ofMinutes(1))
                .leaseTimeout(Duration.ofSeconds(10)).leaseWait(Duration.ofSeconds(5)).build();
        // two "JVMs": separate facades, separate single-flight maps
        ValkeySpringCache a = cache(leased);
        ValkeySpringCache b = cache(leased);
        AtomicInteger loads = new AtomicInteger();
        assertAllGetTheFirstLoad(16, n -> () -> (n % 2 == 0 ? a : b).get("shared", () -> slowLoad(loads)));
        assertThat(loads).hasValue(1);
        assertThat(server().call("EXISTS", "books:1:shared" + ValkeySpringCache.LEASE_SUFFIX)).isEqualTo(0L);
    }

    @Test
    void aLeaseHeldTooLongIsWaitedForBoundedlyThenTheLoadRunsAnyway() {
        ValkeySpringCache cache = cache(SpringCacheSettings.builder().leaseTimeout(Duration.ofSeconds(30))
                .leaseWait(Duration.ofMillis(300)).build());
        CacheLock stuck = cache.getNativeCache().getLock("k" + ValkeySpringCache.LEASE_SUFFIX,
                LockOptions.defaults().withLease(Duration.ofSeconds(30)).withThreadLocal(false));
        assertThat(stuck.tryAcquire()).isTrue();
        long start = System.nanoTime();
        assertThat(cache.get("k", () -> "loaded")).isEqualTo("loaded");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waited).isGreaterThanOrEqualTo(250L).isLessThan(5_000L);
        assertThat(cache.get("k").get()).isEqualTo("loaded");
        assertThat(stuck.owned()).isTrue(); // the other holder's lease is left alone
        stuck.release();
    }
}
