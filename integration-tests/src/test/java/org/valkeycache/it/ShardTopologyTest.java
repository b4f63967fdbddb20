package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheLock;
import org.valkeycache.CachePartialFailureException;
import org.valkeycache.CacheUnsupportedOperationException;
import org.valkeycache.LockOptions;
import org.valkeycache.Timeout;
import org.valkeycache.ValkeyCache;
import org.valkeycache.client.shard.CacheCrossNodeException;
import org.valkeycache.client.shard.HashRing;
import org.valkeycache.client.shard.ShardValkeyClient;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.contract.LogCapture;

/**
 * The shard ring on three real servers: placement (against the ring and against Python's
 * hashlib), node-down behaviour, commands whose keys must share a node, data structures, locks,
 * per-node replicas and configuration errors.
 */
class ShardTopologyTest {

    final List<ValkeyServer> servers = new ArrayList<>();
    final List<ValkeyCache> opened = new ArrayList<>();

    @BeforeEach
    void startThreeServers() {
        for (int i = 0; i < 3; i++) {
            servers.add(ValkeyServer.start());
        }
    }

    @AfterEach
    void stopServers() {
        opened.forEach(ValkeyCache::close);
        servers.forEach(ValkeyServer::close);
    }

    private List<String> urls() {
        return servers.stream().map(ValkeyServer::url).toList();
    }

