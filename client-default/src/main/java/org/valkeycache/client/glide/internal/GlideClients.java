package org.valkeycache.client.glide.internal;

import glide.api.GlideClient;
import glide.api.GlideClusterClient;
import glide.api.models.configuration.AdvancedBaseClientConfiguration;
import glide.api.models.configuration.AdvancedGlideClientConfiguration;
import glide.api.models.configuration.AdvancedGlideClusterClientConfiguration;
import glide.api.models.configuration.BaseClientConfiguration;
import glide.api.models.configuration.GlideClientConfiguration;
import glide.api.models.configuration.GlideClusterClientConfiguration;
import glide.api.models.configuration.NodeAddress;
import glide.api.models.configuration.ReadFrom;
import glide.api.models.configuration.ServerCredentials;
import glide.api.models.configuration.TlsAdvancedConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.internal.TlsTrust;
import org.valkeycache.spi.PluginOptions;

/**
 * Builds glide clients (standalone, and cluster through {@link #openCluster}) from a location and a cache configuration: address, TLS,
 * ACL user / password, database, connect and request timeouts.
 *
 * <p>TLS options (under {@code options.} in properties):
 * <ul>
 *   <li>{@code tls.ca_file}: a PEM file of the CA(s) to trust instead of the system's;</li>
 *   <li>{@code tls.insecure=true}: accept any certificate (testing only).</li>
 * </ul>
 * Clients connect lazily, so a cache can be opened while its server is still down. Each
 * connection is watched by a circuit breaker: opening it starts a check in the background (a TCP
 * connect, then a handshake through glide), so the real cause of a failed connect is known
 * within milliseconds instead of after glide's timeout: a refused or unreachable node fails
 * calls with a {@link CacheConnectionException} (swallowed under the ignore-exceptions policy),
 * refused credentials with a {@code CacheAuthenticationException}, an ACL denial with a
 * {@code CachePermissionException}, a database index the server lacks with a
 * {@link CacheConfigurationException} (never swallowed). While a node is known to be down its
 * calls fail at once; every {@code connect.retry_interval} (option, default 1 s) one call checks
 * again.
 * A strategy that opens connections through this class claims its options ({@code tls.*},
 * {@code dispatch.*}, {@code client_name}, {@code connect.retry_interval}) with
 * {@code @PluginOptions(includes = GlideClients.class)}.
 */
@PluginOptions({GlideClients.TLS_CA_FILE, GlideClients.TLS_INSECURE, GlideClients.DISPATCH_COALESCE,
        GlideClients.DISPATCH_MAX_IN_FLIGHT, GlideClients.DISPATCH_MAX_BATCH, GlideClients.DISPATCH_MAX_QUEUED,
        GlideClients.CLIENT_NAME,
        GlideClients.CONNECT_RETRY_INTERVAL})
public final class GlideClients {

    /** Option naming a PEM file of CA certificates to trust for {@code valkeys://} locations. */
    public static final String TLS_CA_FILE = "tls.ca_file";
    /** Option switching TLS certificate verification off. */
    public static final String TLS_INSECURE = "tls.insecure";
    /** Option switching the coalescing of concurrent single commands into pipelines on or off. */
    public static final String DISPATCH_COALESCE = "dispatch.coalesce";
    /** Option: requests on the wire per connection before commands queue up to be pipelined. */
    public static final String DISPATCH_MAX_IN_FLIGHT = "dispatch.max_in_flight";
    /** Option: the most commands coalesced into one pipeline. */
    public static final String DISPATCH_MAX_BATCH = "dispatch.max_batch";
    /**
     * Option: the most commands waiting per connection to be coalesced (those on the wire not
     * counted). Past it a command fails at once with a {@link org.valkeycache.CacheQueueFullException}
     * (fail fast, never a wait: the submitting thread may be an event loop or glide's own callback
     * thread). Defaults to {@link #DEFAULT_DISPATCH_MAX_QUEUED}.
     */
    public static final String DISPATCH_MAX_QUEUED = "dispatch.max_queued";
    /**
     * Default of {@link #DISPATCH_MAX_QUEUED}: 65,536 commands, a few tens of MiB at most per
     * connection (a queued single-key command with its future is a few hundred bytes), far more
     * than any number of blocking callers reaches and enough for bursts of asynchronous calls.
     */
    public static final int DEFAULT_DISPATCH_MAX_QUEUED = 65_536;
    /**
     * Option: how long a node known to be down (or to refuse the credentials or database) fails
     * calls at once before the next connection attempt, e.g. {@code 1s} or {@code 250ms}.
     */
    public static final String CONNECT_RETRY_INTERVAL = "connect.retry_interval";
    /** Default of {@link #CONNECT_RETRY_INTERVAL}. */
    public static final Duration DEFAULT_CONNECT_RETRY_INTERVAL = Duration.ofSeconds(1);
    /** Option for the client name shown by {@code CLIENT LIST}. */
    public static final String CLIENT_NAME = "client_name";

