package org.valkeycache.testcontainers;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.contract.ServerTopology;
import org.valkeycache.testsupport.contract.Topology;

/**
 * The behaviour contracts' {@link Topology} on containers: one server, or a primary with read
 * replicas, started before the tests of a class and removed after them. Every server requires
 * {@link ServerTopology#PASSWORD}. "Unreachable" kills the containers (SIGKILL), "reachable"
 * starts them again on the same ports.
 *
 * <pre>{@code
 * class MyClientOnContainersTest extends ValkeyCacheCompatibilityKit {
 *     @RegisterExtension
 *     static final ContainerTopology SERVERS = ContainerTopology.single("valkey/valkey:8.0");
 *
 *     @Override
 *     protected Topology topology() {
 *         return SERVERS;
 *     }
 * }
 * }</pre>
 */
public final class ContainerTopology implements Topology, BeforeAllCallback, AfterAllCallback {

    private final String image;
    private final int replicaCount;
    private String clientClass = "default";
    private final ValkeyContainerExtension<PrimaryReplicaContainers> servers;

    private ContainerTopology(String image, int replicaCount) {
        this.image = Objects.requireNonNull(image, "image");
        this.replicaCount = replicaCount;
        this.servers = ValkeyContainerExtension.of(
                () -> new PrimaryReplicaContainers(image, replicaCount).withPassword(ServerTopology.PASSWORD));
    }

    /**
     * @param image the image of the server
     * @return a topology of one server
     */
    public static ContainerTopology single(String image) {
        return new ContainerTopology(image, 0);
    }

    /**
     * @param image the image of every server
     * @param replicas how many read replicas follow the primary (at least one)
     * @return a topology of a primary and its replicas; reads may be served by a replica
     */
    public static ContainerTopology primaryWithReplicas(String image, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        return new ContainerTopology(image, replicas);
    }

    /**
     * @param clientClass the {@code clientClass} setting the caches use; {@code "default"} unless set
     * @return this topology
     */
    public ContainerTopology clientClass(String clientClass) {
        this.clientClass = Objects.requireNonNull(clientClass, "clientClass");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        servers.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        servers.afterAll(context);
    }

    private PrimaryReplicaContainers running() {
        return servers.get();
    }

    @Override
    public CacheConfig.Builder config() {
        return running().config().clientClass(clientClass);
    }

    @Override
    public List<ValkeyContainer> primaries() {
        return List.of(running().primary());
    }

    @Override
    public List<ValkeyContainer> replicas() {
        return running().replicas();
    }

    /** Waits until every replica has applied the primary's writes so far. */
    @Override
    public void settle() {
        ValkeyContainer primary = running().primary();
        for (ValkeyContainer replica : replicas()) {
            replica.awaitCaughtUpWith(primary, Duration.ofSeconds(5));
        }
    }

    @Override
    public String password() {
        return ServerTopology.PASSWORD;
    }

    @Override
    public String toString() {
        return (replicaCount == 0 ? "single server" : "primary with " + replicaCount + " replica(s)") + " in containers ("
                + image + ")";
    }
}
