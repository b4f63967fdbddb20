package org.valkeycache.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Valkey Cluster on loopback: {@code valkey-server} nodes with {@code cluster-enabled yes}
 * on free ports (each with its cluster bus port, port + 10000, free too), joined by
 * {@code valkey-cli --cluster create ... --cluster-replicas N --cluster-yes}. {@link Builder#start()}
 * returns once every node reports {@code cluster_state:ok}, knows every other node and every
 * replica is in sync; {@link #close()} stops every node and removes its directory.
 *
 * <p>Roles change under failovers, so {@link #primaries()}, {@link #replicas()} and
 * {@link #nodeOf(String)} ask the cluster each time ({@code CLUSTER NODES} of a running node)
 * instead of remembering the roles of the start.
 *
 * <pre>{@code
 * try (ValkeyCluster cluster = ValkeyCluster.builder().requirePass("pw").start()) {
 *     String seed = cluster.urls().get(0);
 * }
 * }</pre>
 */
public final class ValkeyCluster implements AutoCloseable {

    private final Builder settings;
    private final List<ValkeyServer> nodes;
    /** The CA and certificate every node shares with {@link Builder#tls()}, else null. */
    private final TlsFiles tls;
    private final Path tlsDir;

    private ValkeyCluster(Builder settings, List<ValkeyServer> nodes, TlsFiles tls, Path tlsDir) {
        this.settings = settings;
        this.nodes = List.copyOf(nodes);
        this.tls = tls;
        this.tlsDir = tlsDir;
    }

    /** @return a builder for 3 primaries with 1 replica each, no password */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every node started, primaries and replicas, whatever their role now */
    public List<ValkeyServer> nodes() {
        return nodes;
    }

    /** @return the running nodes that are primaries now (serving slots), in port order */
    public List<ValkeyServer> primaries() {
        List<ValkeyServer> out = new ArrayList<>();
        for (NodeLine line : topology()) {
            // a primary just demoted by a failover serves no slot while it turns into a replica
            if (line.primary() && !line.failed() && !line.slots().isEmpty()) {
                ValkeyServer server = byPort(line.port());
                if (server != null && server.isRunning()) {
                    out.add(server);
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.port(), b.port()));
        return out;
    }

    /** @return the running nodes that are replicas now, in port order */
    public List<ValkeyServer> replicas() {
        List<ValkeyServer> out = new ArrayList<>();
        for (NodeLine line : topology()) {
            if (!line.primary() && !line.failed()) {
                ValkeyServer server = byPort(line.port());
                if (server != null && server.isRunning()) {
                    out.add(server);
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.port(), b.port()));
        return out;
    }

    /**
     * @param replica a replica node
     * @return the primary it follows now
     */
    public ValkeyServer primaryOf(ValkeyServer replica) {
        List<NodeLine> lines = topology();
        String primaryId = null;
        for (NodeLine line : lines) {
            if (line.port() == replica.port()) {
                primaryId = line.primaryId();
            }
        }
        for (NodeLine line : lines) {
            if (line.id().equals(primaryId)) {
                ValkeyServer server = byPort(line.port());
                if (server != null) {
                    return server;
                }
            }
        }
        throw new ValkeyServerException(replica + " follows no known primary; CLUSTER NODES:\n" + lines);
    }

    /**
     * @param key a key as stored on the server
     * @return its hash slot, as the server computes it ({@code CLUSTER KEYSLOT})
     */
    public int slotOf(String key) {
        return ((Long) anyRunning().call("CLUSTER", "KEYSLOT", key)).intValue();
    }

    /**
     * @param key a key as stored on the server
     * @return the primary that serves its slot now
     */
    public ValkeyServer nodeOf(String key) {
        return primaryOfSlot(slotOf(key));
    }

    /**
     * @param slot a hash slot
     * @return the primary that serves it now
     */
    public ValkeyServer primaryOfSlot(int slot) {
        for (NodeLine line : topology()) {
            if (line.primary() && !line.failed() && line.serves(slot)) {
                ValkeyServer server = byPort(line.port());
                if (server != null) {
                    return server;
                }
            }
        }
        throw new ValkeyServerException("no primary serves slot " + slot + "; CLUSTER NODES:\n" + topology());
    }

    /** @return {@code valkey://[user:password@]127.0.0.1:<port>} of every running node, seeds for a client */
    public List<String> urls() {
        List<String> out = new ArrayList<>();
        for (ValkeyServer node : nodes) {
            if (node.isRunning()) {
                out.add(node.url());
            }
        }
        return out;
    }

    /**
     * @return {@code valkeys://[user:password@]localhost:<tls port>} of every node
     * @throws IllegalStateException without {@link Builder#tls()}
     */
    public List<String> tlsUrls() {
        if (tls == null) {
            throw new IllegalStateException("this cluster was not started with tls()");
        }
        return nodes.stream().map(ValkeyServer::tlsUrl).toList();
    }

    /**
     * @return the PEM file of the CA every node's certificate is signed by
     * @throws IllegalStateException without {@link Builder#tls()}
     */
    public Path caCertificate() {
        if (tls == null) {
            throw new IllegalStateException("this cluster was not started with tls()");
        }
        return tls.caCert();
    }

    /** Empties every primary. */
    public void flushAll() {
        for (ValkeyServer primary : primaries()) {
            primary.flushAll();
        }
    }

    /** Waits until every replica has applied its primary's writes so far. */
    public void settle() {
        for (ValkeyServer replica : replicas()) {
            replica.awaitCaughtUpWith(primaryOf(replica), settings.waitTimeout);
        }
    }

    /**
     * Waits until every running node reports {@code cluster_state:ok}, knows every running node,
     * sees all 16384 slots served, no running node is a primary without slots (a failed-over
     * primary that restarted and has not turned into a replica yet), every replica's link to its
     * primary is up, and every running node's cluster config file gives each replica its
     * primary's shard id (so that any node can be killed and restarted; see
     * {@link #shardIdMismatch}).
     *
     * @param timeout the most to wait
     * @throws ValkeyServerException if the cluster is not healthy after {@code timeout}
     */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = unhealthy();
                if (last == null) {
                    return;
                }
            } catch (ValkeyServerException e) {
                last = e.getMessage();
            }
            ValkeyProcess.sleep(100);
        }
        throw new ValkeyServerException("the cluster was not healthy within " + timeout + ": " + last);
    }

    /** @return what is not healthy yet, or null */
    private String unhealthy() {
        List<ValkeyServer> running = nodes.stream().filter(ValkeyServer::isRunning).toList();
        for (ValkeyServer node : running) {
            String info = String.valueOf(node.call("CLUSTER", "INFO"));
            if (!info.contains("cluster_state:ok")) {
                return node + " is not cluster_state:ok";
            }
            if (!info.contains("cluster_slots_ok:" + 16384)) {
                return node + " does not see all slots ok";
            }
            for (String line : String.valueOf(node.call("CLUSTER", "NODES")).split("\r?\n")) {
                if (line.isBlank()) {
                    continue;
                }
                NodeLine seen = NodeLine.parse(line);
                if (seen.failed() && running.stream().anyMatch(s -> s.port() == seen.port())) {
                    return node + " still flags the running node on port " + seen.port() + " as failed";
                }
            }
        }
        for (NodeLine line : topology()) {
            ValkeyServer server = byPort(line.port());
            if (line.primary() && !line.failed() && line.slots().isEmpty() && server != null && server.isRunning()) {
                // a restarted primary that was failed over, not yet turned into a replica
                return server + " is a primary without slots";
            }
        }
        for (ValkeyServer replica : replicas()) {
            String info = String.valueOf(replica.call("INFO", "replication"));
            if (!info.contains("master_link_status:up")) {
                return replica + " has no link to its primary yet";
            }
        }
        for (ValkeyServer node : running) {
            String mismatch = shardIdMismatch(node.clusterConfigFile());
            if (mismatch != null) {
                return node + "'s cluster config file " + mismatch + " (a restart now would fail with \"corrupted cluster"
                        + " config file\")";
            }
        }
        return null;
    }

    /**
     * A node saves its view of the cluster to its cluster config file, and refuses to start from
     * a file in which a replica's {@code shard-id} differs from its primary's. Such a view is
     * transient: a node may learn that a node became a replica before it learns that the replica
     * took its primary's shard id (on a loaded machine, right after the cluster was created), and
     * a node killed then does not restart. So a healthy cluster is also one whose saved views
     * agree.
     *
     * @param file a node's cluster config file
     * @return what disagrees, or null if every replica's shard id is its primary's
     */
    static String shardIdMismatch(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot be read (" + e + ")";
        }
        Map<String, String> shardOf = new HashMap<>();
        Map<String, String> primaryOf = new HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            if (f.length < 4 || f[0].equals("vars")) {
                continue;
            }
            for (String part : f[1].split(",")) {
                if (part.startsWith("shard-id=")) {
                    shardOf.put(f[0], part.substring("shard-id=".length()));
                }
            }
            if (!f[3].equals("-")) {
                primaryOf.put(f[0], f[3]);
            }
        }
        for (Map.Entry<String, String> e : primaryOf.entrySet()) {
            String replicaShard = shardOf.get(e.getKey());
            String primaryShard = shardOf.get(e.getValue());
            if (replicaShard != null && primaryShard != null && !replicaShard.equals(primaryShard)) {
                return "gives replica " + e.getKey() + " shard-id " + replicaShard + " but its primary " + e.getValue()
                        + " shard-id " + primaryShard;
            }
        }
        return null;
    }

    /**
     * Runs {@code valkey-cli} with the cluster's credentials, e.g. {@code --cluster reshard ...}.
     *
     * @param args the arguments after the credentials
     * @return the tool's output
     * @throws ValkeyServerException if it fails or takes longer than the wait timeout
     */
    public String cli(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ValkeyProcess.locate("valkey-cli"));
        if (settings.password != null) {
            cmd.add("--no-auth-warning");
            if (settings.user != null) {
                cmd.addAll(List.of("--user", settings.user, "--pass", settings.password));
            } else {
                cmd.addAll(List.of("-a", settings.password));
            }
        }
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(settings.waitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ValkeyServerException("valkey-cli " + String.join(" ", args) + " did not finish within "
                        + settings.waitTimeout);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new ValkeyServerException("valkey-cli " + String.join(" ", args) + " failed with "
                        + p.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new ValkeyServerException("cannot run valkey-cli: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValkeyServerException("interrupted while running valkey-cli", e);
        }
    }

    /**
     * Moves a hash slot, with its keys, from the primary serving it to another primary, the way
     * {@code valkey-cli --cluster reshard} does: IMPORTING/MIGRATING, then {@code MIGRATE} in
     * batches (clients meanwhile get ASK redirections for keys already moved), then
     * {@code SETSLOT NODE} on every primary.
     *
     * @param slot the slot
     * @param to the primary that serves it afterwards
     * @param batch keys per {@code MIGRATE}
     * @param pause time between batches, so a test can read while the slot is half moved
     */
    public void migrateSlot(int slot, ValkeyServer to, int batch, Duration pause) {
        ValkeyServer from = primaryOfSlot(slot);
        if (from == to) {
            throw new IllegalArgumentException(to + " already serves slot " + slot);
        }
        String fromId = nodeId(from);
        String toId = nodeId(to);
        String s = Integer.toString(slot);
        to.call("CLUSTER", "SETSLOT", s, "IMPORTING", fromId);
        from.call("CLUSTER", "SETSLOT", s, "MIGRATING", toId);
        while (true) {
            List<?> keys = (List<?>) from.call("CLUSTER", "GETKEYSINSLOT", s, Integer.toString(batch));
            if (keys.isEmpty()) {
                break;
            }
            List<String> cmd = new ArrayList<>(List.of("MIGRATE", ValkeyProcess.HOST, Integer.toString(to.port()), "", "0",
                    Long.toString(settings.waitTimeout.toMillis())));
            if (settings.password != null) {
                if (settings.user != null) {
                    cmd.addAll(List.of("AUTH2", settings.user, settings.password));
                } else {
                    cmd.addAll(List.of("AUTH", settings.password));
                }
            }
            cmd.add("KEYS");
            keys.forEach(k -> cmd.add(String.valueOf(k)));
            from.call(cmd.toArray(String[]::new));
            ValkeyProcess.sleep(pause.toMillis());
        }
        to.call("CLUSTER", "SETSLOT", s, "NODE", toId);
        from.call("CLUSTER", "SETSLOT", s, "NODE", toId);
        for (ValkeyServer primary : primaries()) {
            if (primary != from && primary != to) {
                primary.call("CLUSTER", "SETSLOT", s, "NODE", toId);
            }
        }
    }

    /** Stops every node and removes its directory. */
    @Override
    public void close() {
        nodes.forEach(ValkeyServer::close);
        deleteTree(tlsDir);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // best effort: a leftover temporary directory is harmless
        }
    }

    /**
     * The node id of a node as the cluster knows it ({@code CLUSTER MYID}).
     *
     * @param node one of this cluster's nodes
     * @return its node id
     */
    public String nodeId(ValkeyServer node) {
        return String.valueOf(node.call("CLUSTER", "MYID"));
    }

    private ValkeyServer anyRunning() {
        for (ValkeyServer node : nodes) {
            if (node.isRunning()) {
                return node;
            }
        }
        throw new ValkeyServerException("no node of the cluster is running");
    }

    private ValkeyServer byPort(int port) {
        for (ValkeyServer node : nodes) {
            if (node.port() == port) {
                return node;
            }
        }
        return null;
    }

    /** The topology as a running node sees it; tries the others if one does not answer. */
    private List<NodeLine> topology() {
        ValkeyServerException last = null;
        for (ValkeyServer node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            try {
                List<NodeLine> lines = new ArrayList<>();
                for (String line : String.valueOf(node.call("CLUSTER", "NODES")).split("\r?\n")) {
                    if (!line.isBlank()) {
                        lines.add(NodeLine.parse(line));
                    }
                }
                return lines;
            } catch (ValkeyServerException e) {
                last = e;
            }
        }
        throw last != null ? last : new ValkeyServerException("no node of the cluster is running");
    }

    /** One line of {@code CLUSTER NODES}. */
    private record NodeLine(String id, int port, boolean primary, boolean failed, String primaryId,
            List<int[]> slots) {

        static NodeLine parse(String line) {
            String[] f = line.trim().split(" ");
            String address = f[1];
            int at = address.indexOf('@');
            String hostPort = at < 0 ? address : address.substring(0, at);
            int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
            String flags = f[2];
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a slot being imported or migrated
                }
                int dash = f[i].indexOf('-');
                int from = Integer.parseInt(dash < 0 ? f[i] : f[i].substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(f[i].substring(dash + 1));
                slots.add(new int[] {from, to});
            }
            boolean failed = flags.contains("fail") && !flags.contains("fail?");
            return new NodeLine(f[0], port, flags.contains("master"), failed, f[3], slots);
        }

        boolean serves(int slot) {
            for (int[] range : slots) {
                if (slot >= range[0] && slot <= range[1]) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return id + " port=" + port + (primary ? " primary" : " replica of " + primaryId) + (failed ? " FAILED" : "");
        }
    }

    /** Settings of a {@link ValkeyCluster}. */
    public static final class Builder {
        private int primaries = 3;
        private int replicasPerPrimary = 1;
        private String user;
        private String password;
        private Duration nodeTimeout = Duration.ofSeconds(5);
        private Duration waitTimeout = Duration.ofSeconds(90);
        private boolean tls;
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param primaries how many primaries share the slots (at least 3, as valkey-cli requires)
         * @return this builder
         */
        public Builder primaries(int primaries) {
            if (primaries < 3) {
                throw new IllegalArgumentException("a cluster needs at least 3 primaries, got " + primaries);
            }
            this.primaries = primaries;
            return this;
        }

        /**
         * @param replicas replicas per primary (0 or more)
         * @return this builder
         */
        public Builder replicasPerPrimary(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("replicas must not be negative, got " + replicas);
            }
            this.replicasPerPrimary = replicas;
            return this;
        }

        /**
         * Every node requires this password from the default user; replicas use it towards primaries.
         *
         * @param password the password
         * @return this builder
         */
        public Builder requirePass(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Every node has this ACL user with every permission and the default user off.
         *
         * @param user the user name
         * @param password its password
         * @return this builder
         */
        public Builder aclUser(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * @param timeout {@code cluster-node-timeout}: how long a silent primary takes to be failed
         *     over (default 5 s; generous, since a loaded machine makes nodes slow to answer)
         * @return this builder
         */
        public Builder nodeTimeout(Duration timeout) {
            this.nodeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param timeout the most {@link #start()}, {@link ValkeyCluster#settle()} and
         *     {@link ValkeyCluster#cli} wait (default 90 s)
         * @return this builder
         */
        public Builder waitTimeout(Duration timeout) {
            this.waitTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Every node also listens with TLS on a second port, with one certificate (for
         * {@code localhost} and {@code 127.0.0.1}) signed by one CA, and the nodes talk TLS to each
         * other ({@code tls-cluster}, {@code tls-replication}); needs the {@code openssl} tool.
         *
         * @return this builder
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /**
         * @param args more {@code valkey-server} arguments for every node
         * @return this builder
         */
        public Builder arg(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Starts the nodes, creates the cluster and waits until it is healthy.
         *
         * @return the running cluster
         * @throws ValkeyServerException if a node does not start or the cluster does not form;
         *     whatever was started is stopped again
         */
        public ValkeyCluster start() {
            List<ValkeyServer> started = new ArrayList<>();
            Path tlsDir = null;
            try {
                TlsFiles shared = null;
                if (tls) {
                    tlsDir = Files.createTempDirectory("valkey-fixture-cluster-tls-");
                    shared = TlsFiles.generate(tlsDir);
                }
                int count = primaries * (1 + replicasPerPrimary);
                for (int i = 0; i < count; i++) {
                    ValkeyServer.Builder node = ValkeyServer.builder().clusterNode(nodeTimeout).startTimeout(waitTimeout)
                            // a replica (re)syncs at once instead of after the default 5 s diskless-sync delay
                            .arg("--repl-diskless-sync-delay", "0");
                    if (user != null) {
                        node.aclUser(user, password);
                    } else if (password != null) {
                        node.requirePass(password);
                    }
                    if (shared != null) {
                        node.tls(shared);
                    }
                    node.arg(extraArgs.toArray(String[]::new));
                    started.add(node.start());
                }
                ValkeyCluster cluster = new ValkeyCluster(this, started, shared, tlsDir);
                List<String> args = new ArrayList<>(List.of("--cluster", "create"));
                for (ValkeyServer node : started) {
                    args.add(ValkeyProcess.HOST + ":" + node.port());
                }
                args.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerPrimary), "--cluster-yes"));
                cluster.cli(args.toArray(String[]::new));
                cluster.awaitHealthy(waitTimeout);
                return cluster;
            } catch (IOException e) {
                started.forEach(ValkeyServer::close);
                deleteTree(tlsDir);
                throw new ValkeyServerException("cannot make the cluster's TLS files: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                started.forEach(ValkeyServer::close);
                deleteTree(tlsDir);
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        Map<Integer, String> roles = new HashMap<>();
        nodes.forEach(n -> roles.put(n.port(), n.isRunning() ? "up" : "down"));
        return "cluster" + roles;
    }
}
