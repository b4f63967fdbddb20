package org.valkeycache.testcontainers;

import java.util.ArrayList;
import java.util.List;
import org.valkeycache.config.CacheConfig;

/**
 * A primary and its read replicas, each in a container, for the {@code default} client's
 * "first location writes, the others read" setup.
 *
 * <pre>{@code
 * try (PrimaryReplicaContainers servers = new PrimaryReplicaContainers(1).withPassword("s3cret")) {
 *     servers.start();                                  // returns once every replica is in sync
 *     BackendCommands cache = ValkeyCache.open(servers.config().build());
 * }
 * }</pre>
 */
public final class PrimaryReplicaContainers extends ContainerGroup<PrimaryReplicaContainers> {

    private final int replicaCount;

    /**
     * A primary with {@code replicas} replicas from {@value ValkeyContainer#DEFAULT_IMAGE}.
     *
     * @param replicas how many replicas (0 for a lone server)
     */
    public PrimaryReplicaContainers(int replicas) {
        this(ValkeyContainer.DEFAULT_IMAGE, replicas);
    }

    /**
     * A primary with {@code replicas} replicas from {@code image}.
     *
     * @param image the image of every server
     * @param replicas how many replicas (0 for a lone server)
     */
    public PrimaryReplicaContainers(String image, int replicas) {
        super(image);
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative, got " + replicas);
        }
        this.replicaCount = replicas;
    }

    @Override
    void startAll() {
        startPrimaryWithReplicas(replicaCount);
    }

    /** @return the primary */
    public ValkeyContainer primary() {
        return startedPrimary();
    }

    /** @return the replicas, in start order */
    public List<ValkeyContainer> replicas() {
        return startedReplicas();
    }

    /** @return the URLs of the primary, then of the replicas: the {@code default} client's locations */
    public List<String> locations() {
        List<String> urls = new ArrayList<>();
        urls.add(primary().url());
        replicas().forEach(r -> urls.add(r.url()));
        return urls;
    }

    /** @return a builder with {@link #locations()} and {@code clientClass=default} */
    @Override
    public CacheConfig.Builder config() {
        return CacheConfig.builder().locations(locations()).clientClass("default");
    }

    @Override
    public String toString() {
        return "primary with " + replicaCount + " replica(s) (" + image() + ")";
    }
}