    private GlideClients() {
    }

    /**
     * Opens a glide standalone client for one node.
     *
     * @param location the node
     * @param config the cache configuration (timeouts, TLS options)
     * @return a connection wrapping the client
     * @throws CacheConfigurationException for settings glide cannot honour (e.g. unix sockets)
     */
    public static GlideConnection<GlideClient> open(ValkeyLocation location, CacheConfig config) {
        return open(location, config, false);
    }

    /**
     * Opens a glide standalone client for one node, optionally in read-only mode (for a replica:
     * glide then does not look for a primary and refuses writes).
     *
     * @param location the node
     * @param config the cache configuration (timeouts, TLS options)
     * @param readOnly whether the node is a read replica
     * @return a connection wrapping the client
     * @throws CacheConfigurationException for settings glide cannot honour (e.g. unix sockets)
     */
    public static GlideConnection<GlideClient> open(ValkeyLocation location, CacheConfig config, boolean readOnly) {
        return open(location, config, readOnly, config.booleanOption(DISPATCH_COALESCE, true));
    }

    /**
     * Opens a glide standalone client for one node.
     *
     * @param location the node
     * @param config the cache configuration (timeouts, TLS and dispatch options)
     * @param readOnly whether the node is a read replica
     * @param coalesce whether concurrent single commands are coalesced into pipelines (never for
     *     connections that run blocking commands)
     * @return a connection wrapping the client
     * @throws CacheConfigurationException for settings glide cannot honour (e.g. unix sockets)
     */
    public static GlideConnection<GlideClient> open(ValkeyLocation location, CacheConfig config, boolean readOnly,
            boolean coalesce) {
        int maxInFlight = coalesce ? (int) Math.min(1024, config.positiveOption(DISPATCH_MAX_IN_FLIGHT, 2)) : 0;
        int maxBatch = (int) Math.min(10_000, config.positiveOption(DISPATCH_MAX_BATCH, 256));
        int maxQueued = maxQueued(config);
        Duration retryInterval = config.durationOption(CONNECT_RETRY_INTERVAL, DEFAULT_CONNECT_RETRY_INTERVAL);
        GlideClient client = create(configuration(location, config, readOnly, location.database()), location, config);
        Supplier<CompletableFuture<Object>> selectDatabase = location.database() == 0 ? null
                : () -> selectOnDatabaseZero(location, config, readOnly);
        NodeProbe probe = new NodeProbe(location.host(), location.port(), config.connectTimeout(),
                () -> client.customCommand(new String[] {"PING"}), selectDatabase, jdkTls(location, config));
        CircuitBreaker breaker = new CircuitBreaker(location.address(), retryInterval,
                "options." + CONNECT_RETRY_INTERVAL + "=" + retryInterval.toMillis() + "ms", probe::check);
        GlideConnection<GlideClient> connection =
                new GlideConnection<>(client, location.address(), maxInFlight, maxBatch, maxQueued, breaker, false);
        breaker.start();
        return connection;
    }

    /** {@link #DISPATCH_MAX_QUEUED} of a configuration: positive, at most {@link Integer#MAX_VALUE}. */
    private static int maxQueued(CacheConfig config) {
        return (int) Math.min(Integer.MAX_VALUE, config.positiveOption(DISPATCH_MAX_QUEUED, DEFAULT_DISPATCH_MAX_QUEUED));
    }

    /**
     * {@code SELECT <db>} on a throw-away client connected to database 0: names a database index
     * the server does not have, where a client connecting to it directly only times out.
     */
    private static CompletableFuture<Object> selectOnDatabaseZero(ValkeyLocation location, CacheConfig config,
            boolean readOnly) {
        return GlideClient.createClient(configuration(location, config, readOnly, 0))
                .thenCompose(probe -> probe.customCommand(new String[] {"SELECT", Integer.toString(location.database())})
                        .whenCompleteAsync((reply, failure) -> new GlideConnection<>(probe, location.address()).close()));
    }

