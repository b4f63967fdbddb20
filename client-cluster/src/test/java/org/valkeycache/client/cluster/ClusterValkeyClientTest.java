package org.valkeycache.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.Timeout;
import org.valkeycache.ValkeyCache;
import org.valkeycache.client.glide.internal.GlideClients;
import org.valkeycache.client.glide.internal.HashSlots;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.contract.ClusterTopology;

/** What only a cluster has: keys spread over primaries, per-slot splits, cluster scans, same-slot rules, replica reads. */
class ClusterValkeyClientTest {

    @RegisterExtension
    static final ClusterTopology CLUSTER = ClusterTopology.threeByOne();

    private final List<BackendCommands> opened = new ArrayList<>();

    @BeforeEach
    void flush() {
        CLUSTER.cluster().flushAll();
    }

    @AfterEach
    void close() {
        opened.forEach(BackendCommands::close);
    }

    private BackendCommands open(CacheConfig.Builder builder) {
        BackendCommands cache = ValkeyCache.open(builder.build());
        opened.add(cache);
        return cache;
    }

    /** @return the cluster's configuration with key prefix {@code c} */
    private static CacheConfig.Builder config() {
        return CLUSTER.config().keyPrefix("c");
    }

    private static long calls(String command, List<ValkeyServer> servers) {
        long sum = 0;
        for (ValkeyServer server : servers) {
            for (String line : String.valueOf(server.call("INFO", "commandstats")).split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":calls=")) {
                    sum += Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
                }
            }
        }
        return sum;
    }

    @Test
    void keysSpreadOverEveryPrimaryAndMultiKeyCommandsKeepTheCallersOrder() {
        BackendCommands cache = open(config());
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            values.put("k" + i, "v" + i);
        }
        cache.mset(values);
        for (ValkeyServer primary : CLUSTER.primaries()) {
            assertThat(primary.dbSize()).as("keys on %s", primary).isGreaterThan(50);
        }
        assertThat(CLUSTER.primaries().stream().mapToLong(ValkeyServer::dbSize).sum()).isEqualTo(300);
        List<String> wanted = new ArrayList<>(values.keySet());
        Collections.reverse(wanted);
        wanted.add(7, "absent");
        assertThat(new ArrayList<>(cache.mget(wanted).keySet())).isEqualTo(
                wanted.stream().filter(k -> !k.equals("absent")).collect(Collectors.toList()));
        assertThat(new ArrayList<>(cache.getMany(wanted).keySet())).isEqualTo(
                wanted.stream().filter(k -> !k.equals("absent")).collect(Collectors.toList()));
        Map<String, Object> more = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            more.put("s" + i, (long) i);
        }
        assertThat(cache.setMany(more)).isEmpty();
        assertThat(cache.getMany(new ArrayList<>(more.keySet()))).containsExactlyEntriesOf(more);
        assertThat(cache.deleteMany(List.of("k1", "s2", "k3", "absent", "s4"))).isEqualTo(4);
        assertThat(cache.hasKey("k1")).isFalse();
        assertThat(cache.hasKey("k5")).isTrue();
    }

    @Test
    void msetWithATimeoutIsOneTransactionPerSlot() {
        BackendCommands cache = open(config());
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            values.put("t" + i, (long) i);
        }
        values.put("{tag}a", "a");
        values.put("{tag}b", "b");
        long slots = values.keySet().stream().map(cache::makeKey)
                .mapToInt(k -> HashSlots.slot(k.getBytes(StandardCharsets.UTF_8))).distinct().count();
        long execBefore = calls("exec", CLUSTER.primaries());
        cache.mset(values, Timeout.ofSeconds(60));
        assertThat(calls("exec", CLUSTER.primaries()) - execBefore).isEqualTo(slots);
        for (String key : values.keySet()) {
            assertThat(cache.ttl(key)).as(key).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
        }
        assertThat(cache.mget(new ArrayList<>(values.keySet()))).containsExactlyInAnyOrderEntriesOf(values);
    }

    @Test
    void hashSlotsAgreeWithTheServer() {
        for (String key : List.of("", "a", "foo", "user:{42}:name", "{}x", "a{b}c{d}", "{{x}}", "héllo✓")) {
            assertThat(HashSlots.slot(key.getBytes(StandardCharsets.UTF_8)))
                    .as(key).isEqualTo(CLUSTER.cluster().slotOf(key));
        }
    }

    @Test
    void keysIterKeysDeletePatternAndClearCoverEveryPrimary() {
        BackendCommands cache = open(config());
        BackendCommands other = open(config().keyPrefix("other"));
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < 1200; i++) {
            values.put((i % 2 == 0 ? "even:" : "odd:") + i, i);
        }
        cache.setMany(values);
        other.set("even:0", "kept");
        assertThat(cache.keys("*")).hasSize(1200);
        assertThat(cache.keys("even:*")).hasSize(600).allMatch(k -> k.startsWith("even:"));

        long scansBefore = calls("scan", CLUSTER.primaries());
        try (Stream<String> lazy = cache.iterKeys("*", 50)) {
            assertThat(lazy.limit(3).count()).isEqualTo(3);
        }
        long scansForThree = calls("scan", CLUSTER.primaries()) - scansBefore;
        assertThat(scansForThree).as("a lazy stream scans only what it needs").isLessThan(5);
        try (Stream<String> all = cache.iterKeys("odd:*", 50)) {
            assertThat(all.collect(Collectors.toSet())).hasSize(600);
        }

        assertThat(cache.deletePattern("odd:*")).isEqualTo(600);
        for (ValkeyServer primary : CLUSTER.primaries()) {
            assertThat(primary.dbSize()).as("%s keeps its even keys only", primary).isGreaterThan(100);
        }
        assertThat(cache.keys("odd:*")).isEmpty();
        assertThat(cache.clear()).isEqualTo(600);
        assertThat(CLUSTER.primaries().stream().mapToLong(ValkeyServer::dbSize).sum()).isEqualTo(1);
        assertThat((Object) other.get("even:0")).isEqualTo("kept");
    }

    @Test
    void sameSlotCommandsNameTheKeysUnlessAHashTagJoinsThem() {
        BackendCommands cache = open(config());
        String a = "left";
        String b = "right";
        assertThat(HashSlots.slot(cache.makeKey(a).getBytes()))
                .isNotEqualTo(HashSlots.slot(cache.makeKey(b).getBytes()));
        cache.sadd(a, 1, 2);
        cache.sadd(b, 2, 3);
        assertThatThrownBy(() -> cache.sinter(a, b)).isInstanceOf(CacheCrossSlotException.class)
                .hasMessageContaining("SINTER").hasMessageContaining("'c:1:left'").hasMessageContaining("'c:1:right'")
                .hasMessageContaining("hash tag")
                .satisfies(e -> assertThat(((CacheCrossSlotException) e).keys()).containsExactly("c:1:left", "c:1:right"));
        assertThatThrownBy(() -> cache.smove(a, b, 1)).isInstanceOf(CacheCrossSlotException.class);
        cache.sadd("{pair}left", 1, 2);
        cache.sadd("{pair}right", 2, 3);
        assertThat(cache.sinter("{pair}left", "{pair}right")).containsExactly(2L);
        assertThat(cache.smove("{pair}left", "{pair}right", 1)).isTrue();
    }

    @Test
    void readsGoToReplicasWhenConfigured() {
        BackendCommands writer = open(config());
        BackendCommands reader = open(config().option(ClusterValkeyClient.READ_FROM, "replica"));
        for (int i = 0; i < 50; i++) {
            writer.set("r" + i, i);
        }
        CLUSTER.settle();
        long primaryGets = calls("get", CLUSTER.primaries());
        long replicaGets = calls("get", CLUSTER.replicas());
        for (int i = 0; i < 50; i++) {
            assertThat((Object) reader.get("r" + i)).isEqualTo((long) i);
        }
        assertThat(calls("get", CLUSTER.replicas()) - replicaGets).isEqualTo(50);
        assertThat(calls("get", CLUSTER.primaries()) - primaryGets).isZero();
        assertThat(reader.set("w", 1)).isTrue();
        assertThatThrownBy(() -> open(config().option(ClusterValkeyClient.READ_FROM, "nearest")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("cluster.read_from")
                .hasMessageContaining("nearest");
    }

    /**
     * {@code call} until it returns, retrying only its {@link CacheTimeoutException}s until
     * {@code within} has passed: for the calls around the one under test in a test whose request
     * timeout is short, which a loaded machine may exceed without anything being wrong.
     */
    private static <T> T retryingTimeouts(Supplier<T> call, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (CacheTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void theRequestTimeoutIsHonouredOnTheKeysNode() {
        BackendCommands cache = open(config().requestTimeout(Duration.ofMillis(300)));
        // the first request of a new cluster client also connects to every node, which can take
        // longer than 300 ms on a loaded machine (seen with load 20 on 2 cores)
        retryingTimeouts(() -> cache.set("slow", "v"), Duration.ofSeconds(30));
        ValkeyServer node = CLUSTER.nodeOf(cache.makeKey("slow"));
        node.call("CLIENT", "PAUSE", "4000", "ALL");
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> cache.get("slow")).isInstanceOf(CacheTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
        } finally {
            node.call("CLIENT", "UNPAUSE");
        }
        // the same cache works again once the node answers
        assertThat((Object) retryingTimeouts(() -> cache.get("slow"), Duration.ofSeconds(30))).isEqualTo("v");
    }

    @Test
    void theClusterStrategyDeclaresEveryOptionItAndItsConnectionsRead() {
        assertThat(Plugins.declaredOptions(ClusterValkeyClient.class)).containsExactlyInAnyOrder(
                ClusterValkeyClient.READ_FROM, GlideClients.TLS_CA_FILE, GlideClients.TLS_INSECURE,
                GlideClients.CLIENT_NAME, GlideClients.DISPATCH_COALESCE, GlideClients.DISPATCH_MAX_IN_FLIGHT,
                GlideClients.DISPATCH_MAX_BATCH, GlideClients.DISPATCH_MAX_QUEUED, GlideClients.CONNECT_RETRY_INTERVAL,
                "blocking.pool_size", "blocking.borrow_timeout");
        CacheConfig typo = config().option("cluster.read_form", "replica").build();
        assertThatThrownBy(() -> Plugins.validate(typo)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("did you mean 'options.cluster.read_from'?");
    }

    @Test
    void aDatabaseOtherThanZeroIsRefusedNamingTheLocation() {
        String seed = CLUSTER.cluster().nodes().get(0).url(2);
        assertThatThrownBy(() -> open(CacheConfig.builder().clientClass("cluster").location(seed)))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("database 0")
                .hasMessageNotContaining("never-logged-pw");
    }
}