    private CacheConfig.Builder config() {
        return CacheConfig.builder().locations(urls()).clientClass("shard").keyPrefix("shop")
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(700));
    }

    private ValkeyCache open(CacheConfig.Builder b) {
        ValkeyCache cache = ValkeyCache.open(b.build());
        opened.add(cache);
        return cache;
    }

    private static int nodeOf(ValkeyCache cache, String key) {
        return ((ShardValkeyClient) cache.client()).nodeOf(cache.makeKey(key).getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@code n} keys {@code prefix0, prefix1, ...} that the ring places on {@code node}. */
    private static List<String> keysOn(ValkeyCache cache, int node, String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            if (nodeOf(cache, prefix + i) == node) {
                out.add(prefix + i);
            }
        }
        return out;
    }

    // ---- placement -----------------------------------------------------------------------------

    @Test
    void keysOfARealRunLandOnAllThreeNodesInTheProportionsTheRingPredicts() {
        ValkeyCache cache = open(config());
        HashRing ring = HashRing.of(urls());
        long[] predicted = new long[3];
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            values.put("item:" + i, (long) i);
            predicted[ring.nodeOf(cache.makeKey("item:" + i))]++;
        }
        assertThat(cache.setMany(values)).isEmpty();
        for (int n = 0; n < 3; n++) {
            assertThat(servers.get(n).dbSize()).as("keys on node %d", n).isEqualTo(predicted[n]);
            assertThat(predicted[n]).as("node %d share of 3000", n).isBetween(700L, 1300L);
        }
        for (String key : List.of("item:0", "item:1", "item:2", "item:2999")) {
            assertThat(servers.get(ring.nodeOf(cache.makeKey(key))).call("EXISTS", cache.makeKey(key))).isEqualTo(1L);
        }
        assertThat(cache.getMany(values.keySet()).equals(values)).as("getMany reads back every value").isTrue();
    }

    /** The same servers and keys placed by a Python rewrite of django-valkey's ring (hashlib). */
    @Test
    void placementAgreesWithDjangoValkeysRingComputedByPython() throws Exception {
        ValkeyCache cache = open(config().keyPrefix(""));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            keys.add(i % 5 == 0 ? "{cart" + (i % 7) + "}:line:" + i : "user:" + i + ":ключ");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        keys.forEach(k -> values.put(k, "v"));
        cache.mset(values);
        List<Integer> python = placeWithPython(urls(), keys.stream().map(cache::makeKey).toList());
        int[] perNode = new int[3];
        for (int i = 0; i < keys.size(); i++) {
            String made = cache.makeKey(keys.get(i));
            int node = python.get(i);
            perNode[node]++;
            assertThat(servers.get(node).call("EXISTS", made)).as("%s on node %d", made, node).isEqualTo(1L);
        }
        assertThat(IntStream.of(perNode).min().getAsInt()).isPositive();
    }

    private static List<Integer> placeWithPython(List<String> nodes, List<String> madeKeys) throws Exception {
        Path script = Path.of("..", "client-shard", "scripts", "hashring.py").toAbsolutePath().normalize();
        assertThat(Files.exists(script)).as(script.toString()).isTrue();
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "place"));
        cmd.addAll(nodes);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            for (String k : madeKeys) {
                in.write((HexFormat.of().formatHex(k.getBytes(StandardCharsets.UTF_8)) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        List<Integer> out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            out = r.lines().map(Integer::parseInt).collect(Collectors.toList());
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).hasSize(madeKeys.size());
        return out;
    }

    // ---- fan-out commands ----------------------------------------------------------------------

    @Test
    void iterKeysWalksTheNodesLazilyOneAfterTheOther() {
        ValkeyCache cache = open(config());
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            values.put("it:" + i, i);
        }
        cache.mset(values);
        long[] before = servers.stream().mapToLong(s -> calls(s, "scan")).toArray();
        try (Stream<String> first = cache.iterKeys("it:*", 10)) {
            assertThat(first.limit(3).count()).isEqualTo(3);
        }
        assertThat(calls(servers.get(0), "scan") - before[0]).isBetween(1L, 3L);
        assertThat(calls(servers.get(1), "scan") - before[1]).as("node 1 not scanned yet").isZero();
        assertThat(calls(servers.get(2), "scan") - before[2]).as("node 2 not scanned yet").isZero();
        try (Stream<String> all = cache.iterKeys("it:*", 10)) {
            assertThat(all.collect(Collectors.toSet())).isEqualTo(values.keySet());
        }
        for (ValkeyServer s : servers) {
            assertThat(calls(s, "scan")).isGreaterThan(3);
        }
    }

    /** A key the ring places elsewhere (written before a node joined) is still found and deleted where it is. */
    @Test
    void patternDeletesAndClearDeleteEachKeyOnTheNodeItWasFoundOn() {
        ValkeyCache cache = open(config());
        for (int i = 0; i < 200; i++) {
            cache.set("del:" + i, i);
        }
        String stray = keysOn(cache, 1, "del:stray", 1).get(0);
        servers.get(0).call("SET", cache.makeKey(stray), "1");
        assertThat(cache.keys("del:*")).hasSize(201).contains(stray);
        long unlinkOn1 = calls(servers.get(1), "unlink");
        assertThat(cache.deletePattern("del:*", 50)).isEqualTo(201);
        assertThat(servers.get(0).call("EXISTS", cache.makeKey(stray))).isEqualTo(0L);
        assertThat(servers.stream().mapToLong(ValkeyServer::dbSize).sum()).isZero();
        assertThat(calls(servers.get(1), "unlink") - unlinkOn1).isPositive();

        cache.set("a", 1);
        servers.get(2).call("SET", cache.makeKey(keysOn(cache, 0, "b", 1).get(0)), "1");
        servers.get(2).call("SET", "not-mine", "1");
        assertThat(cache.clear()).isEqualTo(2);
        assertThat(servers.get(2).call("EXISTS", "not-mine")).isEqualTo(1L);
    }

    @Test
    void multiKeyCallsWorkWithOneNodeAtATime() {
        ValkeyCache cache = open(config().option("shard.max_parallel", "1"));
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            values.put("k" + i, "v" + i);
        }
        assertThat(cache.setMany(values)).isEmpty();
        assertThat(new ArrayList<>(cache.getMany(values.keySet()).keySet())).containsExactlyElementsOf(values.keySet());
        assertThat(new ArrayList<>(cache.mget(values.keySet()).values())).containsExactlyElementsOf(values.values());
        assertThat(cache.deleteMany(values.keySet())).isEqualTo(60);
    }

    private static long calls(ValkeyServer s, String command) {
        for (String line : String.valueOf(s.call("INFO", "commandstats")).split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    // ---- a node that is down ---------------------------------------------------------------------

    @Test
    void aNodeThatIsDownFailsOnlyItsKeysAndMultiKeyCallsNameThem() {
        ValkeyCache cache = open(config());
        List<String> onA = keysOn(cache, 0, "a", 3);
        List<String> onB = keysOn(cache, 1, "b", 3);
        List<String> onC = keysOn(cache, 2, "c", 3);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(onA.get(i));
            all.add(onB.get(i));
            all.add(onC.get(i));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        all.forEach(k -> values.put(k, "v-" + k));
        assertThat(cache.setMany(values)).isEmpty();

        servers.get(1).kill();

        assertThat((Object) cache.get(onA.get(0))).isEqualTo("v-" + onA.get(0));
        assertThat((Object) cache.get(onC.get(0))).isEqualTo("v-" + onC.get(0));
        assertThatThrownBy(() -> cache.get(onB.get(0))).isInstanceOf(CacheConnectionException.class);

        assertThatThrownBy(() -> cache.getMany(all)).isInstanceOfSatisfying(CachePartialFailureException.class, e -> {
            assertThat(e.failedKeys()).containsExactlyElementsOf(onB);
            assertThat(e.getMessage()).contains(onB.get(0)).contains(servers.get(1).url().replace("valkey://", ""));
            @SuppressWarnings("unchecked")
            Map<String, Object> served = (Map<String, Object>) e.partialResult();
            assertThat(served).containsOnlyKeys(all.stream().filter(k -> !onB.contains(k)).toList());
        });
        assertThatThrownBy(() -> cache.mget(all)).isInstanceOfSatisfying(CachePartialFailureException.class,
                e -> assertThat(e.failedKeys()).containsExactlyElementsOf(onB));
        assertThat(cache.setMany(values)).containsExactlyElementsOf(onB);
        assertThatThrownBy(() -> cache.mset(values)).isInstanceOfSatisfying(CachePartialFailureException.class,
                e -> assertThat(e.failedKeys()).containsExactlyElementsOf(onB));
        assertThatThrownBy(() -> cache.deleteMany(List.of(onA.get(2), onB.get(2))))
                .isInstanceOfSatisfying(CachePartialFailureException.class, e -> {
                    assertThat(e.failedKeys()).containsExactly(onB.get(2));
                    assertThat(e.partialResult()).isEqualTo(1L);
                });
        assertThat(cache.hasKey(onA.get(2))).isFalse();
        assertThat(cache.setMany(Map.of(onA.get(1), "x", onB.get(1), "x"), Timeout.ofSeconds(0)))
                .containsExactly(onB.get(1));
        assertThat(cache.hasKey(onA.get(1))).isFalse();
        assertThatThrownBy(() -> cache.mset(Map.of(onC.get(1), "x", onB.get(1), "x"), Timeout.ofSeconds(0)))
                .isInstanceOfSatisfying(CachePartialFailureException.class, e -> assertThat(e.failedKeys()).containsExactly(onB.get(1)));
        assertThat(cache.hasKey(onC.get(1))).isFalse();
        assertThatThrownBy(() -> cache.keys("*")).isInstanceOfSatisfying(CachePartialFailureException.class,
                e -> assertThat((List<?>) e.partialResult()).hasSize(3));

        servers.get(1).restart();
        awaitServing(() -> cache.set(onB.get(0), "back"));
        assertThat((Object) cache.get(onB.get(0))).isEqualTo("back");
    }

    /** Waits (bounded) until glide has reconnected to a restarted node. */
    private static void awaitServing(BooleanSupplier write) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                if (write.getAsBoolean()) {
                    return;
                }
                assertThat(System.nanoTime()).as("serving again within 15 s").isLessThan(deadline);
            } catch (CacheConnectionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void underIgnoreExceptionsTheDownNodesKeysReadAsMissingAndTheOthersAreServed() {
        ValkeyCache cache = open(config().ignoreExceptions(true));
        List<String> onA = keysOn(cache, 0, "a", 2);
        List<String> onB = keysOn(cache, 1, "b", 2);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String k : List.of(onA.get(0), onB.get(0), onA.get(1), onB.get(1))) {
            values.put(k, k);
        }
        cache.mset(values);
        servers.get(1).kill();

        assertThat((Object) cache.get(onB.get(0))).isNull();
        assertThat(cache.getOrDefault(onB.get(0), "default")).isEqualTo("default");
        assertThat((Object) cache.get(onA.get(0))).isEqualTo(onA.get(0));
        assertThat(cache.getMany(values.keySet())).containsOnlyKeys(onA);
        assertThat(cache.mget(values.keySet())).containsOnlyKeys(onA);
        assertThat(cache.setMany(values)).containsExactlyElementsOf(onB);
        assertThat(cache.keys("*")).containsExactlyInAnyOrderElementsOf(onA);
        assertThat(cache.deleteMany(values.keySet())).isEqualTo(2);
        assertThat(cache.keys("*")).isEmpty();
        assertThat(cache.set(onB.get(0), "x")).isFalse();
        assertThat(cache.set(onA.get(0), "x")).isTrue();
        assertThat(cache.sadd(keysOn(cache, 1, "set", 1).get(0), "m")).isZero();
        assertThat(cache.sadd(keysOn(cache, 0, "set", 1).get(0), "m")).isEqualTo(1);
    }

    /** Three keys on each node, written: {@code a*} on node 0, {@code b*} on node 1, {@code c*} on node 2. */
    private static List<List<String>> threeKeysPerNode(ValkeyCache cache) {
        List<List<String>> perNode = List.of(keysOn(cache, 0, "a", 3), keysOn(cache, 1, "b", 3), keysOn(cache, 2, "c", 3));
        perNode.forEach(keys -> keys.forEach(k -> cache.set(k, k)));
        return perNode;
    }

    @Test
    void underIgnoreExceptionsPatternCommandsSkipTheDownNodeLogItAndServeTheOthers() {
        ValkeyCache cache = open(config().ignoreExceptions(true).logIgnoredExceptions(true)
                .logIgnoredExceptionsInterval(Duration.ZERO));
        List<List<String>> keys = threeKeysPerNode(cache);
        List<String> served = Stream.concat(keys.get(0).stream(), keys.get(2).stream()).toList();
        String down = servers.get(1).url().replace("valkey://", "");
        servers.get(1).kill();
        try (LogCapture logs = LogCapture.logback(ValkeyCache.class)) {
            try (Stream<String> all = cache.iterKeys("*", 2)) {
                assertThat(all.toList()).containsExactlyInAnyOrderElementsOf(served);
            }
            assertThat(cache.keys("*")).containsExactlyInAnyOrderElementsOf(served);
            assertThat(cache.deletePattern("c*")).isEqualTo(3);
            assertThat(cache.clear()).isEqualTo(3);
            assertThat(servers.get(0).dbSize() + servers.get(2).dbSize()).isZero();
            List<String> logged = logs.events().stream().map(e -> e.message() + " / " + e.thrownMessage()).toList();
            for (String command : List.of("iterKeys", "keys", "deletePattern", "clear")) {
                assertThat(logged).as("the skipped node is logged for " + command)
                        .anySatisfy(line -> assertThat(line).contains("Exception ignored: " + command + " on")
                                .contains(down));
            }
        }
    }

    @Test
    void withoutIgnoreExceptionsPatternCommandsFailNamingTheDownNode() {
        ValkeyCache cache = open(config());
        threeKeysPerNode(cache);
        String down = servers.get(1).url().replace("valkey://", "");
        servers.get(1).kill();
        assertThatThrownBy(() -> {
            try (Stream<String> all = cache.iterKeys("*", 2)) {
                all.forEach(k -> { });
            }
        }).isInstanceOf(CacheConnectionException.class).hasMessageContaining("iterKeys").hasMessageContaining(down);
        assertThatThrownBy(() -> cache.keys("*")).isInstanceOf(CachePartialFailureException.class)
                .hasMessageContaining(down);
        assertThatThrownBy(() -> cache.deletePattern("*")).isInstanceOf(CacheConnectionException.class)
                .hasMessageContaining(down);
        assertThatThrownBy(() -> cache.clear()).isInstanceOf(CacheConnectionException.class)
                .hasMessageContaining(down);
    }

    // ---- commands whose keys must share a node -------------------------------------------------

    @Test
    void setCommandsAcrossNodesFailNamingTheKeysAndNodesAndWorkWithHashTags() {
        ValkeyCache cache = open(config());
        String a = keysOn(cache, 0, "s", 1).get(0);
        String b = keysOn(cache, 1, "s", 1).get(0);
        cache.sadd(a, "x", "y");
        cache.sadd(b, "y", "z");
        assertThatThrownBy(() -> cache.sinter(a, b)).isInstanceOf(CacheCrossNodeException.class)
                .isInstanceOf(CacheUnsupportedOperationException.class)
                .hasMessageContaining("SINTER").hasMessageContaining(cache.makeKey(a)).hasMessageContaining(cache.makeKey(b))
                .hasMessageContaining(servers.get(0).url().replace("valkey://", ""))
                .hasMessageContaining(servers.get(1).url().replace("valkey://", ""))
                .hasMessageContaining("hash tag");
        assertThatThrownBy(() -> cache.smove(a, b, "x")).isInstanceOf(CacheCrossNodeException.class).hasMessageContaining("SMOVE");
        assertThatThrownBy(() -> cache.sunionstore(a, a, b)).isInstanceOf(CacheCrossNodeException.class);
        assertThatThrownBy(() -> cache.sdiff(a, b)).isInstanceOf(CacheCrossNodeException.class);
        assertThat(cache.smembers(a)).containsExactlyInAnyOrder("x", "y");

        // the same tag puts the keys on one node, whichever node that is
        cache.sadd("{user7}:seen", "x", "y");
        cache.sadd("{user7}:liked", "y", "z");
        assertThat(nodeOf(cache, "{user7}:seen")).isEqualTo(nodeOf(cache, "{user7}:liked"));
        assertThat(cache.sinter("{user7}:seen", "{user7}:liked")).containsExactly("y");
        assertThat(cache.sunion("{user7}:seen", "{user7}:liked")).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(cache.sdiffstore("{user7}:only-seen", "{user7}:seen", "{user7}:liked")).isEqualTo(1);
        assertThat(cache.smove("{user7}:seen", "{user7}:liked", "x")).isTrue();
        assertThat(cache.smembers("{user7}:liked")).containsExactlyInAnyOrder("x", "y", "z");
    }

    // ---- data structures and locks go to their key's node --------------------------------------

    @Test
    void dataStructuresAndLocksLiveOnTheirKeysNode() throws Exception {
        ValkeyCache cache = open(config());
        for (int i = 0; i < 12; i++) {
            String h = "hash" + i;
            cache.hset(h, "field", i);
            String made = cache.makeKey(h);
            assertThat(servers.get(nodeOf(cache, h)).call("EXISTS", made)).as(h).isEqualTo(1L);
            assertThat((Object) cache.hget(h, "field")).isEqualTo((long) i);
            String list = "list" + i;
            cache.rpush(list, "a", "b");
            assertThat(cache.lrange(list, 0, -1)).containsExactly("a", "b");
            assertThat(cache.blpop(Duration.ofMillis(200), list)).isNotNull();
        }
        int[] lockNodes = new int[3];
        for (int i = 0; i < 9; i++) {
            String name = "lock" + i;
            CacheLock lock = cache.getLock(name, LockOptions.defaults().withFencing().withLease(Duration.ofSeconds(10)).withBlocking(false));
            assertThat(lock.tryAcquire()).isTrue();
            assertThat(lock.fencingToken()).isPositive();
            int node = nodeOf(cache, name);
            lockNodes[node]++;
            assertThat(servers.get(node).call("EXISTS", cache.makeKey(name))).isEqualTo(1L);
            // the fence counter is a companion kept on the lock's node ({<lock key>}:fence, the lock's hash slot)
            assertThat(servers.get(node).call("EXISTS", "{" + cache.makeKey(name) + "}:fence")).isEqualTo(1L);
            lock.release();
            assertThat(servers.get(node).call("EXISTS", cache.makeKey(name))).isEqualTo(0L);
        }
        assertThat(IntStream.of(lockNodes).filter(n -> n > 0).count()).isGreaterThan(1);
    }

    // ---- raw connection, replicas, configuration ----------------------------------------------

    @Test
    void aNodeMayHaveReadReplicas() {
        try (ValkeyServer replica = ValkeyServer.builder().replicaOf(servers.get(0)).start()) {
            replica.awaitReplicaSync(Duration.ofSeconds(10));
            ValkeyCache cache = open(config().option("shard.replicas", replica.url() + ";;"));
            assertThat(cache.client().describe()).contains(replica.url().replace("valkey://", ""));
            List<String> onA = keysOn(cache, 0, "r", 20);
            onA.forEach(k -> cache.set(k, k));
            replica.awaitReplicaCaughtUp(Duration.ofSeconds(5));
            long before = calls(replica, "get");
            for (String k : onA) {
                assertThat((Object) cache.get(k)).isEqualTo(k);
            }
            assertThat(calls(replica, "get") - before).as("GETs served by node 0's replica").isEqualTo(20);
            assertThat(replica.call("EXISTS", cache.makeKey(keysOn(cache, 1, "r", 1).get(0)))).isEqualTo(0L);
        }
    }

    @Test
    void badShardSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> open(config().option("shard.replicas", "valkey://127.0.0.1:1;;;valkey://127.0.0.1:2")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.shard.replicas")
                .hasMessageContaining("4 groups").hasMessageContaining("3 nodes");
        assertThatThrownBy(() -> open(config().option("shard.replicas", "nonsense")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.shard.replicas, node 0")
                .hasMessageContaining("nonsense");
        assertThatThrownBy(() -> open(config().option("shard.replica", "valkey://127.0.0.1:1")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.shard.replica")
                .hasMessageContaining("did you mean 'options.shard.replicas'?");
        assertThatThrownBy(() -> open(config().location(servers.get(0).url())))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> open(config().option("shard.max_parallel", "0")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("shard.max_parallel");
    }

    @Test
    void aPropertiesFileSwitchesFromDefaultToShardWithoutCodeChanges() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader("cache.clientClass=shard\ncache.keyPrefix=app\ncache.locations="
                + String.join(", ", urls()) + "\n"));
        ValkeyCache cache = ValkeyCache.open(CacheConfig.fromProperties(p, "cache.", "props"));
        opened.add(cache);
        for (int i = 0; i < 30; i++) {
            cache.set("k" + i, i);
        }
        assertThat(servers.stream().mapToLong(ValkeyServer::dbSize).sum()).isEqualTo(30);
        assertThat(servers.stream().allMatch(s -> s.dbSize() > 0)).isTrue();
        assertThat(cache.client()).isInstanceOf(ShardValkeyClient.class);
    }
}
