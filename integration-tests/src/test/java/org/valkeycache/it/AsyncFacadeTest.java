package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.AsyncBackendCommands;
import org.valkeycache.CacheQueueFullException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServerExtension;

/**
 * The asynchronous facade against a real server on the default client: where replies are
 * decoded, a burst of 100k concurrent gets, timeouts and the dispatch queue's bound.
 */
class AsyncFacadeTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private static CacheConfig.Builder config() {
        return CacheConfig.builder().location(VALKEY.server().url()).keyPrefix("async");
    }

    @Test
    void repliesAreDecodedOnTheCallerWhenBlockingAndOnTheExecutorWhenAsyncNeverOnGlideThreads() throws Exception {
        ExecutorService decoder = Executors.newFixedThreadPool(2, r -> new Thread(r, "app-decoder"));
        try (ValkeyCache cache = ValkeyCache.open(config().serializer(ThreadRecordingSerializer.class.getName()).build())) {
            cache.set("k", "v");
            ThreadRecordingSerializer.DECODED_ON.clear();
            assertThat((Object) cache.get("k")).isEqualTo("v");
            assertThat(cache.async().get("k").get(5, TimeUnit.SECONDS)).isEqualTo("v");
            AsyncBackendCommands own = cache.async(decoder);
            for (int i = 0; i < 50; i++) {
                assertThat(own.get("k").get(5, TimeUnit.SECONDS)).isEqualTo("v");
            }
            List<String> threads = new ArrayList<>(ThreadRecordingSerializer.DECODED_ON);
            assertThat(threads).hasSize(52);
            assertThat(threads.get(0)).isEqualTo(Thread.currentThread().getName());
            assertThat(threads.get(1)).startsWith("ForkJoinPool.commonPool-worker");
            assertThat(threads.subList(2, 52)).containsOnly("app-decoder");
        } finally {
            decoder.shutdownNow();
        }
    }

    /**
     * 100k gets in flight at once from 4 threads: every value is right, and nothing is retained
     * afterwards. {@code dispatch.max_queued} is raised to 100k because a burst this size may be
     * queued whole before the first reply (at the default bound the excess would be refused), and
     * the request timeout to 60 s because a command's bound counts its time in that queue, which
     * on a loaded 2-core machine can take seconds to drain.
     */
    @Test
    void hundredThousandConcurrentGetsFromFourThreadsAllCorrectAndMemoryBounded() throws Exception {
        int keys = 1000;
        int perThread = 25_000;
        try (ValkeyCache cache = ValkeyCache.open(config().option("dispatch.max_queued", "100000")
                .requestTimeout(Duration.ofSeconds(60)).build())) {
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < keys; i++) {
                values.put("k" + i, "value-" + i);
            }
            cache.mset(values);
            AsyncBackendCommands async = cache.async();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            CountDownLatch done = new CountDownLatch(4 * perThread);
            LongAdder wrong = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicReference<Throwable> firstFailure = new AtomicReference<>();
            List<Thread> callers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                Thread caller = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int k = (i * 4 + offset) % keys;
                        async.<String>get("k" + k).whenComplete((v, e) -> {
                            if (e != null) {
                                failed.increment();
                                firstFailure.compareAndSet(null, e);
                            } else if (!("value-" + k).equals(v)) {
                                wrong.increment();
                            }
                            done.countDown();
                        });
                    }
                });
                callers.add(caller);
                caller.start();
            }
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(done.await(120, TimeUnit.SECONDS)).as("all 100k gets completed").isTrue();
            long elapsed = System.nanoTime() - start;
            sampler.interrupt();
            sampler.join();
            System.gc();
            long after = memory.getHeapMemoryUsage().getUsed();
            System.out.printf("100k async gets from 4 threads: %d ms, heap before %d MiB, peak %d MiB, after %d MiB%n",
                    TimeUnit.NANOSECONDS.toMillis(elapsed), before >> 20, peak.get() >> 20, after >> 20);
            assertThat(failed.sum()).as("failed gets, the first: %s", firstFailure.get()).isZero();
            assertThat(wrong.sum()).as("wrong values").isZero();
            assertThat(after - before).as("heap retained after the burst").isLessThan(32L << 20);
            assertThat(peak.get() - before).as("peak heap growth during the burst").isLessThan(512L << 20);
        }
    }

    @Test
    void aStalledServerFailsTheFutureWithATimeoutOrCompletesItWithTheDefaultUnderTheIgnorePolicy() throws Exception {
        CacheConfig.Builder quick = config().requestTimeout(Duration.ofMillis(300));
        try (ValkeyCache strict = ValkeyCache.open(quick.build());
                ValkeyCache lenient = ValkeyCache.open(quick.ignoreExceptions(true).logIgnoredExceptions(false).build())) {
            strict.set("k", "v");
            lenient.set("k", "v");
            VALKEY.server().call("CLIENT", "PAUSE", "2000", "ALL");
            CompletableFuture<Object> failing = strict.async().get("k");
            CompletableFuture<Object> ignored = lenient.async().get("k");
            assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CacheTimeoutException.class).hasMessageContaining("GET");
            assertThat(ignored.get(10, TimeUnit.SECONDS)).isNull();
        } finally {
            VALKEY.server().call("CLIENT", "UNPAUSE");
        }
    }

    @Test
    void pastTheQueueBoundFuturesFailFastOrCompleteWithTheDefaultUnderTheIgnorePolicy() throws Exception {
        CacheConfig.Builder bounded = config().requestTimeout(Duration.ofSeconds(10)).option("dispatch.max_queued", "10");
        try (ValkeyCache strict = ValkeyCache.open(bounded.build());
                ValkeyCache lenient = ValkeyCache.open(bounded.ignoreExceptions(true).logIgnoredExceptions(false).build())) {
            strict.set("k", "v");
            assertThat((Object) lenient.get("k")).isEqualTo("v");
            VALKEY.server().call("CLIENT", "PAUSE", "1000", "ALL");
            List<CompletableFuture<Object>> strictGets = new ArrayList<>();
            List<CompletableFuture<Object>> lenientGets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                strictGets.add(strict.async().get("k"));
                lenientGets.add(lenient.async().get("k"));
            }
            int refused = 0;
            for (CompletableFuture<Object> get : strictGets) {
                try {
                    assertThat(get.get(10, TimeUnit.SECONDS)).isEqualTo("v");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(CacheQueueFullException.class)
                            .hasMessageContaining("dispatch.max_queued=10");
                    refused++;
                }
            }
            // 2 on the wire, 10 queued, the other 38 refused at once
            assertThat(refused).isEqualTo(38);
            long defaults = 0;
            for (CompletableFuture<Object> get : lenientGets) {
                defaults += get.get(10, TimeUnit.SECONDS) == null ? 1 : 0;
            }
            assertThat(defaults).isEqualTo(38);
        } finally {
            VALKEY.server().call("CLIENT", "UNPAUSE");
        }
    }
}
