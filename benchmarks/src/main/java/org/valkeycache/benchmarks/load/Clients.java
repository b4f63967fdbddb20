package org.valkeycache.benchmarks.load;

import glide.api.GlideClient;
import glide.api.models.Batch;
import glide.api.models.GlideString;
import glide.api.models.commands.SetOptions;
import glide.api.models.commands.scan.ScanOptions;
import glide.api.models.configuration.GlideClientConfiguration;
import glide.api.models.configuration.NodeAddress;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.redisson.Redisson;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.valkeycache.AsyncBackendCommands;
import org.valkeycache.BackendCommands;
import org.valkeycache.Timeout;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeySentinel;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/** The clients under test. Every one stores the same bytes under the same stored keys. */
final class Clients {

    static final List<String> ALL = List.of("valkey-cache", "valkey-cache-herd", "valkey-cache-sentinel", "glide", "jedis", "lettuce-sync",
            AsyncFacade.NAME, "lettuce-async", "redisson");
    static final int SCAN_COUNT = 1000;

    private Clients() {
    }

    static BenchClient open(String name, int port, int maxThreads) throws Exception {
        return switch (name) {
            case "valkey-cache" -> new Facade(port);
            case "valkey-cache-herd" -> new Facade(port, "herd", "valkey-cache-herd");
            case AsyncFacade.NAME -> new AsyncFacade(new Facade(port, "default", AsyncFacade.NAME));
            case Facade.NEAR -> new Facade(Facade.NEAR, CacheConfig.builder().location("valkey://127.0.0.1:" + port)
                    .option("near_cache.enabled", "true"));
            case Facade.SENTINEL -> Facade.sentinel(port);
            case "glide" -> new RawGlide(port);
            case "jedis" -> new JedisBench(port, maxThreads);
            case "lettuce-sync" -> new LettuceBench(port, false);
            case "lettuce-async" -> new LettuceBench(port, true);
            case "redisson" -> new RedissonBench(port, maxThreads);
            default -> throw new IllegalArgumentException("unknown client " + name + ", expected one of " + ALL);
        };
    }

    /** valkey-cache through the {@link BackendCommands} facade, string serializer, no compression. */
    static final class Facade implements BenchClient {
        /** The same facade on the {@code sentinel} client, finding the server through a sentinel. */
        static final String SENTINEL = "valkey-cache-sentinel";
        /** The facade on the {@code default} client with the near cache on ({@code options.near_cache.enabled}). */
        static final String NEAR = "valkey-cache-near";

        private final String name;
        private final BackendCommands cache;
        private final AutoCloseable companion;

        Facade(int port) {
            this(port, "default", "valkey-cache");
        }

        /** The facade over another strategy, e.g. {@code herd} (stored values then carry its envelope). */
        Facade(int port, String clientClass, String name) {
            this(name, CacheConfig.builder().location("valkey://127.0.0.1:" + port).clientClass(clientClass), null);
        }

        /** The facade over another topology (locations and client class set), reported as {@code name}. */
        Facade(String name, CacheConfig.Builder topology) {
            this(name, topology, null);
        }

        private Facade(String name, CacheConfig.Builder topology, AutoCloseable companion) {
            this.name = name;
            this.companion = companion;
            cache = ValkeyCache.open(topology
                    .keyPrefix("b")
                    .serializer("string")
                    .build());
        }

        /** The facade on any topology (e.g. a cluster), with the bench's prefix and serializer. */
        Facade(CacheConfig.Builder topology, String name) {
            this(name, topology, null);
        }

        /**
         * Starts a sentinel monitoring the benchmark server (steady state: it never fails over,
         * there is no replica) and opens the facade through it, so routing is the only difference.
         */
        static Facade sentinel(int port) {
            ValkeySentinel sentinel = ValkeySentinel.builder("bench", port).downAfter(Duration.ofSeconds(60)).start();
            try {
                return new Facade(SENTINEL, CacheConfig.builder().location("valkey://bench").clientClass("sentinel")
                        .option("sentinels", sentinel.address()), sentinel);
            } catch (RuntimeException e) {
                sentinel.close();
                throw e;
            }
        }

        @Override public String name() { return name; }

        /** The cache itself, for populating data outside the timed calls. */
        BackendCommands cache() { return cache; }

