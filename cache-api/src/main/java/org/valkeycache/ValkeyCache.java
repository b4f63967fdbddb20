package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
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
 * <p>Thread-safe. Each synchronous call waits for its server round trip at most the configured
 * request timeout plus a small margin.
 */
public final class ValkeyCache implements BackendCommands {

    private final CacheCore core;
    private final boolean ownsResources;
    private final ValueOps values;
    private final BulkOps bulk;
    private final KeyspaceOps keyspace;
    private final ExpiryOps expiry;
    private final HashOps hashes;
    private final SetOps sets;
    private final SortedSetOps sortedSets;
    private final ListOps lists;

    private ValkeyCache(CacheCore core, boolean ownsResources) {
        this.core = core;
        this.ownsResources = ownsResources;
        this.values = new ValueOps(core);
        this.bulk = new BulkOps(core);
        this.keyspace = new KeyspaceOps(core);
        this.expiry = new ExpiryOps(core);
        this.hashes = new HashOps(core);
        this.sets = new SetOps(core);
        this.sortedSets = new SortedSetOps(core);
        this.lists = new ListOps(core);
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
        Objects.requireNonNull(config, "config");
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
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(client, "client");
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
    public boolean set(String key, Object value, Duration timeout) {
        return values.set(key, value, timeout);
    }

    @Override
    public boolean set(String key, Object value, Timeout timeout) {
        return values.set(key, value, timeout);
    }

    @Override
    public boolean set(String key, Object value, SetArgs args) {
        return values.set(key, value, args);
    }

    @Override
    public boolean add(String key, Object value, Duration timeout) {
        return values.add(key, value, timeout);
    }

    @Override
    public boolean add(String key, Object value, Timeout timeout) {
        return values.add(key, value, timeout);
    }

    @Override
    public <T> T get(String key) {
        return values.get(key);
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return values.get(key, type);
    }

    @Override
    public <T> T getOrDefault(String key, T defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    @Override
    public <T> T getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout) {
        return values.getOrSet(key, supplier, timeout);
    }

    @Override
    public boolean hasKey(String key) {
        return values.hasKey(key);
    }

    @Override
    public boolean delete(String key) {
        return values.delete(key);
    }

    @Override
    public long incr(String key, long delta) {
        return values.incr(key, delta);
    }

    @Override
    public int incrVersion(String key, int delta) {
        return values.incrVersion(key, delta);
    }

    // ---- bulk ---------------------------------------------------------------------------------

    @Override
    public long deleteMany(Collection<String> keys) {
        return bulk.deleteMany(keys);
    }

    @Override
    public Map<String, Object> mget(Collection<String> keys) {
        return bulk.mget(keys);
    }

    @Override
    public void mset(Map<String, ?> values, Timeout timeout) {
        bulk.mset(values, timeout);
    }

    @Override
    public Map<String, Object> getMany(Collection<String> keys) {
        return bulk.getMany(keys);
    }

    @Override
    public List<String> setMany(Map<String, ?> values, Timeout timeout) {
        return bulk.setMany(values, timeout);
    }

    // ---- patterns -----------------------------------------------------------------------------

    @Override
    public long clear() {
        return keyspace.clear();
    }

    @Override
    public List<String> keys(String pattern) {
        return keyspace.keys(pattern);
    }

    @Override
    public Stream<String> iterKeys(String pattern) {
        return keyspace.iterKeys(pattern);
    }

    @Override
    public Stream<String> iterKeys(String pattern, int itersize) {
        return keyspace.iterKeys(pattern, itersize);
    }

    @Override
    public long deletePattern(String pattern) {
        return keyspace.deletePattern(pattern);
    }

    @Override
    public long deletePattern(String pattern, int itersize, LongConsumer progress) {
        return keyspace.deletePattern(pattern, itersize, progress);
    }

    // ---- expiry -------------------------------------------------------------------------------

    @Override
    public Duration ttl(String key) {
        return expiry.ttl(key);
    }

    @Override
    public Duration pttl(String key) {
        return expiry.pttl(key);
    }

    @Override
    public boolean persist(String key) {
        return expiry.persist(key);
    }

    @Override
    public boolean pexpire(String key, Duration timeout) {
        return expiry.pexpire(key, timeout);
    }

    @Override
    public boolean expireAt(String key, Instant when) {
        return expiry.expireAt(key, when);
    }

    @Override
    public boolean pexpireAt(String key, Instant when) {
        return expiry.pexpireAt(key, when);
    }

    @Override
    public boolean touch(String key, Duration timeout) {
        return expiry.touch(key, timeout);
    }

    @Override
    public boolean touch(String key, Timeout timeout) {
        return expiry.touch(key, timeout);
    }

    // ---- hashes -------------------------------------------------------------------------------

    @Override
    public long hset(String key, String field, Object value) {
        return hashes.hset(key, field, value);
    }

    @Override
    public long hset(String key, Map<String, ?> fields) {
        return hashes.hset(key, fields);
    }

    @Override
    public boolean hsetnx(String key, String field, Object value) {
        return hashes.hsetnx(key, field, value);
    }

    @Override
    public <T> T hget(String key, String field) {
        return hashes.hget(key, field);
    }

    @Override
    public <T> T hget(String key, String field, Class<T> type) {
        return hashes.hget(key, field, type);
    }

    @Override
    public Map<String, Object> hmget(String key, Collection<String> fields) {
        return hashes.hmget(key, fields);
    }

    @Override
    public Map<String, Object> hgetall(String key) {
        return hashes.hgetall(key);
    }

    @Override
    public long hdel(String key, String... fields) {
        return hashes.hdel(key, fields);
    }

    @Override
    public long hlen(String key) {
        return hashes.hlen(key);
    }

    @Override
    public List<String> hkeys(String key) {
        return hashes.hkeys(key);
    }

    @Override
    public List<Object> hvals(String key) {
        return hashes.hvals(key);
    }

    @Override
    public boolean hexists(String key, String field) {
        return hashes.hexists(key, field);
    }

    @Override
    public long hincrby(String key, String field, long delta) {
        return hashes.hincrby(key, field, delta);
    }

    // ---- sets ---------------------------------------------------------------------------------

    @Override
    public long sadd(String key, Object... members) {
        return sets.sadd(key, members);
    }

    @Override
    public long srem(String key, Object... members) {
        return sets.srem(key, members);
    }

    @Override
    public long scard(String key) {
        return sets.scard(key);
    }

    @Override
    public boolean sismember(String key, Object member) {
        return sets.sismember(key, member);
    }

    @Override
    public List<Boolean> smismember(String key, Object... members) {
        return sets.smismember(key, members);
    }

    @Override
    public Set<Object> smembers(String key) {
        return sets.smembers(key);
    }

    @Override
    public <T> T spop(String key) {
        return sets.spop(key);
    }

    @Override
    public Set<Object> spop(String key, int count) {
        return sets.spop(key, count);
    }

    @Override
    public <T> T srandmember(String key) {
        return sets.srandmember(key);
    }

    @Override
    public List<Object> srandmember(String key, int count) {
        return sets.srandmember(key, count);
    }

    @Override
    public boolean smove(String source, String destination, Object member) {
        return sets.smove(source, destination, member);
    }

    @Override
    public Set<Object> sinter(String... keys) {
        return sets.sinter(keys);
    }

    @Override
    public long sinterstore(String destination, String... keys) {
        return sets.sinterstore(destination, keys);
    }

    @Override
    public Set<Object> sunion(String... keys) {
        return sets.sunion(keys);
    }

    @Override
    public long sunionstore(String destination, String... keys) {
        return sets.sunionstore(destination, keys);
    }

    @Override
    public Set<Object> sdiff(String... keys) {
        return sets.sdiff(keys);
    }

    @Override
    public long sdiffstore(String destination, String... keys) {
        return sets.sdiffstore(destination, keys);
    }

    @Override
    public Set<Object> sscan(String key, int count) {
        return sets.sscan(key, count);
    }

    @Override
    public Stream<Object> sscanIter(String key, int count) {
        return sets.sscanIter(key, count);
    }

    // ---- sorted sets --------------------------------------------------------------------------

    @Override
    public long zadd(String key, Map<?, Double> scores, ZAddArgs args) {
        return sortedSets.zadd(key, scores, args);
    }

    @Override
    public List<Object> zrange(String key, long start, long stop) {
        return sortedSets.zrange(key, start, stop);
    }

    @Override
    public List<ScoredMember> zrangeWithScores(String key, long start, long stop, boolean reverse) {
        return sortedSets.zrangeWithScores(key, start, stop, reverse);
    }

    @Override
    public List<Object> zrangeByScore(String key, double min, double max) {
        return sortedSets.zrangeByScore(key, min, max);
    }

    @Override
    public List<ScoredMember> zrangeByScoreWithScores(String key, double min, double max, long offset, long count, boolean reverse) {
        return sortedSets.zrangeByScoreWithScores(key, min, max, offset, count, reverse);
    }

    @Override
    public long zrem(String key, Object... members) {
        return sortedSets.zrem(key, members);
    }

    @Override
    public Double zscore(String key, Object member) {
        return sortedSets.zscore(key, member);
    }

    @Override
    public double zincrby(String key, Object member, double delta) {
        return sortedSets.zincrby(key, member, delta);
    }

    @Override
    public long zcard(String key) {
        return sortedSets.zcard(key);
    }

    @Override
    public Long zrank(String key, Object member) {
        return sortedSets.zrank(key, member);
    }

    @Override
    public List<ScoredMember> zpopmin(String key, int count) {
        return sortedSets.zpopmin(key, count);
    }

    @Override
    public List<ScoredMember> zpopmax(String key, int count) {
        return sortedSets.zpopmax(key, count);
    }

    // ---- lists --------------------------------------------------------------------------------

    @Override
    public long lpush(String key, Object... values) {
        return lists.lpush(key, values);
    }

    @Override
    public long rpush(String key, Object... values) {
        return lists.rpush(key, values);
    }

    @Override
    public <T> T lpop(String key) {
        return lists.lpop(key);
    }

    @Override
    public List<Object> lpop(String key, int count) {
        return lists.lpop(key, count);
    }

    @Override
    public <T> T rpop(String key) {
        return lists.rpop(key);
    }

    @Override
    public List<Object> rpop(String key, int count) {
        return lists.rpop(key, count);
    }

    @Override
    public List<Object> lrange(String key, long start, long stop) {
        return lists.lrange(key, start, stop);
    }

    @Override
    public long llen(String key) {
        return lists.llen(key);
    }

    @Override
    public long lrem(String key, long count, Object value) {
        return lists.lrem(key, count, value);
    }

    @Override
    public void ltrim(String key, long start, long stop) {
        lists.ltrim(key, start, stop);
    }

    @Override
    public Map.Entry<String, Object> blpop(Duration timeout, String... keys) {
        return lists.blpop(timeout, keys);
    }

    @Override
    public Map.Entry<String, Object> brpop(Duration timeout, String... keys) {
        return lists.brpop(timeout, keys);
    }

    // ---- locks, raw access, lifecycle --------------------------------------------------------

    @Override
    public CacheLock getLock(String name, LockOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new ValkeyLock(name, core.key(name), options, core);
    }

    @Override
    public Object getValkeyConnection(boolean write) {
        return core.client().rawConnection(write);
    }

    @Override
    public <C> C getValkeyConnection(Class<C> type, boolean write) {
        Object raw = getValkeyConnection(write);
        if (!type.isInstance(raw)) {
            throw new CacheUnsupportedOperationException("the raw connection of " + core.client().describe() + " is a "
                    + raw.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(raw);
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
