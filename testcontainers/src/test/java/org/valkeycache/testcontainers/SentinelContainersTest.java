package org.valkeycache.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;

/** The sentinel topology comes up healthy and hands out what the {@code sentinel} client needs. */
class SentinelContainersTest {

    @RegisterExtension
    static final ValkeyContainerExtension<SentinelContainers> SENTINEL =
            ValkeyContainerExtension.of(() -> new SentinelContainers(TestImage.name()).withPassword("s3cret"));

    @Test
    void everySentinelReportsThePrimaryItsReplicaAndTheOtherSentinels(SentinelContainers sentinel) {
        assertThat(sentinel.sentinels()).hasSize(3);
        for (ValkeyContainer s : sentinel.sentinels()) {
            assertThat(s.call("SENTINEL", "get-master-addr-by-name", "mymaster"))
                    .isEqualTo(List.of("127.0.0.1", Integer.toString(sentinel.primary().port())));
            assertThat((List<?>) s.call("SENTINEL", "replicas", "mymaster")).hasSize(1);
            assertThat(s.call("SENTINEL", "ckquorum", "mymaster").toString()).startsWith("OK");
        }
        assertThat(String.valueOf(sentinel.replicas().get(0).call("INFO", "replication")))
                .contains("master_link_status:up", "master_port:" + sentinel.primary().port());
    }

    @Test
    void theSentinelsPollAndGossipEveryGossipPeriod(SentinelContainers sentinel) {
        String period = Long.toString(SentinelSettings.GOSSIP_PERIOD.toMillis());
        for (ValkeyContainer s : sentinel.sentinels()) {
            List<?> reply = (List<?>) s.call("SENTINEL", "DEBUG");
            Map<String, String> periods = new HashMap<>();
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                periods.put(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1)));
            }
            assertThat(periods).containsEntry("INFO-PERIOD", period).containsEntry("PING-PERIOD", period)
                    .containsEntry("ASK-PERIOD", period).containsEntry("PUBLISH-PERIOD", "500");
        }
    }

    @Test
    void theConfigurationNamesTheServiceAndTheSentinels(SentinelContainers sentinel) {
        assertThat(sentinel.location()).isEqualTo("valkey://:s3cret@mymaster/0");
        assertThat(sentinel.sentinelAddresses()).allMatch(a -> a.matches("127\\.0\\.0\\.1:\\d+")).hasSize(3);
        CacheConfig config = sentinel.config().build();
        assertThat(config.clientClass()).isEqualTo("sentinel");
        assertThat(config.options()).containsEntry("sentinels", String.join(",", sentinel.sentinelAddresses()));
    }

    @Test
    void theSentinelClientFindsThePrimaryAndWritesToIt(SentinelContainers sentinel) {
        try (ValkeyCache cache = ValkeyCache.open(sentinel.config().keyPrefix("smoke").build())) {
            assertThat(cache.set("k", "through sentinel")).isTrue();
            assertThat(cache.get("k", String.class)).isEqualTo("through sentinel");
            cache.set("n", 1);
            assertThat(cache.incr("n")).isEqualTo(2L);
        }
        assertThat(String.valueOf(sentinel.primary().call("EXISTS", "smoke:1:k"))).isEqualTo("1");
    }
}
