package org.valkeycache.it;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.valkeycache.client.herd.HerdValkeyClient;
import org.valkeycache.client.sentinel.SentinelValkeyClient;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.SentinelTopology;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.contract.ServerTopology;
import org.valkeycache.testsupport.contract.Topology;

/**
 * The {@code sentinel} client's topology for the contracts, as a JUnit 5 extension: a primary, a
 * replica and three sentinels ({@link SentinelTopology}), the data nodes requiring
 * {@link ServerTopology#PASSWORD}. Reads go to the primary, or to the replica with
 * {@link #readingFromReplicas()}.
 */
final class SentinelServers implements Topology, BeforeAllCallback, AfterAllCallback {

    private final boolean readFromReplicas;
    private final boolean herd;
    private volatile SentinelTopology topology;
    /** Nested test classes inherit the extension, so its callbacks nest: start once, stop at the end. */
    private int depth;

    private SentinelServers(boolean readFromReplicas, boolean herd) {
        this.readFromReplicas = readFromReplicas;
        this.herd = herd;
    }

    /** @return reads and writes on the primary */
    static SentinelServers primaryOnly() {
        return new SentinelServers(false, false);
    }

    /** @return writes on the primary, reads on the replica ({@code options.sentinel.read_from_replicas}) */
    static SentinelServers readingFromReplicas() {
        return new SentinelServers(true, false);
    }

    /** @return the herd client over the sentinel client, reads and writes on the primary */
    static SentinelServers herdOverSentinel() {
        return new SentinelServers(false, true);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (depth++ == 0) {
            topology = SentinelTopology.builder().serverPassword(ServerTopology.PASSWORD).start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--depth == 0 && topology != null) {
            topology.close();
            topology = null;
        }
    }

    SentinelTopology sentinels() {
        SentinelTopology t = topology;
        if (t == null) {
            throw new IllegalStateException("the topology runs only while the test class runs");
        }
        return t;
    }

    @Override
    public CacheConfig.Builder config() {
        CacheConfig.Builder config = CacheConfig.builder()
                .location("valkey://:" + ServerTopology.PASSWORD + "@" + sentinels().service())
                .clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, sentinels().sentinelAddresses())
                .option(SentinelValkeyClient.READ_FROM_REPLICAS, Boolean.toString(readFromReplicas));
        return herd ? config.clientClass("herd").option(HerdValkeyClient.DELEGATE_OPTION, "sentinel") : config;
    }

    @Override
    public List<ValkeyServer> primaries() {
        return List.of(sentinels().primary());
    }

    /** The replica counts reads only when the client reads from it. */
    @Override
    public List<ValkeyServer> replicas() {
        return readFromReplicas ? List.of(sentinels().replica()) : List.of();
    }

    @Override
    public void settle() {
        if (readFromReplicas) {
            sentinels().replica().awaitReplicaCaughtUp(Duration.ofSeconds(5));
        }
    }

    /**
     * Both data nodes go down (the sentinels stay up and keep naming the primary), with failovers
     * suspended: the contracts take the servers away and expect the same roles when they return.
     */
    @Override
    public void makeUnreachable() {
        sentinels().suspendFailovers();
        sentinels().servers().forEach(ValkeyServer::kill);
    }

    @Override
    public void makeReachable() {
        List<ValkeyServer> servers = sentinels().servers();
        for (ValkeyServer s : servers) {
            if (!s.isRunning()) {
                s.restart();
            }
        }
        ValkeyServer primary = servers.get(0);
        sentinels().awaitReplicaOf(servers.get(1), primary, Duration.ofSeconds(30));
        sentinels().resumeFailovers();
    }

    @Override
    public String password() {
        return ServerTopology.PASSWORD;
    }

    @Override
    public String toString() {
        return (herd ? "herd over " : "") + (readFromReplicas ? "sentinel, reads from replicas" : "sentinel");
    }
}
