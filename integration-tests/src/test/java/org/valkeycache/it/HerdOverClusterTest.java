package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.client.herd.HerdValkeyClient;
import org.valkeycache.testsupport.contract.ClusterTopology;
import org.valkeycache.testsupport.contract.Topology;

/**
 * Every behaviour contract through the herd client over the {@code cluster} client
 * ({@code options.herd.delegate=cluster}): 3 primaries with a replica each, so herd's envelopes
 * and leases are routed by hash slot.
 */
class HerdOverClusterTest extends HerdContracts {

    @RegisterExtension
    static final ClusterTopology CLUSTER = ClusterTopology.threeByOne().clientClass("herd")
            .option(HerdValkeyClient.DELEGATE_OPTION, "cluster");

    @Override
    protected Topology topology() {
        return CLUSTER;
    }
}
