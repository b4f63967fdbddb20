package org.valkeycache.testcontainers;

import java.time.Duration;

/** What a sentinel container watches and how quickly it acts. */
record SentinelSettings(ValkeyContainer primary, String serviceName, int quorum, Duration downAfter,
        Duration failoverTimeout) {

    /**
     * How often a sentinel container polls, pings (and reconnects) and asks the other sentinels;
     * it says hello every 2.5 of it (see {@code ValkeySentinel.periodsCommand} in test-support).
     */
    static final Duration GOSSIP_PERIOD = Duration.ofMillis(200);
}