    private static GlideClientConfiguration configuration(ValkeyLocation location, CacheConfig config, boolean readOnly,
            int database) {
        checkTransport(location);
        GlideClientConfiguration.GlideClientConfigurationBuilder<?, ?> b = GlideClientConfiguration.builder();
        common(b, location, config);
        if (readOnly) {
            b.readOnly(true);
        }
        if (database != 0) {
            b.databaseId(database);
        }
        AdvancedGlideClientConfiguration.AdvancedGlideClientConfigurationBuilder<?, ?> advanced =
                AdvancedGlideClientConfiguration.builder();
        advanced(advanced, location, config);
        b.advancedConfiguration(advanced.build());
        return b.build();
    }

    private static void checkTransport(ValkeyLocation location) {
        if (location.isUnixSocket()) {
            throw new CacheConfigurationException("location " + location
                    + ": valkey-glide has no unix-socket transport; use valkey://127.0.0.1:<port> instead");
        }
    }

    /** What every glide client configuration takes from a location and a cache configuration. */
    private static void common(BaseClientConfiguration.BaseClientConfigurationBuilder<?, ?> b,
            ValkeyLocation location, CacheConfig config) {
        b.address(NodeAddress.builder().host(location.host()).port(location.port()).build())
                .useTLS(location.tls())
                .requestTimeout(millis(config.requestTimeout().toMillis(), "requestTimeout"))
                .lazyConnect(true);
        if (location.password() != null) {
            ServerCredentials.ServerCredentialsBuilder creds = ServerCredentials.builder().password(location.password());
            if (location.username() != null && !location.username().isEmpty()) {
                creds.username(location.username());
            }
            b.credentials(creds.build());
        }
        String clientName = config.option(CLIENT_NAME, null);
        if (clientName != null) {
            b.clientName(clientName);
        }
    }

    /** Connection timeout and TLS, for either kind of advanced configuration. */
    private static void advanced(AdvancedBaseClientConfiguration.AdvancedBaseClientConfigurationBuilder<?, ?> advanced,
            ValkeyLocation location, CacheConfig config) {
        advanced.connectionTimeout(millis(config.connectTimeout().toMillis(), "connectTimeout"));
        if (location.tls()) {
            advanced.tlsAdvancedConfiguration(tls(config));
        }
    }

    /**
     * Opens one glide cluster client for a Valkey Cluster reached through its seed nodes (glide
     * discovers the rest and follows slot moves and failovers). The connection is watched by a
     * circuit breaker whose check finds a fault only when no seed answers, so one primary down
     * (its slots failing over) never fails the whole cluster fast.
     *
     * @param seeds one or more nodes of the cluster, with the credentials every node accepts
     * @param config the cache configuration (timeouts, TLS and dispatch options)
     * @param replicaReads whether reads go to replicas of a key's slot ({@code ReadFrom.PREFER_REPLICA})
     * @param coalesce whether concurrent single commands are coalesced into cluster pipelines
     *     (never for connections that run blocking commands)
     * @return a connection wrapping the client
     * @throws CacheConfigurationException for settings a cluster cannot honour (a database other
     *     than 0, unix sockets, seeds that disagree on TLS)
     */
    public static GlideConnection<GlideClusterClient> openCluster(List<ValkeyLocation> seeds, CacheConfig config,
            boolean replicaReads, boolean coalesce) {
        if (seeds.isEmpty()) {
            throw new CacheConfigurationException("locations: a cluster needs at least one seed node");
        }
        ValkeyLocation first = seeds.get(0);
        GlideClusterClientConfiguration.GlideClusterClientConfigurationBuilder<?, ?> b =
                GlideClusterClientConfiguration.builder();
        common(b, first, config);
        for (int i = 0; i < seeds.size(); i++) {
            ValkeyLocation seed = seeds.get(i);
            checkTransport(seed);
            if (seed.database() != 0) {
                throw new CacheConfigurationException("location " + seed + ": a Valkey Cluster has only database 0");
            }
            if (seed.tls() != first.tls()) {
                throw new CacheConfigurationException("location " + seed + ": every seed of a cluster must use "
                        + (first.tls() ? "valkeys://" : "valkey://") + " like " + first);
            }
            if (i > 0) { // common(...) added the first seed's address
                b.address(NodeAddress.builder().host(seed.host()).port(seed.port()).build());
            }
        }
        if (replicaReads) {
            b.readFrom(ReadFrom.PREFER_REPLICA);
        }
        AdvancedGlideClusterClientConfiguration.AdvancedGlideClusterClientConfigurationBuilder<?, ?> advanced =
                AdvancedGlideClusterClientConfiguration.builder();
        advanced(advanced, first, config);
        b.advancedConfiguration(advanced.build());
        GlideClusterClientConfiguration configuration = b.build();
        String description = seeds.size() == 1 ? first.address()
                : seeds.stream().map(ValkeyLocation::address).collect(Collectors.joining(","));
        GlideClusterClient client = connect(() -> GlideClusterClient.createClient(configuration), description, config);
        int maxInFlight = coalesce ? (int) Math.min(1024, config.positiveOption(DISPATCH_MAX_IN_FLIGHT, 2)) : 0;
        int maxBatch = (int) Math.min(10_000, config.positiveOption(DISPATCH_MAX_BATCH, 256));
        Duration retryInterval = config.durationOption(CONNECT_RETRY_INTERVAL, DEFAULT_CONNECT_RETRY_INTERVAL);
        List<NodeProbe> probes = new ArrayList<>();
        for (ValkeyLocation seed : seeds) {
            probes.add(new NodeProbe(seed.host(), seed.port(), config.connectTimeout(),
                    () -> client.customCommand(new String[] {"PING"}).thenApply(v -> (Object) v), null,
                    jdkTls(seed, config)));
        }
        CircuitBreaker breaker = new CircuitBreaker(description, retryInterval,
                "options." + CONNECT_RETRY_INTERVAL + "=" + retryInterval.toMillis() + "ms", () -> anySeedAnswers(probes));
        GlideConnection<GlideClusterClient> connection =
                new GlideConnection<>(client, description, maxInFlight, maxBatch, maxQueued(config), breaker,
                        replicaReads);
        breaker.start();
        return connection;
    }

