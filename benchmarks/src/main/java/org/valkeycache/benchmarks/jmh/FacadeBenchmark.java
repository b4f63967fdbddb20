package org.valkeycache.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.valkeycache.AsyncBackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * The facade's own cost per {@code get}, blocking and asynchronous, over a client that answers
 * with a fixed value: at once ({@code answer=now}: key making, the call's flow, decoding), or
 * from another thread ({@code answer=thread}: plus the hand-over a real client's callback makes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacadeBenchmark {

    @Param({"now", "thread"})
    public String answer;

    private ExecutorService replier;
    private ValkeyCache cache;
    private AsyncBackendCommands async;

    @Setup
    public void setup() {
        replier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "replier");
            t.setDaemon(true);
            return t;
        });
        byte[] value = "a cached value of about thirty bytes".getBytes(StandardCharsets.UTF_8);
        boolean now = answer.equals("now");
        cache = ValkeyCache.open(CacheConfig.builder().location("valkey://127.0.0.1:1").keyPrefix("b")
                .serializer("string").build(), new AnsweringClient(value, now ? null : replier));
        async = cache.async();
    }

    @TearDown
    public void tearDown() {
        cache.close();
        replier.shutdownNow();
    }

    @Benchmark
    public Object blockingGet() {
        return cache.get("user:42:profile");
    }

    @Benchmark
    public Object asyncGetJoined() {
        return async.get("user:42:profile").join();
    }

    /** Answers {@code get} with one value; everything else is not benchmarked. */
    private static final class AnsweringClient implements ValkeyClient {
        private final byte[] value;
        private final ExecutorService replier;

        AnsweringClient(byte[] value, ExecutorService replier) {
            this.value = value;
            this.replier = replier;
        }

        @Override
        public CompletableFuture<byte[]> get(byte[] key) {
            return replier == null ? CompletableFuture.completedFuture(value)
                    : CompletableFuture.supplyAsync(() -> value, replier);
        }

        private static <T> T no() {
            throw new UnsupportedOperationException("not benchmarked");
        }

        @Override public CompletableFuture<Boolean> set(byte[] k, byte[] v, SetCondition c, long e) { return no(); }
        @Override public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) { return no(); }
        @Override public CompletableFuture<Void> mset(List<byte[]> k, List<byte[]> v, long e) { return no(); }
        @Override public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) { return no(); }
        @Override public CompletableFuture<List<Boolean>> setMany(List<byte[]> k, List<byte[]> v, long e) { return no(); }
        @Override public CompletableFuture<Long> delete(List<byte[]> keys) { return no(); }
        @Override public CompletableFuture<Long> unlink(List<byte[]> keys) { return no(); }
        @Override public CompletableFuture<Boolean> exists(byte[] key) { return no(); }
        @Override public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) { return no(); }
        @Override public CompletableFuture<Long> pttl(byte[] key) { return no(); }
        @Override public CompletableFuture<Boolean> persist(byte[] key) { return no(); }
        @Override public CompletableFuture<Boolean> pexpire(byte[] key, long millis) { return no(); }
        @Override public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) { return no(); }
        @Override public CompletableFuture<List<byte[]>> keys(byte[] pattern) { return no(); }
        @Override public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) { return no(); }
        @Override public CompletableFuture<Void> flushDb() { return no(); }
        @Override public Object rawConnection(boolean write) { return no(); }
        @Override public String describe() { return "answering"; }
        @Override public void close() { }
    }
}
