package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.valkeycache.RecordingClient.bytes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ignore-exceptions policy, method by method, without a server: with {@code ignoreExceptions}
 * a connection failure (timeouts included) returns the method's default; a server error reply is
 * never swallowed; without the setting nothing is swallowed.
 */
class FacadeIgnorePolicyTest {

    private static final Duration NOW = Duration.ZERO;

    /**
     * Every facade method that reaches the client, with what it returns when a failure is ignored:
     * once through the blocking facade, once through the asynchronous one (joined).
     */
    static Stream<Arguments> methods() {
        return blockingMethods().flatMap(a -> {
            Object[] args = a.get();
            @SuppressWarnings("unchecked")
            Function<BackendCommands, Object> call = (Function<BackendCommands, Object>) args[1];
            return Stream.of(a, op(args[0] + " [async]", c -> call.apply(AsyncJoining.over(c)), args[2]));
        });
    }

    private static Stream<Arguments> blockingMethods() {
        return Stream.of(
                // single-key values
                op("set", c -> c.set("k", 1), false),
                op("set, expire now", c -> c.set("k", 1, NOW), false),
                op("set with SetArgs", c -> c.set("k", 1, SetArgs.xx()), false),
                op("add", c -> c.add("k", 1), false),
                op("add, expire now", c -> c.add("k", 1, NOW), false),
                op("addOrGet: null, whatever marks an add", c -> c.addOrGet("k", 1, Timeout.never(), "added"), null),
                op("get", c -> c.get("k"), null),
                op("get typed", c -> c.get("k", Long.class), null),
                op("getOrDefault", c -> c.getOrDefault("k", "fallback"), "fallback"),
                op("getOrSet", c -> c.getOrSet("k", () -> "computed"), "computed"),
                op("hasKey", c -> c.hasKey("k"), false),
                op("delete", c -> c.delete("k"), false),
                op("incr", c -> c.incr("k"), 0L),
                op("decr", c -> c.decr("k", 2), 0L),
                op("incrVersion: the value stays at its version", c -> c.incrVersion("k"), 1),
                op("decrVersion", c -> c.decrVersion("k"), 1),
                // bulk
                op("mget", c -> c.mget(List.of("a", "b")), Map.of()),
                op("getMany", c -> c.getMany(List.of("a", "b")), Map.of()),
                op("mset", c -> {
                    c.mset(Map.of("a", 1));
                    return "returned";
                }, "returned"),
                op("setMany: every key reported unwritten", c -> c.setMany(Map.of("a", 1)), List.of("a")),
                op("setMany, expire now", c -> c.setMany(Map.of("a", 1), Timeout.of(NOW)), List.of("a")),
                op("deleteMany", c -> c.deleteMany(List.of("a", "b")), 0L),
                // patterns
                op("keys", c -> c.keys("*"), List.of()),
                op("iterKeys", c -> c.iterKeys("*").collect(Collectors.toList()), List.of()),
                op("deletePattern", c -> c.deletePattern("*"), 0L),
                op("clear", BackendCommands::clear, 0L),
                // expiry
                op("ttl", c -> c.ttl("k"), Duration.ZERO),
                op("pttl", c -> c.pttl("k"), Duration.ZERO),
                op("persist", c -> c.persist("k"), false),
                op("expire", c -> c.expire("k", Duration.ofSeconds(1)), false),
                op("pexpire", c -> c.pexpire("k", Duration.ofSeconds(1)), false),
                op("expireAt", c -> c.expireAt("k", Instant.now()), false),
                op("pexpireAt", c -> c.pexpireAt("k", Instant.now()), false),
                op("touch", c -> c.touch("k"), false),
                op("touch, never", c -> c.touch("k", Timeout.never()), false),
                op("touch, expire now", c -> c.touch("k", NOW), false),
                // hashes
                op("hset", c -> c.hset("h", "f", 1), 0L),
                op("hsetnx", c -> c.hsetnx("h", "f", 1), false),
                op("hget", c -> c.hget("h", "f"), null),
                op("hget typed", c -> c.hget("h", "f", Long.class), null),
                op("hmget", c -> c.hmget("h", List.of("f")), Map.of()),
                op("hgetall", c -> c.hgetall("h"), Map.of()),
                op("hdel", c -> c.hdel("h", "f"), 0L),
                op("hlen", c -> c.hlen("h"), 0L),
                op("hkeys", c -> c.hkeys("h"), List.of()),
                op("hvals", c -> c.hvals("h"), List.of()),
                op("hexists", c -> c.hexists("h", "f"), false),
                op("hincrby", c -> c.hincrby("h", "f", 1), 0L),
                // sets
                op("sadd", c -> c.sadd("s", 1), 0L),
                op("srem", c -> c.srem("s", 1), 0L),
                op("scard", c -> c.scard("s"), 0L),
                op("sismember", c -> c.sismember("s", 1), false),
                op("smismember", c -> c.smismember("s", 1, 2), List.of(false, false)),
                op("smembers", c -> c.smembers("s"), Set.of()),
                op("spop", c -> c.spop("s"), null),
                op("spop count", c -> c.spop("s", 2), Set.of()),
                op("srandmember", c -> c.srandmember("s"), null),
                op("srandmember count", c -> c.srandmember("s", 2), List.of()),
                op("smove", c -> c.smove("s", "t", 1), false),
                op("sinter", c -> c.sinter("s", "t"), Set.of()),
                op("sinterstore", c -> c.sinterstore("d", "s", "t"), 0L),
                op("sunion", c -> c.sunion("s", "t"), Set.of()),
                op("sunionstore", c -> c.sunionstore("d", "s", "t"), 0L),
                op("sdiff", c -> c.sdiff("s", "t"), Set.of()),
                op("sdiffstore", c -> c.sdiffstore("d", "s", "t"), 0L),
                op("sscan", c -> c.sscan("s", 10), Set.of()),
                op("sscanIter", c -> c.sscanIter("s", 10).collect(Collectors.toList()), List.of()),
                // sorted sets
                op("zadd", c -> c.zadd("z", 1, 1.0), false),
                op("zadd map", c -> c.zadd("z", Map.of(1, 1.0)), 0L),
                op("zrange", c -> c.zrange("z", 0, -1), List.of()),
                op("zrangeWithScores", c -> c.zrangeWithScores("z", 0, -1, false), List.of()),
                op("zrangeByScore", c -> c.zrangeByScore("z", 0, 1), List.of()),
                op("zrangeByScoreWithScores", c -> c.zrangeByScoreWithScores("z", 0, 1, 0, -1, false), List.of()),
                op("zrem", c -> c.zrem("z", 1), 0L),
                op("zscore", c -> c.zscore("z", 1), null),
                op("zincrby", c -> c.zincrby("z", 1, 1.0), Double.NaN),
                op("zcard", c -> c.zcard("z"), 0L),
                op("zrank", c -> c.zrank("z", 1), null),
                op("zpopmin", c -> c.zpopmin("z", 1), List.of()),
                op("zpopmax", c -> c.zpopmax("z", 1), List.of()),
                // lists
                op("lpush", c -> c.lpush("l", 1), 0L),
                op("rpush", c -> c.rpush("l", 1), 0L),
                op("lpop", c -> c.lpop("l"), null),
                op("lpop count", c -> c.lpop("l", 2), List.of()),
                op("rpop", c -> c.rpop("l"), null),
                op("rpop count", c -> c.rpop("l", 2), List.of()),
                op("lrange", c -> c.lrange("l", 0, -1), List.of()),
                op("llen", c -> c.llen("l"), 0L),
                op("lrem", c -> c.lrem("l", 0, 1), 0L),
                op("ltrim", c -> {
                    c.ltrim("l", 0, 1);
                    return "returned";
                }, "returned"),
                op("blpop", c -> c.blpop(Duration.ofMillis(10), "l"), null),
                op("brpop", c -> c.brpop(Duration.ofMillis(10), "l"), null));
    }

