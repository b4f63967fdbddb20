package org.valkeycache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheLock;
import org.valkeycache.LockOptions;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.ValkeyServerExtension;

/**
 * {@code retrieve} on the asynchronous facade, on a real server: single flight, leases, failures,
 * and no thread waiting for the server or for a load while futures are pending.
 */
class AsyncRetrieveTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private final List<BackendCommands> opened = new ArrayList<>();

    @BeforeEach
    void flush() {
        VALKEY.server().flushAll();
    }

    @AfterEach
    void close() {
        opened.forEach(BackendCommands::close);
    }

    private ValkeySpringCache cache(SpringCacheSettings settings) {
        return cache(VALKEY.server(), settings);
    }

    private ValkeySpringCache cache(ValkeyServer server, SpringCacheSettings settings) {
        BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(server.url()).keyPrefix("books")
                .requestTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofMillis(500)).build());
        opened.add(cache);
        return new ValkeySpringCache("books", cache, settings);
    }

    private static SpringCacheSettings ttl() {
        return SpringCacheSettings.builder().ttl(Duration.ofMinutes(1)).build();
    }

    /** A loader whose future the test completes; counts its calls. */
    private static final class PendingLoader implements Supplier<CompletableFuture<String>> {
        final CompletableFuture<String> result = new CompletableFuture<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<String> get() {
            calls.incrementAndGet();
            return result;
        }
    }

    /**
     * The threads parked or blocked with a frame of this module on their stack: a thread that
     * waits for the server, a lease or a load on the Spring cache's behalf. Each thread's state and
     * stack come from one thread dump, so they describe the same instant ({@code Thread.getState()}
     * read after {@code getAllStackTraces()} once paired a pool worker's stack, running a lease
     * retry, with the idle wait it had gone back to since).
     */
    private static List<String> threadsWaitingInTheSpringCache() {
        List<String> waiting = new ArrayList<>();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            Thread.State state = t.getThreadState();
            StackTraceElement[] stack = t.getStackTrace();
            boolean ours = Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.valkeycache.spring."));
            if (ours && state != Thread.State.RUNNABLE && state != Thread.State.NEW) {
                waiting.add(t.getThreadName() + " " + state + " at "
                        + Arrays.stream(stack).limit(12).map(String::valueOf).toList());
            }
        }
        return waiting;
    }

    private static void awaitCalls(PendingLoader loader) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loader.calls.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(loader.calls).as("the loader was called").hasValue(1);
    }

    @Test
    void aThousandConcurrentRetrievesOfOneKeyLoadOnceWithNoThreadWaiting() throws Exception {
        ValkeySpringCache cache = cache(ttl());
        PendingLoader loader = new PendingLoader();
        int threadsBefore = Thread.activeCount();
        long start = System.nanoTime();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(cache.retrieve("hot", loader)); // each returns at once: nothing waits on this thread
        }
        long issuedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        awaitCalls(loader);
        Thread.sleep(200); // every lookup answered: all 1000 wait on the one load
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        List<String> waiting = threadsWaitingInTheSpringCache();
        int threadsDuring = Thread.activeCount();
        assertThat(waiting).as("threads waiting in the Spring cache").isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("valkey-cache-spring"));

        loader.result.complete("value");
        for (CompletableFuture<String> f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("value");
        }
        long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(loader.calls).hasValue(1);
        assertThat(cache.getNativeCache().metrics().loadSuccesses().count()).isEqualTo(1);
        assertThat(VALKEY.server().call("EXISTS", "books:1:hot")).isEqualTo(1L);
        System.out.printf("1000 concurrent retrieve(key, loader) of one key: issued in %d us from one thread, "
                + "threads %d before / %d while pending, 0 waiting in the Spring cache, all done in %d ms%n",
                issuedMicros, threadsBefore, threadsDuring, totalMillis);
    }

    @Test
    void aFailedLoaderFutureFailsEveryWaiterWithItsOwnExceptionAndCachesNothing() throws Exception {
        ValkeySpringCache cache = cache(ttl());
        PendingLoader loader = new PendingLoader();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(cache.retrieve("k", loader));
        }
        awaitCalls(loader);
        Thread.sleep(200); // every lookup answered: all 100 wait on the one load
        loader.result.completeExceptionally(new IOException("backend down"));
        for (CompletableFuture<String> f : futures) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessage("backend down");
        }
        assertThat(loader.calls).hasValue(1);
        assertThat(cache.getNativeCache().metrics().loadFailures().count()).isEqualTo(1);
        assertThat(VALKEY.server().call("EXISTS", "books:1:k")).isEqualTo(0L);
        assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture("again")).get(5, TimeUnit.SECONDS))
                .isEqualTo("again");
        CompletableFuture<String> thrown = cache.retrieve("t", () -> {
            throw new IllegalStateException("loader threw");
        });
        assertThatThrownBy(() -> thrown.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("loader threw");
        assertThat(cache.getNativeCache().metrics().loadFailures().count()).isEqualTo(2);
    }

    @Test
    void leasesCoalesceAsyncLoadsAcrossCachesWithNoThreadWaitingForTheLease() throws Exception {
        SpringCacheSettings leased = SpringCacheSettings.builder().ttl(Duration.ofMinutes(1))
                .leaseTimeout(Duration.ofSeconds(10)).leaseWait(Duration.ofSeconds(5)).build();
        ValkeySpringCache a = cache(leased);
        ValkeySpringCache b = cache(leased); // another "JVM": its own facade and single-flight map
        PendingLoader loader = new PendingLoader();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        futures.add(a.retrieve("shared", loader));
        awaitCalls(loader); // a holds the lease and loads
        for (int i = 0; i < 200; i++) {
            futures.add((i % 2 == 0 ? a : b).retrieve("shared", loader));
        }
        Thread.sleep(200); // b's leader retries the lease every 20 ms meanwhile
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        assertThat(threadsWaitingInTheSpringCache()).as("threads waiting in the Spring cache").isEmpty();
        loader.result.complete("value");
        for (CompletableFuture<String> f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("value");
        }
        assertThat(loader.calls).hasValue(1);
        assertThat(VALKEY.server().call("EXISTS", "books:1:shared" + ValkeySpringCache.LEASE_SUFFIX)).isEqualTo(0L);
    }

    @Test
    void aLeaseHeldTooLongIsWaitedForBoundedlyThenTheAsyncLoadRunsAnyway() throws Exception {
        ValkeySpringCache cache = cache(SpringCacheSettings.builder().leaseTimeout(Duration.ofSeconds(30))
                .leaseWait(Duration.ofMillis(300)).build());
        CacheLock stuck = cache.getNativeCache().getLock("k" + ValkeySpringCache.LEASE_SUFFIX,
                LockOptions.defaults().withLease(Duration.ofSeconds(30)).withThreadLocal(false));
        assertThat(stuck.tryAcquire()).isTrue();
        long start = System.nanoTime();
        CompletableFuture<String> loaded = cache.retrieve("k", () -> CompletableFuture.completedFuture("loaded"));
        assertThat(loaded).isNotDone();
        assertThat(loaded.get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(250L);
        assertThat(cache.get("k").get()).isEqualTo("loaded");
        assertThat(stuck.owned()).as("the other holder's lease is left alone").isTrue();
        stuck.release();
    }

    @Test
    void timeToIdleRenewsOnAnAsyncHitAndUndecodableValuesAreEvictedMisses() throws Exception {
        ValkeySpringCache cache = cache(SpringCacheSettings.builder().timeToIdle(Duration.ofSeconds(30)).build());
        assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture("v")).get(5, TimeUnit.SECONDS))
                .isEqualTo("v");
        VALKEY.server().call("PEXPIRE", "books:1:k", "5000");
        assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture("reloaded")).get(5, TimeUnit.SECONDS))
                .isEqualTo("v");
        assertThat((Long) VALKEY.server().call("PTTL", "books:1:k")).isBetween(29_000L, 30_000L);

        VALKEY.server().callBinary("SET".getBytes(), "books:1:bad".getBytes(), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1});
        assertThat(cache.retrieve("bad").get(5, TimeUnit.SECONDS)).isNull();
        assertThat(VALKEY.server().call("EXISTS", "books:1:bad")).isEqualTo(0L);
        assertThat(cache.getNativeCache().metrics().counter("cache.undecodable", "").count()).isEqualTo(1);
    }

    @Test
    void aServerThatIsDownFailsTheFutureWithTheConnectionErrorItself() {
        ValkeyServer server = ValkeyServer.start();
        ValkeySpringCache cache;
        try {
            cache = cache(server, ttl());
            cache.put("warm-up", 1L);
        } finally {
            server.close();
        }
        AtomicInteger loads = new AtomicInteger();
        for (CompletableFuture<?> f : List.of(cache.retrieve("k"), cache.retrieve("k", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("v");
        }))) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CacheConnectionException.class);
        }
        assertThat(loads).as("the error handler decides whether the method runs uncached").hasValue(0);
    }
}
