package org.valkeycache.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real {@code valkey-server} process on a free loopback port, for tests and the demo.
 *
 * <pre>{@code
 * try (ValkeyServer server = ValkeyServer.start()) {
 *     String url = server.url();                 // valkey://127.0.0.1:<port>
 *     ValkeyServer replica = ValkeyServer.builder().replicaOf(server).start();
 * }
 * }</pre>
 *
 * <p>The server keeps no data on disk ({@code save ""}, no AOF), binds to 127.0.0.1 only, and
 * runs in a private temporary directory that {@link #close()} removes. Every server is also
 * killed when the JVM exits, so an aborted test run leaves no process behind.
 */
public final class ValkeyServer extends ValkeyProcess implements ValkeyNode {

    /**
     * @return where a cluster node keeps its cluster configuration ({@code cluster-config-file}),
     *     the file a restart loads
     */
    Path clusterConfigFile() {
        return dir().resolve("nodes.conf");
    }

    private final Builder settings;
    private TlsFiles tls;

    private ValkeyServer(Builder settings) {
        super("valkey-server", settings.startTimeout);
        this.settings = settings;
    }

    /**
     * Starts a plain server with default settings.
     *
     * @return the running server
     * @throws ValkeyServerException if valkey-server is missing or does not come up
     */
    public static ValkeyServer start() {
        return builder().start();
    }

    /** @return a builder for a server with non-default settings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A cluster node also listens on its cluster bus, port + 10000, which must be free and below
     * 65536, and stay free while the node is down (a restart binds it again): pick both below the
     * kernel's ephemeral ports (32768 and up on Linux), which outgoing connections take at random.
     */
    @Override
    int pickPort() {
        if (!settings.cluster) {
            return super.pickPort();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 12_000 + random.nextInt(10_000);
            // reserved first (against other fixtures, also while this node is down), then checked
            // against everything else on the machine
            if (!reserve(port)) {
                continue;
            }
            if (reserve(port + 10_000)) {
                if (bindable(port) && bindable(port + 10_000)) {
                    return port;
                }
                unreserve(port + 10_000);
            }
            unreserve(port);
        }
        throw new ValkeyServerException("no free port pair (port, port + 10000) for a cluster node in 12000-31999");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    String executable() {
        return "valkey-server";
    }

    @Override
    String probePassword() {
        return settings.password;
    }

    @Override
    String probeUser() {
        return settings.user;
    }

    @Override
    List<String> command(String exe, int port) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe);
        cmd.addAll(List.of("--bind", HOST, "--port", Integer.toString(port), "--save", "", "--appendonly", "no",
                "--dir", dir().toString(), "--daemonize", "no", "--protected-mode", "no",
                "--logfile", "", "--loglevel", "notice"));
        if (settings.password != null && settings.user == null) {
            cmd.addAll(List.of("--requirepass", settings.password));
        }
        if (settings.user != null) {
            // the named ACL user gets everything; the default user is switched off
            Path acl = dir().resolve("users.acl");
            Files.writeString(acl, "user default off\nuser " + settings.user + " on >" + settings.password
                    + " ~* &* +@all\n");
            cmd.addAll(List.of("--aclfile", acl.toString()));
        }
        if (settings.cluster) {
            // the bus port pickPort checked, named explicitly: with tls-cluster the server would
            // otherwise take tls-port + 10000, which may be an ephemeral port an outgoing
            // connection holds (seen in CI: "Failed listening on port ... (cluster)")
            cmd.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", clusterConfigFile().toString(),
                    "--cluster-port", Integer.toString(port + 10_000),
                    "--cluster-node-timeout", Long.toString(settings.clusterNodeTimeout.toMillis())));
            if (settings.password != null) {
                // replicas authenticate to whichever primary they follow after a failover
                if (settings.user != null) {
                    cmd.addAll(List.of("--masteruser", settings.user));
                }
                cmd.addAll(List.of("--masterauth", settings.password));
            }
        }
        if (settings.primary != null) {
            cmd.addAll(List.of("--replicaof", HOST, Integer.toString(settings.primary.linkPort())));
            if (settings.primary.settings.password != null) {
                if (settings.primary.settings.user != null) {
                    cmd.addAll(List.of("--masteruser", settings.primary.settings.user));
                }
                cmd.addAll(List.of("--masterauth", settings.primary.settings.password));
            }
        }
        if (settings.tls) {
            if (tls == null) {
                tls = settings.sharedTls != null ? settings.sharedTls : TlsFiles.generate(dir());
            }
            // TLS on a second port; the plain port stays for the fixture's own probe
            cmd.addAll(List.of("--tls-port", Integer.toString(settings.tlsPort),
                    "--tls-cert-file", tls.serverCert().toString(),
                    "--tls-key-file", tls.serverKey().toString(),
                    "--tls-ca-cert-file", tls.caCert().toString(),
                    "--tls-auth-clients", "no"));
            if (settings.cluster) {
                // nodes trust each other through the shared CA; clients on the TLS port are told TLS ports
                cmd.addAll(List.of("--tls-cluster", "yes", "--tls-replication", "yes"));
            } else if (settings.tlsReplication) {
                // replicates from the primary's TLS port and announces its own, which sentinels hand to clients
                cmd.addAll(List.of("--tls-replication", "yes"));
            }
        }
        cmd.addAll(settings.extraArgs);
        return cmd;
    }

    /** @return {@code valkey://[user:password@]127.0.0.1:<port>} (credentials only when the server needs them) */
    public String url() {
        return url(0);
    }

    /**
     * @param database the logical database number to put in the URL (0 is left out)
     * @return the URL of this server selecting {@code database}
     */
    public String url(int database) {
        return "valkey://" + credentials() + HOST + ":" + port() + (database == 0 ? "" : "/" + database);
    }

    /** @return {@code valkeys://...} on the TLS port; only for servers built with {@link Builder#tls()} */
    public String tlsUrl() {
        if (!settings.tls) {
            throw new IllegalStateException("this server was not started with tls()");
        }
        return "valkeys://" + credentials() + "localhost:" + settings.tlsPort;
    }

    /** @return the PEM file of the CA that signed the TLS certificate; only with {@link Builder#tls()} */
    public Path caCertificate() {
        if (tls == null) {
            throw new IllegalStateException("this server was not started with tls()");
        }
        return tls.caCert();
    }

    /** @return the TLS port; only with {@link Builder#tls()} */
    public int tlsPort() {
        if (!settings.tls) {
            throw new IllegalStateException("this server was not started with tls()");
        }
        return settings.tlsPort;
    }

    /** The port replicas and sentinels reach this server on: its TLS port when it replicates over TLS. */
    int linkPort() {
        return settings.tlsReplication ? settings.tlsPort : port();
    }

    /** The TLS files of a server started with {@link Builder#tls()}, for servers that share its CA. */
    TlsFiles tlsFiles() {
        if (tls == null) {
            throw new IllegalStateException("this server was not started with tls()");
        }
        return tls;
    }

    private String credentials() {
        if (settings.password == null) {
            return "";
        }
        return (settings.user == null ? "" : settings.user) + ":" + settings.password + "@";
    }

    /** Deletes every key in every database of this server. */
    @Override
    public void flushAll() {
        call("FLUSHALL");
    }

    /** @return the number of keys in database 0 */
    public long dbSize() {
        return (Long) call("DBSIZE");
    }

    /**
     * Waits until this replica reports its link to the primary up and its offset caught up.
     *
     * @param timeout how long to wait at most
     * @throws ValkeyServerException if it is not in sync in time
     */
    @Override
    public void awaitReplicaSync(Duration timeout) {
        if (settings.primary == null) {
            throw new IllegalStateException(this + " is not a replica");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String info = "";
        while (System.nanoTime() < deadline) {
            info = String.valueOf(call("INFO", "replication"));
            if (info.contains("master_link_status:up")) {
                return;
            }
            sleep(20);
        }
        throw new ValkeyServerException(this + " did not sync with " + settings.primary + " within " + timeout
                + "; INFO replication:\n" + info);
    }

    /**
     * Waits until this replica has applied every write its primary has made so far: its processed
     * offset ({@code slave_repl_offset}) reaches the primary's {@code master_repl_offset}. (WAIT
     * cannot do this for the fixture: it only waits for the writes of its own connection, and the
     * fixture opens a fresh connection per call.)
     *
     * @param timeout how long to wait at most
     * @throws ValkeyServerException if it has not caught up in time
     */
    public void awaitReplicaCaughtUp(Duration timeout) {
        if (settings.primary == null) {
            throw new IllegalStateException(this + " is not a replica");
        }
        awaitCaughtUpWith(settings.primary, timeout);
    }

    /** Settings of a server to start. */
    public static final class Builder {
        private ValkeyServer primary;
        private boolean cluster;
        private Duration clusterNodeTimeout = Duration.ofSeconds(5);
        private String user;
        private String password;
        private boolean tls;
        private int tlsPort;
        private TlsFiles sharedTls;
        private boolean tlsReplication;
        private Duration startTimeout = Duration.ofSeconds(20);
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {
        }

        /**
         * Makes the server a replica of {@code primary} (authenticating to it if it needs a password).
         *
         * @param primary the running primary
         * @return this builder
         */
        public Builder replicaOf(ValkeyServer primary) {
            this.primary = Objects.requireNonNull(primary, "primary");
            return this;
        }

        /**
         * Starts the server as a Valkey Cluster node ({@code cluster-enabled yes}) on a port whose
         * cluster bus port (port + 10000) is free too; {@link ValkeyCluster} joins nodes into a cluster.
         *
         * @param nodeTimeout {@code cluster-node-timeout}: how long a silent node takes to be failed over
         * @return this builder
         */
        public Builder clusterNode(Duration nodeTimeout) {
            this.cluster = true;
            this.clusterNodeTimeout = Objects.requireNonNull(nodeTimeout, "nodeTimeout");
            return this;
        }

        /**
         * Requires this password from the default user ({@code requirepass}).
         *
         * @param password the password
         * @return this builder
         */
        public Builder requirePass(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Creates an ACL user with every permission and switches the default user off.
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
         * Also listens with TLS on a second free port, with a certificate for {@code localhost} and
         * {@code 127.0.0.1} signed by a CA made for this server (needs the {@code openssl} tool).
         *
         * @return this builder
         */
        public Builder tls() {
            this.tls = true;
            this.tlsPort = freePort();
            return this;
        }

        /** TLS with certificates shared by several servers (the nodes of one cluster trust one CA). */
        Builder tls(TlsFiles shared) {
            tls();
            this.sharedTls = shared;
            return this;
        }

        /**
         * Replication over TLS ({@code tls-replication yes}; needs {@link #tls}): as a replica the
         * server replicates from its primary's TLS port and announces its own TLS port, which
         * sentinels then hand to clients; as a primary it can be turned into such a replica.
         */
        Builder tlsReplication() {
            this.tlsReplication = true;
            return this;
        }

        /**
         * Adds raw command-line settings, e.g. {@code arg("--maxmemory", "10mb")}.
         *
         * @param args the arguments, passed as they are
         * @return this builder
         */
        public Builder arg(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * @param timeout how long to wait for the first PONG (default 20 s)
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts the server and waits until it answers PING; a replica also waits for its first sync.
         *
         * @return the running server
         * @throws ValkeyServerException if it does not come up
         */
        public ValkeyServer start() {
            ValkeyServer server = new ValkeyServer(this);
            server.startOnFreePort();
            if (primary != null) {
                try {
                    server.awaitReplicaSync(startTimeout);
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
            }
            return server;
        }
    }
}