    private static Arguments op(String name, Function<BackendCommands, Object> call, Object whenIgnored) {
        return Arguments.of(name, call, whenIgnored);
    }

    private static BackendCommands failingCache(boolean ignoreExceptions, RuntimeException failure) {
        RecordingClient client = new RecordingClient().failEverything(failure);
        return ValkeyCache.open(FacadeCallsTest.config().ignoreExceptions(ignoreExceptions).build(), client);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aConnectionFailureIsSwallowedIntoTheDefault(String name, Function<BackendCommands, Object> call,
            Object whenIgnored) {
        try (BackendCommands cache = failingCache(true, new CacheConnectionException("connection refused"))) {
            assertThat(call.apply(cache)).isEqualTo(whenIgnored);
            assertCounted(cache, 0, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aClientTimeoutIsAConnectionFailureToo(String name, Function<BackendCommands, Object> call,
            Object whenIgnored) {
        try (BackendCommands cache = failingCache(true, new CacheTimeoutException("no reply within 2000 ms"))) {
            assertThat(call.apply(cache)).isEqualTo(whenIgnored);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aServerErrorIsNeverSwallowed(String name, Function<BackendCommands, Object> call, Object whenIgnored) {
        try (BackendCommands cache = failingCache(true, new CacheCommandException("WRONGTYPE wrong kind of value"))) {
            assertThatThrownBy(() -> call.apply(cache)).isInstanceOf(CacheCommandException.class)
                    .hasMessageContaining("WRONGTYPE");
            assertCounted(cache, 1, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void withoutTheSettingNothingIsSwallowed(String name, Function<BackendCommands, Object> call, Object whenIgnored) {
        try (BackendCommands cache = failingCache(false, new CacheConnectionException("connection refused"))) {
            assertThatThrownBy(() -> call.apply(cache)).isInstanceOf(CacheConnectionException.class)
                    .hasMessageContaining("connection refused");
            assertCounted(cache, 1, false);
        }
    }

    /**
     * A failed call is counted once as raised, or as ignored once per swallowed exchange
     * (getOrSet's lookup and store each), and timed.
     */
    private static void assertCounted(BackendCommands cache, long raised, boolean ignored) {
        assertThat(cache.metrics().errorsRaised().count()).as("raised errors").isEqualTo(raised);
        if (ignored) {
            assertThat(cache.metrics().errorsIgnored().count()).as("ignored errors").isBetween(1L, 2L);
        } else {
            assertThat(cache.metrics().errorsIgnored().count()).as("ignored errors").isZero();
        }
        assertThat(cache.metrics().commands().count()).as("timed calls").isPositive();
    }

    @Test
    void getOrSetDuringAnOutageReturnsTheComputedValueWithoutReReading() {
        RecordingClient client = new RecordingClient().failEverything(new CacheConnectionException("connection refused"));
        try (BackendCommands cache = ValkeyCache.open(FacadeCallsTest.config().ignoreExceptions(true).build(), client)) {
            assertThat((Object) cache.getOrSet("k", () -> "computed")).isEqualTo("computed");
            // a swallowed store is not a lost race: there is nothing on the server to re-read
            assertThat(client.calls()).as("the lookup (a GET) and the store (SET NX), no re-read").hasSize(2);
            assertThat(client.calls().get(0)).isEqualTo("get p:1:k");
            assertThat(client.calls().get(1)).startsWith("set p:1:k ").endsWith(" IF_ABSENT 300000");
            assertThat(cache.metrics().errorsIgnored().count()).isEqualTo(2);
        }
    }

    @Test
    void aValueThatCannotBeDecodedIsNeverSwallowed() {
        RecordingClient client = new RecordingClient().reply("get", bytes("not a serialized value"));
        try (BackendCommands cache = ValkeyCache.open(FacadeCallsTest.config().ignoreExceptions(true).build(), client)) {
            assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheSerializationException.class).hasMessageContaining("'k'");
            assertThat(cache.metrics().errorsRaised().count()).isEqualTo(1);
        }
    }

    @Test
    void locksAreOutsideThePolicySoAnOutageIsNotReportedAsContention() {
        try (BackendCommands cache = failingCache(true, new CacheConnectionException("connection refused"))) {
            CacheLock lock = cache.getLock("job");
            assertThatThrownBy(lock::tryAcquire).isInstanceOf(CacheConnectionException.class);
            assertThat(cache.metrics().errorsRaised().count()).isEqualTo(1);
        }
    }
}