        @Override
        public Op op(Workload w, Data d) {
            int n = d.keys();
            int b = d.batches();
            Duration ttl = Duration.ofSeconds(Data.TTL_SECONDS);
            // -Dbench.setmany.never=true: setMany without a timeout (for Compare runs of that path)
            Timeout setManyTimeout = Boolean.getBoolean("bench.setmany.never")
                    ? Timeout.never() : Timeout.ofSeconds(Data.TTL_SECONDS);
            return switch (w) {
                case GET_HIT -> (t, i) -> cache.get(d.hitUser[BenchClient.index(t, i, n)]) != null;
                case GET_MISS -> (t, i) -> cache.get(d.missUser[BenchClient.index(t, i, n)]) == null;
                case SET_TTL -> (t, i) -> cache.set(d.setUser[BenchClient.index(t, i, n)], d.value, ttl);
                case MGET_100 -> (t, i) -> cache.mget(d.batchUser.get(BenchClient.index(t, i, b))).size() == Data.BATCH;
                case GET_MANY_100 -> (t, i) -> cache.getMany(d.batchUser.get(BenchClient.index(t, i, b))).size() == Data.BATCH;
                case SET_MANY_100 -> (t, i) -> cache.setMany(d.setBatchUser.get(BenchClient.index(t, i, b)),
                        setManyTimeout).isEmpty();
                case INCR -> (t, i) -> cache.incr(d.counterUser) > 0;
            };
        }

        @Override
        public long deletePattern(String userPattern) {
            return cache.deletePattern(userPattern, SCAN_COUNT);
        }

        @Override
        public void close() throws Exception {
            cache.close();
            if (companion != null) {
                companion.close();
            }
        }
    }

    /**
     * valkey-cache through its asynchronous facade ({@code cache.async()}, replies decoded on the
     * common pool), measured as {@code lettuce-async} is: each call waits for its future.
     */
    static final class AsyncFacade implements BenchClient {
        static final String NAME = "valkey-cache-async";

        private final Facade facade;
        private final AsyncBackendCommands async;

        AsyncFacade(Facade facade) {
            this.facade = facade;
            this.async = facade.cache().async();
        }

        @Override public String name() { return NAME; }

        @Override
        public Op op(Workload w, Data d) {
            int n = d.keys();
            int b = d.batches();
            Duration ttl = Duration.ofSeconds(Data.TTL_SECONDS);
            return switch (w) {
                case GET_HIT -> (t, i) -> async.get(d.hitUser[BenchClient.index(t, i, n)]).get() != null;
                case GET_MISS -> (t, i) -> async.get(d.missUser[BenchClient.index(t, i, n)]).get() == null;
                case SET_TTL -> (t, i) -> async.set(d.setUser[BenchClient.index(t, i, n)], d.value, ttl).get();
                case MGET_100 -> (t, i) -> async.mget(d.batchUser.get(BenchClient.index(t, i, b))).get().size() == Data.BATCH;
                case GET_MANY_100 -> (t, i) -> async.getMany(d.batchUser.get(BenchClient.index(t, i, b))).get().size()
                        == Data.BATCH;
                case SET_MANY_100 -> (t, i) -> async.setMany(d.setBatchUser.get(BenchClient.index(t, i, b)),
                        Timeout.ofSeconds(Data.TTL_SECONDS)).get().isEmpty();
                case INCR -> (t, i) -> async.incr(d.counterUser).get() > 0;
            };
        }

        @Override
        public long deletePattern(String userPattern) throws Exception {
            return async.deletePattern(userPattern, SCAN_COUNT).get();
        }

        @Override
        public void close() throws Exception {
            facade.close();
        }
    }

    /** Raw valkey-glide {@link GlideClient} with binary {@link GlideString} keys and values. */
    static final class RawGlide implements BenchClient {
        private final GlideClient client;

        RawGlide(int port) throws Exception {
            client = GlideClient.createClient(GlideClientConfiguration.builder()
                    .address(NodeAddress.builder().host("127.0.0.1").port(port).build())
                    .requestTimeout(5000)
                    .build()).get();
        }

        @Override public String name() { return "glide"; }

        private static GlideString[] gs(String[] s) {
            GlideString[] out = new GlideString[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = GlideString.of(s[i]);
            }
            return out;
        }

