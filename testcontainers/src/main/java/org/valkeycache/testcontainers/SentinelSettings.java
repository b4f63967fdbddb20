package org.valkeycache.testcontainers;

import java.time.Duration;

/** What a sentinel container watches and how quickly it acts. */
record SentinelSettings(ValkeyContainer primary, String serviceName, int quorum, Duration downAfter,
        Duration failoverTimeout) {

    /** How often a sentinel container polls, says hello and asks the other sentinels (see ValkeyContainer). */
    static final Duration GOSSIP_PERIOD = Duration.ofMillis(200);
}
