package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.ServerTopology;
import org.valkeycache.testsupport.contract.Topology;

/** Every behaviour contract through the herd client over the {@code default} client on one server. */
class HerdClientTest extends HerdContracts {

    @RegisterExtension
    static final ServerTopology SERVERS = ServerTopology.single().clientClass("herd");

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
