package org.valkeycache.testcontainers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;
import org.valkeycache.config.CacheConfig;

/**
 * What the multi-container topologies share: one image and one set of credentials for every data
 * node, a start that brings everything up healthy, and a stop that removes every container
 * started (newest first), even after a start that failed half-way. Works with Testcontainers'
 * {@code @Container} and with {@link ValkeyContainerExtension}.
 *
 * @param <SELF> the topology type, for chained settings
 */
public abstract class ContainerGroup<SELF extends ContainerGroup<SELF>> implements Startable {

    private final DockerImageName image;
    private String user;
    private String password;
    private final List<ValkeyContainer> started = Collections.synchronizedList(new ArrayList<>());
    private volatile ValkeyContainer primary;
    private volatile List<ValkeyContainer> replicas = List.of();

    ContainerGroup(String image) {
        this.image = DockerImageName.parse(Objects.requireNonNull(image, "image"));
    }

    /**
     * Every data node requires this password from the default user; the locations carry it.
     *
     * @param password the password
     * @return this topology
     */
    public SELF withPassword(String password) {
        this.password = Objects.requireNonNull(password, "password");
        this.user = null;
        return self();
    }

    /**
     * Every data node has this ACL user (all permissions) and the default user off; the locations
     * carry both.
     *
     * @param user the user name
     * @param password its password
     * @return this topology
     */
    public SELF withUser(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        return self();
    }

    @SuppressWarnings("unchecked")
    private SELF self() {
        return (SELF) this;
    }

    /** @return a data node of this topology's image and credentials, not started */
    final ValkeyContainer newNode() {
        ValkeyContainer node = new ValkeyContainer(image);
        if (user != null) {
            node.withUser(user, password);
        } else if (password != null) {
            node.withPassword(password);
        }
        return node;
    }

    /** @return a container of this topology's image without credentials, not started */
    final ValkeyContainer newBareContainer() {
        return new ValkeyContainer(image);
    }

    /** Starts {@code container} and remembers it for {@link #stop()}. */
    final <T extends ValkeyContainer> T startNode(T container) {
        started.add(container);
        container.start();
        return container;
    }

    /**
     * Starts the containers at once, a thread each, and remembers them for {@link #stop()};
     * returns when every start has ended, throwing the first failure.
     */
    final void startNodes(List<ValkeyContainer> containers) {
        started.addAll(containers);
        // a thread per container: a start mostly waits for Docker and the server, and a parallel
        // stream would run only as many at once as there are cores (two at a time in CI)
        ExecutorService starter = Executors.newFixedThreadPool(Math.max(1, containers.size()), r -> {
            Thread t = new Thread(r, "valkey-container-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> starts = containers.stream()
                    .map(c -> CompletableFuture.runAsync(c::start, starter)).toList();
            RuntimeException first = null;
            for (CompletableFuture<Void> start : starts) {
                try {
                    start.join();
                } catch (CompletionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            starter.shutdown();
        }
    }

    /**
     * Starts a primary, then its replicas in parallel (each waits for its first sync); they are
     * {@link #startedPrimary()} and {@link #startedReplicas()} from then on.
     */
    final void startPrimaryWithReplicas(int replicaCount) {
        startPrimaryWithReplicas(replicaCount, started -> List.of());
    }

    /**
     * Like {@link #startPrimaryWithReplicas(int)}, also starting the containers {@code alongside}
     * makes for the started primary, in parallel with the replicas.
     */
    final void startPrimaryWithReplicas(int replicaCount, Function<ValkeyContainer, List<ValkeyContainer>> alongside) {
        ValkeyContainer p = startNode(newNode());
        primary = p;
        List<ValkeyContainer> followers = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            followers.add(newNode().withReplicaOf(p));
        }
        List<ValkeyContainer> all = new ArrayList<>(followers);
        all.addAll(alongside.apply(p));
        startNodes(all);
        replicas = List.copyOf(followers);
    }

    /** @return the primary {@link #startPrimaryWithReplicas} started */
    final ValkeyContainer startedPrimary() {
        ValkeyContainer p = primary;
        if (p == null) {
            throw new IllegalStateException(this + " is not started");
        }
        return p;
    }

    /** @return the replicas {@link #startPrimaryWithReplicas} started, in start order */
    final List<ValkeyContainer> startedReplicas() {
        return replicas;
    }

    /**
     * Starts every container and returns once the topology serves.
     *
     * @throws org.testcontainers.containers.ContainerLaunchException if a part does not come up;
     *     whatever did start is removed
     */
    @Override
    public final void start() {
        if (!started.isEmpty()) {
            throw new IllegalStateException(this + " is started already");
        }
        try {
            startAll();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Starts the containers of this topology (through {@link #startNode}) and waits until it serves. */
    abstract void startAll();

    /** Stops and removes every container started, newest first. */
    @Override
    public void stop() {
        primary = null;
        replicas = List.of();
        List<ValkeyContainer> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(all);
        RuntimeException first = null;
        for (ValkeyContainer c : all) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * A fresh configuration builder that reaches this topology with the matching client class;
     * add a key prefix, codecs and so on, then {@code build()}.
     *
     * @return a new builder
     */
    public abstract CacheConfig.Builder config();

    /** @return the password of the data nodes, or null */
    public String password() {
        return password;
    }

    /** @return the ACL user of the data nodes, or null for the default user */
    public String user() {
        return user;
    }

    /** @return {@code user:password@} (percent-encoded) for a location URL, or {@code ""} */
    final String credentials() {
        if (password == null) {
            return "";
        }
        return (user == null ? "" : Urls.encode(user)) + ":" + Urls.encode(password) + "@";
    }

    /** @return the image every container runs */
    public String image() {
        return image.asCanonicalNameString();
    }

}
