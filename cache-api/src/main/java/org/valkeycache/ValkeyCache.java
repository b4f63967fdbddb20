package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.internal.Arguments;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.ValkeyClient;

/**
 * The {@link BackendCommands} implementation: makes keys, applies the timeout rules and the
 * ignore-exceptions policy, encodes values once, and delegates the byte-level work to the
 * configured {@link ValkeyClient} strategy.
 *
 * <pre>{@code
 * try (ValkeyCache cache = ValkeyCache.open(CacheConfig.builder()
 *         .location("valkey://127.0.0.1:6379").keyPrefix("shop").build())) {
 *     cache.set("greeting", "hello", Duration.ofMinutes(5));
 *     String greeting = cache.get("greeting", String.class);
 * }
 * }</pre>
 *
 * <p>A thin facade: each command family is a package-private collaborator ({@code ValueOps},
 * {@code BulkOps}, {@code KeyspaceOps}, {@code ExpiryOps}, {@code HashOps}, {@code SetOps},
 * {@code SortedSetOps}, {@code ListOps}, and {@link CacheLock}s) over one {@code CacheCore} that
 * makes keys, holds the codec and waits for the client under the ignore-exceptions policy.
 *
 * <p>Every command is written once, asynchronously; a blocking call is that path plus a bounded
 * wait in which the calling thread itself decodes the reply, and {@link #async()} hands out the
 * same path as futures (see {@link AsyncBackendCommands}).
 *
 * <p>Thread-safe. Each synchronous call waits for each of its server round trips at most the
 * configured request timeout plus a small margin.
 */
public final class ValkeyCache implements BackendCommands {

    private final CacheCore core;
    private final boolean ownsResources;
    private final CommandFamilies ops;
    private final AsyncValkeyCache async;

    private ValkeyCache(CacheCore core, boolean ownsResources) {
        this.core = core;
        this.ownsResources = ownsResources;
        this.ops = new CommandFamilies(core);
        this.async = async(ForkJoinPool.commonPool());
    }

    /**
     * Opens a cache: loads the configured serializer, compressor and client strategy, and wraps
     * the client in the near cache (module {@code near-cache}) when
     * {@code options.near_cache.enabled=true}.
     *
     * @param config the configuration
     * @return the cache; close it when done
     * @throws CacheConfigurationException when a configured class is unknown or unusable, or an
     *     option is claimed by none of the cache's plugins (see {@link Plugins#validate})
     */
    public static ValkeyCache open(CacheConfig config) {
        Arguments.notNull(config, "config");
        Plugins.validate(config);
        ValueCodec codec = codec(config);
        return new ValkeyCache(new CacheCore(config, Plugins.decorate(config, Plugins.client(config)), codec), true);
    }

    /**
     * Wraps an already-built client (for strategies composed in code, and for decorators).
     *
     * @param config the configuration (its {@code clientClass} is not used)
     * @param client the client strategy; closed when the cache is closed; wrapped in the near
     *     cache when {@code options.near_cache.enabled=true}
     * @return the cache
     * @throws CacheConfigurationException when the serializer or compressor is unusable, or an
     *     option is claimed by none of them nor by the client's class
     */
    public static ValkeyCache open(CacheConfig config, ValkeyClient client) {
        Arguments.notNull(config, "config");
        Arguments.notNull(client, "client");
        Plugins.validate(config, client.getClass());
        ValueCodec codec = codec(config);
        return new ValkeyCache(new CacheCore(config, Plugins.decorate(config, client), codec), true);
    }

    /** The codec is made before the client, so a bad serializer or compressor opens no connection. */
    private static ValueCodec codec(CacheConfig config) {
        return new ValueCodec(Plugins.serializer(config), Plugins.compressor(config));
    }

    /**
     * The configuration this cache was opened with.
     *
     * @return the configuration
     */
    public CacheConfig config() {
        return core.config();
    }

    /**
     * The client strategy this cache delegates to.
     *
     * @return the client
     */
    public ValkeyClient client() {
        return core.client();
    }

    @Override
    public AsyncBackendCommands async() {
        return async;
    }

    @Override
    public AsyncValkeyCache async(Executor executor) {
        return new AsyncValkeyCache(this, core, Arguments.notNull(executor, "executor"), ops);
    }

    @Override
    public CacheMetrics metrics() {
        return core.metrics();
    }

    // ---- keys and versions -------------------------------------------------------------------

    @Override
    public String makeKey(String key) {
        return core.makeKey(key);
    }

