package org.valkeycache;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The {@link AsyncBackendCommands} of a {@link ValkeyCache}: each method starts the command
 * families' code ({@code ValueOps}, {@code HashOps}, ...) that the blocking facade waits for, on
 * a {@link Flow} over this facade's executor. Holds no state of its own beyond the executor.
 */
final class AsyncValkeyCache implements AsyncBackendCommands {

    private final ValkeyCache blocking;
    private final CacheCore core;
    private final Executor executor;
    private final CommandFamilies ops;

    AsyncValkeyCache(ValkeyCache blocking, CacheCore core, Executor executor, CommandFamilies ops) {
        this.blocking = blocking;
        this.core = core;
        this.executor = executor;
        this.ops = ops;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public BackendCommands blocking() {
        return blocking;
    }

    @Override
    public CompletableFuture<Long> hset(String key, String field, Object value) {
        return core.async(executor, "hset", f -> ops.hashes.hset(f, key, field, value));
    }

    @Override
    public CompletableFuture<Long> hset(String key, Map<String, ?> fields) {
        return core.async(executor, "hset", f -> ops.hashes.hset(f, key, fields));
    }

    @Override
    public CompletableFuture<Boolean> hsetnx(String key, String field, Object value) {
        return core.async(executor, "hsetnx", f -> ops.hashes.hsetnx(f, key, field, value));
    }

    @Override
    public <T> CompletableFuture<T> hget(String key, String field) {
        return core.async(executor, "hget", f -> ops.hashes.hget(f, key, field));
    }

    @Override
    public <T> CompletableFuture<T> hget(String key, String field, Class<T> type) {
        return core.async(executor, "hget", f -> ops.hashes.hget(f, key, field, type));
    }

    @Override
    public CompletableFuture<Map<String, Object>> hmget(String key, Collection<String> fields) {
        return core.async(executor, "hmget", f -> ops.hashes.hmget(f, key, fields));
    }

    @Override
    public CompletableFuture<Map<String, Object>> hgetall(String key) {
        return core.async(executor, "hgetall", f -> ops.hashes.hgetall(f, key));
    }

    @Override
    public CompletableFuture<Long> hdel(String key, String... fields) {
        return core.async(executor, "hdel", f -> ops.hashes.hdel(f, key, fields));
    }

    @Override
    public CompletableFuture<Long> hlen(String key) {
        return core.async(executor, "hlen", f -> ops.hashes.hlen(f, key));
    }

    @Override
    public CompletableFuture<List<String>> hkeys(String key) {
        return core.async(executor, "hkeys", f -> ops.hashes.hkeys(f, key));
    }

    @Override
    public CompletableFuture<List<Object>> hvals(String key) {
        return core.async(executor, "hvals", f -> ops.hashes.hvals(f, key));
    }

    @Override
    public CompletableFuture<Boolean> hexists(String key, String field) {
        return core.async(executor, "hexists", f -> ops.hashes.hexists(f, key, field));
    }

    @Override
    public CompletableFuture<Long> hincrby(String key, String field, long delta) {
        return core.async(executor, "hincrby", f -> ops.hashes.hincrby(f, key, field, delta));
    }

    @Override
    public CompletableFuture<Long> sadd(String key, Object... members) {
        return core.async(executor, "sadd", f -> ops.sets.sadd(f, key, members));
    }

    @Override
    public CompletableFuture<Long> srem(String key, Object... members) {
        return core.async(executor, "srem", f -> ops.sets.srem(f, key, members));
    }

    @Override
    public CompletableFuture<Long> scard(String key) {
        return core.async(executor, "scard", f -> ops.sets.scard(f, key));
    }

    @Override
    public CompletableFuture<Boolean> sismember(String key, Object member) {
        return core.async(executor, "sismember", f -> ops.sets.sismember(f, key, member));
    }

    @Override
    public CompletableFuture<List<Boolean>> smismember(String key, Object... members) {
        return core.async(executor, "smismember", f -> ops.sets.smismember(f, key, members));
    }

    @Override
    public CompletableFuture<Set<Object>> smembers(String key) {
        return core.async(executor, "smembers", f -> ops.sets.smembers(f, key));
    }

    @Override
    public <T> CompletableFuture<T> spop(String key) {
        return core.async(executor, "spop", f -> ops.sets.spop(f, key));
    }

    @Override
    public CompletableFuture<Set<Object>> spop(String key, int count) {
        return core.async(executor, "spop", f -> ops.sets.spop(f, key, count));
    }

    @Override
    public <T> CompletableFuture<T> srandmember(String key) {
        return core.async(executor, "srandmember", f -> ops.sets.srandmember(f, key));
    }

    @Override
    public CompletableFuture<List<Object>> srandmember(String key, int count) {
        return core.async(executor, "srandmember", f -> ops.sets.srandmember(f, key, count));
    }

    @Override
    public CompletableFuture<Boolean> smove(String source, String destination, Object member) {
        return core.async(executor, "smove", f -> ops.sets.smove(f, source, destination, member));
    }

    @Override
    public CompletableFuture<Set<Object>> sinter(String... keys) {
        return core.async(executor, "sinter", f -> ops.sets.sinter(f, keys));
    }

    @Override
    public CompletableFuture<Long> sinterstore(String destination, String... keys) {
        return core.async(executor, "sinterstore", f -> ops.sets.sinterstore(f, destination, keys));
    }

    @Override
    public CompletableFuture<Set<Object>> sunion(String... keys) {
        return core.async(executor, "sunion", f -> ops.sets.sunion(f, keys));
    }

    @Override
    public CompletableFuture<Long> sunionstore(String destination, String... keys) {
        return core.async(executor, "sunionstore", f -> ops.sets.sunionstore(f, destination, keys));
    }

    @Override
    public CompletableFuture<Set<Object>> sdiff(String... keys) {
        return core.async(executor, "sdiff", f -> ops.sets.sdiff(f, keys));
    }

    @Override
    public CompletableFuture<Long> sdiffstore(String destination, String... keys) {
        return core.async(executor, "sdiffstore", f -> ops.sets.sdiffstore(f, destination, keys));
    }

    @Override
    public CompletableFuture<Set<Object>> sscan(String key, int count) {
        return core.async(executor, "sscan", f -> ops.sets.sscan(f, key, count));
    }

    @Override
    public CompletableFuture<Long> zadd(String key, Map<?, Double> scores, ZAddArgs args) {
        return core.async(executor, "zadd", f -> ops.sortedSets.zadd(f, key, scores, args));
    }

    @Override
    public CompletableFuture<List<Object>> zrange(String key, long start, long stop) {
        return core.async(executor, "zrange", f -> ops.sortedSets.zrange(f, key, start, stop));
    }

    @Override
    public CompletableFuture<List<ScoredMember>> zrangeWithScores(String key, long start, long stop, boolean reverse) {
        return core.async(executor, "zrangeWithScores", f -> ops.sortedSets.zrangeWithScores(f, key, start, stop, reverse));
    }

    @Override
    public CompletableFuture<List<Object>> zrangeByScore(String key, double min, double max) {
        return core.async(executor, "zrangeByScore", f -> ops.sortedSets.zrangeByScore(f, key, min, max));
    }

    @Override
    public CompletableFuture<List<ScoredMember>> zrangeByScoreWithScores(String key, double min, double max, long offset, long count,
            boolean reverse) {
        return core.async(executor, "zrangeByScoreWithScores", f -> ops.sortedSets.zrangeByScoreWithScores(f, key, min, max, offset, count, reverse));
    }

    @Override
    public CompletableFuture<Long> zrem(String key, Object... members) {
        return core.async(executor, "zrem", f -> ops.sortedSets.zrem(f, key, members));
    }

    @Override
    public CompletableFuture<Double> zscore(String key, Object member) {
        return core.async(executor, "zscore", f -> ops.sortedSets.zscore(f, key, member));
    }

    @Override
    public CompletableFuture<Double> zincrby(String key, Object member, double delta) {
        return core.async(executor, "zincrby", f -> ops.sortedSets.zincrby(f, key, member, delta));
    }

    @Override
    public CompletableFuture<Long> zcard(String key) {
        return core.async(executor, "zcard", f -> ops.sortedSets.zcard(f, key));
    }

    @Override
    public CompletableFuture<Long> zrank(String key, Object member) {
        return core.async(executor, "zrank", f -> ops.sortedSets.zrank(f, key, member));
    }

    @Override
    public CompletableFuture<List<ScoredMember>> zpopmin(String key, int count) {
        return core.async(executor, "zpopmin", f -> ops.sortedSets.zpopmin(f, key, count));
    }

    @Override
    public CompletableFuture<List<ScoredMember>> zpopmax(String key, int count) {
        return core.async(executor, "zpopmax", f -> ops.sortedSets.zpopmax(f, key, count));
    }

    @Override
    public CompletableFuture<Long> lpush(String key, Object... values) {
        return core.async(executor, "lpush", f -> ops.lists.lpush(f, key, values));
    }

    @Override
    public CompletableFuture<Long> rpush(String key, Object... values) {
        return core.async(executor, "rpush", f -> ops.lists.rpush(f, key, values));
    }

    @Override
    public <T> CompletableFuture<T> lpop(String key) {
        return core.async(executor, "lpop", f -> ops.lists.lpop(f, key));
    }

    @Override
    public CompletableFuture<List<Object>> lpop(String key, int count) {
        return core.async(executor, "lpop", f -> ops.lists.lpop(f, key, count));
    }

    @Override
    public <T> CompletableFuture<T> rpop(String key) {
        return core.async(executor, "rpop", f -> ops.lists.rpop(f, key));
    }

    @Override
    public CompletableFuture<List<Object>> rpop(String key, int count) {
        return core.async(executor, "rpop", f -> ops.lists.rpop(f, key, count));
    }

    @Override
    public CompletableFuture<List<Object>> lrange(String key, long start, long stop) {
        return core.async(executor, "lrange", f -> ops.lists.lrange(f, key, start, stop));
    }

    @Override
    public CompletableFuture<Long> llen(String key) {
        return core.async(executor, "llen", f -> ops.lists.llen(f, key));
    }

    @Override
    public CompletableFuture<Long> lrem(String key, long count, Object value) {
        return core.async(executor, "lrem", f -> ops.lists.lrem(f, key, count, value));
    }

    @Override
    public CompletableFuture<Void> ltrim(String key, long start, long stop) {
        return core.async(executor, "ltrim", f -> ops.lists.ltrim(f, key, start, stop));
    }

    @Override
    public CompletableFuture<Map.Entry<String, Object>> blpop(Duration timeout, String... keys) {
        return core.async(executor, "blpop", f -> ops.lists.blpop(f, timeout, keys));
    }

    @Override
    public CompletableFuture<Map.Entry<String, Object>> brpop(Duration timeout, String... keys) {
        return core.async(executor, "brpop", f -> ops.lists.brpop(f, timeout, keys));
    }

    @Override
    public CompletableFuture<Boolean> set(String key, Object value, SetArgs args) {
        return core.async(executor, "set", f -> ops.values.set(f, key, value, args));
    }

    @Override
    public <T> CompletableFuture<T> get(String key) {
        return core.async(executor, "get", f -> ops.values.get(f, key));
    }

    @Override
    public <T> CompletableFuture<T> get(String key, Class<T> type) {
        return core.async(executor, "get", f -> ops.values.get(f, key, type));
    }

    @Override
    public <T> CompletableFuture<T> addOrGet(String key, Object value, Timeout timeout, T whenAdded) {
        return core.async(executor, "addOrGet", f -> ops.values.addOrGet(f, key, value, timeout, whenAdded));
    }

    @Override
    public <T> CompletableFuture<T> getOrDefault(String key, T defaultValue) {
        return core.async(executor, "getOrDefault", f -> ops.values.getOrDefault(f, key, defaultValue));
    }

    @Override
    public <T> CompletableFuture<T> getAndTouch(String key, Timeout timeout, T defaultValue) {
        return core.async(executor, "getAndTouch", f -> ops.values.getAndTouch(f, key, timeout, defaultValue));
    }

    @Override
    public <T> CompletableFuture<T> getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout) {
        return core.async(executor, "getOrSet", f -> ops.values.getOrSet(f, key, supplier, timeout));
    }

