package org.valkeycache.testcontainers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerLaunchException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServerException;

/**
 * A Valkey Cluster in containers: three primaries sharing the 16384 hash slots, each with one
 * replica (by default), for the {@code cluster} client.
 *
 * <pre>{@code
 * try (ClusterContainers cluster = new ClusterContainers().withPassword("s3cret")) {
 *     cluster.start();           // returns once every node reports cluster_state:ok and every replica is in sync
 *     BackendCommands cache = ValkeyCache.open(cluster.config().build());   // every node a seed, clientClass=cluster
 * }
 * }</pre>
 *
 * <p>Each node listens on a free port whose cluster bus port (port + 10000) is free too. The
 * cluster is formed with {@code valkey-cli --cluster create} run inside the first node's container.
 */
public final class ClusterContainers extends ContainerGroup<ClusterContainers> {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private int primaryCount = 3;
    private int replicasPerPrimary = 1;
    private Duration nodeTimeout = Duration.ofSeconds(5);
    private volatile List<ValkeyContainer> nodes = List.of();

    /** Three primaries with one replica each, from {@value ValkeyContainer#DEFAULT_IMAGE}. */
    public ClusterContainers() {
        this(ValkeyContainer.DEFAULT_IMAGE);
    }

    /**
     * Three primaries with one replica each, from {@code image}.
     *
     * @param image the image of every node
     */
    public ClusterContainers(String image) {
        super(image);
    }

    /**
     * @param primaries how many primaries share the slots (at least 3, as {@code valkey-cli} requires)
     * @param replicasPerPrimary how many replicas each primary gets
     * @return this topology
     */
    public ClusterContainers withShape(int primaries, int replicasPerPrimary) {
        if (primaries < 3 || replicasPerPrimary < 0) {
            throw new IllegalArgumentException("a cluster needs at least 3 primaries and no negative replica count, got "
                    + primaries + " primaries with " + replicasPerPrimary + " replicas each");
        }
        this.primaryCount = primaries;
        this.replicasPerPrimary = replicasPerPrimary;
        return this;
    }

    /**
     * @param timeout {@code cluster-node-timeout}: how long a silent primary takes to be failed over
     *     (default 5 s)
     * @return this topology
     */
    public ClusterContainers withNodeTimeout(Duration timeout) {
        this.nodeTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    @Override
    void startAll() {
        List<ValkeyContainer> all = new ArrayList<>();
        for (int i = 0; i < primaryCount * (1 + replicasPerPrimary); i++) {
            all.add(newNode().asClusterNode(nodeTimeout));
        }
        startNodes(all);
        nodes = List.copyOf(all);
        create();
        awaitHealthy();
    }

    private void create() {
        List<String> cmd = new ArrayList<>(List.of("valkey-cli", "--cluster", "create"));
        nodes.forEach(n -> cmd.add(n.address()));
        cmd.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerPrimary), "--cluster-yes"));
        if (password() != null) {
            if (user() != null) {
                cmd.addAll(List.of("--user", user()));
            }
            cmd.addAll(List.of("--pass", password(), "--no-auth-warning"));
        }
        ExecResult result;
        try {
            result = nodes.get(0).execInContainer(cmd.toArray(String[]::new));
        } catch (IOException e) {
            throw new ContainerLaunchException("cannot run valkey-cli --cluster create in " + nodes.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while creating the cluster", e);
        }
        if (result.getExitCode() != 0) {
            throw new ContainerLaunchException("valkey-cli --cluster create failed (exit " + result.getExitCode()
                    + "):\n" + result.getStdout() + result.getStderr());
        }
    }

    /** Every node reports {@code cluster_state:ok} and knows every other; every replica is in sync. */
    private void awaitHealthy() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (ValkeyContainer node : nodes) {
            String info = clusterInfo(node);
            while (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + nodes.size())) {
                if (System.nanoTime() > deadline) {
                    throw new ContainerLaunchException(node + " is not a healthy cluster member within " + READY_TIMEOUT
                            + "; CLUSTER INFO:\n" + info);
                }
                ValkeyContainer.sleep(50);
                info = clusterInfo(node);
            }
        }
        for (ValkeyContainer replica : replicas()) {
            replica.awaitReplicaSync(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }

    private static String clusterInfo(ValkeyContainer node) {
        try {
            return String.valueOf(node.call("CLUSTER", "INFO"));
        } catch (ValkeyServerException e) {
            return e.getMessage();
        }
    }

    @Override
    public void stop() {
        nodes = List.of();
        super.stop();
    }

    /** @return every node, primaries and replicas, in start order */
    public List<ValkeyContainer> nodes() {
        return nodes;
    }

    /** @return the nodes that are primaries now (asked with {@code ROLE}) */
    public List<ValkeyContainer> primaries() {
        return nodes.stream().filter(n -> n.isRunning() && isPrimary(n)).toList();
    }

    /** @return the nodes that are replicas now (asked with {@code ROLE}) */
    public List<ValkeyContainer> replicas() {
        return nodes.stream().filter(n -> n.isRunning() && !isPrimary(n)).toList();
    }

    private static boolean isPrimary(ValkeyContainer node) {
        return node.call("ROLE") instanceof List<?> role && !role.isEmpty() && "master".equals(role.get(0));
    }

    /** @return the URL of every node: the seeds of the {@code cluster} client */
    public List<String> locations() {
        return nodes.stream().map(ValkeyContainer::url).toList();
    }

    /** @return a builder with every node as a seed {@link #locations() location} and {@code clientClass=cluster} */
    @Override
    public CacheConfig.Builder config() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException(this + " is not started");
        }
        return CacheConfig.builder().locations(locations()).clientClass("cluster");
    }

    @Override
    public String toString() {
        return "cluster of " + primaryCount + " primaries with " + replicasPerPrimary + " replica(s) each (" + image() + ")";
    }
}
