package org.valkeycache.client.glide;

import glide.api.GlideClient;
import glide.api.models.configuration.AdvancedGlideClientConfiguration;
import glide.api.models.configuration.GlideClientConfiguration;
import glide.api.models.configuration.NodeAddress;
import glide.api.models.configuration.ServerCredentials;
import glide.api.models.configuration.TlsAdvancedConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.spi.PluginOptions;

/**
 * Builds glide standalone clients from a location and a cache configuration: address, TLS,
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
        GlideClients.DISPATCH_MAX_IN_FLIGHT, GlideClients.DISPATCH_MAX_BATCH, GlideClients.CLIENT_NAME,
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
        Duration retryInterval = config.durationOption(CONNECT_RETRY_INTERVAL, DEFAULT_CONNECT_RETRY_INTERVAL);
        GlideClient client = create(configuration(location, config, readOnly, location.database()), location, config);
        Supplier<CompletableFuture<Object>> selectDatabase = location.database() == 0 ? null
                : () -> selectOnDatabaseZero(location, config, readOnly);
        NodeProbe probe = new NodeProbe(location.host(), location.port(), config.connectTimeout(),
                () -> client.customCommand(new String[] {"PING"}), selectDatabase);
        CircuitBreaker breaker = new CircuitBreaker(location.address(), retryInterval,
                "options." + CONNECT_RETRY_INTERVAL + "=" + retryInterval.toMillis() + "ms", probe::check);
        GlideConnection<GlideClient> connection =
                new GlideConnection<>(client, location.address(), maxInFlight, maxBatch, breaker);
        breaker.start();
        return connection;
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
        if (location.isUnixSocket()) {
            throw new CacheConfigurationException("location " + location
                    + ": valkey-glide has no unix-socket transport; use valkey://127.0.0.1:<port> instead");
        }
        GlideClientConfiguration.GlideClientConfigurationBuilder<?, ?> b = GlideClientConfiguration.builder()
                .address(NodeAddress.builder().host(location.host()).port(location.port()).build())
                .useTLS(location.tls())
                .requestTimeout(millis(config.requestTimeout().toMillis(), "requestTimeout"))
                .lazyConnect(true);
        if (readOnly) {
            b.readOnly(true);
        }
        if (database != 0) {
            b.databaseId(database);
        }
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
        AdvancedGlideClientConfiguration.AdvancedGlideClientConfigurationBuilder<?, ?> advanced =
                AdvancedGlideClientConfiguration.builder()
                        .connectionTimeout(millis(config.connectTimeout().toMillis(), "connectTimeout"));
        if (location.tls()) {
            advanced.tlsAdvancedConfiguration(tls(config));
        }
        b.advancedConfiguration(advanced.build());
        return b.build();
    }

    private static GlideClient create(GlideClientConfiguration configuration, ValkeyLocation location,
            CacheConfig config) {
        try {
            return GlideClient.createClient(configuration).get(
                    config.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw GlideErrors.translate(e.getCause(), "connect", location.address());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new CacheConnectionException("connect to " + location.address() + " did not complete within "
                    + (config.connectTimeout().toMillis() + 5_000) + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheConnectionException("interrupted while connecting to " + location.address(), e);
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

    private static int millis(long value, String setting) {
        if (value > Integer.MAX_VALUE) {
            throw new CacheConfigurationException(setting + ": " + value + " ms is too long for valkey-glide");
        }
        return (int) value;
    }
}
