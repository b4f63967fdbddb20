package org.valkeycache.testsupport.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.valkeycache.AsyncBackendCommands;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheLock;
import org.valkeycache.LockOptions;
import org.valkeycache.ScoredMember;
import org.valkeycache.SetArgs;
import org.valkeycache.Timeout;
import org.valkeycache.ZAddArgs;
import org.valkeycache.metrics.CacheMetrics;

/**
 * {@link BackendCommands} through a cache's {@linkplain BackendCommands#async() asynchronous
 * facade}: every command is started there and joined, so the behaviour contracts, written
 * against the blocking interface, check the asynchronous one on every topology. A failed future
 * must carry the typed exception itself (the contracts then see it as the blocking facade throws
 * it); a wrapped one is reported as a contract failure. What the asynchronous facade does not
 * offer (the lazy streams, locks, raw connections) goes to the blocking cache.
 */
public final class AsyncJoiningCommands implements BackendCommands {

    private final BackendCommands blocking;
    private final AsyncBackendCommands async;

    private AsyncJoiningCommands(BackendCommands blocking, AsyncBackendCommands async) {
        this.blocking = blocking;
        this.async = async;
    }

    /**
     * The commands of a cache, through its asynchronous facade with the default executor.
     *
     * @param cache the cache (a {@link org.valkeycache.ValkeyCache} or a view of one)
     * @return the joining facade; closing it closes {@code cache}
     */
    public static AsyncJoiningCommands over(BackendCommands cache) {
        return new AsyncJoiningCommands(cache, cache.async());
    }

    /**
     * The commands of a cache, through its asynchronous facade on an executor.
     *
     * @param cache the cache
     * @param executor runs the facade's continuations
     * @return the joining facade; closing it closes {@code cache}
     */
    public static AsyncJoiningCommands over(BackendCommands cache, Executor executor) {
        return new AsyncJoiningCommands(cache, cache.async(executor));
    }

