package org.valkeycache.client.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheLock;
import org.valkeycache.LockOptions;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.FailoverDrill;
import org.valkeycache.testsupport.FailoverDrill.Fault;
import org.valkeycache.testsupport.FailoverMeter;
import org.valkeycache.testsupport.SentinelTopology;

/**
 * Failures of a real Sentinel topology while a writer and a reader loop run through one cache
 * object: the primary killed (SIGKILL), the primary frozen (SIGSTOP), one of three sentinels
 * killed. Each measures the write outage (printed, never asserted tightly: the machine is shared)
 * and proves that the same cache object works afterwards, that failures were typed connection
 * errors, that no call hung past the request timeout, and that no write acknowledged after the
 * switch was lost.
 */
class SentinelFailoverTest {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    static final Duration GENEROUS = Duration.ofSeconds(90);

    static BackendCommands open(SentinelTopology topology) {
        return ValkeyCache.open(CacheConfig.builder().location("valkey://" + topology.service()).clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, topology.sentinelAddresses())
                .keyPrefix("fo").requestTimeout(REQUEST_TIMEOUT).connectTimeout(Duration.ofSeconds(1)).build());
    }

    static FailoverDrill.Outcome drill(SentinelTopology topology, BackendCommands cache, Fault fault) {
        FailoverDrill.Outcome outcome = FailoverDrill.run(topology, fault,
                seq -> cache.set("w:" + seq, seq, Duration.ofMinutes(10)),
                seq -> cache.get("w:" + seq), GENEROUS);
        System.out.println("FAILOVER-WINDOW " + outcome);
        return outcome;
    }

    static void assertHealthyAfter(FailoverDrill.Outcome outcome, BackendCommands cache, SentinelTopology topology) {
        FailoverMeter.Report report = outcome.report();
        // failures are typed connection errors (timeouts are a kind of them), never anything else
        assertThat(report.writeFailures().keySet()).isSubsetOf("CacheConnectionException", "CacheTimeoutException");
        assertThat(report.readFailures().keySet()).isSubsetOf("CacheConnectionException", "CacheTimeoutException");
        // no call hangs past the request timeout (plus the facade's margin and scheduling noise on 2 cores)
        Duration bound = REQUEST_TIMEOUT.plusSeconds(3);
        assertThat(report.longestWrite()).isLessThan(bound);
        assertThat(report.longestRead()).isLessThan(bound);
        // nothing acknowledged after the switch is lost (without a failover: nothing acknowledged at all)
        List<Long> after = outcome.fault() == Fault.KILL_SENTINEL ? report.acknowledgedSeqs() : report.acknowledgedAfterOutage();
        assertThat(after).hasSizeGreaterThan(100);
        assertThat(outcome.lost(after, seq -> "fo:1:w:" + seq, String::valueOf))
                .as(() -> "acknowledged writes lost; the sentinels' events:\n" + topology.sentinelEvents()).isEmpty();
        // the very same cache object works: reads of acknowledged writes, data structures, a lock
        long last = after.get(after.size() - 1);
        assertThat((Object) cache.get("w:" + last)).isEqualTo(last);
        cache.set("counter-" + outcome.fault(), 0);
        assertThat(cache.incr("counter-" + outcome.fault())).isEqualTo(1L);
        cache.hset("h-" + outcome.fault(), Map.of("f", "v"));
        assertThat(cache.hgetall("h-" + outcome.fault())).containsEntry("f", "v");
        try (CacheLock lock = cache.getLock("lock-" + outcome.fault(), LockOptions.defaults()
                .withLease(Duration.ofSeconds(10)).withBlocking(false))) {
            assertThat(lock.acquire()).isTrue();
            assertThat(lock.owned()).isTrue();
        }
        assertThat(cache.toString()).contains("primary=127.0.0.1:" + outcome.primary().port());
        assertThat(topology.primary()).isSameAs(outcome.primary());
    }

    @Test
    void killingThePrimaryWithSigkillIsFollowed() {
        try (SentinelTopology topology = SentinelTopology.start(); BackendCommands cache = open(topology)) {
            FailoverDrill.Outcome outcome = drill(topology, cache, Fault.KILL_PRIMARY);
            assertThat(outcome.report().writeOutage()).isLessThan(GENEROUS);
            assertHealthyAfter(outcome, cache, topology);
        }
    }

    @Test
    void freezingThePrimaryWithSigstopIsFollowedAndItsLateAcknowledgementsAreNotTrusted() {
        try (SentinelTopology topology = SentinelTopology.start(); BackendCommands cache = open(topology)) {
            FailoverDrill.Outcome outcome = drill(topology, cache, Fault.PAUSE_PRIMARY);
            assertThat(outcome.report().writeOutage()).isLessThan(GENEROUS);
            assertHealthyAfter(outcome, cache, topology);
        }
    }

    @Test
    void killingOneOfThreeSentinelsDoesNotInterruptAndAFailoverAfterwardsIsStillFollowed() {
        try (SentinelTopology topology = SentinelTopology.start(); BackendCommands cache = open(topology)) {
            FailoverDrill.Outcome sentinelGone = drill(topology, cache, Fault.KILL_SENTINEL);
            assertThat(sentinelGone.report().writeFailures()).isEmpty();
            assertHealthyAfter(sentinelGone, cache, topology);
            // with two of three sentinels left (quorum 2) a failover still happens, and is followed
            FailoverDrill.Outcome primaryGone = drill(topology, cache, Fault.KILL_PRIMARY);
            assertHealthyAfter(primaryGone, cache, topology);
        }
    }
}