    @Override
    public String makePattern(String pattern) {
        return core.makePattern(pattern);
    }

    @Override
    public BackendCommands withVersion(int newVersion) {
        return newVersion == core.version() ? this : new ValkeyCache(core.withVersion(newVersion), false);
    }

    @Override
    public int version() {
        return core.version();
    }

    // ---- single-key values ------------------------------------------------------------------

    @Override
    public boolean set(String key, Object value, SetArgs args) {
        return core.join(f -> ops.values.set(f, key, value, args));
    }

    @Override
    public <T> T addOrGet(String key, Object value, Timeout timeout, T whenAdded) {
        return core.join(f -> ops.values.addOrGet(f, key, value, timeout, whenAdded));
    }

    @Override
    public <T> T get(String key) {
        return core.join(f -> ops.values.get(f, key));
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return core.join(f -> ops.values.get(f, key, type));
    }

    @Override
    public <T> T getOrDefault(String key, T defaultValue) {
        return core.join(f -> ops.values.getOrDefault(f, key, defaultValue));
    }

    @Override
    public <T> T getAndTouch(String key, Timeout timeout, T defaultValue) {
        return core.join(f -> ops.values.getAndTouch(f, key, timeout, defaultValue));
    }

    @Override
    public <T> T getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout) {
        return core.join(f -> ops.values.getOrSet(f, key, supplier, timeout));
    }

    @Override
    public boolean hasKey(String key) {
        return core.join(f -> ops.values.hasKey(f, key));
    }

    @Override
    public boolean delete(String key) {
        return core.join(f -> ops.values.delete(f, key));
    }

    @Override
    public long incr(String key, long delta) {
        return core.join(f -> ops.values.incr(f, key, delta));
    }

    @Override
    public int incrVersion(String key, int delta) {
        return core.join(f -> ops.values.incrVersion(f, key, delta));
    }

    // ---- bulk ---------------------------------------------------------------------------------

    @Override
    public long deleteMany(Collection<String> keys) {
        return core.join(f -> ops.bulk.deleteMany(f, keys));
    }

    @Override
    public Map<String, Object> mget(Collection<String> keys) {
        return core.join(f -> ops.bulk.mget(f, keys));
    }

    @Override
    public void mset(Map<String, ?> values, Timeout timeout) {
        core.join(f -> ops.bulk.mset(f, values, timeout));
    }

    @Override
    public Map<String, Object> getMany(Collection<String> keys) {
        return core.join(f -> ops.bulk.getMany(f, keys));
    }

    @Override
    public List<String> setMany(Map<String, ?> values, Timeout timeout) {
        return core.join(f -> ops.bulk.setMany(f, values, timeout));
    }

    // ---- patterns -----------------------------------------------------------------------------

    @Override
    public long clear() {
        return core.join(ops.keyspace::clear);
    }

    @Override
    public List<String> keys(String pattern) {
        return core.join(f -> ops.keyspace.keys(f, pattern));
    }

    @Override
    public Stream<String> iterKeys(String pattern) {
        return ops.keyspace.iterKeys(pattern);
    }

    @Override
    public Stream<String> iterKeys(String pattern, int itersize) {
        return ops.keyspace.iterKeys(pattern, itersize);
    }

    @Override
    public long deletePattern(String pattern) {
        return deletePattern(pattern, core.config().scanItersize(), null);
    }

    @Override
    public long deletePattern(String pattern, int itersize, LongConsumer progress) {
        return core.join(f -> ops.keyspace.deletePattern(f, pattern, itersize, progress));
    }

    // ---- expiry -------------------------------------------------------------------------------

    @Override
    public Duration ttl(String key) {
        return core.join(f -> ops.expiry.ttl(f, key));
    }

    @Override
    public Duration pttl(String key) {
        return core.join(f -> ops.expiry.pttl(f, key));
    }

    @Override
    public boolean persist(String key) {
        return core.join(f -> ops.expiry.persist(f, key));
    }

    @Override
    public boolean pexpire(String key, Duration timeout) {
        return core.join(f -> ops.expiry.pexpire(f, key, timeout));
    }

    @Override
    public boolean pexpireAt(String key, Instant when) {
        return core.join(f -> ops.expiry.pexpireAt(f, key, when));
    }

    @Override
    public boolean touch(String key, Timeout timeout) {
        return core.join(f -> ops.expiry.touch(f, key, timeout));
    }

    // ---- hashes -------------------------------------------------------------------------------

    @Override
    public long hset(String key, String field, Object value) {
        return core.join(f -> ops.hashes.hset(f, key, field, value));
    }

    @Override
    public long hset(String key, Map<String, ?> fields) {
        return core.join(f -> ops.hashes.hset(f, key, fields));
    }

    @Override
    public boolean hsetnx(String key, String field, Object value) {
        return core.join(f -> ops.hashes.hsetnx(f, key, field, value));
    }

    @Override
    public <T> T hget(String key, String field) {
        return core.join(f -> ops.hashes.hget(f, key, field));
    }

    @Override
    public <T> T hget(String key, String field, Class<T> type) {
        return core.join(f -> ops.hashes.hget(f, key, field, type));
    }

    @Override
    public Map<String, Object> hmget(String key, Collection<String> fields) {
        return core.join(f -> ops.hashes.hmget(f, key, fields));
    }

    @Override
    public Map<String, Object> hgetall(String key) {
        return core.join(f -> ops.hashes.hgetall(f, key));
    }

    @Override
    public long hdel(String key, String... fields) {
        return core.join(f -> ops.hashes.hdel(f, key, fields));
    }

    @Override
    public long hlen(String key) {
        return core.join(f -> ops.hashes.hlen(f, key));
    }

    @Override
    public List<String> hkeys(String key) {
        return core.join(f -> ops.hashes.hkeys(f, key));
    }

    @Override
    public List<Object> hvals(String key) {
        return core.join(f -> ops.hashes.hvals(f, key));
    }

    @Override
    public boolean hexists(String key, String field) {
        return core.join(f -> ops.hashes.hexists(f, key, field));
    }

    @Override
    public long hincrby(String key, String field, long delta) {
        return core.join(f -> ops.hashes.hincrby(f, key, field, delta));
    }

    // ---- sets ---------------------------------------------------------------------------------

    @Override
    public long sadd(String key, Object... members) {
        return core.join(f -> ops.sets.sadd(f, key, members));
    }

    @Override
    public long srem(String key, Object... members) {
        return core.join(f -> ops.sets.srem(f, key, members));
    }

    @Override
    public long scard(String key) {
        return core.join(f -> ops.sets.scard(f, key));
    }

    @Override
    public boolean sismember(String key, Object member) {
        return core.join(f -> ops.sets.sismember(f, key, member));
    }

    @Override
    public List<Boolean> smismember(String key, Object... members) {
        return core.join(f -> ops.sets.smismember(f, key, members));
    }

    @Override
    public Set<Object> smembers(String key) {
        return core.join(f -> ops.sets.smembers(f, key));
    }

    @Override
    public <T> T spop(String key) {
        return core.join(f -> ops.sets.spop(f, key));
    }

    @Override
    public Set<Object> spop(String key, int count) {
        return core.join(f -> ops.sets.spop(f, key, count));
    }

    @Override
    public <T> T srandmember(String key) {
        return core.join(f -> ops.sets.srandmember(f, key));
    }

    @Override
    public List<Object> srandmember(String key, int count) {
        return core.join(f -> ops.sets.srandmember(f, key, count));
    }

    @Override
    public boolean smove(String source, String destination, Object member) {
        return core.join(f -> ops.sets.smove(f, source, destination, member));
    }

    @Override
    public Set<Object> sinter(String... keys) {
        return core.join(f -> ops.sets.sinter(f, keys));
    }

    @Override
    public long sinterstore(String destination, String... keys) {
        return core.join(f -> ops.sets.sinterstore(f, destination, keys));
    }

    @Override
    public Set<Object> sunion(String... keys) {
        return core.join(f -> ops.sets.sunion(f, keys));
    }

    @Override
    public long sunionstore(String destination, String... keys) {
        return core.join(f -> ops.sets.sunionstore(f, destination, keys));
    }

    @Override
    public Set<Object> sdiff(String... keys) {
        return core.join(f -> ops.sets.sdiff(f, keys));
    }

    @Override
    public long sdiffstore(String destination, String... keys) {
        return core.join(f -> ops.sets.sdiffstore(f, destination, keys));
    }

    @Override
    public Set<Object> sscan(String key, int count) {
        return core.join(f -> ops.sets.sscan(f, key, count));
    }

    @Override
    public Stream<Object> sscanIter(String key, int count) {
        byte[] k = ops.sets.sscanIterKey(key, count);
        return CursorIterator.stream(cursor -> core.join(f -> ops.sets.sscanStep(f, key, k, cursor, count)));
    }

    // ---- sorted sets --------------------------------------------------------------------------

    @Override
    public long zadd(String key, Map<?, Double> scores, ZAddArgs args) {
        return core.join(f -> ops.sortedSets.zadd(f, key, scores, args));
    }

    @Override
    public List<Object> zrange(String key, long start, long stop) {
        return core.join(f -> ops.sortedSets.zrange(f, key, start, stop));
    }

    @Override
    public List<ScoredMember> zrangeWithScores(String key, long start, long stop, boolean reverse) {
        return core.join(f -> ops.sortedSets.zrangeWithScores(f, key, start, stop, reverse));
    }

    @Override
    public List<Object> zrangeByScore(String key, double min, double max) {
        return core.join(f -> ops.sortedSets.zrangeByScore(f, key, min, max));
    }

    @Override
    public List<ScoredMember> zrangeByScoreWithScores(String key, double min, double max, long offset, long count, boolean reverse) {
        return core.join(f -> ops.sortedSets.zrangeByScoreWithScores(f, key, min, max, offset, count, reverse));
    }

    @Override
    public long zrem(String key, Object... members) {
        return core.join(f -> ops.sortedSets.zrem(f, key, members));
    }

    @Override
    public Double zscore(String key, Object member) {
        return core.join(f -> ops.sortedSets.zscore(f, key, member));
    }

    @Override
    public double zincrby(String key, Object member, double delta) {
        return core.join(f -> ops.sortedSets.zincrby(f, key, member, delta));
    }

    @Override
    public long zcard(String key) {
        return core.join(f -> ops.sortedSets.zcard(f, key));
    }

    @Override
    public Long zrank(String key, Object member) {
        return core.join(f -> ops.sortedSets.zrank(f, key, member));
    }

    @Override
    public List<ScoredMember> zpopmin(String key, int count) {
        return core.join(f -> ops.sortedSets.zpopmin(f, key, count));
    }

    @Override
    public List<ScoredMember> zpopmax(String key, int count) {
        return core.join(f -> ops.sortedSets.zpopmax(f, key, count));
    }

    // ---- lists --------------------------------------------------------------------------------

    @Override
    public long lpush(String key, Object... values) {
        return core.join(f -> ops.lists.lpush(f, key, values));
    }

    @Override
    public long rpush(String key, Object... values) {
        return core.join(f -> ops.lists.rpush(f, key, values));
    }

    @Override
    public <T> T lpop(String key) {
        return core.join(f -> ops.lists.lpop(f, key));
    }

    @Override
    public List<Object> lpop(String key, int count) {
        return core.join(f -> ops.lists.lpop(f, key, count));
    }

    @Override
    public <T> T rpop(String key) {
        return core.join(f -> ops.lists.rpop(f, key));
    }

    @Override
    public List<Object> rpop(String key, int count) {
        return core.join(f -> ops.lists.rpop(f, key, count));
    }

    @Override
    public List<Object> lrange(String key, long start, long stop) {
        return core.join(f -> ops.lists.lrange(f, key, start, stop));
    }

    @Override
    public long llen(String key) {
        return core.join(f -> ops.lists.llen(f, key));
    }

    @Override
    public long lrem(String key, long count, Object value) {
        return core.join(f -> ops.lists.lrem(f, key, count, value));
    }

    @Override
    public void ltrim(String key, long start, long stop) {
        core.join(f -> ops.lists.ltrim(f, key, start, stop));
    }

    @Override
    public Map.Entry<String, Object> blpop(Duration timeout, String... keys) {
        return core.join(f -> ops.lists.blpop(f, timeout, keys));
    }

    @Override
    public Map.Entry<String, Object> brpop(Duration timeout, String... keys) {
        return core.join(f -> ops.lists.brpop(f, timeout, keys));
    }

    // ---- locks, raw access, lifecycle --------------------------------------------------------

    @Override
    public CacheLock getLock(String name, LockOptions options) {
        Arguments.notNull(options, "options");
        return new ValkeyLock(name, core.key(name), options, core);
    }

    @Override
    public Object getValkeyConnection(boolean write) {
        return core.client().rawConnection(write);
    }

    @Override
    public void close() {
        if (ownsResources) {
            core.close();
        }
    }

    @Override
    public String toString() {
        return "ValkeyCache[" + config().name() + ", " + client().describe() + ", prefix='" + config().keyPrefix()
                + "', version=" + version() + "]";
    }
}