        @Override
        public Op op(Workload w, Data d) {
            int n = d.keys();
            int b = d.batches();
            GlideString[] hit = gs(d.hitFull);
            GlideString[] miss = gs(d.missFull);
            GlideString[] set = gs(d.setFull);
            GlideString value = GlideString.of(d.value);
            GlideString counter = GlideString.of(d.counterFull);
            SetOptions ttl = SetOptions.builder().expiry(SetOptions.Expiry.Seconds((long) Data.TTL_SECONDS)).build();
            List<GlideString[]> batches = new ArrayList<>();
            for (int j = 0; j < b; j++) {
                batches.add(gs(d.batchFull.get(j).toArray(new String[0])));
            }
            List<GlideString[]> setBatches = new ArrayList<>();
            for (int j = 0; j < b; j++) {
                setBatches.add(gs(d.setBatchFull.get(j).keySet().toArray(new String[0])));
            }
            return switch (w) {
                case GET_HIT -> (t, i) -> client.get(hit[BenchClient.index(t, i, n)]).get() != null;
                case GET_MISS -> (t, i) -> client.get(miss[BenchClient.index(t, i, n)]).get() == null;
                case SET_TTL -> (t, i) -> "OK".equals(client.set(set[BenchClient.index(t, i, n)], value, ttl).get());
                case MGET_100 -> (t, i) -> client.mget(batches.get(BenchClient.index(t, i, b))).get().length == Data.BATCH;
                case GET_MANY_100 -> (t, i) -> {
                    Batch batch = new Batch(false).withBinaryOutput();
                    for (GlideString k : batches.get(BenchClient.index(t, i, b))) {
                        batch.get(k);
                    }
                    return client.exec(batch, false).get().length == Data.BATCH;
                };
                case SET_MANY_100 -> (t, i) -> {
                    Batch batch = new Batch(false).withBinaryOutput();
                    for (GlideString k : setBatches.get(BenchClient.index(t, i, b))) {
                        batch.set(k, value, ttl);
                    }
                    return client.exec(batch, false).get().length == Data.BATCH;
                };
                case INCR -> (t, i) -> client.incr(counter).get() > 0;
            };
        }

        @Override
        public long deletePattern(String userPattern) throws Exception {
            ScanOptions options = ScanOptions.builder().matchPattern(Data.PREFIX + userPattern).count((long) SCAN_COUNT).build();
            String cursor = "0";
            long deleted = 0;
            do {
                Object[] page = client.scan(cursor, options).get();
                cursor = page[0].toString();
                Object[] keys = (Object[]) page[1];
                if (keys.length > 0) {
                    String[] ks = new String[keys.length];
                    for (int i = 0; i < keys.length; i++) {
                        ks[i] = keys[i].toString();
                    }
                    deleted += client.unlink(ks).get();
                }
            } while (!"0".equals(cursor));
            return deleted;
        }

        @Override public void close() throws Exception { client.close(); }
    }

    /** Jedis {@code RedisClient} (Jedis 7+ replacement for JedisPooled): a connection pool, one connection per call. */
    static final class JedisBench implements BenchClient {
        private final redis.clients.jedis.RedisClient jedis;

        JedisBench(int port, int maxThreads) {
            GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
            pool.setMaxTotal(Math.max(8, maxThreads));
            pool.setMaxIdle(Math.max(8, maxThreads));
            pool.setMinIdle(0);
            jedis = redis.clients.jedis.RedisClient.builder().hostAndPort("127.0.0.1", port).poolConfig(pool).build();
        }

        @Override public String name() { return "jedis"; }

        @Override
        public Op op(Workload w, Data d) {
            int n = d.keys();
            int b = d.batches();
            SetParams ttl = SetParams.setParams().ex(Data.TTL_SECONDS);
            List<String[]> batches = batchArrays(d);
            return switch (w) {
                case GET_HIT -> (t, i) -> jedis.get(d.hitFull[BenchClient.index(t, i, n)]) != null;
                case GET_MISS -> (t, i) -> jedis.get(d.missFull[BenchClient.index(t, i, n)]) == null;
                case SET_TTL -> (t, i) -> "OK".equals(jedis.set(d.setFull[BenchClient.index(t, i, n)], d.value, ttl));
                case MGET_100 -> (t, i) -> jedis.mget(batches.get(BenchClient.index(t, i, b))).size() == Data.BATCH;
                case GET_MANY_100 -> (t, i) -> {
                    List<Response<String>> rs = new ArrayList<>(Data.BATCH);
                    try (Pipeline p = (Pipeline) jedis.pipelined()) {
                        for (String k : batches.get(BenchClient.index(t, i, b))) {
                            rs.add(p.get(k));
                        }
                        p.sync();
                    }
                    return rs.get(Data.BATCH - 1).get() != null;
                };
                case SET_MANY_100 -> (t, i) -> {
                    List<Response<String>> rs = new ArrayList<>(Data.BATCH);
                    try (Pipeline p = (Pipeline) jedis.pipelined()) {
                        for (Map.Entry<String, String> e : d.setBatchFull.get(BenchClient.index(t, i, b)).entrySet()) {
                            rs.add(p.set(e.getKey(), e.getValue(), ttl));
                        }
                        p.sync();
                    }
                    return "OK".equals(rs.get(Data.BATCH - 1).get());
                };
                case INCR -> (t, i) -> jedis.incr(d.counterFull) > 0;
            };
        }

