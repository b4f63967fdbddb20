package org.valkeycache.testcontainers;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.valkeycache.testsupport.Resp;
import org.valkeycache.testsupport.ValkeyNode;
import org.valkeycache.testsupport.ValkeySentinel;
import org.valkeycache.testsupport.ValkeyServerException;

/**
 * A Valkey server in a Docker container, for tests: host networking (the server binds
 * {@value #HOST} on a port picked free on the host, so nothing but loopback traffic is involved),
 * no persistence, and a start that waits until the server answers {@code PING}.
 *
 * <pre>{@code
 * try (ValkeyContainer valkey = new ValkeyContainer().withPassword("s3cret")) {
 *     valkey.start();
 *     CacheConfig config = CacheConfig.builder().location(valkey.url()).build();
 * }
 * }</pre>
 *
 * <p>The image is {@value #DEFAULT_IMAGE} unless given; any image whose entrypoint runs
 * {@code valkey-server} with a {@code <file>.conf} argument works (the official image does, and
 * so does the one {@code scripts/build-valkey-image.sh} builds from installed binaries). Settings
 * go into a configuration file copied into the container, never on its command line, so a
 * password does not show in {@code docker ps} or {@code docker inspect}'s command.
 *
 * <p>Containers are removed by {@link #stop()}, and any still running are removed when the JVM
 * exits, so tests do not depend on Testcontainers' reaper (Ryuk). They carry the label
 * {@value #FIXTURE_LABEL} for cleaning up after a crash ({@code docker rm -fv $(docker ps -aq
 * --filter label=org.valkeycache.fixture)}), and {@value #RUN_LABEL} (see there). Host networking needs a Docker Engine on Linux (or
 * Docker Desktop with host networking turned on).
 */
public class ValkeyContainer extends GenericContainer<ValkeyContainer> implements ValkeyNode {

    /** The image used when none is given: the official Valkey 8.0 image. */
    public static final String DEFAULT_IMAGE = "valkey/valkey:8.0";

    /** The only address the servers listen on and clients connect to. */
    public static final String HOST = "127.0.0.1";

    /** A label on every container of this module, for finding leftovers. */
    public static final String FIXTURE_LABEL = "org.valkeycache.fixture";

    /**
     * A label carrying the environment variable {@code VALKEY_CACHE_RUN_ID} when it is set, so a
     * test script removes its own leftovers and not those of a run beside it.
     */
    public static final String RUN_LABEL = "org.valkeycache.run";

