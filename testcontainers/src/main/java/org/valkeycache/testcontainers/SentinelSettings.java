package org.valkeycache.testcontainers;

import java.time.Duration;

/** What a sentinel container watches and how quickly it acts. */
record SentinelSettings(ValkeyContainer primary, String serviceName, int quorum, Duration downAfter,
        Duration failoverTimeout) {

    /** How often a sentinel container polls, pings (and reconnects) and asks the other sentinels (see ValkeyContainer). */
    static final Duration GOSSIP_PERIOD = Duration.ofMillis(200);

    /**
     * How often a sentinel container says hello to the others: 2.5 gossip periods, the ratio of
     * Sentinel's built-in 1 s ping and 2 s hello. Another sentinel turns a replica that reports
     * itself a primary back into a replica after four hello periods while the old primary looks
     * sane, unless the failover leader's new configuration reached it first; the leader needs a
     * reconnect and a poll to see its own promotion. At 200 ms hellos (an 800 ms wait) that race
     * undid about one graceful {@code SENTINEL FAILOVER} in twenty-five.
     */
    static final Duration HELLO_PERIOD = GOSSIP_PERIOD.multipliedBy(5).dividedBy(2);
}