        @Override
        public long deletePattern(String userPattern) {
            ScanParams params = new ScanParams().match(Data.PREFIX + userPattern).count(SCAN_COUNT);
            String cursor = ScanParams.SCAN_POINTER_START;
            long deleted = 0;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                cursor = page.getCursor();
                if (!page.getResult().isEmpty()) {
                    deleted += jedis.unlink(page.getResult().toArray(new String[0]));
                }
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return deleted;
        }

        @Override public void close() { jedis.close(); }
    }

    /** Each batch of full key names as an array, as Lettuce's varargs commands take them. */
    static List<String[]> batchArrays(Data d) {
        List<String[]> batches = new ArrayList<>();
        for (int j = 0; j < d.batches(); j++) {
            batches.add(d.batchFull.get(j).toArray(new String[0]));
        }
        return batches;
    }

    /**
     * The async Lettuce operations, shared by the standalone client here and the cluster client of
     * {@link ClusterLoadDriver}: the 100-command batches leave in one write (manual flush on the
     * one connection).
     */
    static BenchClient.Op lettuceAsyncOp(Workload w, Data d, StatefulConnection<String, String> connection,
            RedisStringAsyncCommands<String, String> async) {
        int n = d.keys();
        int b = d.batches();
        SetArgs ttl = SetArgs.Builder.ex(Data.TTL_SECONDS);
        List<String[]> batches = batchArrays(d);
        return switch (w) {
            case GET_HIT -> (t, i) -> async.get(d.hitFull[BenchClient.index(t, i, n)]).get() != null;
            case GET_MISS -> (t, i) -> async.get(d.missFull[BenchClient.index(t, i, n)]).get() == null;
            case SET_TTL -> (t, i) -> "OK".equals(async.set(d.setFull[BenchClient.index(t, i, n)], d.value, ttl).get());
            case MGET_100 -> (t, i) -> async.mget(batches.get(BenchClient.index(t, i, b))).get().size() == Data.BATCH;
            case GET_MANY_100 -> (t, i) -> {
                String[] keys = batches.get(BenchClient.index(t, i, b));
                @SuppressWarnings("unchecked")
                RedisFuture<String>[] fs = new RedisFuture[keys.length];
                synchronized (connection) { // manual flush: all 100 commands leave in one write
                    connection.setAutoFlushCommands(false);
                    try {
                        for (int k = 0; k < keys.length; k++) {
                            fs[k] = async.get(keys[k]);
                        }
                    } finally {
                        connection.flushCommands();
                        connection.setAutoFlushCommands(true);
                    }
                }
                return LettuceFutures.awaitAll(5, TimeUnit.SECONDS, fs) && fs[keys.length - 1].get() != null;
            };
            case SET_MANY_100 -> (t, i) -> {
                Map<String, String> m = d.setBatchFull.get(BenchClient.index(t, i, b));
                @SuppressWarnings("unchecked")
                RedisFuture<String>[] fs = new RedisFuture[m.size()];
                int k = 0;
                synchronized (connection) { // manual flush: all 100 commands leave in one write
                    connection.setAutoFlushCommands(false);
                    try {
                        for (Map.Entry<String, String> e : m.entrySet()) {
                            fs[k++] = async.set(e.getKey(), e.getValue(), ttl);
                        }
                    } finally {
                        connection.flushCommands();
                        connection.setAutoFlushCommands(true);
                    }
                }
                return LettuceFutures.awaitAll(5, TimeUnit.SECONDS, fs) && "OK".equals(fs[k - 1].get());
            };
            case INCR -> (t, i) -> async.incr(d.counterFull).get() > 0;
        };
    }

    /**
     * Lettuce on one shared connection. Sync: blocking commands. Async: each call issues the
     * command(s) and waits; getMany/setMany queue 100 commands with auto-flush off (under a lock,
     * as the connection is shared), flush them in one write, then wait for all (pipelining).
     */
    static final class LettuceBench implements BenchClient {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;
        private final RedisCommands<String, String> sync;
        private final RedisAsyncCommands<String, String> async;
        private final boolean useAsync;

