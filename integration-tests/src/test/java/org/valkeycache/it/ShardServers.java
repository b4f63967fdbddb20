package org.valkeycache.it;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.valkeycache.client.herd.HerdValkeyClient;
import org.valkeycache.client.shard.HashRing;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.contract.Topology;

/**
 * The {@code shard} topology for the contracts: three password-protected servers, each a node of
 * the ring, started once for a test class. {@link #nodeOf} places a key with the same
 * {@link HashRing} over the same URLs, so contracts read and plant raw data where the client
 * puts it.
 */
final class ShardServers implements Topology, BeforeAllCallback, AfterAllCallback {

    /** The password of every node; it must never be logged. */
    static final String PASSWORD = "never-logged-pw";

    private final int nodes;
    private final boolean herd;
    private volatile List<ValkeyServer> servers = List.of();
    private volatile HashRing ring;
    private int depth;

    ShardServers(int nodes) {
        this(nodes, false);
    }

    private ShardServers(int nodes, boolean herd) {
        this.nodes = nodes;
        this.herd = herd;
    }

    /** @return the herd client over the {@code shard} client, on a ring of three servers */
    static ShardServers herdOverShard() {
        return new ShardServers(3, true);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (depth++ > 0) {
            return;
        }
        List<ValkeyServer> started = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            started.add(ValkeyServer.builder().requirePass(PASSWORD).start());
        }
        servers = List.copyOf(started);
        ring = HashRing.of(urls());
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        servers.forEach(ValkeyServer::close);
        servers = List.of();
    }

    /** @return the node URLs as the caches are configured with them (the ring's node names) */
    List<String> urls() {
        return servers.stream().map(ValkeyServer::url).toList();
    }

    @Override
    public CacheConfig.Builder config() {
        CacheConfig.Builder config = CacheConfig.builder().locations(urls()).clientClass("shard");
        return herd ? config.clientClass("herd").option(HerdValkeyClient.DELEGATE_OPTION, "shard") : config;
    }

    @Override
    public List<ValkeyServer> primaries() {
        if (servers.isEmpty()) {
            throw new IllegalStateException("the servers run only while the test class runs");
        }
        return servers;
    }

    @Override
    public ValkeyServer nodeOf(String rawKey) {
        return primaries().get(ring.nodeOf(rawKey));
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public String toString() {
        return (herd ? "herd over " : "") + "shard ring of " + nodes + " servers";
    }
}