    @Override
    public CompletableFuture<Boolean> hasKey(String key) {
        return core.async(executor, "hasKey", f -> ops.values.hasKey(f, key));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return core.async(executor, "delete", f -> ops.values.delete(f, key));
    }

    @Override
    public CompletableFuture<Long> deleteMany(Collection<String> keys) {
        return core.async(executor, "deleteMany", f -> ops.bulk.deleteMany(f, keys));
    }

    @Override
    public CompletableFuture<Long> clear() {
        return core.async(executor, "clear", f -> ops.keyspace.clear(f));
    }

    @Override
    public CompletableFuture<Long> incr(String key, long delta) {
        return core.async(executor, "incr", f -> ops.values.incr(f, key, delta));
    }

    @Override
    public CompletableFuture<Integer> incrVersion(String key, int delta) {
        return core.async(executor, "incrVersion", f -> ops.values.incrVersion(f, key, delta));
    }

    @Override
    public CompletableFuture<Map<String, Object>> mget(Collection<String> keys) {
        return core.async(executor, "mget", f -> ops.bulk.mget(f, keys));
    }

    @Override
    public CompletableFuture<Void> mset(Map<String, ?> values, Timeout timeout) {
        return core.async(executor, "mset", f -> ops.bulk.mset(f, values, timeout));
    }

