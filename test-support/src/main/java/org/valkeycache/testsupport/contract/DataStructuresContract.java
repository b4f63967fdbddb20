package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.ScoredMember;
import org.valkeycache.ZAddArgs;

/**
 * Hashes, sets, sorted sets and lists through the facade, with key making and value encoding, on
 * any topology. Extended through {@link ValkeyCacheCompatibilityKit} or on its own.
 */
public abstract class DataStructuresContract extends ContractSupport {

    /** The cache under test: key prefix {@code ds}. */
    protected BackendCommands cache;

    /** Subclassed by topologies. */
    protected DataStructuresContract() {
    }

    @BeforeEach
    void openCache() {
        cache = open(config().keyPrefix("ds").option("serializer.allowlist", "org.valkeycache.testsupport.contract.**"));
    }

    // ---- hashes ------------------------------------------------------------------------------

    @Test
    void hashFieldsHoldEncodedValuesUnderAMadeKey() {
        assertThat(cache.hset("h", "name", "Ann")).isEqualTo(1);
        assertThat(cache.hset("h", "name", "Anne")).isZero();
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("age", 42);
        more.put("tags", new ArrayList<>(List.of("a", "b")));
        assertThat(cache.hset("h", more)).isEqualTo(2);
        assertThat(raw("HLEN", "ds:1:h")).isEqualTo(3L);
        assertThat(raw("HGET", "ds:1:h", "age")).isEqualTo("42");
        settle();
        assertThat((Object) cache.hget("h", "name")).isEqualTo("Anne");
        assertThat(cache.hget("h", "age", Long.class)).isEqualTo(42L);
        assertThat((Object) cache.hget("h", "missing")).isNull();
        assertThat((Object) cache.hget("nohash", "x")).isNull();
        assertThat(cache.hgetall("h")).containsExactlyInAnyOrderEntriesOf(
                Map.of("name", "Anne", "age", 42L, "tags", List.of("a", "b")));
        assertThat(cache.hmget("h", List.of("age", "missing", "name"))).containsExactly(
                Map.entry("age", 42L), Map.entry("name", "Anne"));
        assertThat(cache.hkeys("h")).containsExactlyInAnyOrder("name", "age", "tags");
        assertThat(cache.hvals("h")).hasSize(3).contains("Anne", 42L);
        assertThat(cache.hlen("h")).isEqualTo(3);
        assertThat(cache.hexists("h", "age")).isTrue();
        assertThat(cache.hexists("h", "nope")).isFalse();
        assertThat(cache.hsetnx("h", "age", 1)).isFalse();
        assertThat(cache.hsetnx("h", "new", 1)).isTrue();
        assertThat(cache.hincrby("h", "age", 8)).isEqualTo(50);
        assertThat(cache.hincrby("h", "counter", -3)).isEqualTo(-3);
        assertThat(cache.hdel("h", "age", "nope")).isEqualTo(1);
        assertThat(cache.hgetall("missing")).isEmpty();
        assertThat(cache.hkeys("missing")).isEmpty();
        assertThatThrownBy(() -> cache.hincrby("h", "name", 1)).isInstanceOf(CacheCommandException.class);
        assertThatThrownBy(() -> cache.hset("h", "", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.hset("h", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.hdel("h")).isInstanceOf(IllegalArgumentException.class);
        cache.set("plain", "string value");
        settle();
        assertThatThrownBy(() -> cache.hget("plain", "f")).isInstanceOf(CacheCommandException.class)
                .hasMessageContaining("WRONGTYPE");
    }

    /** {@code incrVersion} moves a value of any type, with its timeout. */
    @Test
    void incrVersionMovesAHashWithItsTimeout() {
        cache.hset("hv", "name", "Ann");
        cache.hset("hv", "age", 42);
        assertThat(cache.expire("hv", Duration.ofSeconds(100))).isTrue();
        assertThat(cache.incrVersion("hv")).isEqualTo(2);
        settle();
        BackendCommands v2 = cache.withVersion(2);
        assertThat(cache.hlen("hv")).isZero();
        assertThat((Object) v2.hget("hv", "name")).isEqualTo("Ann");
        assertThat(v2.hget("hv", "age", Long.class)).isEqualTo(42L);
        assertThat(v2.ttl("hv")).isBetween(Duration.ofSeconds(95), Duration.ofSeconds(100));
    }

    @Test
    void unicodeFieldsAndBinaryValues() {
        byte[] bin = {0, (byte) 0xff, 10, 13};
        cache.hset("u", "ключ 🚀", bin);
        settle();
        assertThat((byte[]) cache.hget("u", "ключ 🚀")).isEqualTo(bin);
        assertThat(cache.hkeys("u")).containsExactly("ключ 🚀");
    }

    // ---- sets --------------------------------------------------------------------------------

    @Test
    void setCommandsEncodeMembers() {
        assertThat(cache.sadd("s", "bar")).isEqualTo(1);
        settle();
        assertThat(cache.smembers("s")).containsExactly("bar");
        assertThat(cache.sadd("s", 1, 2.5d, "bar")).isEqualTo(2);
        settle();
        assertThat(raw("SISMEMBER", "ds:1:s", "1")).isEqualTo(1L);
        assertThat(cache.scard("s")).isEqualTo(3);
        assertThat(cache.smembers("s")).containsExactlyInAnyOrder("bar", 1L, 2.5d);
        assertThat(cache.sismember("s", 1)).isTrue();
        assertThat(cache.sismember("s", 1L)).isTrue();
        assertThat(cache.sismember("s", "1")).isFalse();
        assertThat(cache.smismember("s", "bar", "nope", 2.5d)).containsExactly(true, false, true);
        assertThat(cache.srem("s", "bar", "nope")).isEqualTo(1);
        assertThat(cache.smembers("missing")).isEmpty();
        assertThat(cache.scard("missing")).isZero();
        assertThatThrownBy(() -> cache.sadd("s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void popRandomAndMove() {
        cache.sadd("p", "a", "b", "c", "d");
        Object one = cache.spop("p");
        assertThat(one).isIn("a", "b", "c", "d");
        Set<Object> two = cache.spop("p", 2);
        assertThat(two).hasSize(2).doesNotContain(one);
        settle();
        assertThat(cache.scard("p")).isEqualTo(1);
        assertThat((Object) cache.spop("empty")).isNull();
        assertThat(cache.spop("empty", 3)).isEmpty();
        // keys a command needs together share a hash tag, so they share a node on a shard ring or cluster
        cache.sadd("{r}1", "x", "y", "z");
        settle();
        assertThat((Object) cache.srandmember("{r}1")).isIn("x", "y", "z");
        assertThat(cache.srandmember("{r}1", 2)).hasSize(2).doesNotHaveDuplicates();
        assertThat(cache.srandmember("{r}1", -5)).hasSize(5);
        assertThat(cache.scard("{r}1")).isEqualTo(3);
        assertThat(cache.smove("{r}1", "{r}2", "x")).isTrue();
        assertThat(cache.smove("{r}1", "{r}2", "x")).isFalse();
        settle();
        assertThat(cache.smembers("{r}2")).containsExactly("x");
        assertThatThrownBy(() -> cache.spop("p", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setAlgebraUsesMadeKeys() {
        // one hash tag: the keys share a node on a shard ring or cluster
        cache.sadd("{s}a", 1, 2, 3);
        cache.sadd("{s}b", 2, 3, 4);
        settle();
        assertThat(cache.sinter("{s}a", "{s}b")).containsExactlyInAnyOrder(2L, 3L);
        assertThat(cache.sunion("{s}a", "{s}b")).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(cache.sdiff("{s}a", "{s}b")).containsExactly(1L);
        assertThat(cache.sinterstore("{s}i", "{s}a", "{s}b")).isEqualTo(2);
        assertThat(cache.sunionstore("{s}u", "{s}a", "{s}b")).isEqualTo(4);
        assertThat(cache.sdiffstore("{s}d", "{s}a", "{s}b")).isEqualTo(1);
        settle();
        assertThat(raw("SCARD", "ds:1:{s}u")).isEqualTo(4L);
        assertThat(cache.smembers("{s}d")).containsExactly(1L);
    }

    @Test
    void sscanReadsOnePageAndSscanIterTheWholeSetLazily() {
        Object[] members = new Object[400];
        for (int i = 0; i < members.length; i++) {
            members[i] = "m" + i;
        }
        cache.sadd("big", members);
        settle();
        assertThat(cache.sscan("big", 10)).isNotEmpty().hasSizeLessThan(400);
        try (Stream<Object> all = cache.sscanIter("big", 25)) {
            assertThat(new HashSet<>(all.collect(Collectors.toList()))).hasSize(400);
        }
        try (Stream<Object> first = cache.sscanIter("big", 25)) {
            assertThat(first.limit(3).count()).isEqualTo(3);
        }
        assertThat(cache.sscanIter("missing", 10).count()).isZero();
    }

    // ---- sorted sets -------------------------------------------------------------------------

    @Test
    void sortedSetsWithConditionsRangesAndPops() {
        Map<Object, Double> scores = new LinkedHashMap<>();
        scores.put("alice", 10.0);
        scores.put("bob", 20.0);
        scores.put("carol", 30.0);
        assertThat(cache.zadd("z", scores)).isEqualTo(3);
        assertThat(cache.zadd("z", "dave", 25.5)).isTrue();
        assertThat(cache.zadd("z", "dave", 26.0)).isFalse();
        settle();
        assertThat(cache.zcard("z")).isEqualTo(4);
        assertThat(cache.zscore("z", "dave")).isEqualTo(26.0);
        assertThat(cache.zscore("z", "nobody")).isNull();
        assertThat(cache.zrank("z", "bob")).isEqualTo(1L);
        assertThat(cache.zrank("z", "nobody")).isNull();
        assertThat(cache.zrange("z", 0, -1)).containsExactly("alice", "bob", "dave", "carol");
        assertThat(cache.zrangeWithScores("z", 0, 1, true)).containsExactly(
                new ScoredMember("carol", 30.0), new ScoredMember("dave", 26.0));
        assertThat(cache.zrangeByScore("z", 15, 26)).containsExactly("bob", "dave");
        assertThat(cache.zrangeByScore("z", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).hasSize(4);
        assertThat(cache.zrangeByScoreWithScores("z", 0, 100, 1, 2, false)).containsExactly(
                new ScoredMember("bob", 20.0), new ScoredMember("dave", 26.0));
        assertThat(cache.zrangeByScoreWithScores("z", 0, 100, 0, 2, true)).containsExactly(
                new ScoredMember("carol", 30.0), new ScoredMember("dave", 26.0));
        // NX never updates, XX never adds, GT / LT update only in one direction
        assertThat(cache.zadd("z", Map.of("alice", 99.0, "erin", 1.0), ZAddArgs.nx())).isEqualTo(1);
        settle();
        assertThat(cache.zscore("z", "alice")).isEqualTo(10.0);
        assertThat(cache.zadd("z", Map.of("alice", 11.0, "frank", 1.0), ZAddArgs.xx().changed())).isEqualTo(1);
        settle();
        assertThat(cache.zscore("z", "frank")).isNull();
        assertThat(cache.zadd("z", Map.of("alice", 5.0), ZAddArgs.gt().changed())).isZero();
        assertThat(cache.zadd("z", Map.of("alice", 50.0), ZAddArgs.gt().changed())).isEqualTo(1);
        assertThat(cache.zadd("z", Map.of("alice", 60.0), ZAddArgs.lt().changed())).isZero();
        settle();
        assertThat(cache.zscore("z", "alice")).isEqualTo(50.0);
        assertThat(cache.zincrby("z", "bob", 2.5)).isEqualTo(22.5);
        assertThat(cache.zincrby("z", "new", -1)).isEqualTo(-1.0);
        assertThat(cache.zpopmin("z", 2)).containsExactly(new ScoredMember("new", -1.0), new ScoredMember("erin", 1.0));
        assertThat(cache.zpopmax("z", 1)).containsExactly(new ScoredMember("alice", 50.0));
        assertThat(cache.zrem("z", "bob", "nobody")).isEqualTo(1);
        settle();
        assertThat(cache.zrange("z", 0, -1)).containsExactly("dave", "carol");
        assertThat(cache.zpopmin("missing", 1)).isEmpty();
        assertThatThrownBy(() -> ZAddArgs.nx().withXx()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.zadd("z", "x", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- lists -------------------------------------------------------------------------------

    @Test
    void listCommands() {
        assertThat(cache.rpush("l", "a", "b", "c")).isEqualTo(3);
        assertThat(cache.lpush("l", "z", 1)).isEqualTo(5);
        settle();
        assertThat(cache.lrange("l", 0, -1)).containsExactly(1L, "z", "a", "b", "c");
        assertThat(cache.llen("l")).isEqualTo(5);
        assertThat((Object) cache.lpop("l")).isEqualTo(1L);
        assertThat((Object) cache.rpop("l")).isEqualTo("c");
        assertThat(cache.lpop("l", 2)).containsExactly("z", "a");
        cache.rpush("l", "x", "b", "x", "x");
        assertThat(cache.lrem("l", 2, "x")).isEqualTo(2);
        settle();
        assertThat(cache.lrange("l", 0, -1)).containsExactly("b", "b", "x");
        cache.ltrim("l", 1, -1);
        settle();
        assertThat(cache.lrange("l", 0, -1)).containsExactly("b", "x");
        assertThat(cache.rpop("l", 5)).containsExactly("x", "b");
        assertThat((Object) cache.lpop("l")).isNull();
        assertThat(cache.lpop("l", 2)).isEmpty();
        settle();
        assertThat(cache.llen("l")).isZero();
    }

    @Test
    void blockingPopsWaitOnADedicatedConnectionAndTimeOut() throws Exception {
        // the lists share a hash tag: one node on a shard ring or cluster
        long start = System.nanoTime();
        assertThat(cache.blpop(Duration.ofMillis(300), "{q}1", "{q}2")).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));

        CompletableFuture<Map.Entry<String, Object>> waiting =
                CompletableFuture.supplyAsync(() -> cache.brpop(Duration.ofSeconds(5), "{q}1", "{q}2"));
        awaitBlockedClients(cache.makeKey("{q}1"), 1);
        // the shared connection is not held up by the blocked pop (timed without the settle,
        // which waits for replication, not for that connection)
        long t0 = System.nanoTime();
        cache.set("meanwhile", "fine");
        Duration write = Duration.ofNanos(System.nanoTime() - t0);
        settle();
        t0 = System.nanoTime();
        assertThat((Object) cache.get("meanwhile")).isEqualTo("fine");
        assertThat(write.plusNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(waiting).isNotDone();
        cache.rpush("{q}2", "job-1");
        Map.Entry<String, Object> popped = waiting.get(5, TimeUnit.SECONDS);
        assertThat(popped.getKey()).isEqualTo("{q}2");
        assertThat(popped.getValue()).isEqualTo("job-1");
        cache.rpush("{q}1", "first", "second");
        assertThat(cache.blpop(Duration.ofSeconds(1), "{q}1")).isEqualTo(Map.entry("{q}1", "first"));
        assertThatThrownBy(() -> cache.blpop(Duration.ZERO, "{q}1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound");
        assertThatThrownBy(() -> cache.blpop(Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blockingPopsLongerThanTheRequestTimeoutStillComplete() {
        try (BackendCommands quick = openUnmanaged(config().keyPrefix("ds")
                .requestTimeout(Duration.ofMillis(500)).build())) {
            long start = System.nanoTime();
            assertThat(quick.blpop(Duration.ofMillis(1500), "never")).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        }
    }

    @Test
    void manyConcurrentBlockingPopsAreBoundedByThePool() throws Exception {
        try (BackendCommands small = openUnmanaged(config().keyPrefix("ds")
                .option("blocking.pool_size", "2").option("blocking.borrow_timeout", "300ms").build())) {
            List<CompletableFuture<Map.Entry<String, Object>>> pops = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // they end at the push below; a timeout far beyond it so a slow start cannot end them first
                pops.add(CompletableFuture.supplyAsync(() -> small.blpop(Duration.ofSeconds(20), "work")));
            }
            awaitBlockedClients(small.makeKey("work"), 2);
            assertThatThrownBy(() -> small.blpop(Duration.ofSeconds(1), "work"))
                    .isInstanceOf(CacheTimeoutException.class).hasMessageContaining("blocking.pool_size");
            small.rpush("work", "a", "b");
            for (CompletableFuture<Map.Entry<String, Object>> p : pops) {
                assertThat(p.get(10, TimeUnit.SECONDS).getValue()).isIn("a", "b");
            }
        }
    }
}