    /** Where the configuration file is put (the official image's working directory). */
    static final String DATA_DIR = "/data";

    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<ValkeyContainer> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(ValkeyContainer::stopQuietly),
                "valkey-container-cleanup"));
    }

    private String user;
    private String password;
    private ValkeyContainer primary;
    private Duration clusterNodeTimeout;
    private SentinelSettings sentinel;
    private final List<String> extraConfig = new ArrayList<>();
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private volatile int port;

    /** A server from {@value #DEFAULT_IMAGE}. */
    public ValkeyContainer() {
        this(DEFAULT_IMAGE);
    }

    /**
     * A server from another image, e.g. {@code "valkey/valkey:8.1"} or a local one.
     *
     * @param image the image name
     */
    public ValkeyContainer(String image) {
        this(DockerImageName.parse(image));
    }

    /**
     * A server from another image.
     *
     * @param image the image
     */
    public ValkeyContainer(DockerImageName image) {
        super(image);
        withNetworkMode("host");
        withLabel(FIXTURE_LABEL, "true");
        String run = System.getenv("VALKEY_CACHE_RUN_ID");
        if (run != null && !run.isBlank()) {
            withLabel(RUN_LABEL, run);
        }
        waitingFor(new PingWaitStrategy());
    }

    /**
     * Requires this password from the default user ({@code requirepass}); {@link #url()} carries it.
     *
     * @param password the password
     * @return this container
     */
    public ValkeyContainer withPassword(String password) {
        this.password = Objects.requireNonNull(password, "password");
        this.user = null;
        return this;
    }

    /**
     * Creates an ACL user with every permission and switches the default user off;
     * {@link #url()} carries both.
     *
     * @param user the user name
     * @param password its password
     * @return this container
     */
    public ValkeyContainer withUser(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        return this;
    }

    /**
     * Makes this server a replica of {@code primary}, which must be started first, authenticating
     * with the primary's credentials. Its start waits for the first sync.
     *
     * @param primary the primary
     * @return this container
     */
    public ValkeyContainer withReplicaOf(ValkeyContainer primary) {
        this.primary = Objects.requireNonNull(primary, "primary");
        return this;
    }

    /**
     * Adds a line to the server's configuration file, e.g. {@code withConfig("maxmemory", "10mb")}.
     * Values are quoted, so they may hold spaces.
     *
     * @param directive the configuration directive
     * @param values its values
     * @return this container
     */
    public ValkeyContainer withConfig(String directive, String... values) {
        extraConfig.add(line(directive, values));
        return this;
    }

    /**
     * @param timeout how long {@link #start()} waits for the first {@code PONG} (default 30 s)
     * @return this container
     */
    @Override
    public ValkeyContainer withStartupTimeout(Duration timeout) {
        this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Makes this server a cluster node whose bus port (port + 10000) is free too. */
    ValkeyContainer asClusterNode(Duration nodeTimeout) {
        this.clusterNodeTimeout = nodeTimeout;
        return this;
    }

    /** Makes this a sentinel watching {@code settings.primary()} instead of a data server. */
    ValkeyContainer asSentinel(SentinelSettings settings) {
        this.sentinel = settings;
        return this;
    }

    @Override
    protected void configure() {
        if (port == 0) {
            // once per object: a start after stop() comes back on the same address
            port = clusterNodeTimeout != null ? FreePorts.withClusterBus() : FreePorts.any();
        }
        String file = DATA_DIR + (sentinel != null ? "/sentinel.conf" : "/valkey.conf");
        withCopyToContainer(Transferable.of(sentinel != null ? sentinelConfig() : serverConfig()), file);
        if (sentinel != null) {
            withCommand(file, "--sentinel");
        } else {
            withCommand(file);
        }
        // Testcontainers' own "is it running" check can see a server that exits at once (a bad
        // directive) before our PING wait does, and fails without the log; the wait strategy
        // alone decides, and names the log when the server exited.
        withStartupCheckStrategy(ALWAYS_STARTED);
    }

    private static final StartupCheckStrategy ALWAYS_STARTED = new StartupCheckStrategy() {
        /**
         * Answers at once: the inherited wait asks {@link #checkStartupState} through a limiter
         * shared by every container in the JVM that allows one call a second, which made each
         * start wait most of a second for nothing (0.9 s per container instead of 0.2 s).
         */
        @Override
        public boolean waitUntilStartupSuccessful(GenericContainer<?> container) {
            return true;
        }

        @Override
        public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    };

    private String serverConfig() {
        List<String> lines = new ArrayList<>(List.of(line("bind", HOST), line("port", Integer.toString(port)),
                line("protected-mode", "no"), line("save", ""), line("appendonly", "no"), line("dir", DATA_DIR),
                // a replica (re)syncs at once instead of after the default 5 s diskless-sync delay
                line("repl-diskless-sync-delay", "0")));
        if (password != null && user == null) {
            lines.add(line("requirepass", password));
        }
        if (user != null) {
            lines.add(line("user", "default", "off"));
            lines.add(line("user", user, "on", ">" + password, "~*", "&*", "+@all"));
        }
        if (primary != null) {
            lines.add(line("replicaof", HOST, Integer.toString(primary.port())));
        }
        ValkeyContainer authSource = primary != null ? primary : clusterNodeTimeout != null ? this : null;
        if (authSource != null && authSource.password != null) {
            // cluster replicas authenticate to whichever primary they follow after a failover
            if (authSource.user != null) {
                lines.add(line("masteruser", authSource.user));
            }
            lines.add(line("masterauth", authSource.password));
        }
        if (clusterNodeTimeout != null) {
            lines.add(line("cluster-enabled", "yes"));
            lines.add(line("cluster-config-file", "nodes.conf"));
            lines.add(line("cluster-node-timeout", Long.toString(clusterNodeTimeout.toMillis())));
        }
        lines.addAll(extraConfig);
        return String.join("\n", lines) + "\n";
    }

    private String sentinelConfig() {
        ValkeyContainer watched = sentinel.primary();
        String service = sentinel.serviceName();
        List<String> lines = new ArrayList<>(List.of(line("bind", HOST), line("port", Integer.toString(port)),
                line("protected-mode", "no"), line("dir", DATA_DIR),
                line("sentinel", "monitor", service, HOST, Integer.toString(watched.port()),
                        Integer.toString(sentinel.quorum())),
                line("sentinel", "down-after-milliseconds", service, Long.toString(sentinel.downAfter().toMillis())),
                line("sentinel", "failover-timeout", service, Long.toString(sentinel.failoverTimeout().toMillis()))));
        if (watched.password != null) {
            if (watched.user != null) {
                lines.add(line("sentinel", "auth-user", service, watched.user));
            }
            lines.add(line("sentinel", "auth-pass", service, watched.password));
        }
        lines.addAll(extraConfig);
        return String.join("\n", lines) + "\n";
    }

    /** One configuration line, every value double-quoted (the server's parser unquotes them). */
    private static String line(String directive, String... values) {
        StringBuilder sb = new StringBuilder(directive);
        for (String value : values) {
            sb.append(" \"");
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        return sb.toString();
    }

    @Override
    public void start() {
        if (primary != null && !primary.isRunning()) {
            throw new IllegalStateException("start the primary " + primary + " before its replica");
        }
        try {
            super.start();
        } catch (ContainerLaunchException e) {
            throw withLog(e);
        }
        STARTED.add(this);
        if (primary != null) {
            awaitReplicaSync(startupTimeout);
        }
        speedUpSentinel();
    }

    /**
     * A sentinel polls and pings its data nodes and asks the other sentinels about a primary it
     * thinks is down every {@link SentinelSettings#GOSSIP_PERIOD} instead of its built-in 10 s,
     * 1 s and 1 s, and says hello to them every 2.5 of that (500 ms) instead of 2 s
     * ({@link ValkeySentinel#periodsCommand}, which says why), so that the sentinels find each
     * other and the replicas in a fraction of a second and take a returning old primary back as a
     * replica in two (four hello periods). These {@code SENTINEL DEBUG} settings live only in the
     * process, so every start applies them; an image whose sentinel lacks the command keeps the
     * built-in periods.
     */
    private void speedUpSentinel() {
        if (sentinel == null) {
            return;
        }
        try {
            call(ValkeySentinel.periodsCommand(SentinelSettings.GOSSIP_PERIOD));
        } catch (ValkeyServerException olderSentinel) {
            // Redis before 7.0 has no SENTINEL DEBUG: slower to settle, same behaviour otherwise
        }
    }

    /**
     * A server that exits at once (a bad directive) can fail Testcontainers' own "is it running"
     * check before our wait strategy attaches the log; attach it here so the failure says why.
     */
    private ContainerLaunchException withLog(ContainerLaunchException e) {
        String log;
        try {
            log = getContainerId() == null ? "" : getLogs();
        } catch (RuntimeException unavailable) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (log.isEmpty() || String.valueOf(t.getMessage()).contains(log)) {
                return e;
            }
        }
        return new ContainerLaunchException(this + " did not start; its log:\n" + log, e);
    }

    @Override
    public void stop() {
        STARTED.remove(this);
        super.stop();
    }

    private void stopQuietly() {
        try {
            super.stop();
        } catch (RuntimeException ignored) {
            // best effort at JVM exit; docker-down.sh removes leftovers by label
        }
    }

    /** @return {@value #HOST} */
    @Override
    public String host() {
        return HOST;
    }

    /**
     * @return the port the server listens on, chosen free on the host when the container is first
     *     started (the same across restarts)
     * @throws IllegalStateException before the first start
     */
    @Override
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("the port is chosen when the container starts");
        }
        return port;
    }

    /** @return {@code host:port} */
    public String address() {
        return HOST + ":" + port();
    }

    /**
     * @return {@code valkey://[user:password@]127.0.0.1:<port>} (credentials when the server needs
     *     them): a {@code location} a cache accepts
     */
    public String url() {
        return url(0);
    }

    /**
     * @param database the logical database to select (0 is left out of the URL)
     * @return the URL of this server selecting {@code database}
     */
    public String url(int database) {
        return "valkey://" + credentials() + address() + (database == 0 ? "" : "/" + database);
    }

    String credentials() {
        if (password == null) {
            return "";
        }
        return (user == null ? "" : Urls.encode(user)) + ":" + Urls.encode(password) + "@";
    }

    /** @return the password the server requires, or null */
    public String password() {
        return password;
    }

    /** @return the ACL user name, or null for the default user */
    public String user() {
        return user;
    }

    @Override
    public Object call(String... args) {
        return send(args[0], (Object[]) args);
    }

    @Override
    public Object callBinary(byte[]... args) {
        return send(new String(args[0], StandardCharsets.UTF_8), (Object[]) args);
    }

    private Object send(String command, Object[] args) {
        try (Resp resp = open(10_000)) {
            return resp.call(args);
        } catch (IOException e) {
            throw new ValkeyServerException(this + " did not answer " + command + ": " + e, e);
        }
    }

    /** A fixture connection, authenticated like the server requires. */
    Resp open(int timeoutMillis) throws IOException {
        Resp resp = new Resp(HOST, port(), timeoutMillis);
        try {
            if (password != null) {
                if (user != null) {
                    resp.call("AUTH", user, password);
                } else {
                    resp.call("AUTH", password);
                }
            }
            return resp;
        } catch (IOException | RuntimeException e) {
            resp.close();
            throw e;
        }
    }

    @Override
    public boolean isRunning() {
        return super.isRunning();
    }

    /** Kills the server's container with SIGKILL, as a crash would; {@link #restart()} starts it again. */
    @Override
    public void kill() {
        if (isRunning()) {
            getDockerClient().killContainerCmd(getContainerId()).exec();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (isRunning() && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    /**
     * Starts the killed container again (same port, same configuration, no data) and waits for
     * {@code PING}.
     */
    @Override
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException(this + " is still running");
        }
        getDockerClient().startContainerCmd(getContainerId()).exec();
        PingWaitStrategy.await(this, startupTimeout);
        speedUpSentinel();
    }

    Duration startupTimeout() {
        return startupTimeout;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting", e);
        }
    }

    @Override
    public String toString() {
        String role = sentinel != null ? "valkey-sentinel" : "valkey-server";
        return role + "@" + HOST + ":" + (port == 0 ? "?" : Integer.toString(port)) + " (" + getDockerImageName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
