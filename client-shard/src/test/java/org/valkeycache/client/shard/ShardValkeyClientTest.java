package org.valkeycache.client.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheUnsupportedOperationException;
import org.valkeycache.client.glide.DefaultValkeyClient;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.testsupport.ValkeyProcess;

/**
 * What the shard client decides before any server is involved (connections are lazy, so no
 * server runs here): routing refusals, cursors, descriptions without passwords.
 */
class ShardValkeyClientTest {

    private static final String SECRET = "n3ver-shown";
    private ShardValkeyClient client;
    private List<String> urls;

    @BeforeEach
    void open() {
        urls = List.of("valkey://:" + SECRET + "@127.0.0.1:" + ValkeyProcess.freePort() + "/0",
                "valkey://127.0.0.1:" + ValkeyProcess.freePort(), "valkey://127.0.0.1:" + ValkeyProcess.freePort());
        client = new ShardValkeyClient(CacheConfig.builder().locations(urls).clientClass("shard")
                .connectTimeout(Duration.ofMillis(200)).requestTimeout(Duration.ofMillis(300)).build());
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The first key {@code prefix<i>} the ring puts on {@code node}. */
    private byte[] keyOn(int node, String prefix) {
        for (int i = 0; ; i++) {
            byte[] k = b(prefix + i);
            if (client.nodeOf(k) == node) {
                return k;
            }
        }
    }

    @Test
    void theRingIsNamedByTheUrlsAsWrittenPasswordsIncluded() {
        assertThat(client.ring().nodes()).containsExactlyElementsOf(urls);
        assertThat(client.nodeCount()).isEqualTo(3);
        HashRing same = HashRing.of(urls);
        for (int i = 0; i < 200; i++) {
            assertThat(client.nodeOf(b(":1:k" + i))).isEqualTo(same.nodeOf(":1:k" + i));
        }
    }

    @Test
    void descriptionsAndErrorsNeverShowThePassword() {
        assertThat(client.describe()).startsWith("shard[").doesNotContain(SECRET);
        assertThat(client.toString()).doesNotContain(SECRET);
        byte[] a = keyOn(0, "a");
        byte[] c = keyOn(1, "c");
        assertThatThrownBy(() -> client.execute(false, List.of(a, c), List.of(b("SINTER"), a, c)))
                .isInstanceOf(CacheCrossNodeException.class).hasMessageNotContaining(SECRET)
                .hasMessageContaining("SINTER").hasMessageContaining(new String(a, StandardCharsets.UTF_8))
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void commandsOverSeveralNodesAreRefusedBeforeAnythingIsSent() {
        byte[] a = keyOn(0, "a");
        byte[] c = keyOn(2, "c");
        assertThatThrownBy(() -> client.executeBlocking(List.of(a, c), List.of(b("BLPOP"), a, c, b("1")),
                Duration.ofSeconds(1))).isInstanceOf(CacheCrossNodeException.class).hasMessageContaining("BLPOP");
        assertThatThrownBy(() -> client.execute(true, List.of(), List.of(b("PING"))))
                .isInstanceOf(CacheUnsupportedOperationException.class).hasMessageContaining("without keys");
        assertThatThrownBy(() -> client.eval(LuaScript.of("return 1"), List.of(), List.of()))
                .isInstanceOf(CacheUnsupportedOperationException.class).hasMessageContaining("without keys");
    }

    @Test
    void rawConnectionRefusesBecauseARingHasNoSingleConnection() {
        assertThatThrownBy(() -> client.rawConnection(true)).isInstanceOf(CacheUnsupportedOperationException.class)
                .hasMessageContaining("a ring has no single connection");
    }

    @Test
    void scanCursorsOfOtherClientsAreRefused() {
        for (String bad : List.of("7", "x:0", "3:0", "-1:0")) {
            assertThatThrownBy(() -> client.scan(ScanCursor.of(bad), b("*"), 10))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThat(client.scan(ScanCursor.FINISHED, b("*"), 10).join().next().isFinished()).isTrue();
    }

    @Test
    void theShardStrategyDeclaresItsOptionsAndThoseOfItsNodes() {
        assertThat(Plugins.declaredOptions(ShardValkeyClient.class))
                .contains(ShardValkeyClient.REPLICAS_OPTION, ShardValkeyClient.MAX_PARALLEL_OPTION)
                .containsAll(Plugins.declaredOptions(DefaultValkeyClient.class));
        CacheConfig typo = CacheConfig.builder().locations(urls).clientClass("shard").option("shard.replica", "x").build();
        assertThatThrownBy(() -> Plugins.validate(typo)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("did you mean 'options.shard.replicas'?");
    }

    @Test
    void replicasAreGivenPerNodeAndTheirPasswordsMayHoldCommas() {
        int replicaPort = ValkeyProcess.freePort();
        try (ShardValkeyClient withReplica = new ShardValkeyClient(CacheConfig.builder().locations(urls)
                .option(ShardValkeyClient.REPLICAS_OPTION, ";valkey://:" + SECRET + ",x@127.0.0.1:" + replicaPort + ";")
                .connectTimeout(Duration.ofMillis(200)).build())) {
            assertThat(withReplica.describe()).contains("replicas=[127.0.0.1:" + replicaPort + "]")
                    .doesNotContain(SECRET);
            // node 1 has the replica; the ring is unchanged by it
            assertThat(withReplica.ring().nodes()).containsExactlyElementsOf(urls);
        }
        assertThatThrownBy(() -> new ShardValkeyClient(CacheConfig.builder().locations(urls)
                .option(ShardValkeyClient.REPLICAS_OPTION, ";;;valkey://127.0.0.1:1").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("4 groups");
    }
}
