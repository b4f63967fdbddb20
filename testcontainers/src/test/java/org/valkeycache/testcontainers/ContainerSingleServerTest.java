package org.valkeycache.testcontainers;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/** Every behaviour contract on the {@code default} client with one server in a container. */
class ContainerSingleServerTest extends ValkeyCacheCompatibilityKit {

    @RegisterExtension
    static final ContainerTopology SERVERS = ContainerTopology.single(TestImage.name());

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
