package org.valkeycache.testcontainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.testcontainers.containers.ContainerLaunchException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServerException;

/**
 * A Valkey Sentinel setup in containers: a primary, its replicas and the sentinels that watch it
 * under one service name, for the {@code sentinel} client.
 *
 * <pre>{@code
 * try (SentinelContainers sentinel = new SentinelContainers().withPassword("s3cret")) {
 *     sentinel.start();          // returns once every sentinel knows the primary, its replicas and the other sentinels
 *     CacheConfig config = sentinel.config().build();
 *     // location=valkey://:s3cret@mymaster/0, clientClass=sentinel, options.sentinels=127.0.0.1:p1,127.0.0.1:p2,...
 * }
 * }</pre>
 *
 * <p>The credentials are the data nodes'; the sentinels require none. The sentinels poll their
 * data nodes, say hello to each other and ask each other about a primary they consider down
 * every 200 ms (Sentinel's built-in periods are 10 s, 2 s and 1 s), so that the topology is
 * ready about a second after its containers and a returning old primary is taken back as a
 * replica about a second after it answers; failure detection stays {@link #withDownAfter}.
 */
public final class SentinelContainers extends ContainerGroup<SentinelContainers> {

    /** The service name unless set: {@value}. */
    public static final String DEFAULT_SERVICE_NAME = "mymaster";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private String serviceName = DEFAULT_SERVICE_NAME;
    private int replicaCount = 1;
    private int sentinelCount = 3;
    private Duration downAfter = Duration.ofSeconds(5);
    private Duration failoverTimeout = Duration.ofSeconds(10);
    private volatile List<ValkeyContainer> sentinels = List.of();

    /** A primary, one replica and three sentinels (quorum 2) from {@value ValkeyContainer#DEFAULT_IMAGE}. */
    public SentinelContainers() {
        this(ValkeyContainer.DEFAULT_IMAGE);
    }

    /**
     * A primary, one replica and three sentinels (quorum 2) from {@code image}.
     *
     * @param image the image of every container
     */
    public SentinelContainers(String image) {
        super(image);
    }

    /**
     * @param name the service name the sentinels monitor (default {@value #DEFAULT_SERVICE_NAME})
     * @return this topology
     */
    public SentinelContainers withServiceName(String name) {
        if (Objects.requireNonNull(name, "name").isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a service name must be one word, got '" + name + "'");
        }
        this.serviceName = name;
        return this;
    }

    /**
     * @param replicas how many replicas follow the primary (default 1)
     * @return this topology
     */
    public SentinelContainers withReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative, got " + replicas);
        }
        this.replicaCount = replicas;
        return this;
    }

    /**
     * @param count how many sentinels (default 3; the quorum is a majority of them)
     * @return this topology
     */
    public SentinelContainers withSentinels(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one sentinel is needed, got " + count);
        }
        this.sentinelCount = count;
        return this;
    }

    /**
     * @param downAfter how long the primary must be silent before the sentinels fail it over
     *     ({@code down-after-milliseconds}, default 5 s)
     * @return this topology
     */
    public SentinelContainers withDownAfter(Duration downAfter) {
        this.downAfter = Objects.requireNonNull(downAfter, "downAfter");
        return this;
    }

    @Override
    void startAll() {
        List<ValkeyContainer> watchers = new ArrayList<>();
        // the sentinels start beside the replicas: they poll the primary every gossip period, so
        // they find a replica that finishes its sync a moment after them
        startPrimaryWithReplicas(replicaCount, primary -> {
            SentinelSettings settings = new SentinelSettings(primary, serviceName, quorum(), downAfter, failoverTimeout);
            for (int i = 0; i < sentinelCount; i++) {
                watchers.add(newBareContainer().asSentinel(settings));
            }
            return watchers;
        });
        sentinels = List.copyOf(watchers);
        awaitSentinelsReady();
    }

    /** Every sentinel names the primary, sees every replica and the other sentinels (quorum reachable). */
    private void awaitSentinelsReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (ValkeyContainer sentinel : sentinels) {
            String problem = notReady(sentinel);
            while (problem != null) {
                if (System.nanoTime() > deadline) {
                    throw new ContainerLaunchException(sentinel + " is not ready within " + READY_TIMEOUT + ": "
                            + problem + "; its log:\n" + sentinel.getLogs());
                }
                ValkeyContainer.sleep(100);
                problem = notReady(sentinel);
            }
        }
    }

    private String notReady(ValkeyContainer sentinel) {
        try {
            Object addr = sentinel.call("SENTINEL", "get-master-addr-by-name", serviceName);
            if (!List.of(ValkeyContainer.HOST, Integer.toString(primary().port())).equals(addr)) {
                return "it names the primary " + addr + ", not " + primary().address();
            }
            int replicasKnown = sizeOf(sentinel.call("SENTINEL", "replicas", serviceName));
            if (replicasKnown < replicaCount) {
                return "it knows " + replicasKnown + " of " + replicaCount + " replicas";
            }
            int othersKnown = sentinelCount > 1 ? sizeOf(sentinel.call("SENTINEL", "sentinels", serviceName)) : 0;
            if (othersKnown < sentinelCount - 1) {
                return "it knows " + othersKnown + " of the " + (sentinelCount - 1) + " other sentinels";
            }
            return null;
        } catch (ValkeyServerException e) {
            return e.getMessage();
        }
    }

    private static int sizeOf(Object reply) {
        return reply instanceof List<?> list ? list.size() : 0;
    }

    @Override
    public void stop() {
        sentinels = List.of();
        super.stop();
    }

    /** @return the majority of the sentinels, which must agree the primary is down */
    public int quorum() {
        return sentinelCount / 2 + 1;
    }

    /** @return the service name the sentinels monitor */
    public String serviceName() {
        return serviceName;
    }

    /** @return the primary the sentinels were started on (after a failover, ask them) */
    public ValkeyContainer primary() {
        return startedPrimary();
    }

    /** @return the replicas started with it */
    public List<ValkeyContainer> replicas() {
        return startedReplicas();
    }

    /** @return the sentinel containers */
    public List<ValkeyContainer> sentinels() {
        return sentinels;
    }

    /** @return {@code host:port} of every sentinel: the {@code options.sentinels} value, as a list */
    public List<String> sentinelAddresses() {
        return sentinels.stream().map(ValkeyContainer::address).toList();
    }

    /** @return {@code valkey://[credentials@]<service>/0}: the location of the {@code sentinel} client */
    public String location() {
        return "valkey://" + credentials() + serviceName + "/0";
    }

    /**
     * @return a builder with {@link #location()}, {@code clientClass=sentinel} and
     *     {@code options.sentinels} listing {@link #sentinelAddresses()}
     */
    @Override
    public CacheConfig.Builder config() {
        primary();
        return CacheConfig.builder().location(location()).clientClass("sentinel")
                .option("sentinels", String.join(",", sentinelAddresses()));
    }

    @Override
    public String toString() {
        return "sentinel service '" + serviceName + "': primary, " + replicaCount + " replica(s), " + sentinelCount
                + " sentinel(s) (" + image() + ")";
    }
}
