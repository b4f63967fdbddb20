package org.valkeycache.client.glide.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import glide.api.GlideClusterClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheCommandException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.ValkeyCluster;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The shared glide pieces on a {@link GlideClusterClient}: single commands routed by slot,
 * coalesced into cluster pipelines that glide splits per node, each command keeping its reply.
 */
class ClusterConnectionTest {

    private static ValkeyCluster cluster;

    @BeforeAll
    static void start() {
        cluster = ValkeyCluster.builder().start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static GlideConnection<GlideClusterClient> open(boolean coalesce) {
        CacheConfig.Builder b = CacheConfig.builder();
        cluster.urls().forEach(b::location);
        CacheConfig config = b.build();
        return GlideClients.openCluster(config.locations(), config, false, coalesce);
    }

    @Test
    void concurrentCommandsToEveryNodeAreCoalescedAndEachGetsItsOwnReply() throws Exception {
        try (GlideConnection<GlideClusterClient> c = open(true)) {
            assertThat(c.isCluster()).isTrue();
            List<CompletableFuture<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                writes.add(GlideCommands.set(c, ("cc:" + i).getBytes(UTF_8), ("v" + i).getBytes(UTF_8),
                        SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY));
            }
            for (CompletableFuture<Boolean> w : writes) {
                assertThat(w.get(30, TimeUnit.SECONDS)).isTrue();
            }
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                reads.add(GlideCommands.get(c, ("cc:" + i).getBytes(UTF_8)));
            }
            for (int i = 0; i < 2000; i++) {
                assertThat(new String(reads.get(i).get(30, TimeUnit.SECONDS), UTF_8)).isEqualTo("v" + i);
            }
            long[] stats = c.coalescingStats();
            assertThat(stats[0]).as("cluster pipelines").isPositive();
            assertThat(stats[1]).as("commands in them").isGreaterThan(stats[0] * 2);
            Set<ValkeyServer> holders = new HashSet<>();
            for (int i = 0; i < 2000; i += 97) {
                ValkeyServer owner = cluster.nodeOf("cc:" + i);
                assertThat(owner.call("GET", "cc:" + i)).isEqualTo("v" + i);
                holders.add(owner);
            }
            assertThat(holders).hasSize(3);
        }
    }

    @Test
    void aRoutedMapReplyKeepsItsBinaryFieldsAndScriptsLoadOnTheKeysNode() throws Exception {
        try (GlideConnection<GlideClusterClient> c = open(false)) {
            byte[] field = {(byte) 0xff, 0, 'f'};
            GlideCommands.execute(c, true, null, List.of("HSET".getBytes(UTF_8), "h:1".getBytes(UTF_8), field,
                    "x".getBytes(UTF_8))).get(30, TimeUnit.SECONDS);
            @SuppressWarnings("unchecked")
            List<Object> all = (List<Object>) GlideCommands.execute(c, false, null,
                    List.of("HGETALL".getBytes(UTF_8), "h:1".getBytes(UTF_8))).get(30, TimeUnit.SECONDS);
            assertThat(all).hasSize(2);
            assertThat((byte[]) all.get(0)).isEqualTo(field);
            // a fresh script: NOSCRIPT on the key's node, SCRIPT LOAD on every primary, then EVALSHA again
            LuaScript script = LuaScript.of("return redis.call('GET', KEYS[1]) .. ':" + System.nanoTime() + "'");
            for (String key : List.of("s:a", "s:b", "s:c", "s:d", "s:e")) {
                cluster.nodeOf(key).call("SET", key, key);
                Object reply = GlideCommands.eval(c, script, List.of(key.getBytes(UTF_8)), List.of()).get(30, TimeUnit.SECONDS);
                assertThat(new String((byte[]) reply, UTF_8)).startsWith(key + ":");
            }
            try {
                GlideCommands.execute(c, true, null, List.of("INCR".getBytes(UTF_8), "h:1".getBytes(UTF_8)))
                        .get(30, TimeUnit.SECONDS);
                throw new AssertionError("INCR of a hash must fail");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(CacheCommandException.class).hasMessageContaining("WRONGTYPE");
            }
        }
    }
}
