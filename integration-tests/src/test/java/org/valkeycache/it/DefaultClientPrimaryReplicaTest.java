package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.ServerTopology;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/**
 * Every behaviour contract on the {@code default} client with a primary and a read replica (reads
 * served by the replica); {@link PrimaryReplicaTest} checks the routing itself.
 */
class DefaultClientPrimaryReplicaTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final ServerTopology SERVERS = ServerTopology.primaryWithReplicas(1);

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