    /** Waits for a future; its failure must be the typed exception itself, which is rethrown. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException || cause instanceof ExecutionException) {
                throw new AssertionError("the asynchronous facade failed a future with a wrapped exception", cause);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new AssertionError("the asynchronous facade failed a future with a checked exception", cause);
        }
    }

    @Override
    public AsyncBackendCommands async() {
        return async;
    }

    @Override
    public AsyncBackendCommands async(Executor executor) {
        return blocking.async(executor);
    }

    @Override
    public Stream<String> iterKeys(String pattern) {
        return blocking.iterKeys(pattern);
    }

    @Override
    public Stream<String> iterKeys(String pattern, int itersize) {
        return blocking.iterKeys(pattern, itersize);
    }

    @Override
    public Stream<Object> sscanIter(String key, int count) {
        return blocking.sscanIter(key, count);
    }

    @Override
    public CacheLock getLock(String name, LockOptions options) {
        return blocking.getLock(name, options);
    }

    @Override
    public BackendCommands withVersion(int version) {
        BackendCommands view = blocking.withVersion(version);
        return new AsyncJoiningCommands(view, view.async(async.executor()));
    }

    @Override
    public int version() {
        return blocking.version();
    }

    @Override
    public CacheMetrics metrics() {
        return blocking.metrics();
    }

    @Override
    public String makeKey(String key) {
        return blocking.makeKey(key);
    }

    @Override
    public String makePattern(String pattern) {
        return blocking.makePattern(pattern);
    }

    @Override
    public Object getValkeyConnection(boolean write) {
        return blocking.getValkeyConnection(write);
    }

    @Override
    public <C> C getValkeyConnection(Class<C> type, boolean write) {
        return blocking.getValkeyConnection(type, write);
    }

    @Override
    public void close() {
        blocking.close();
    }

    @Override
    public String toString() {
        return "AsyncJoining[" + blocking + "]";
    }

    @Override
    public boolean set(String key, Object value, Duration timeout) {
        return join(async.set(key, value, timeout));
    }

    @Override
    public boolean set(String key, Object value, Timeout timeout) {
        return join(async.set(key, value, timeout));
    }

    @Override
    public boolean set(String key, Object value, SetArgs args) {
        return join(async.set(key, value, args));
    }

    @Override
    public boolean add(String key, Object value, Duration timeout) {
        return join(async.add(key, value, timeout));
    }

    @Override
    public boolean add(String key, Object value, Timeout timeout) {
        return join(async.add(key, value, timeout));
    }

    @Override
    public <T> T get(String key) {
        return join(async.get(key));
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return join(async.get(key, type));
    }

    @Override
    public <T> T addOrGet(String key, Object value, Timeout timeout, T whenAdded) {
        return join(async.addOrGet(key, value, timeout, whenAdded));
    }

    @Override
    public <T> T getOrDefault(String key, T defaultValue) {
        return join(async.getOrDefault(key, defaultValue));
    }

    @Override
    public <T> T getAndTouch(String key, Timeout timeout, T defaultValue) {
        return join(async.getAndTouch(key, timeout, defaultValue));
    }

    @Override
    public <T> T getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout) {
        return join(async.getOrSet(key, supplier, timeout));
    }

    @Override
    public boolean hasKey(String key) {
        return join(async.hasKey(key));
    }

    @Override
    public boolean delete(String key) {
        return join(async.delete(key));
    }

    @Override
    public long deleteMany(Collection<String> keys) {
        return join(async.deleteMany(keys));
    }

    @Override
    public long clear() {
        return join(async.clear());
    }

    @Override
    public long incr(String key, long delta) {
        return join(async.incr(key, delta));
    }

    @Override
    public int incrVersion(String key, int delta) {
        return join(async.incrVersion(key, delta));
    }

    @Override
    public Map<String, Object> mget(Collection<String> keys) {
        return join(async.mget(keys));
    }

    @Override
    public void mset(Map<String, ?> values, Timeout timeout) {
        join(async.mset(values, timeout));
    }

    @Override
    public Map<String, Object> getMany(Collection<String> keys) {
        return join(async.getMany(keys));
    }

    @Override
    public List<String> setMany(Map<String, ?> values, Timeout timeout) {
        return join(async.setMany(values, timeout));
    }

    @Override
    public List<String> keys(String pattern) {
        return join(async.keys(pattern));
    }

    @Override
    public long deletePattern(String pattern) {
        return join(async.deletePattern(pattern));
    }

    @Override
    public long deletePattern(String pattern, int itersize, LongConsumer progress) {
        return join(async.deletePattern(pattern, itersize, progress));
    }

    @Override
    public Duration ttl(String key) {
        return join(async.ttl(key));
    }

    @Override
    public Duration pttl(String key) {
        return join(async.pttl(key));
    }

    @Override
    public boolean persist(String key) {
        return join(async.persist(key));
    }

    @Override
    public boolean pexpire(String key, Duration timeout) {
        return join(async.pexpire(key, timeout));
    }

    @Override
    public boolean expireAt(String key, Instant when) {
        return join(async.expireAt(key, when));
    }

    @Override
    public boolean pexpireAt(String key, Instant when) {
        return join(async.pexpireAt(key, when));
    }

    @Override
    public boolean touch(String key, Duration timeout) {
        return join(async.touch(key, timeout));
    }

    @Override
    public boolean touch(String key, Timeout timeout) {
        return join(async.touch(key, timeout));
    }

    @Override
    public long hset(String key, String field, Object value) {
        return join(async.hset(key, field, value));
    }

    @Override
    public long hset(String key, Map<String, ?> fields) {
        return join(async.hset(key, fields));
    }

    @Override
    public boolean hsetnx(String key, String field, Object value) {
        return join(async.hsetnx(key, field, value));
    }

    @Override
    public <T> T hget(String key, String field) {
        return join(async.hget(key, field));
    }

    @Override
    public <T> T hget(String key, String field, Class<T> type) {
        return join(async.hget(key, field, type));
    }

    @Override
    public Map<String, Object> hmget(String key, Collection<String> fields) {
        return join(async.hmget(key, fields));
    }

    @Override
    public Map<String, Object> hgetall(String key) {
        return join(async.hgetall(key));
    }

    @Override
    public long hdel(String key, String... fields) {
        return join(async.hdel(key, fields));
    }

    @Override
    public long hlen(String key) {
        return join(async.hlen(key));
    }

    @Override
    public List<String> hkeys(String key) {
        return join(async.hkeys(key));
    }

    @Override
    public List<Object> hvals(String key) {
        return join(async.hvals(key));
    }

    @Override
    public boolean hexists(String key, String field) {
        return join(async.hexists(key, field));
    }

    @Override
    public long hincrby(String key, String field, long delta) {
        return join(async.hincrby(key, field, delta));
    }

    @Override
    public long sadd(String key, Object... members) {
        return join(async.sadd(key, members));
    }

    @Override
    public long srem(String key, Object... members) {
        return join(async.srem(key, members));
    }

    @Override
    public long scard(String key) {
        return join(async.scard(key));
    }

    @Override
    public boolean sismember(String key, Object member) {
        return join(async.sismember(key, member));
    }

    @Override
    public List<Boolean> smismember(String key, Object... members) {
        return join(async.smismember(key, members));
    }

    @Override
    public Set<Object> smembers(String key) {
        return join(async.smembers(key));
    }

    @Override
    public <T> T spop(String key) {
        return join(async.spop(key));
    }

    @Override
    public Set<Object> spop(String key, int count) {
        return join(async.spop(key, count));
    }

    @Override
    public <T> T srandmember(String key) {
        return join(async.srandmember(key));
    }

    @Override
    public List<Object> srandmember(String key, int count) {
        return join(async.srandmember(key, count));
    }

    @Override
    public boolean smove(String source, String destination, Object member) {
        return join(async.smove(source, destination, member));
    }

    @Override
    public Set<Object> sinter(String... keys) {
        return join(async.sinter(keys));
    }

    @Override
    public long sinterstore(String destination, String... keys) {
        return join(async.sinterstore(destination, keys));
    }

    @Override
    public Set<Object> sunion(String... keys) {
        return join(async.sunion(keys));
    }

    @Override
    public long sunionstore(String destination, String... keys) {
        return join(async.sunionstore(destination, keys));
    }

    @Override
    public Set<Object> sdiff(String... keys) {
        return join(async.sdiff(keys));
    }

    @Override
    public long sdiffstore(String destination, String... keys) {
        return join(async.sdiffstore(destination, keys));
    }

    @Override
    public Set<Object> sscan(String key, int count) {
        return join(async.sscan(key, count));
    }

    @Override
    public long zadd(String key, Map<?, Double> scores, ZAddArgs args) {
        return join(async.zadd(key, scores, args));
    }

    @Override
    public List<Object> zrange(String key, long start, long stop) {
        return join(async.zrange(key, start, stop));
    }

    @Override
    public List<ScoredMember> zrangeWithScores(String key, long start, long stop, boolean reverse) {
        return join(async.zrangeWithScores(key, start, stop, reverse));
    }

    @Override
    public List<Object> zrangeByScore(String key, double min, double max) {
        return join(async.zrangeByScore(key, min, max));
    }

    @Override
    public List<ScoredMember> zrangeByScoreWithScores(String key, double min, double max, long offset, long count,
            boolean reverse) {
        return join(async.zrangeByScoreWithScores(key, min, max, offset, count, reverse));
    }

    @Override
    public long zrem(String key, Object... members) {
        return join(async.zrem(key, members));
    }

    @Override
    public Double zscore(String key, Object member) {
        return join(async.zscore(key, member));
    }

    @Override
    public double zincrby(String key, Object member, double delta) {
        return join(async.zincrby(key, member, delta));
    }

    @Override
    public long zcard(String key) {
        return join(async.zcard(key));
    }

    @Override
    public Long zrank(String key, Object member) {
        return join(async.zrank(key, member));
    }

    @Override
    public List<ScoredMember> zpopmin(String key, int count) {
        return join(async.zpopmin(key, count));
    }

    @Override
    public List<ScoredMember> zpopmax(String key, int count) {
        return join(async.zpopmax(key, count));
    }

    @Override
    public long lpush(String key, Object... values) {
        return join(async.lpush(key, values));
    }

    @Override
    public long rpush(String key, Object... values) {
        return join(async.rpush(key, values));
    }

    @Override
    public <T> T lpop(String key) {
        return join(async.lpop(key));
    }

    @Override
    public List<Object> lpop(String key, int count) {
        return join(async.lpop(key, count));
    }

    @Override
    public <T> T rpop(String key) {
        return join(async.rpop(key));
    }

    @Override
    public List<Object> rpop(String key, int count) {
        return join(async.rpop(key, count));
    }

    @Override
    public List<Object> lrange(String key, long start, long stop) {
        return join(async.lrange(key, start, stop));
    }

    @Override
    public long llen(String key) {
        return join(async.llen(key));
    }

    @Override
    public long lrem(String key, long count, Object value) {
        return join(async.lrem(key, count, value));
    }

    @Override
    public void ltrim(String key, long start, long stop) {
        join(async.ltrim(key, start, stop));
    }

    @Override
    public Map.Entry<String, Object> blpop(Duration timeout, String... keys) {
        return join(async.blpop(timeout, keys));
    }

    @Override
    public Map.Entry<String, Object> brpop(Duration timeout, String... keys) {
        return join(async.brpop(timeout, keys));
    }
}
