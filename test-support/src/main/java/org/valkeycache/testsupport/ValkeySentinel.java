package org.valkeycache.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A real {@code valkey-sentinel} process on a free loopback port, monitoring one primary.
 *
 * <p>Sentinel rewrites its configuration file, so each instance writes its own into its private
 * directory. Failure detection is tuned for tests: the primary is considered down after
 * {@code downAfter} (default 1 s) and a failover may restart after {@code failoverTimeout}
 * (default 3 s). When the monitored primary needs a password, the sentinel authenticates to it
 * with the same credentials; {@link Builder#requirePass} protects the sentinel itself.
 *
 * <p>Sentinel's own polling is tuned as well ({@link Builder#gossipPeriod}, default
 * {@link #DEFAULT_GOSSIP_PERIOD}): left at its built-in periods, a sentinel learns of replicas
 * and of the other sentinels only every 10 s and 2 s, and turns a returning old primary into a
 * replica only after four hello periods (8 s), which made every fixture start and every repair
 * after a failover take seconds of waiting. The hello period stays 2.5 polling periods, so that
 * those four hello periods (2 s at the default) still outlast the time a failover leader needs to
 * see its own promotion; shorter, and the other sentinels undo a graceful failover.
 */
public final class ValkeySentinel extends ValkeyProcess {

    /**
     * How often a fixture sentinel polls its data nodes, says hello to the other sentinels and asks
     * them about a primary it considers down, unless its builder says otherwise.
     */
    public static final Duration DEFAULT_GOSSIP_PERIOD = Duration.ofMillis(200);

    private final String masterName;
    private final Builder settings;
    private TlsFiles tls;

    private ValkeySentinel(String masterName, Builder settings) {
        super("valkey-sentinel", Duration.ofSeconds(20));
        this.masterName = masterName;
        this.settings = settings;
    }

    /**
     * Starts a sentinel monitoring {@code primary} under {@code masterName} with quorum 1.
     *
     * @param masterName the service name clients ask for
     * @param primary the running primary to monitor
     * @return the running sentinel
     */
    public static ValkeySentinel start(String masterName, ValkeyServer primary) {
        return builder(masterName, primary).start();
    }

    /**
     * Starts a sentinel with an explicit quorum and down-after period.
     *
     * @param masterName the service name clients ask for
     * @param primary the running primary to monitor
     * @param quorum sentinels that must agree the primary is down
     * @param downAfter how long the primary must be unreachable to be considered down
     * @return the running sentinel
     */
    public static ValkeySentinel start(String masterName, ValkeyServer primary, int quorum, Duration downAfter) {
        return builder(masterName, primary).quorum(quorum).downAfter(downAfter).start();
    }

    /**
     * A builder for a sentinel monitoring {@code primary} (authenticating to it like the fixture does).
     *
     * @param masterName the service name clients ask for
     * @param primary the running primary to monitor
     * @return the builder
     */
    public static Builder builder(String masterName, ValkeyServer primary) {
        Objects.requireNonNull(primary, "primary");
        return new Builder(masterName, primary.port(), primary.probeUser(), primary.probePassword());
    }

    /**
     * A builder for a sentinel monitoring a primary given by port only (no authentication), for
     * servers the caller started some other way.
     *
     * @param masterName the service name clients ask for
     * @param primaryPort the loopback port of the primary
     * @return the builder
     */
    public static Builder builder(String masterName, int primaryPort) {
        return new Builder(masterName, primaryPort, null, null);
    }

    @Override
    String executable() {
        return "valkey-sentinel";
    }

    @Override
    String probePassword() {
        return settings.password;
    }

    /** {@code SENTINEL DEBUG} settings live only in the process, so every start and restart applies them again. */
    @Override
    void afterStart() {
        if (settings.gossipPeriod != null) {
            call(periodsCommand(settings.gossipPeriod));
        }
    }

    @Override
    List<String> command(String exe, int port) throws IOException {
        Path conf = dir().resolve("sentinel.conf");
        if (!Files.exists(conf)) {
            List<String> lines = new ArrayList<>(List.of(
                    "bind " + HOST,
                    "port " + port,
                    "protected-mode no",
                    "daemonize no",
                    "dir " + dir(),
                    "sentinel resolve-hostnames no",
                    "sentinel monitor " + masterName + " " + HOST + " " + settings.primaryPort + " " + settings.quorum,
                    "sentinel down-after-milliseconds " + masterName + " " + settings.downAfter.toMillis(),
                    "sentinel failover-timeout " + masterName + " " + settings.failoverTimeout.toMillis(),
                    "sentinel parallel-syncs " + masterName + " 1"));
            if (settings.primaryPassword != null) {
                if (settings.primaryUser != null) {
                    lines.add("sentinel auth-user " + masterName + " " + settings.primaryUser);
                }
                lines.add("sentinel auth-pass " + masterName + " " + settings.primaryPassword);
            }
            if (settings.tlsPort > 0) {
                if (tls == null) {
                    tls = settings.sharedTls != null ? settings.sharedTls : TlsFiles.generate(dir());
                }
                if (settings.sharedTls != null) {
                    // to the data nodes and the other sentinels over TLS, announcing the TLS port
                    lines.add("tls-replication yes");
                }
                // TLS on a second port for clients; the plain port stays for the fixture and other sentinels
                lines.addAll(List.of("tls-port " + settings.tlsPort, "tls-cert-file " + tls.serverCert(),
                        "tls-key-file " + tls.serverKey(), "tls-ca-cert-file " + tls.caCert(), "tls-auth-clients no"));
            }
            if (settings.password != null) {
                // sentinels that require a password use it to talk to each other as well
                lines.add("requirepass " + settings.password);
                lines.add("sentinel sentinel-pass " + settings.password);
            }
            lines.add("");
            Files.writeString(conf, String.join("\n", lines));
        }
        return List.of(exe, conf.toString());
    }

    /** @return the monitored service name */
    public String masterName() {
        return masterName;
    }

    /** @return {@code valkey://127.0.0.1:<port>}, the address clients give as a sentinel location */
    public String url() {
        return "valkey://" + HOST + ":" + port();
    }

    /** @return {@code 127.0.0.1:<port>}, as a sentinel address in a client's list */
    public String address() {
        return HOST + ":" + port();
    }

    /** @return {@code localhost:<tls port>}, the TLS address; only for sentinels built with {@link Builder#tls()} */
    public String tlsAddress() {
        if (settings.tlsPort <= 0) {
            throw new IllegalStateException("this sentinel was not started with tls()");
        }
        return "localhost:" + settings.tlsPort;
    }

    /** @return the PEM file of the CA that signed the TLS certificate; only with {@link Builder#tls()} */
    public Path caCertificate() {
        if (tls == null) {
            throw new IllegalStateException("this sentinel was not started with tls()");
        }
        return tls.caCert();
    }

    /**
     * Asks this sentinel for the current primary of the monitored service.
     *
     * @return {@code host:port} of the primary as this sentinel sees it
     */
    public String currentPrimary() {
        Object reply = call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        if (reply instanceof List<?> l && l.size() == 2) {
            return l.get(0) + ":" + l.get(1);
        }
        throw new ValkeyServerException("unexpected SENTINEL GET-MASTER-ADDR-BY-NAME reply: " + reply);
    }

    /**
     * One field of {@code SENTINEL MASTER <name>}, e.g. {@code num-other-sentinels} or {@code num-slaves}.
     *
     * @param field the field name
     * @return its value, or null when the reply has no such field
     */
    public String masterField(String field) {
        Object reply = call("SENTINEL", "MASTER", masterName);
        if (reply instanceof List<?> l) {
            for (int i = 0; i + 1 < l.size(); i += 2) {
                if (field.equals(l.get(i))) {
                    return String.valueOf(l.get(i + 1));
                }
            }
        }
        return null;
    }

    /**
     * The {@code SENTINEL DEBUG} command that makes a sentinel poll ({@code info-period}), ping
     * (which also paces its reconnects) and ask the other sentinels every {@code gossipPeriod},
     * and say hello to them every 2.5 of it ({@code publish-period}). The fixture's sentinels and
     * the Testcontainers module's sentinel containers both send it.
     *
     * <p>Why 2.5: a sentinel that sees a replica report itself a primary outside a failover it
     * leads turns it back into a replica after four hello periods, unless a newer configuration
     * reached it first (valkey {@code sentinel.c}, {@code +convert-to-slave}). The failover leader
     * sees its own promotion only after it reconnected to the promoted node (the promotion's
     * {@code CLIENT KILL} cut its link; it reconnects once per ping period) and polled it, so four
     * hello periods must comfortably exceed two polling periods: with equal periods (200 ms polls,
     * 800 ms wait) the other sentinels undid about one graceful failover in twenty-five. Ten
     * polling periods it is, like the built-in 1 s ping and 2 s hello (8 s wait).
     *
     * @param gossipPeriod the polling period, at least 1 ms
     * @return the command's arguments
     * @throws IllegalArgumentException if the period is shorter than 1 ms
     */
    public static String[] periodsCommand(Duration gossipPeriod) {
        long poll = checkGossipPeriod(gossipPeriod).toMillis();
        String millis = Long.toString(poll);
        return new String[] {"SENTINEL", "DEBUG", "info-period", millis, "ping-period", millis, "ask-period", millis,
            "publish-period", Long.toString(poll * 5 / 2)};
    }

    static Duration checkGossipPeriod(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("gossip period must be at least 1 ms: " + period);
        }
        return period;
    }

    /** Settings of a sentinel to start. */
    public static final class Builder {
        private final String masterName;
        private int primaryPort;
        private final String primaryUser;
        private final String primaryPassword;
        private int quorum = 1;
        private Duration downAfter = Duration.ofSeconds(1);
        private Duration failoverTimeout = Duration.ofSeconds(3);
        private String password;
        private int tlsPort;
        private Duration gossipPeriod = DEFAULT_GOSSIP_PERIOD;
        private TlsFiles sharedTls;

        private Builder(String masterName, int primaryPort, String primaryUser, String primaryPassword) {
            this.masterName = Objects.requireNonNull(masterName, "masterName");
            this.primaryPort = primaryPort;
            this.primaryUser = primaryUser;
            this.primaryPassword = primaryPassword;
        }

        /**
         * @param quorum sentinels that must agree the primary is down (default 1)
         * @return this builder
         */
        public Builder quorum(int quorum) {
            this.quorum = quorum;
            return this;
        }

        /**
         * @param downAfter how long the primary must be unreachable to be considered down (default 1 s)
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
         * How often the sentinel polls the data nodes with {@code INFO} and {@code PING} (and
         * reconnects a lost link) and asks the other sentinels whether a primary it considers down
         * is down ({@code SENTINEL DEBUG info-period, ping-period, ask-period}; Sentinel's built-in
         * periods are 10 s, 1 s and 1 s). Its hello to the other sentinels goes out every 2.5
         * periods ({@code publish-period}; built in: 2 s), and a returning old primary is
         * reconfigured as a replica after four hello periods. Failure detection itself stays
         * {@link #downAfter}.
         *
         * @param period the period (default {@link ValkeySentinel#DEFAULT_GOSSIP_PERIOD}), at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if the period is shorter than 1 ms
         */
        public Builder gossipPeriod(Duration period) {
            this.gossipPeriod = checkGossipPeriod(period);
            return this;
        }

        /**
         * Keeps Sentinel's built-in polling periods (10 s, 2 s, 1 s), for measurements that should
         * see what a production deployment would.
         *
         * @return this builder
         */
        public Builder builtInGossipPeriods() {
            this.gossipPeriod = null;
            return this;
        }

        /**
         * Requires this password from clients of the sentinel ({@code requirepass}).
         *
         * @param password the password
         * @return this builder
         */
        public Builder requirePass(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Also listens with TLS on a second free port, with a certificate for {@code localhost} and
         * {@code 127.0.0.1} signed by a CA made for this sentinel (needs the {@code openssl} tool).
         *
         * @return this builder
         */
        public Builder tls() {
            this.tlsPort = freePort();
            return this;
        }

        /**
         * Monitors a primary that replicates over TLS: its TLS port, with {@code tls-replication
         * yes} and the data nodes' certificates, and listens on a TLS port of its own that it
         * announces to the other sentinels.
         */
        Builder tlsDataNodes(ValkeyServer primary) {
            this.primaryPort = primary.linkPort();
            this.sharedTls = primary.tlsFiles();
            this.tlsPort = freePort();
            return this;
        }

        /**
         * Starts the sentinel and waits until it answers PING.
         *
         * @return the running sentinel
         */
        public ValkeySentinel start() {
            ValkeySentinel sentinel = new ValkeySentinel(masterName, this);
            sentinel.startOnFreePort();
            return sentinel;
        }
    }
}
