package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.Topology;

/**
 * Every behaviour contract through the herd client over the {@code sentinel} client
 * ({@code options.herd.delegate=sentinel}): a primary, a replica and three sentinels.
 */
class HerdOverSentinelTest extends HerdContracts {

    @RegisterExtension
    static final SentinelServers SERVERS = SentinelServers.herdOverSentinel();

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