    /** The first seed's fault when every seed has one; no fault while any seed answers. */
    private static CompletableFuture<CircuitBreaker.Fault> anySeedAnswers(List<NodeProbe> probes) {
        List<CompletableFuture<CircuitBreaker.Fault>> checks = new ArrayList<>(probes.size());
        for (NodeProbe probe : probes) {
            checks.add(probe.check());
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            CircuitBreaker.Fault first = null;
            for (CompletableFuture<CircuitBreaker.Fault> check : checks) {
                CircuitBreaker.Fault f = check.isCompletedExceptionally() ? null : check.join();
                if (f == null) {
                    return null;
                }
                if (first == null) {
                    first = f;
                }
            }
            return first;
        });
    }

    private static GlideClient create(GlideClientConfiguration configuration, ValkeyLocation location,
            CacheConfig config) {
        return connect(() -> GlideClient.createClient(configuration), location.address(), config);
    }

    private static <C> C connect(Supplier<CompletableFuture<C>> create, String node, CacheConfig config) {
        try {
            return create.get().get(config.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw GlideErrors.translate(e.getCause(), "connect", node);
        } catch (TimeoutException e) {
            throw new CacheConnectionException("connect to " + node + " did not complete within "
                    + (config.connectTimeout().toMillis() + 5_000) + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheConnectionException("interrupted while connecting to " + node, e);
        }
    }

    private static TlsAdvancedConfiguration tls(CacheConfig config) {
        TlsAdvancedConfiguration.TlsAdvancedConfigurationBuilder<?, ?> tls = TlsAdvancedConfiguration.builder();
        tls.useInsecureTLS(config.booleanOption(TLS_INSECURE, false));
        String caFile = config.option(TLS_CA_FILE, null);
        if (caFile != null) {
            try {
                tls.rootCertificates(Files.readAllBytes(Path.of(caFile)));
            } catch (IOException | RuntimeException e) {
                throw new CacheConfigurationException("options." + TLS_CA_FILE + ": cannot read '" + caFile + "': " + e, e);
            }
        }
        return tls.build();
    }

    /**
     * For the circuit breaker's check of a {@code valkeys://} node: makes a JDK socket factory
     * trusting what glide trusts ({@code tls.ca_file}, else the system's CAs); {@code null}
     * without TLS or with {@code tls.insecure}, where there is no trust to check.
     */
    private static Supplier<SSLSocketFactory> jdkTls(ValkeyLocation location, CacheConfig config) {
        if (!location.tls() || config.booleanOption(TLS_INSECURE, false)) {
            return null;
        }
        String caFile = config.option(TLS_CA_FILE, null);
        return () -> TlsTrust.socketFactory(caFile, false, "options." + TLS_CA_FILE, "for TLS to " + location.address());
    }

    private static int millis(long value, String setting) {
        if (value > Integer.MAX_VALUE) {
            throw new CacheConfigurationException(setting + ": " + value + " ms is too long for valkey-glide");
        }
        return (int) value;
    }
}