    @Override
    public CompletableFuture<Map<String, Object>> getMany(Collection<String> keys) {
        return core.async(executor, "getMany", f -> ops.bulk.getMany(f, keys));
    }

    @Override
    public CompletableFuture<List<String>> setMany(Map<String, ?> values, Timeout timeout) {
        return core.async(executor, "setMany", f -> ops.bulk.setMany(f, values, timeout));
    }

    @Override
    public CompletableFuture<List<String>> keys(String pattern) {
        return core.async(executor, "keys", f -> ops.keyspace.keys(f, pattern));
    }

    @Override
    public CompletableFuture<Long> deletePattern(String pattern) {
        return core.async(executor, "deletePattern", f -> ops.keyspace.deletePattern(f, pattern, core.config().scanItersize(), null));
    }

    @Override
    public CompletableFuture<Long> deletePattern(String pattern, int itersize, LongConsumer progress) {
        return core.async(executor, "deletePattern", f -> ops.keyspace.deletePattern(f, pattern, itersize, progress));
    }

    @Override
    public CompletableFuture<Duration> ttl(String key) {
        return core.async(executor, "ttl", f -> ops.expiry.ttl(f, key));
    }

    @Override
    public CompletableFuture<Duration> pttl(String key) {
        return core.async(executor, "pttl", f -> ops.expiry.pttl(f, key));
    }

    @Override
    public CompletableFuture<Boolean> persist(String key) {
        return core.async(executor, "persist", f -> ops.expiry.persist(f, key));
    }

    @Override
    public CompletableFuture<Boolean> pexpire(String key, Duration timeout) {
        return core.async(executor, "pexpire", f -> ops.expiry.pexpire(f, key, timeout));
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(String key, Instant when) {
        return core.async(executor, "pexpireAt", f -> ops.expiry.pexpireAt(f, key, when));
    }

    @Override
    public CompletableFuture<Boolean> touch(String key, Timeout timeout) {
        return core.async(executor, "touch", f -> ops.expiry.touch(f, key, timeout));
    }

    @Override
    public String toString() {
        return "Async" + blocking + " on " + executor;
    }
}
