package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.testsupport.contract.Topology;

/**
 * Every behaviour contract through the herd client over the {@code shard} client
 * ({@code options.herd.delegate=shard}): a ring of three servers, so herd's lease and envelope
 * work per key on whichever node the ring picks.
 */
class HerdOverShardTest extends HerdContracts {

    @RegisterExtension
    static final ShardServers SERVERS = ShardServers.herdOverShard();

    @Override
    protected Topology topology() {
        return SERVERS;
    }
}
