package org.valkeycache.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * The facade's own cost per call over a client that answers at once with ready futures (no
 * server, no I/O): key making, the codec, the ignore policy, waiting, and the always-on counting
 * into {@code CacheMetrics}. Run it on a commit with and one without the counting (with
 * {@code -prof gc}) to see what the meters add; {@link #clockRead} shows the part of it that is
 * the latency timer's two {@code System.nanoTime()} reads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacadeCountingBenchmark {

    private ValkeyCache cache;
    private final List<String> tenKeys = new ArrayList<>();

    @Setup
    public void setup() {
        cache = ValkeyCache.open(CacheConfig.builder().location("valkey://127.0.0.1:1").keyPrefix("b").build(),
                new ReadyClient());
        for (int i = 0; i < 10; i++) {
            tenKeys.add("user:" + i);
        }
    }

    @TearDown
    public void tearDown() {
        cache.close();
    }

    /** A hit: the client answers every GET with the same stored integer. */
    @Benchmark
    public Object getHit() {
        return cache.get("user:42:profile");
    }

    /** A miss: EXISTS-like reads answer nothing. */
    @Benchmark
    public Object getOrDefaultMiss() {
        return cache.getOrDefault("user:42:missing", 0L);
    }

    @Benchmark
    public boolean set() {
        return cache.set("user:42:profile", 42L);
    }

    @Benchmark
    public boolean delete() {
        return cache.delete("user:42:profile");
    }

    /** Ten keys, every other one a hit. */
    @Benchmark
    public Map<String, Object> getMany() {
        return cache.getMany(tenKeys);
    }

    /**
     * One clock read, for scale: the latency timer takes two per call, and on some virtual
     * machines a read costs far more than the counters.
     */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    /**
     * Answers with futures made once: GET finds a value for keys not ending in {@code missing},
     * writes succeed, multi-key reads find every other key.
     */
    static final class ReadyClient implements ValkeyClient {
        private static final byte[] VALUE = "42".getBytes(StandardCharsets.US_ASCII);
        private static final CompletableFuture<byte[]> HIT = CompletableFuture.completedFuture(VALUE);
        private static final CompletableFuture<byte[]> MISS = CompletableFuture.completedFuture(null);
        private static final CompletableFuture<Boolean> TRUE = CompletableFuture.completedFuture(true);
        private static final CompletableFuture<Long> ONE = CompletableFuture.completedFuture(1L);
        private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
        private static final CompletableFuture<List<byte[]>> HALF;

        static {
            List<byte[]> half = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                half.add(i % 2 == 0 ? VALUE : null);
            }
            HALF = CompletableFuture.completedFuture(Collections.unmodifiableList(half));
        }

        @Override
        public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
            return TRUE;
        }

        @Override
        public CompletableFuture<byte[]> get(byte[] key) {
            return key[key.length - 1] == 'g' ? MISS : HIT;
        }

        @Override
        public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
            return HALF;
        }

        @Override
        public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
            return DONE;
        }

        @Override
        public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
            return HALF;
        }

        @Override
        public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
            return CompletableFuture.completedFuture(Collections.nCopies(keys.size(), true));
        }

        @Override
        public CompletableFuture<Long> delete(List<byte[]> keys) {
            return ONE;
        }

        @Override
        public CompletableFuture<Long> unlink(List<byte[]> keys) {
            return ONE;
        }

        @Override
        public CompletableFuture<Boolean> exists(byte[] key) {
            return TRUE;
        }

        @Override
        public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
            return ONE;
        }

        @Override
        public CompletableFuture<Long> pttl(byte[] key) {
            return ONE;
        }

        @Override
        public CompletableFuture<Boolean> persist(byte[] key) {
            return TRUE;
        }

        @Override
        public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
            return TRUE;
        }

        @Override
        public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
            return TRUE;
        }

        @Override
        public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
            return CompletableFuture.completedFuture(new ScanPage(List.of(), ScanCursor.FINISHED));
        }

        @Override
        public CompletableFuture<Void> flushDb() {
            return DONE;
        }

        @Override
        public Object rawConnection(boolean write) {
            return this;
        }

        @Override
        public String describe() {
            return "ready futures";
        }

        @Override
        public void close() {
        }
    }
}
