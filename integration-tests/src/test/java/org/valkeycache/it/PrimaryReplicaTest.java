package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;

import glide.api.GlideClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheLock;
import org.valkeycache.Timeout;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;

/** The {@code default} client with a primary and a read replica: writes go up, reads come from the replica. */
class PrimaryReplicaTest {

    static ValkeyServer primary;
    static ValkeyServer replica;
    BackendCommands cache;

    @BeforeAll
    static void start() {
        primary = ValkeyServer.start();
        replica = ValkeyServer.builder().replicaOf(primary).start();
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @BeforeEach
    void open() {
        primary.flushAll();
        primary.call("WAIT", "1", "5000");
        cache = ValkeyCache.open(CacheConfig.builder().location(primary.url()).location(replica.url())
                .keyPrefix("rep").build());
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private void replicate() {
        // WAIT on the fixture's fresh connection does not wait for the cache's writes; the offsets do
        replica.awaitReplicaCaughtUp(Duration.ofSeconds(5));
        assertThat((Long) primary.call("WAIT", "1", "5000")).isEqualTo(1L);
    }

    private static long keyspaceHits(ValkeyServer server) {
        String stats = String.valueOf(server.call("INFO", "stats"));
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("keyspace_hits:")) {
                return Long.parseLong(line.substring("keyspace_hits:".length()).trim());
            }
        }
        throw new AssertionError("no keyspace_hits in INFO stats");
    }

    @Test
    void writesGoToThePrimaryAndReadsAreServedByTheReplica() {
        long primaryHits = keyspaceHits(primary);
        long replicaHits = keyspaceHits(replica);
        cache.set("k", "v", Duration.ofSeconds(60));
        replicate();
        for (int i = 0; i < 20; i++) {
            assertThat((Object) cache.get("k")).isEqualTo("v");
        }
        assertThat(cache.hasKey("k")).isTrue();
        assertThat(keyspaceHits(replica) - replicaHits).isGreaterThanOrEqualTo(21);
        assertThat(keyspaceHits(primary) - primaryHits).isLessThan(5);
        assertThat(primary.call("GET", cache.makeKey("k"))).isNotNull();
    }

    @Test
    void bulkReadsKeysAndScansRunOnTheReplica() {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            values.put("bulk:" + i, "v" + i);
        }
        cache.mset(values);
        replicate();
        long replicaHits = keyspaceHits(replica);
        assertThat(cache.mget(values.keySet())).hasSize(120);
        assertThat(cache.getMany(values.keySet())).hasSize(120);
        assertThat(keyspaceHits(replica) - replicaHits).isEqualTo(240);
        assertThat(cache.iterKeys("bulk:*", 10).collect(Collectors.toSet())).isEqualTo(values.keySet());
        assertThat(cache.keys("bulk:1*")).hasSize(31);
        assertThat(cache.deletePattern("bulk:*", 25)).isEqualTo(120);
        replicate();
        assertThat(replica.dbSize()).isZero();
    }

    @Test
    void dataStructureReadsAreServedByTheReplicaAndWritesByThePrimary() {
        cache.sadd("tags", "a", "b");
        cache.hset("h", "f", "v");
        cache.zadd("z", "m", 1.0);
        replicate();
        long replicaHits = keyspaceHits(replica);
        long primaryHits = keyspaceHits(primary);
        assertThat(cache.smembers("tags")).containsExactlyInAnyOrder("a", "b");
        assertThat((Object) cache.hget("h", "f")).isEqualTo("v");
        assertThat(cache.zscore("z", "m")).isEqualTo(1.0);
        assertThat(keyspaceHits(replica) - replicaHits).isEqualTo(3);
        assertThat(keyspaceHits(primary) - primaryHits).isZero();
        try (var lock = cache.getLock("replicated-lock")) {
            assertThat(lock.acquire()).isTrue();
            assertThat(lock.owned()).as("ownership is read on the primary").isTrue();
        }
    }

    /**
     * With the replica cut off from the primary (it keeps serving reads, holding none of the
     * cache's writes), what a write answers about the caller's own earlier writes still comes from
     * the primary.
     */
    @Test
    void answersAboutTheCallersOwnWritesComeFromThePrimaryWhileTheReplicaLags() {
        replica.call("REPLICAOF", "NO", "ONE");
        try {
            cache.set("own", "v", Timeout.never());
            assertThat(cache.hasKey("own")).as("the replica really lags").isFalse();
            assertThat(cache.touch("own", Timeout.never())).as("touch of a persistent key just written").isTrue();
            assertThat(cache.add("own", "w", Duration.ZERO)).as("expire-now add over it").isFalse();
            assertThat(cache.incrVersion("own")).as("incrVersion of it").isEqualTo(2);
            assertThat(primary.call("GET", "rep:2:own")).as("moved on the primary").isNotNull();
            CacheLock lock = cache.getLock("own-lock");
            assertThat(lock.acquire()).isTrue();
            assertThat(lock.locked()).as("locked() right after acquire").isTrue();
            lock.release();
        } finally {
            replica.call("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
            replica.awaitReplicaSync(Duration.ofSeconds(20));
        }
    }

    @Test
    void countersAndTimeoutsAreWrittenOnThePrimary() {
        cache.set("n", 1);
        assertThat(cache.incr("n", 41)).isEqualTo(42);
        replicate();
        assertThat((Object) cache.get("n")).isEqualTo(42L);
        assertThat(cache.persist("n")).isTrue();
        replicate();
        assertThat(cache.ttl("n")).isNull();
        assertThat(cache.expire("n", Duration.ofSeconds(30))).isTrue();
        replicate();
        assertThat(cache.ttl("n")).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    }

    @Test
    void rawConnectionsReachThePrimaryForWritesAndAReplicaForReads() throws Exception {
        GlideClient write = cache.getValkeyConnection(GlideClient.class, true);
        GlideClient read = cache.getValkeyConnection(GlideClient.class, false);
        assertThat(write.info().get()).contains("role:master");
        assertThat(read.info().get()).contains("role:slave");
        assertThat(cache.getValkeyConnection()).isSameAs(write);
    }

    @Test
    void readsSurviveTheReplicaGoingDown() throws Exception {
        cache.set("survive", "yes");
        replicate();
        replica.kill();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat((Object) cache.get("survive")).isEqualTo("yes");
            }
        } finally {
            replica.restart();
            replica.awaitReplicaSync(Duration.ofSeconds(20));
        }
        // after the replica is back, reads reach it again
        cache.set("back", "again");
        replicate();
        long hits = keyspaceHits(replica);
        for (int i = 0; i < 30 && keyspaceHits(replica) == hits; i++) {
            assertThat((Object) cache.get("back")).isEqualTo("again");
            Thread.sleep(100);
        }
        assertThat(keyspaceHits(replica)).isGreaterThan(hits);
    }
}
