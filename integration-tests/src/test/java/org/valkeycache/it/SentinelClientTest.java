package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/** Every behaviour contract on the {@code sentinel} client: a primary, a replica and three sentinels. */
class SentinelClientTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final SentinelServers SERVERS = SentinelServers.primaryOnly();

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