        LettuceBench(int port, boolean useAsync) {
            this.useAsync = useAsync;
            client = RedisClient.create(RedisURI.create("127.0.0.1", port));
            connection = client.connect();
            sync = connection.sync();
            async = connection.async();
        }

        @Override public String name() { return useAsync ? "lettuce-async" : "lettuce-sync"; }

        @Override
        public Op op(Workload w, Data d) {
            int n = d.keys();
            int b = d.batches();
            SetArgs ttl = SetArgs.Builder.ex(Data.TTL_SECONDS);
            List<String[]> batches = batchArrays(d);
            if (!useAsync) {
                return switch (w) {
                    case GET_HIT -> (t, i) -> sync.get(d.hitFull[BenchClient.index(t, i, n)]) != null;
                    case GET_MISS -> (t, i) -> sync.get(d.missFull[BenchClient.index(t, i, n)]) == null;
                    case SET_TTL -> (t, i) -> "OK".equals(sync.set(d.setFull[BenchClient.index(t, i, n)], d.value, ttl));
                    case MGET_100 -> (t, i) -> sync.mget(batches.get(BenchClient.index(t, i, b))).size() == Data.BATCH;
                    case GET_MANY_100, SET_MANY_100 -> null; // no pipelining in the sync API: see lettuce-async
                    case INCR -> (t, i) -> sync.incr(d.counterFull) > 0;
                };
            }
            return lettuceAsyncOp(w, d, connection, async);
        }

        @Override
        public long deletePattern(String userPattern) {
            ScanArgs args = ScanArgs.Builder.matches(Data.PREFIX + userPattern).limit(SCAN_COUNT);
            ScanCursor cursor = ScanCursor.INITIAL;
            long deleted = 0;
            do {
                KeyScanCursor<String> page = sync.scan(cursor, args);
                if (!page.getKeys().isEmpty()) {
                    deleted += sync.unlink(page.getKeys().toArray(new String[0]));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Redisson: RBucket for single keys, RBuckets (MGET), RBatch for pipelines, RKeys.deleteByPattern. */
    static final class RedissonBench implements BenchClient {
        private final RedissonClient redisson;

        RedissonBench(int port, int maxThreads) {
            Config config = new Config();
            config.setCodec(StringCodec.INSTANCE);
            config.useSingleServer()
                    .setAddress("redis://127.0.0.1:" + port)
                    .setConnectionPoolSize(Math.max(64, maxThreads))
                    .setConnectionMinimumIdleSize(Math.min(24, Math.max(1, maxThreads)))
                    .setTimeout(5000);
            redisson = Redisson.create(config);
        }

        @Override public String name() { return "redisson"; }

        @Override
        public Op op(Workload w, Data d) {
            int n = d.keys();
            int b = d.batches();
            Duration ttl = Duration.ofSeconds(Data.TTL_SECONDS);
            List<String[]> batches = batchArrays(d);
            return switch (w) {
                case GET_HIT -> (t, i) -> redisson.<String>getBucket(d.hitFull[BenchClient.index(t, i, n)]).get() != null;
                case GET_MISS -> (t, i) -> redisson.<String>getBucket(d.missFull[BenchClient.index(t, i, n)]).get() == null;
                case SET_TTL -> (t, i) -> {
                    redisson.<String>getBucket(d.setFull[BenchClient.index(t, i, n)]).set(d.value, ttl);
                    return true;
                };
                case MGET_100 -> (t, i) -> redisson.getBuckets().get(batches.get(BenchClient.index(t, i, b))).size() == Data.BATCH;
                case GET_MANY_100 -> (t, i) -> {
                    RBatch batch = redisson.createBatch(BatchOptions.defaults());
                    for (String k : batches.get(BenchClient.index(t, i, b))) {
                        batch.<String>getBucket(k).getAsync();
                    }
                    return batch.execute().getResponses().size() == Data.BATCH;
                };
                case SET_MANY_100 -> (t, i) -> {
                    RBatch batch = redisson.createBatch(BatchOptions.defaults());
                    for (Map.Entry<String, String> e : d.setBatchFull.get(BenchClient.index(t, i, b)).entrySet()) {
                        batch.<String>getBucket(e.getKey()).setAsync(e.getValue(), ttl);
                    }
                    return batch.execute().getResponses().size() == Data.BATCH;
                };
                case INCR -> (t, i) -> redisson.getAtomicLong(d.counterFull).incrementAndGet() > 0;
            };
        }

        @Override
        public long deletePattern(String userPattern) {
            return redisson.getKeys().deleteByPattern(Data.PREFIX + userPattern);
        }

        @Override public void close() { redisson.shutdown(); }
    }
}
