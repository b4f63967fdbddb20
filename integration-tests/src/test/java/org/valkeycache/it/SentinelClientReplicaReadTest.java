package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/** Every behaviour contract on the {@code sentinel} client reading from the replica the sentinels report. */
class SentinelClientReplicaReadTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final SentinelServers SERVERS = SentinelServers.readingFromReplicas();

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
