package org.valkeycache.client.sentinel;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.client.glide.DefaultValkeyClient;
import org.valkeycache.client.glide.internal.Scans;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * The {@code sentinel} strategy: finds the primary (and, optionally, the replicas) of a service
 * through Valkey Sentinel and follows it through failovers. Commands run on a
 * {@link DefaultValkeyClient} for the confirmed nodes; this class only decides which one.
 *
 * <pre>
 * cache.default.location=valkey://app:s3cret@mymaster/0     # service name, data-node credentials, db
 * cache.default.clientClass=sentinel
 * cache.default.options.sentinels=10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379
 * cache.default.options.sentinel.password=sentinel-secret     # if the sentinels require one
 * </pre>
 *
 * <p><b>Discovery.</b> The sentinels are asked in turn ({@code SENTINEL get-master-addr-by-name},
 * and {@code SENTINEL replicas} when reads go to replicas); a sentinel that cannot be reached is
 * skipped, and the one that answered is asked first next time. The named primary is confirmed
 * with {@code ROLE} before any command is sent to it. Opening fails with a
 * {@link CacheConnectionException} naming the service and every sentinel tried when no sentinel
 * answers or none knows the service; with a {@link org.valkeycache.CacheAuthenticationException}
 * (or {@link org.valkeycache.CachePermissionException}) instead when every sentinel or data node
 * refused the credentials, a setting to fix rather than an outage. When the sentinels name a
 * primary that does not answer within {@code connectTimeout} (it is down, or a failover is under
 * way), the cache opens anyway, as the default client's does while its server is down: calls
 * fail at once with a {@link CacheConnectionException} until a re-discovery confirms a primary.
 *
 * <p><b>Failover.</b> A watcher thread per sentinel follows the failover announcements: the
 * leading sentinel's {@code +failover-state-wait-promotion} (it told a replica to become the
 * primary) and every sentinel's {@code +switch-master}. The announced node is confirmed with
 * {@code ROLE} and the data-node client swapped atomically, so the cache object the application
 * holds keeps working. Acting on the promotion rather than waiting for {@code +switch-master}
 * saves up to a second: Sentinel only notices the promotion at its next {@code INFO} poll.
 * Commands that fail because the node became a replica ({@code READONLY}) or is unreachable also
 * trigger a re-discovery, at most one per {@code options.sentinel.rediscover_interval}; a sentinel
 * that still names the primary this client has just left is not followed back while the new one
 * confirms its role. When the primary changes, calls still in flight on the old one fail at once
 * with a {@link CacheConnectionException} (they could not succeed usefully), and a write the old
 * primary acknowledges after the switch is reported as failed, because the old primary's data is
 * discarded when it rejoins as a replica. When only the replicas change, the old client is closed
 * once its in-flight calls end. No call waits longer than {@code requestTimeout}.
 *
 * <p>Options: those below, and those of the data-node connections ({@link DefaultValkeyClient}:
 * {@code tls.*}, {@code client_name}, {@code dispatch.*}, {@code connect.*}, {@code blocking.*}).
 *
 * <p>Thread-safe. Raw connections ({@link #rawConnection}) belong to the current primary; after
 * a failover they are closed, so fetch them again rather than keeping them.
 */
@PluginOptions(value = {SentinelValkeyClient.SENTINELS, SentinelValkeyClient.SENTINEL_USERNAME,
        SentinelValkeyClient.SENTINEL_PASSWORD, SentinelValkeyClient.SENTINEL_TLS, SentinelValkeyClient.SENTINEL_TLS_CA_FILE,
        SentinelValkeyClient.SENTINEL_TLS_INSECURE, SentinelValkeyClient.READ_FROM_REPLICAS,
        SentinelValkeyClient.REDISCOVER_INTERVAL}, includes = DefaultValkeyClient.class)
public class SentinelValkeyClient implements ValkeyClient {

    /** Option (required): comma-separated {@code host:port} of the sentinels (port defaults to 26379). */
    public static final String SENTINELS = "sentinels";
    /** Option: ACL user for the sentinels (the data nodes' credentials come from the location). */
    public static final String SENTINEL_USERNAME = "sentinel.username";
    /** Option: password for the sentinels. */
    public static final String SENTINEL_PASSWORD = "sentinel.password";
    /** Option: reach the sentinels over TLS ({@code true}/{@code false}, default false); data nodes use TLS with {@code valkeys://}. */
    public static final String SENTINEL_TLS = "sentinel.tls";
    /** Option: PEM file of the CA(s) to trust for the sentinels' TLS certificates. */
    public static final String SENTINEL_TLS_CA_FILE = "sentinel.tls.ca_file";
    /** Option: accept any TLS certificate from the sentinels (testing only). */
    public static final String SENTINEL_TLS_INSECURE = "sentinel.tls.insecure";
    /** Option: send reads to the replicas the sentinels know ({@code true}/{@code false}, default false). */
    public static final String READ_FROM_REPLICAS = "sentinel.read_from_replicas";
    /** Option: the shortest time between two re-discoveries triggered by failing commands (default 500 ms). */
    public static final String REDISCOVER_INTERVAL = "sentinel.rediscover_interval";

    private final SentinelSettings settings;
    private final PrimaryFollower follower;

    /**
     * Finds and confirms the primary of the configured service and starts following it.
     *
     * @param config the cache configuration (see the class comment for the settings it reads)
     * @throws org.valkeycache.CacheConfigurationException for a missing or malformed setting, naming it
     * @throws CacheConnectionException when no sentinel names a primary that confirms its role
     * @throws org.valkeycache.CacheAuthenticationException when the sentinels or the data nodes refuse the credentials
     */
    public SentinelValkeyClient(CacheConfig config) {
        this(config, true);
    }

    /**
     * @param followAnnouncements false only in tests of the re-discovery that failing commands
     *     trigger: then no sentinel announcement is followed
     */
    SentinelValkeyClient(CacheConfig config, boolean followAnnouncements) {
        this.settings = SentinelSettings.from(config);
        this.follower = new PrimaryFollower(config, settings, followAnnouncements);
    }

    // ---- routing (caller threads) --------------------------------------------------------------

    /** The current generation, counted in; callers must {@link Generation#exit()} it. */
    private Generation enter() {
        while (true) {
            Generation g = follower.current();
            g.enter();
            if (g == follower.current()) {
                return g;
            }
            g.exit();
        }
    }

    private <T> CompletableFuture<T> write(Function<DefaultValkeyClient, CompletableFuture<T>> op) {
        return route(enter(), true, op);
    }

    private <T> CompletableFuture<T> read(Function<DefaultValkeyClient, CompletableFuture<T>> op) {
        return route(enter(), false, op);
    }

    /** Runs {@code op} on generation {@code g} (already entered) and translates what comes back. */
    private <T> CompletableFuture<T> route(Generation g, boolean write, Function<DefaultValkeyClient, CompletableFuture<T>> op) {
        if (g.unconfirmed != null) {
            g.exit();
            follower.requestRediscovery("the primary has not confirmed yet");
            return CompletableFuture.failedFuture(new CacheConnectionException("service '" + settings.service
                    + "': the primary the sentinels name, " + g.primary + ", has not confirmed its role yet (last try: "
                    + g.unconfirmed + ")"));
        }
        CompletableFuture<T> reply;
        try {
            reply = op.apply(g.client);
        } catch (RuntimeException e) {
            g.exit();
            if (e instanceof CacheConnectionException && g == follower.current()) {
                follower.requestRediscovery("a call to " + g.primary + " failed");
            }
            throw e;
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        if (!g.track(out)) {
            g.exit();
            return out;
        }
        reply.whenComplete((value, failure) -> {
            g.untrack(out);
            g.exit();
            if (failure != null) {
                out.completeExceptionally(translate(g, failure));
            } else if (write && g.primaryEpoch != follower.current().primaryEpoch) {
                out.completeExceptionally(new CacheConnectionException("service '" + settings.service
                        + "': the primary changed from " + g.primary + " to " + follower.current().primary
                        + " while the write was in flight; the old primary's acknowledgement is not trusted"));
            } else {
                out.complete(value);
            }
        });
        return out;
    }

    private Throwable translate(Generation g, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // failures of a generation already replaced are expected and say nothing about the current one
        boolean currentFailed = g == follower.current();
        if (cause instanceof CacheConnectionException) {
            if (currentFailed) {
                follower.requestRediscovery("a call to " + g.primary + " failed: " + cause.getMessage());
            }
            return cause;
        }
        if (cause instanceof CacheCommandException && isReplicaError(cause.getMessage())) {
            if (currentFailed) {
                follower.requestRediscovery("node " + g.primary + " refused a write as a replica");
            }
            return new CacheConnectionException(cause.getMessage() + " (service '" + settings.service
                    + "' is failing over; the command was not applied)", cause);
        }
        return cause;
    }

    /**
     * Errors a node gives when it is, or just became, a replica: {@code READONLY} (glide reports it
     * as "ReadOnly: You can't write against a read only replica"), {@code UNBLOCKED ... instance
     * state changed} for a blocking pop cut short by the demotion, {@code MASTERDOWN}.
     */
    static boolean isReplicaError(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("readonly") || m.contains("read only replica") || m.contains("instance state changed")
                || m.contains("masterdown");
    }

    @Override
    public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
        return write(c -> c.set(key, value, condition, expiryMillis));
    }

    @Override
    public CompletableFuture<byte[]> get(byte[] key) {
        return read(c -> c.get(key));
    }

    @Override
    public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
        return read(c -> c.mget(keys));
    }

    @Override
    public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return write(c -> c.mset(keys, values, expiryMillis));
    }

    @Override
    public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
        return read(c -> c.getMany(keys));
    }

    @Override
    public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return write(c -> c.setMany(keys, values, expiryMillis));
    }

    @Override
    public CompletableFuture<Long> delete(List<byte[]> keys) {
        return write(c -> c.delete(keys));
    }

    @Override
    public CompletableFuture<Long> unlink(List<byte[]> keys) {
        return write(c -> c.unlink(keys));
    }

    @Override
    public CompletableFuture<Boolean> exists(byte[] key) {
        return read(c -> c.exists(key));
    }

    @Override
    public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
        return write(c -> c.incrBy(key, delta, onlyIfExists));
    }

    @Override
    public CompletableFuture<Long> pttl(byte[] key) {
        return read(c -> c.pttl(key));
    }

    @Override
    public CompletableFuture<Boolean> persist(byte[] key) {
        return write(c -> c.persist(key));
    }

    @Override
    public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
        return write(c -> c.pexpire(key, millis));
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
        return write(c -> c.pexpireAt(key, epochMillis));
    }

    @Override
    public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
        return read(c -> c.keys(pattern));
    }

    /**
     * One SCAN step. The cursor carries the generation of nodes it runs on
     * ({@code <generation>/<cursor of the data-node client>}): a scan that a failover interrupts
     * fails with a {@link CacheConnectionException} instead of continuing on another node, where
     * it would skip or repeat keys.
     */
    @Override
    public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
        Scans.requireCount(count);
        if (cursor.isFinished()) {
            return CompletableFuture.completedFuture(Scans.FINISHED_PAGE);
        }
        String value = cursor.value();
        long generation = -1;
        ScanCursor inner = ScanCursor.START;
        if (!value.equals("0")) {
            int slash = value.indexOf('/');
            try {
                generation = Long.parseLong(value.substring(0, Math.max(0, slash)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a cursor of this client: " + value, e);
            }
            inner = ScanCursor.of(value.substring(slash + 1));
        }
        Generation g = enter();
        if (generation >= 0 && generation != g.id) {
            g.exit();
            return CompletableFuture.failedFuture(new CacheConnectionException("service '" + settings.service
                    + "': the nodes changed (failover) during the scan; start it again"));
        }
        ScanCursor from = inner;
        return route(g, false, c -> c.scan(from, pattern, count)).thenApply(page -> new ScanPage(page.keys(),
                page.next().isFinished() ? ScanCursor.FINISHED : ScanCursor.of(g.id + "/" + page.next().value())));
    }

    @Override
    public CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        return route(enter(), write, c -> c.execute(write, keys, argv));
    }

    @Override
    public CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        return write(c -> c.executeBlocking(keys, argv, block));
    }

    @Override
    public CompletableFuture<Boolean> rename(byte[] from, byte[] to) {
        return write(c -> c.rename(from, to));
    }

    @Override
    public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        return write(c -> c.eval(script, keys, args));
    }

    @Override
    public CompletableFuture<Void> flushDb() {
        return write(DefaultValkeyClient::flushDb);
    }

    /**
     * The glide client of the current primary ({@code write}) or of a read node. After a failover
     * it is closed: fetch it again instead of keeping it.
     *
     * @param write whether the caller will write
     * @return a {@code glide.api.GlideClient}; do not close it, the cache owns it
     */
    @Override
    public Object rawConnection(boolean write) {
        return follower.current().client.rawConnection(write);
    }

    /**
     * The data node the sentinels named and this client follows now (after a failover, the new
     * one), with the location's scheme, credentials and database.
     *
     * @return the current primary
     */
    @Override
    public ValkeyLocation primaryLocation() {
        Generation g = follower.current();
        return g == null ? null : settings.dataNode(g.primary);
    }

    /** @return how many discoveries have run (the first one included), for tests of the rate limit */
    long discoveries() {
        return follower.discoveries();
    }

    @Override
    public String describe() {
        Generation g = follower.current();
        return "sentinel[service=" + settings.service + ", " + (g == null ? "no primary yet" : g.toString())
                + ", sentinels=" + settings.sentinels + "]";
    }

    /** Binds the current data nodes' client, and each one a failover swaps in. */
    @Override
    public void bindMetrics(CacheMetrics metrics) {
        follower.bindMetrics(metrics);
    }

    @Override
    public void close() {
        follower.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
