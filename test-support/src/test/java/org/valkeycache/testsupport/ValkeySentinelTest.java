package org.valkeycache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValkeySentinelTest {

    private static Map<String, Long> debugPeriods(ValkeySentinel sentinel) {
        List<?> reply = (List<?>) sentinel.call("SENTINEL", "DEBUG");
        Map<String, Long> periods = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            periods.put(String.valueOf(reply.get(i)), Long.parseLong(String.valueOf(reply.get(i + 1))));
        }
        return periods;
    }

    @Test
    void pollsAtTheGossipPeriodAndSaysHelloEveryTwoAndAHalf() {
        try (ValkeyServer primary = ValkeyServer.start();
                ValkeySentinel sentinel = ValkeySentinel.builder("svc", primary).gossipPeriod(Duration.ofMillis(300)).start()) {
            assertThat(debugPeriods(sentinel)).containsEntry("INFO-PERIOD", 300L).containsEntry("PING-PERIOD", 300L)
                    .containsEntry("ASK-PERIOD", 300L).containsEntry("PUBLISH-PERIOD", 750L);
        }
    }

    @Test
    void anotherSentinelWaitsLongerBeforeUndoingAPromotionThanTheLeaderNeedsToSeeIt() {
        // four hellos: how long a sentinel waits before it turns a replica that calls itself a
        // primary back into a replica; a reconnect (one ping period) and a poll: how long the
        // failover leader needs to see the promotion it ordered
        try (ValkeyServer primary = ValkeyServer.start(); ValkeySentinel sentinel = ValkeySentinel.start("svc", primary)) {
            Map<String, Long> p = debugPeriods(sentinel);
            assertThat(4 * p.get("PUBLISH-PERIOD")).isGreaterThanOrEqualTo(4 * (p.get("PING-PERIOD") + p.get("INFO-PERIOD")));
            assertThat(p.get("INFO-PERIOD")).isEqualTo(ValkeySentinel.DEFAULT_GOSSIP_PERIOD.toMillis());
        }
    }
}
