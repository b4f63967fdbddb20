package org.valkeycache.testsupport.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyCluster;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * A Valkey Cluster topology as a JUnit 5 extension: 3 primaries with a replica each (a real
 * {@link ValkeyCluster} on loopback), started before the tests of a class and removed after them.
 * Every node requires {@link ServerTopology#PASSWORD}; {@link #config()} lists every node as a
 * seed with client class {@code cluster} and generous timeouts (request 10 s, connect 5 s: a new
 * cluster client connects to every node on its first request). Keys live on the primary that
 * serves their hash slot ({@link #nodeOf(String)} asks the cluster).
 *
 * <pre>{@code
 * class ClusterClientTest extends ValkeyCacheCompatibilityKit {
 *     @RegisterExtension
 *     static final ClusterTopology CLUSTER = ClusterTopology.threeByOne();
 *
 *     @Override
 *     protected Topology topology() {
 *         return CLUSTER;
 *     }
 * }
 * }</pre>
 */
public final class ClusterTopology implements Topology, BeforeAllCallback, AfterAllCallback {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private String clientClass = "cluster";
    private final Map<String, String> options = new LinkedHashMap<>();
    private volatile ValkeyCluster cluster;
    /** Nested test classes inherit the extension, so its callbacks nest: start once, stop at the end. */
    private int depth;

    private ClusterTopology() {
    }

    /** @return a topology of 3 primaries with one replica each */
    public static ClusterTopology threeByOne() {
        return new ClusterTopology();
    }

    /**
     * @param clientClass the {@code clientClass} setting the caches use; {@code "cluster"} unless set
     * @return this topology
     */
    public ClusterTopology clientClass(String clientClass) {
        this.clientClass = Objects.requireNonNull(clientClass, "clientClass");
        return this;
    }

    /**
     * Adds an {@code options.<name>} setting to every cache's configuration, for example the
     * delegate of a wrapping strategy ({@code herd.delegate=cluster}).
     *
     * @param name the option's name without {@code options.}
     * @param value its value
     * @return this topology
     */
    public ClusterTopology option(String name, String value) {
        options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (depth++ > 0) {
            return;
        }
        cluster = ValkeyCluster.builder().requirePass(ServerTopology.PASSWORD).waitTimeout(WAIT).start();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** @return the running cluster, for tests that fail nodes over or move slots */
    public ValkeyCluster cluster() {
        ValkeyCluster c = cluster;
        if (c == null) {
            throw new IllegalStateException("the cluster runs only while the test class runs");
        }
        return c;
    }

    @Override
    public CacheConfig.Builder config() {
        // a new cluster client connects to every node on its first request: generous on a loaded machine
        CacheConfig.Builder builder = CacheConfig.builder().clientClass(clientClass)
                .requestTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5));
        // every node, running or not: a cache may be opened while the cluster is down
        cluster().nodes().forEach(node -> builder.location(node.url()));
        options.forEach(builder::option);
        return builder;
    }

    @Override
    public List<ValkeyServer> primaries() {
        return cluster().primaries();
    }

    @Override
    public List<ValkeyServer> replicas() {
        return cluster().replicas();
    }

    @Override
    public ValkeyServer nodeOf(String rawKey) {
        return cluster().nodeOf(rawKey);
    }

    /** @return the number of distinct hash slots among the keys: a cluster's MSET is atomic per slot */
    @Override
    public long atomicGroupsOf(List<String> rawKeys) {
        return rawKeys.stream().mapToInt(cluster()::slotOf).distinct().count();
    }

    /** @return every node started, running or not (roles are unknown while the cluster is down) */
    @Override
    public List<ValkeyServer> nodes() {
        return cluster().nodes();
    }

    /** Waits until every replica has applied its primary's writes so far. */
    @Override
    public void settle() {
        cluster().settle();
    }

    /** SIGKILLs every node. */
    @Override
    public void makeUnreachable() {
        cluster().nodes().forEach(ValkeyServer::kill);
    }

    /** Restarts every stopped node on its old port (with its cluster config) and waits for a healthy cluster. */
    @Override
    public void makeReachable() {
        List<ValkeyServer> restarted = new ArrayList<>();
        for (ValkeyServer node : cluster().nodes()) {
            if (!node.isRunning()) {
                node.restart();
                restarted.add(node);
            }
        }
        if (!restarted.isEmpty()) {
            cluster().awaitHealthy(WAIT);
        }
    }

    @Override
    public String password() {
        return ServerTopology.PASSWORD;
    }

    @Override
    public String toString() {
        return "cluster of 3 primaries with 1 replica each";
    }
}
