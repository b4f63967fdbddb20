package org.valkeycache.nearcache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheCommandException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * The load protocol and the proof with a fake clock and a client whose replies the test releases
 * one by one, so every interleaving the issue names is run deterministically: a load racing an
 * invalidation, a load racing a clear (epoch), reads while the proof is stale, entry lifetimes
 * from PTTL and the cap, and the size bound.
 */
class NearCacheRacesTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    Scripted server;
    NearCacheValkeyClient near;
    InvalidationListener.Events events;

    @BeforeEach
    void open() {
        open(CacheConfig.builder().location("valkey://127.0.0.1:1").keyPrefix("nc")
                .option("near_cache.max_staleness", "1s").option("near_cache.entry_cap", "10s").build());
    }

    void open(CacheConfig config) {
        server = new Scripted();
        near = new NearCacheValkeyClient(config, server, now::get, false);
        events = near.events();
        events.tracking(ValkeyLocation.of("127.0.0.1", 1));
    }

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** One heartbeat, its reply and its invalidation: the proof holds from now. */
    void prove() {
        near.heartbeat();
        Pending beat = server.evals.removeLast();
        assertThat(beat.script).isSameAs(Heartbeat.SCRIPT);
        beat.reply.complete(1L);
        events.invalidated(List.of(beat.keys.get(1)));
        assertThat(near.proof().fresh()).isTrue();
    }

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    byte[] read(String key) {
        CompletableFuture<byte[]> f = near.get(b(key));
        if (!f.isDone()) {
            server.evals.removeLast().answer(server, now.get());
        }
        return f.join();
    }

    @Test
    void withoutAProofEveryReadBypasses() {
        server.put("nc:1:k", "v", -1);
        assertThat(read("nc:1:k")).isEqualTo(b("v"));
        assertThat(read("nc:1:k")).isEqualTo(b("v"));
        assertThat(near.meters().bypasses.count()).isEqualTo(2);
        assertThat(near.meters().hits.count()).isZero();
        assertThat(server.gets).isEqualTo(2);
    }

    @Test
    void aStaleProofBypassesInsteadOfServing() {
        server.put("nc:1:k", "v1", -1);
        prove();
        read("nc:1:k");
        assertThat(read("nc:1:k")).isEqualTo(b("v1"));
        assertThat(near.meters().hits.count()).isEqualTo(1);
        // the proof ages past max_staleness: a write now (whose invalidation never came) must be read from the server
        advance(Duration.ofMillis(1001));
        server.put("nc:1:k", "v2", -1);
        assertThat(read("nc:1:k")).isEqualTo(b("v2"));
        assertThat(near.meters().bypasses.count()).isEqualTo(1);
        assertThat(near.meters().hits.count()).isEqualTo(1);
    }

    @Test
    void aProofNeedsBothTheReplyAndTheInvalidation() {
        near.heartbeat();
        Pending beat = server.evals.removeLast();
        events.invalidated(List.of(beat.keys.get(1)));
        assertThat(near.proof().fresh()).as("invalidation only").isFalse();
        beat.reply.complete(1L);
        assertThat(near.proof().fresh()).isTrue();
        near.heartbeat();
        Pending next = server.evals.removeLast();
        next.reply.complete(1L);
        advance(Duration.ofMillis(1500));
        assertThat(near.proof().fresh()).as("reply only, the earlier proof has aged").isFalse();
    }

    @Test
    void aLoadThatRacesAnInvalidationIsDiscarded() {
        server.put("nc:1:k", "old", -1);
        prove();
        CompletableFuture<byte[]> load = near.get(b("nc:1:k"));
        Pending getPttl = server.evals.removeLast();
        // the server read "old", then another client wrote "new" and its invalidation arrived before our reply
        getPttl.capture(server, now.get());
        server.put("nc:1:k", "new", -1);
        events.invalidated(List.of(b("nc:1:k")));
        getPttl.release();
        assertThat(load.join()).isEqualTo(b("old"));
        assertThat(near.meters().discarded.count()).isEqualTo(1);
        assertThat(read("nc:1:k")).isEqualTo(b("new"));
        assertThat(read("nc:1:k")).isEqualTo(b("new"));
        assertThat(near.meters().hits.count()).isEqualTo(1);
    }

    @Test
    void aLoadThatRacesAClearIsDiscardedByTheEpoch() {
        server.put("nc:1:k", "old", -1);
        prove();
        CompletableFuture<byte[]> load = near.get(b("nc:1:k"));
        Pending getPttl = server.evals.removeLast();
        getPttl.capture(server, now.get());
        server.clear();
        events.flushed();
        getPttl.release();
        assertThat(load.join()).isEqualTo(b("old"));
        assertThat(near.meters().discarded.count()).isEqualTo(1);
        assertThat(read("nc:1:k")).isNull();
    }

    @Test
    void aLoadThatRacesALostListenerIsDiscarded() {
        server.put("nc:1:k", "old", -1);
        prove();
        CompletableFuture<byte[]> load = near.get(b("nc:1:k"));
        Pending getPttl = server.evals.removeLast();
        getPttl.capture(server, now.get());
        events.lost("test");
        events.tracking(ValkeyLocation.of("127.0.0.1", 1));
        getPttl.release();
        load.join();
        assertThat(near.store().size()).isZero();
        assertThat(near.proof().fresh()).as("a new connection needs a new proof").isFalse();
    }

    @Test
    void ownWritesEvictBeforeAndAfter() {
        server.put("nc:1:k", "v1", -1);
        prove();
        read("nc:1:k");
        CompletableFuture<byte[]> load;
        near.set(b("nc:1:k"), b("v2"), ValkeyClient.SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY).join();
        assertThat(read("nc:1:k")).isEqualTo(b("v2"));
        // a load in flight across our own write is discarded by the eviction after the write
        server.put("nc:1:j", "j1", -1);
        load = near.get(b("nc:1:j"));
        Pending getPttl = server.evals.removeLast();
        getPttl.capture(server, now.get());
        near.set(b("nc:1:j"), b("j2"), ValkeyClient.SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY).join();
        getPttl.release();
        assertThat(load.join()).isEqualTo(b("j1"));
        assertThat(near.meters().discarded.count()).isEqualTo(1);
        assertThat(read("nc:1:j")).isEqualTo(b("j2"));
    }

    @Test
    void entriesLiveUntilThePttlOrTheCap() {
        server.put("nc:1:short", "s", 300);
        server.put("nc:1:long", "l", 60_000);
        server.put("nc:1:forever", "f", -1);
        prove();
        read("nc:1:short");
        read("nc:1:long");
        read("nc:1:forever");
        assertThat(near.store().size()).isEqualTo(3);
        advance(Duration.ofMillis(301));
        prove();
        assertThat(near.store().value(new LocalStore.Key(b("nc:1:short")))).isNull();
        assertThat(near.store().value(new LocalStore.Key(b("nc:1:long")))).isEqualTo(b("l"));
        advance(Duration.ofSeconds(10));
        prove();
        assertThat(near.store().value(new LocalStore.Key(b("nc:1:long")))).as("capped at entry_cap").isNull();
        assertThat(near.store().value(new LocalStore.Key(b("nc:1:forever")))).isNull();
    }

    @Test
    void theTimeALoadTookCountsAgainstThePttl() {
        server.put("nc:1:k", "v", 300);
        prove();
        CompletableFuture<byte[]> load = near.get(b("nc:1:k"));
        Pending getPttl = server.evals.removeLast();
        getPttl.capture(server, now.get());
        advance(Duration.ofMillis(200));
        getPttl.release();
        load.join();
        advance(Duration.ofMillis(101));
        assertThat(near.store().value(new LocalStore.Key(b("nc:1:k")))).isNull();
    }

    @Test
    void theWeightStaysWithinMaxBytes() {
        open(CacheConfig.builder().location("valkey://127.0.0.1:1").keyPrefix("nc")
                .option("near_cache.max_bytes", "16KiB").build());
        prove();
        String value = "x".repeat(1000);
        for (int i = 0; i < 100; i++) {
            server.put("nc:1:k" + i, value, -1);
            read("nc:1:k" + i);
        }
        near.store().cleanUp();
        assertThat(near.store().weight()).isLessThanOrEqualTo(16 * 1024).isGreaterThan(8 * 1024);
        assertThat(near.store().size()).isLessThan(16);
    }

    @Test
    void aHeartbeatThatFindsAnotherDatabaseClears() {
        server.put("nc:1:k", "v", -1);
        prove();
        read("nc:1:k");
        assertThat(near.store().size()).isEqualTo(1);
        near.heartbeat();
        server.evals.removeLast().reply.complete(0L);
        assertThat(near.store().size()).isZero();
        assertThat(near.meters().clears.count()).isEqualTo(1);
    }

    @Test
    void aFailedHeartbeatClearsAndProvesNothing() {
        server.put("nc:1:k", "v", -1);
        prove();
        read("nc:1:k");
        advance(Duration.ofMillis(900));
        near.heartbeat();
        Pending beat = server.evals.removeLast();
        beat.reply.completeExceptionally(new CacheCommandException("NOPERM no eval"));
        events.invalidated(List.of(beat.keys.get(1)));
        assertThat(near.store().size()).isZero();
        advance(Duration.ofMillis(200));
        assertThat(near.proof().fresh()).isFalse();
    }

    @Test
    void aScriptErrorFallsBackToThePlainGet() {
        server.put("nc:1:k", "v", -1);
        prove();
        CompletableFuture<byte[]> f = near.get(b("nc:1:k"));
        server.evals.removeLast().reply.completeExceptionally(new CacheCommandException("NOPERM this user has no permissions to run the 'evalsha' command"));
        assertThat(f.join()).isEqualTo(b("v"));
        assertThat(near.store().size()).isZero();
    }

    @Test
    void theTrackedPrefixIsWhatEveryMadeKeyStartsWith() {
        assertThat(NearCacheValkeyClient.trackedPrefix(CacheConfig.builder().location("valkey://h:1").keyPrefix("shop").build()))
                .isEqualTo("shop:");
        assertThat(NearCacheValkeyClient.trackedPrefix(CacheConfig.builder().location("valkey://h:1").build())).isEqualTo(":");
    }

    /** An eval the test answers when it chooses. */
    static final class Pending {
        final LuaScript script;
        final List<byte[]> keys;
        final CompletableFuture<Object> reply = new CompletableFuture<>();
        private Object captured;

        Pending(LuaScript script, List<byte[]> keys) {
            this.script = script;
            this.keys = keys;
        }

        /** The server runs GET+PTTL now. */
        void capture(Scripted server, long nowNanos) {
            captured = server.getPttl(keys.get(0), nowNanos);
        }

        /** Its reply arrives now. */
        void release() {
            reply.complete(captured);
        }

        void answer(Scripted server, long nowNanos) {
            capture(server, nowNanos);
            release();
        }
    }

    // ---- a ring of two nodes: each node is followed on its own -----------------------------------

    /** A ring of two scripted nodes; keys ending in {@code 1} live on node 1, the others on node 0. */
    final class ScriptedRing extends Scripted {
        final Scripted[] nodes = {new Scripted(), new Scripted()};

        @Override
        public List<ValkeyClient> ringNodes() {
            return List.of(nodes[0], nodes[1]);
        }

        @Override
        public int nodeOf(byte[] madeKey) {
            return madeKey[madeKey.length - 1] == '1' ? 1 : 0;
        }

        Scripted on(String key) {
            return nodes[nodeOf(b(key))];
        }

        @Override
        public CompletableFuture<byte[]> get(byte[] key) {
            gets++;
            return nodes[nodeOf(key)].get(key);
        }

        @Override
        public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
            return nodes[nodeOf(key)].set(key, value, condition, expiryMillis);
        }

        @Override
        public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
            return nodes[nodeOf(keys.get(0))].eval(script, keys, args);
        }

        @Override
        public ValkeyLocation primaryLocation() {
            return null;
        }
    }

    ScriptedRing openRing() {
        ScriptedRing ring = new ScriptedRing();
        near = new NearCacheValkeyClient(CacheConfig.builder().location("valkey://127.0.0.1:1").keyPrefix("nc")
                .option("near_cache.max_staleness", "1s").build(), ring, now::get, false);
        for (int i = 0; i < 2; i++) {
            near.node(i).events().tracking(ValkeyLocation.of("127.0.0.1", 1 + i));
        }
        return ring;
    }

    /** A ring where both nodes prove, {@code nc:1:a0} on node 0 and {@code nc:1:a1} on node 1 are loaded. */
    ScriptedRing openLoadedRing() {
        ScriptedRing ring = openRing();
        ring.on("nc:1:a0").put("nc:1:a0", "zero", -1);
        ring.on("nc:1:a1").put("nc:1:a1", "one", -1);
        prove(ring, 0);
        prove(ring, 1);
        read(ring, "nc:1:a0");
        read(ring, "nc:1:a1");
        return ring;
    }

    /** One heartbeat of one node, answered and invalidated there: that node's proof holds from now. */
    void prove(ScriptedRing ring, int node) {
        near.node(node).heartbeat();
        Pending beat = ring.nodes[node].evals.removeLast();
        assertThat(beat.script).isSameAs(Heartbeat.SCRIPT);
        beat.reply.complete(1L);
        near.node(node).events().invalidated(List.of(beat.keys.get(1)));
        assertThat(near.node(node).proof.fresh()).isTrue();
    }

    byte[] read(ScriptedRing ring, String key) {
        CompletableFuture<byte[]> f = near.get(b(key));
        if (!f.isDone()) {
            Scripted node = ring.on(key);
            assertThat(node.evals).as("the load goes to the node of " + key).hasSize(1);
            node.evals.removeLast().answer(node, now.get());
        }
        return f.join();
    }

    @Test
    void aRingIsFollowedNodeByNodeWithHeartbeatsOnEachNode() {
        ScriptedRing ring = openRing();
        assertThat(near.nodeCount()).isEqualTo(2);
        near.heartbeat();
        assertThat(ring.nodes[0].evals).hasSize(1);
        assertThat(ring.nodes[1].evals).hasSize(1);
        assertThat(ring.nodes[0].evals.peek().keys.get(1)).as("each node has heartbeat keys of its own")
                .isNotEqualTo(ring.nodes[1].evals.peek().keys.get(1));
    }

    @Test
    void aNodeWhoseProofIsStaleBypassesWhileTheOtherServes() {
        ScriptedRing ring = openLoadedRing();
        assertThat(read(ring, "nc:1:a0")).isEqualTo(b("zero"));
        assertThat(read(ring, "nc:1:a1")).isEqualTo(b("one"));
        assertThat(near.meters().hits.count()).isEqualTo(2);
        // only node 0 goes on proving; node 1 is written without an invalidation reaching us
        advance(Duration.ofMillis(1001));
        prove(ring, 0);
        ring.on("nc:1:a1").put("nc:1:a1", "one-new", -1);
        assertThat(read(ring, "nc:1:a1")).as("node 1's key bypasses").isEqualTo(b("one-new"));
        assertThat(read(ring, "nc:1:a0")).as("node 0's key is still a hit").isEqualTo(b("zero"));
        assertThat(near.meters().hits.count()).isEqualTo(3);
        assertThat(near.meters().bypasses.count()).isEqualTo(1);
        // a key of node 1 that was never loaded bypasses too, without a load
        ring.on("nc:1:b1").put("nc:1:b1", "b", -1);
        assertThat(read(ring, "nc:1:b1")).isEqualTo(b("b"));
        assertThat(near.meters().bypasses.count()).isEqualTo(2);
        assertThat(near.store().value(new LocalStore.Key(b("nc:1:b1")))).isNull();
    }

    @Test
    void aNodesLostListenerClearsAndStopsItsLoadsWhileTheOtherNodeServes() {
        ScriptedRing ring = openLoadedRing();
        // a load from node 1 in flight when node 1's listener is lost is discarded
        CompletableFuture<byte[]> load = near.get(b("nc:1:c1"));
        Pending getPttl = ring.nodes[1].evals.removeLast();
        near.node(1).events().lost("test");
        getPttl.answer(ring.nodes[1], now.get());
        load.join();
        assertThat(near.store().size()).as("a node's reconnect clears everything").isZero();
        assertThat(near.node(1).serving()).isFalse();
        assertThat(near.node(0).serving()).isTrue();
        assertThat(read(ring, "nc:1:a1")).isEqualTo(b("one"));
        assertThat(read(ring, "nc:1:a1")).isEqualTo(b("one"));
        assertThat(near.store().value(new LocalStore.Key(b("nc:1:a1")))).as("node 1's keys are not stored").isNull();
        long hits = near.meters().hits.count();
        read(ring, "nc:1:a0");
        assertThat(read(ring, "nc:1:a0")).isEqualTo(b("zero"));
        assertThat(near.meters().hits.count()).as("node 0 reloads and serves").isEqualTo(hits + 1);
        // node 1 tracks again: it needs a proof of its own before its keys are served
        near.node(1).events().tracking(ValkeyLocation.of("127.0.0.1", 2));
        assertThat(near.node(1).serving()).isFalse();
        prove(ring, 1);
        prove(ring, 0);
        read(ring, "nc:1:a1");
        assertThat(read(ring, "nc:1:a1")).isEqualTo(b("one"));
    }

    @Test
    void anInvalidationOnOneNodesListenerEvictsTheKey() {
        ScriptedRing ring = openRing();
        ring.on("nc:1:a1").put("nc:1:a1", "one", -1);
        prove(ring, 0);
        prove(ring, 1);
        read(ring, "nc:1:a1");
        ring.on("nc:1:a1").put("nc:1:a1", "two", -1);
        near.node(1).events().invalidated(List.of(b("nc:1:a1")));
        assertThat(read(ring, "nc:1:a1")).isEqualTo(b("two"));
        assertThat(near.meters().invalidations.count()).isEqualTo(1);
    }

    /** A key-value map standing in for the wire, with PTTLs in fake time; evals wait for the test. */
    class Scripted implements ValkeyClient {
        final Map<String, byte[]> values = new HashMap<>();
        final Map<String, Long> expireAt = new HashMap<>();
        final Deque<Pending> evals = new ArrayDeque<>();
        int gets;

        void put(String key, String value, long pttlMillis) {
            values.put(key, b(value));
            if (pttlMillis > 0) {
                expireAt.put(key, now.get() + pttlMillis * 1_000_000L);
            } else {
                expireAt.remove(key);
            }
        }

        void clear() {
            values.clear();
            expireAt.clear();
        }

        List<Object> getPttl(byte[] key, long nowNanos) {
            String k = new String(key, UTF_8);
            Long at = expireAt.get(k);
            if (at != null && at <= nowNanos) {
                values.remove(k);
                expireAt.remove(k);
            }
            byte[] v = values.get(k);
            long pttl = v == null ? -2 : at == null ? -1 : (at - nowNanos) / 1_000_000L;
            return Arrays.asList(v == null ? null : v.clone(), pttl);
        }

        @Override
        public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
            Pending p = new Pending(script, keys);
            evals.add(p);
            return p.reply;
        }

        @Override
        public CompletableFuture<byte[]> get(byte[] key) {
            gets++;
            return CompletableFuture.completedFuture((byte[]) getPttl(key, now.get()).get(0));
        }

        @Override
        public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
            put(new String(key, UTF_8), new String(value, UTF_8), expiryMillis);
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public ValkeyLocation primaryLocation() {
            return ValkeyLocation.of("127.0.0.1", 1);
        }

        @Override
        public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> delete(List<byte[]> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> unlink(List<byte[]> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Boolean> exists(byte[] key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> pttl(byte[] key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Boolean> persist(byte[] key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> flushDb() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object rawConnection(boolean write) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {
        }
    }
}
