package org.valkeycache.testcontainers;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/**
 * Every behaviour contract on the {@code default} client with a primary and a read replica in
 * containers (reads served by the replica; "server down" kills both containers).
 */
class ContainerPrimaryReplicaTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final ContainerTopology SERVERS = ContainerTopology.primaryWithReplicas(TestImage.name(), 1);

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
