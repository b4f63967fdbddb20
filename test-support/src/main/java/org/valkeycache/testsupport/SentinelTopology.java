package org.valkeycache.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A real Sentinel deployment on loopback: a primary, one replica and (by default) three sentinels
 * with quorum 2, tuned so that a failover takes seconds (the primary is considered down after
 * {@code downAfter}, default 2 s; {@code failover-timeout} 3 s) and the sentinels gossip every
 * {@link ValkeySentinel#DEFAULT_GOSSIP_PERIOD} (so that they find each other at start and take
 * a returning old primary back as a replica in about two seconds).
 *
 * <pre>{@code
 * try (SentinelTopology topology = SentinelTopology.start()) {
 *     String sentinels = topology.sentinelAddresses();  // 127.0.0.1:a,127.0.0.1:b,127.0.0.1:c
 *     ValkeyServer primary = topology.primary();
 *     primary.kill();
 *     ValkeyServer promoted = topology.awaitNewPrimary(primary, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns once every sentinel knows the replica and the other sentinels, so
 * a failover can start at once. Servers and sentinels are stopped by {@link #close()}.
 */
public final class SentinelTopology implements AutoCloseable {

    /** The service name the sentinels monitor unless the builder says otherwise. */
    public static final String SERVICE = "mymaster";

    private final String service;
    private final List<ValkeyServer> servers;
    private final List<ValkeySentinel> sentinels;
    private final Duration downAfter;

    private SentinelTopology(String service, List<ValkeyServer> servers, List<ValkeySentinel> sentinels, Duration downAfter) {
        this.service = service;
        this.servers = servers;
        this.sentinels = sentinels;
        this.downAfter = downAfter;
    }

    /** @return a running topology with the default settings */
    public static SentinelTopology start() {
        return builder().start();
    }

    /** @return a builder for a topology with non-default settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the monitored service name */
    public String service() {
        return service;
    }

    /** @return the data nodes: the first primary, then the replica (roles change with failovers) */
    public List<ValkeyServer> servers() {
        return servers;
    }

    /** @return the sentinels */
    public List<ValkeySentinel> sentinels() {
        return sentinels;
    }

    /** @return the addresses of every sentinel as a client lists them: {@code 127.0.0.1:a,127.0.0.1:b,...} */
    public String sentinelAddresses() {
        return sentinels.stream().map(ValkeySentinel::address).collect(Collectors.joining(","));
    }

    /**
     * The current primary as a running sentinel names it.
     *
     * @return the server
     * @throws ValkeyServerException when no running sentinel answers or it names an unknown node
     */
    public ValkeyServer primary() {
        ValkeyServerException last = null;
        for (ValkeySentinel s : sentinels) {
            if (!s.isRunning() || s.isPaused()) {
                continue;
            }
            try {
                return byAddress(s.currentPrimary());
            } catch (ValkeyServerException e) {
                last = e;
            }
        }
        throw new ValkeyServerException("no running sentinel named the primary of " + service, last);
    }

    /** @return the data node that is not the current primary */
    public ValkeyServer replica() {
        ValkeyServer p = primary();
        return servers.stream().filter(s -> s != p).findFirst().orElseThrow();
    }

    private ValkeyServer byAddress(String hostPort) {
        for (ValkeyServer s : servers) {
            if (hostPort.equals(ValkeyProcess.HOST + ":" + s.port()) || hostPort.equals(address(s))) {
                return s;
            }
        }
        throw new ValkeyServerException("a sentinel named " + hostPort + ", which is not a node of this topology");
    }

    /**
     * Waits until every running sentinel names a primary other than {@code old} and that node
     * itself reports the role {@code master}.
     *
     * @param old the primary before the failover
     * @param timeout how long to wait at most
     * @return the new primary
     * @throws ValkeyServerException if the failover does not complete in time
     */
    public ValkeyServer awaitNewPrimary(ValkeyServer old, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            try {
                List<String> named = new ArrayList<>();
                for (ValkeySentinel s : sentinels) {
                    if (s.isRunning() && !s.isPaused()) {
                        named.add(s.currentPrimary());
                    }
                }
                seen = named.toString();
                String oldAddress = address(old);
                if (!named.isEmpty() && named.stream().distinct().count() == 1 && !named.get(0).equals(oldAddress)) {
                    ValkeyServer candidate = byAddress(named.get(0));
                    if (role(candidate).equals("master")) {
                        return candidate;
                    }
                }
            } catch (ValkeyServerException e) {
                seen = e.getMessage();
            }
            ValkeyProcess.sleep(50);
        }
        throw new ValkeyServerException("no failover away from " + old + " within " + timeout + "; sentinels named " + seen
                + "; their events:\n" + sentinelEvents());
    }

    /**
     * The last 30 events ({@code +sdown}, {@code +switch-master}, {@code -failover-abort-...} and so
     * on) each sentinel logged, for a failure message: what the sentinels did explains most
     * surprises in a failover test.
     *
     * @return one block per sentinel
     */
    public String sentinelEvents() {
        StringBuilder events = new StringBuilder();
        for (ValkeySentinel s : sentinels) {
            List<String> lines = s.log().lines()
                    .filter(l -> l.contains(" # ") || l.contains(" * +") || l.contains(" * -"))
                    .toList();
            events.append(s).append(":\n");
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> events.append("  ").append(l).append('\n'));
        }
        return events.toString();
    }

    /**
     * Waits until {@code node} is a replica of {@code primary} with its replication link up
     * (sentinels reconfigure a returning old primary this way).
     *
     * @param node the node that should follow
     * @param primary the primary it should follow
     * @param timeout how long to wait at most
     * @throws ValkeyServerException if it does not follow in time
     */
    public void awaitReplicaOf(ValkeyServer node, ValkeyServer primary, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String info = "";
        while (System.nanoTime() < deadline) {
            try {
                info = String.valueOf(node.call("INFO", "replication"));
                if (info.contains("role:slave") && info.contains("master_port:" + primary.linkPort())
                        && info.contains("master_link_status:up")) {
                    return;
                }
            } catch (ValkeyServerException e) {
                info = e.getMessage();
            }
            ValkeyProcess.sleep(50);
        }
        throw new ValkeyServerException(node + " did not become a replica of " + primary + " within " + timeout
                + "; INFO replication:\n" + info);
    }

    /**
     * Keeps the sentinels from failing over (they consider nothing down for an hour), for tests
     * that take every data node away and bring it back and want the roles unchanged afterwards.
     * The sentinels keep answering clients. Undo with {@link #resumeFailovers()}.
     */
    public void suspendFailovers() {
        setDownAfter(Duration.ofHours(1));
    }

    /**
     * Restores the down-after period the topology was started with, once every running sentinel
     * has a PING reply from the primary younger than half that period (within 30 s): a sentinel
     * that had not heard from a primary just restarted would otherwise find it down at once and
     * fail it over.
     *
     * @throws ValkeyServerException if a sentinel does not hear from the primary in time
     */
    public void resumeFailovers() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = "";
        while (!(seen = unheardPrimary()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new ValkeyServerException("the sentinels did not hear from the primary within 30 s: " + seen);
            }
            ValkeyProcess.sleep(20);
        }
        setDownAfter(downAfter);
    }

    /** @return the sentinels without a fresh PING reply from the primary (flags and reply age), or "" */
    private String unheardPrimary() {
        StringBuilder unheard = new StringBuilder();
        for (ValkeySentinel s : sentinels) {
            if (s.isRunning() && !s.isPaused()) {
                String flags = s.masterField("flags");
                String lastOk = s.masterField("last-ok-ping-reply");
                if (!"master".equals(flags) || lastOk == null || Long.parseLong(lastOk) >= downAfter.toMillis() / 2) {
                    unheard.append(s).append(": flags ").append(flags).append(", last ok ping reply ").append(lastOk)
                            .append(" ms ago; ");
                }
            }
        }
        return unheard.toString();
    }

    private void setDownAfter(Duration d) {
        for (ValkeySentinel s : sentinels) {
            if (s.isRunning() && !s.isPaused()) {
                s.call("SENTINEL", "SET", service, "down-after-milliseconds", Long.toString(d.toMillis()));
            }
        }
    }

    /**
     * The address the sentinels name for a data node: {@code 127.0.0.1:<port>}, with the TLS port
     * when the data nodes are reached over TLS ({@link Builder#tlsDataNodes()}).
     *
     * @param server a data node of this topology
     * @return its address as sentinels give it to clients
     */
    public String address(ValkeyServer server) {
        return ValkeyProcess.HOST + ":" + server.linkPort();
    }

    private static String role(ValkeyServer server) {
        Object reply = server.call("ROLE");
        if (reply instanceof List<?> l && !l.isEmpty()) {
            return String.valueOf(l.get(0));
        }
        return String.valueOf(reply);
    }

    @Override
    public void close() {
        for (ValkeySentinel s : sentinels) {
            s.close();
        }
        for (ValkeyServer s : servers) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "sentinel topology " + service + " servers=" + servers + " sentinels=" + sentinels;
    }

    /** Settings of a topology to start. */
    public static final class Builder {
        private String service = SERVICE;
        private int sentinelCount = 3;
        private int quorum = 2;
        private Duration downAfter = Duration.ofSeconds(2);
        private Duration failoverTimeout = Duration.ofSeconds(3);
        private String serverPassword;
        private String sentinelPassword;
        private Duration gossipPeriod = ValkeySentinel.DEFAULT_GOSSIP_PERIOD;
        private boolean tlsDataNodes;

        private Builder() {
        }

        /**
         * Data nodes reached over TLS only through the sentinels: both listen with TLS too (one
         * CA, {@link ValkeyServer#caCertificate()}), the replica replicates over TLS, and the
         * sentinels monitor the TLS ports, so what they hand to clients are TLS addresses. The
         * sentinels themselves are reached in plain text, and over TLS on
         * {@link ValkeySentinel#tlsAddress()}.
         *
         * @return this builder
         */
        public Builder tlsDataNodes() {
            this.tlsDataNodes = true;
            return this;
        }

        /**
         * @param service the service name the sentinels monitor (default {@value SentinelTopology#SERVICE})
         * @return this builder
         */
        public Builder service(String service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /**
         * @param count how many sentinels (default 3)
         * @param quorum how many must agree the primary is down (default 2)
         * @return this builder
         */
        public Builder sentinels(int count, int quorum) {
            this.sentinelCount = count;
            this.quorum = quorum;
            return this;
        }

        /**
         * A sentinel also finds a primary down when the link it opens to a freshly promoted one
         * has no {@code PONG} within this period, so on a loaded machine 1 s sometimes failed a
         * new primary over again a second after its promotion.
         *
         * @param downAfter sentinel's {@code down-after-milliseconds} (default 2 s)
         * @return this builder
         */
        public Builder downAfter(Duration downAfter) {
            this.downAfter = Objects.requireNonNull(downAfter, "downAfter");
            return this;
        }

        /**
         * @param failoverTimeout sentinel's {@code failover-timeout} (default 3 s)
         * @return this builder
         */
        public Builder failoverTimeout(Duration failoverTimeout) {
            this.failoverTimeout = Objects.requireNonNull(failoverTimeout, "failoverTimeout");
            return this;
        }

        /**
         * @param period how often the sentinels poll, say hello and ask each other
         *        (default {@link ValkeySentinel#DEFAULT_GOSSIP_PERIOD}; see {@link ValkeySentinel.Builder#gossipPeriod})
         * @return this builder
         * @throws IllegalArgumentException if the period is shorter than 1 ms
         */
        public Builder gossipPeriod(Duration period) {
            this.gossipPeriod = ValkeySentinel.checkGossipPeriod(period);
            return this;
        }

        /**
         * Keeps Sentinel's built-in polling periods (see {@link ValkeySentinel.Builder#builtInGossipPeriods}),
         * for measurements that should see what a production deployment would.
         *
         * @return this builder
         */
        public Builder builtInGossipPeriods() {
            this.gossipPeriod = null;
            return this;
        }

        /**
         * @param password required by both data nodes ({@code requirepass}; replicas and sentinels authenticate with it)
         * @return this builder
         */
        public Builder serverPassword(String password) {
            this.serverPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * @param password required by every sentinel from its clients
         * @return this builder
         */
        public Builder sentinelPassword(String password) {
            this.sentinelPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Starts the servers and the sentinels and waits until the sentinels know each other and the replica.
         *
         * @return the running topology
         * @throws ValkeyServerException if something does not come up within 30 s
         */
        public SentinelTopology start() {
            List<ValkeyServer> servers = new ArrayList<>();
            List<ValkeySentinel> sentinels = new ArrayList<>();
            SentinelTopology topology = new SentinelTopology(service, servers, sentinels, downAfter);
            try {
                // a replica (re)syncs at once instead of after the default 5 s diskless-sync delay
                // (either node may be the primary after a failover)
                ValkeyServer.Builder pb = ValkeyServer.builder().arg("--repl-diskless-sync-delay", "0");
                ValkeyServer.Builder rb = ValkeyServer.builder().arg("--repl-diskless-sync-delay", "0");
                if (serverPassword != null) {
                    pb.requirePass(serverPassword);
                    rb.requirePass(serverPassword);
                }
                if (tlsDataNodes) {
                    pb.tls().tlsReplication();
                }
                ValkeyServer primary = pb.start();
                servers.add(primary);
                if (tlsDataNodes) {
                    rb.tls(primary.tlsFiles()).tlsReplication();
                }
                servers.add(rb.replicaOf(primary).start());
                for (int i = 0; i < sentinelCount; i++) {
                    ValkeySentinel.Builder sb = ValkeySentinel.builder(service, primary).quorum(quorum)
                            .downAfter(downAfter).failoverTimeout(failoverTimeout);
                    if (sentinelPassword != null) {
                        sb.requirePass(sentinelPassword);
                    }
                    if (gossipPeriod == null) {
                        sb.builtInGossipPeriods();
                    } else {
                        sb.gossipPeriod(gossipPeriod);
                    }
                    if (tlsDataNodes) {
                        sb.tlsDataNodes(primary);
                    }
                    sentinels.add(sb.start());
                }
                awaitDiscovered(sentinels, Duration.ofSeconds(30));
                return topology;
            } catch (RuntimeException e) {
                topology.close();
                throw e;
            }
        }

        private void awaitDiscovered(List<ValkeySentinel> sentinels, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            String state = "";
            while (System.nanoTime() < deadline) {
                boolean ready = true;
                StringBuilder sb = new StringBuilder();
                for (ValkeySentinel s : sentinels) {
                    String others = s.masterField("num-other-sentinels");
                    String replicas = s.masterField("num-slaves");
                    sb.append(s).append(": other sentinels ").append(others).append(", replicas ").append(replicas).append("; ");
                    ready &= String.valueOf(sentinels.size() - 1).equals(others) && "1".equals(replicas);
                }
                state = sb.toString();
                if (ready) {
                    return;
                }
                ValkeyProcess.sleep(100);
            }
            throw new ValkeyServerException("the sentinels did not discover each other and the replica within "
                    + timeout + ": " + state);
        }
    }
}
