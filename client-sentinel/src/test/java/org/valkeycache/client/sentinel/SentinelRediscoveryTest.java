package org.valkeycache.client.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.FailoverDrill;
import org.valkeycache.testsupport.FailoverDrill.Fault;
import org.valkeycache.testsupport.FailoverMeter;
import org.valkeycache.testsupport.SentinelTopology;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The safety net behind the announcements: a client that follows no announcement still finds the
 * new primary, because failing commands (unreachable node, {@code READONLY} from a demoted one)
 * trigger a re-discovery; and the re-discoveries are rate-limited, however many commands fail.
 */
class SentinelRediscoveryTest {

    static final Duration INTERVAL = Duration.ofMillis(500);

    static SentinelValkeyClient client(SentinelTopology topology) {
        return new SentinelValkeyClient(CacheConfig.builder().location("valkey://" + topology.service())
                .clientClass("sentinel").option(SentinelValkeyClient.SENTINELS, topology.sentinelAddresses())
                .option(SentinelValkeyClient.REDISCOVER_INTERVAL, INTERVAL.toMillis() + "ms")
                .requestTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(1)).build(), false);
    }

    static CacheConfig cacheConfig() {
        return CacheConfig.builder().location("valkey://unused").keyPrefix("rd").requestTimeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void theErrorsOfADemotedPrimaryAreRecognisedAndOthersAreNot() {
        assertThat(SentinelValkeyClient.isReplicaError(
                "SET on 127.0.0.1:7000: An error was signalled by the server: - ReadOnly: You can't write against a read only replica."))
                .isTrue();
        assertThat(SentinelValkeyClient.isReplicaError("READONLY You can't write against a read only replica.")).isTrue();
        assertThat(SentinelValkeyClient.isReplicaError(
                "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)")).isTrue();
        assertThat(SentinelValkeyClient.isReplicaError("MASTERDOWN Link with MASTER is down")).isTrue();
        assertThat(SentinelValkeyClient.isReplicaError("UNBLOCKED client unblocked via CLIENT UNBLOCK")).isFalse();
        assertThat(SentinelValkeyClient.isReplicaError("WRONGTYPE Operation against a key holding the wrong kind of value")).isFalse();
        assertThat(SentinelValkeyClient.isReplicaError(null)).isFalse();
    }

    @Test
    void anUnreachablePrimaryTriggersRateLimitedRediscoveries() {
        try (SentinelTopology topology = SentinelTopology.start()) {
            SentinelValkeyClient client = client(topology);
            try (BackendCommands cache = ValkeyCache.open(cacheConfig(), client)) {
                long before = client.discoveries();
                long start = System.nanoTime();
                FailoverDrill.Outcome outcome = FailoverDrill.run(topology, Fault.KILL_PRIMARY,
                        seq -> cache.set("w:" + seq, seq), seq -> cache.get("w:" + seq), Duration.ofSeconds(90));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.println("FAILOVER-WINDOW without announcements " + outcome + "; discoveries "
                        + (client.discoveries() - before) + " in " + Math.round(seconds) + " s");
                assertThat(client.toString()).contains("primary=127.0.0.1:" + outcome.primary().port());
                assertThat(outcome.report().writeFailures().keySet()).isSubsetOf("CacheConnectionException", "CacheTimeoutException");
                assertThat(outcome.lostAfterOutage(seq -> "rd:1:w:" + seq, String::valueOf))
                        .as(() -> "acknowledged writes lost; the sentinels' events:\n" + topology.sentinelEvents()).isEmpty();
                // thousands of failing calls, but at most one discovery per interval
                assertThat(client.discoveries() - before).isLessThanOrEqualTo((long) (seconds / (INTERVAL.toMillis() / 1000.0)) + 2);
            }
        }
    }

    @Test
    void aPrimaryDemotedToReplicaAnswersReadonlyWhichIsAConnectionErrorAndTriggersTheSwitch() {
        try (SentinelTopology topology = SentinelTopology.start()) {
            SentinelValkeyClient client = client(topology);
            try (BackendCommands cache = ValkeyCache.open(cacheConfig(), client)) {
                ValkeyServer old = topology.primary();
                try (FailoverMeter meter = FailoverMeter.start(seq -> cache.set("w:" + seq, seq), seq -> cache.get("w:" + seq))) {
                    assertThat(meter.awaitMoreAcknowledged(50, Duration.ofSeconds(30))).isTrue();
                    topology.sentinels().get(0).call("SENTINEL", "FAILOVER", topology.service());
                    ValkeyServer now = topology.awaitNewPrimary(old, Duration.ofSeconds(60));
                    topology.awaitReplicaOf(old, now, Duration.ofSeconds(60));
                    boolean recovered = meter.awaitMoreAcknowledged(100, Duration.ofSeconds(20));
                    FailoverMeter.Report report = meter.stop();
                    assertThat(recovered).as("writes resumed: %s", report).isTrue();
                    System.out.println("FAILOVER-WINDOW graceful without announcements: " + report);
                    assertThat(client.toString()).contains("primary=127.0.0.1:" + now.port());
                    assertThat(report.writeFailures().keySet()).isSubsetOf("CacheConnectionException", "CacheTimeoutException");
                }
            }
        }
    }
}
