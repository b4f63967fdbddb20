package org.valkeycache.testsupport.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The default topology as a JUnit 5 extension: one primary, optionally with read replicas, started
 * before the tests of a class and stopped after them (servers are shared by the tests of a class,
 * never started per test). Every server requires {@link #PASSWORD}, which {@link #config()}
 * carries in its locations.
 *
 * <pre>{@code
 * class MyClientTest extends ValkeyCacheCompatibilityKit {
 *     @RegisterExtension
 *     static final ServerTopology SERVERS = ServerTopology.single().clientClass("com.example.MyValkeyClient");
 *
 *     @Override
 *     protected Topology topology() {
 *         return SERVERS;
 *     }
 * }
 * }</pre>
 */
public final class ServerTopology implements Topology, BeforeAllCallback, AfterAllCallback {

    /** The password every server of a {@code ServerTopology} requires; it must never be logged. */
    public static final String PASSWORD = "never-logged-pw";

    private final int replicaCount;
    private String clientClass = "default";
    private volatile ValkeyServer primary;
    private volatile List<ValkeyServer> replicas = List.of();
    /** Nested test classes inherit the extension, so its callbacks nest: start once, stop at the end. */
    private int depth;

    private ServerTopology(int replicaCount) {
        this.replicaCount = replicaCount;
    }

    /** @return a topology of one server */
    public static ServerTopology single() {
        return new ServerTopology(0);
    }

    /**
     * @param replicas how many read replicas follow the primary (at least one)
     * @return a topology of a primary and its replicas; reads may be served by a replica
     */
    public static ServerTopology primaryWithReplicas(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        return new ServerTopology(replicas);
    }

    /**
     * @param clientClass the {@code clientClass} setting (an alias or a class name) the caches use;
     *     {@code "default"} unless set
     * @return this topology
     */
    public ServerTopology clientClass(String clientClass) {
        this.clientClass = Objects.requireNonNull(clientClass, "clientClass");
        return this;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (depth++ > 0) {
            return;
        }
        // a replica (re)syncs at once instead of after the default 5 s diskless-sync delay
        primary = ValkeyServer.builder().requirePass(PASSWORD).arg("--repl-diskless-sync-delay", "0").start();
        List<ValkeyServer> started = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            started.add(ValkeyServer.builder().requirePass(PASSWORD).replicaOf(primary).start());
        }
        replicas = List.copyOf(started);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        replicas.forEach(ValkeyServer::close);
        replicas = List.of();
        if (primary != null) {
            primary.close();
            primary = null;
        }
    }

    @Override
    public CacheConfig.Builder config() {
        CacheConfig.Builder builder = CacheConfig.builder().location(running().url()).clientClass(clientClass);
        replicas.forEach(r -> builder.location(r.url()));
        return builder;
    }

    @Override
    public List<ValkeyServer> primaries() {
        return List.of(running());
    }

    @Override
    public List<ValkeyServer> replicas() {
        return replicas;
    }

    /** Waits until every replica has applied the primary's writes so far. */
    @Override
    public void settle() {
        for (ValkeyServer replica : replicas) {
            replica.awaitReplicaCaughtUp(Duration.ofSeconds(5));
        }
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    private ValkeyServer running() {
        ValkeyServer p = primary;
        if (p == null) {
            throw new IllegalStateException("the servers run only while the test class runs");
        }
        return p;
    }

    @Override
    public String toString() {
        return replicas.isEmpty() ? "single server" : "primary with " + replicaCount + " replica(s)";
    }
}
