package org.valkeycache.client.sentinel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheException;
import org.valkeycache.client.glide.DefaultValkeyClient;
import org.valkeycache.client.sentinel.SentinelSettings.HostPort;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.spi.LuaScript;
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
 * {@link CacheConnectionException} naming the service and every sentinel tried when none names a
 * primary that confirms.
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
 * <p>Thread-safe. Raw connections ({@link #rawConnection}) belong to the current primary; after
 * a failover they are closed, so fetch them again rather than keeping them.
 */
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

    private static final Logger LOG = LoggerFactory.getLogger(SentinelValkeyClient.class);
    private static final List<byte[]> ROLE = List.of("ROLE".getBytes(StandardCharsets.US_ASCII));
    private static final int PROMOTION_CHECKS = 10;
    private static final long PROMOTION_CHECK_PAUSE_MILLIS = 50;

    private final CacheConfig config;
    private final SentinelSettings settings;
    private final ScheduledExecutorService worker;
    private final List<SentinelWatcher> watchers = new ArrayList<>();
    /** The order discovery asks the sentinels in: the last one that answered first. Worker thread only. */
    private final List<HostPort> order;
    private final AtomicLong generationIds = new AtomicLong();
    private final AtomicLong discoveries = new AtomicLong();
    private final AtomicBoolean rediscoveryQueued = new AtomicBoolean();
    private volatile long lastRediscoveryNanos;
    private volatile Generation current;
    private volatile boolean closed;

    /**
     * Finds and confirms the primary of the configured service and starts following it.
     *
     * @param config the cache configuration (see the class comment for the settings it reads)
     * @throws org.valkeycache.CacheConfigurationException for a missing or malformed setting, naming it
     * @throws CacheConnectionException when no sentinel names a primary that confirms its role
     */
    public SentinelValkeyClient(CacheConfig config) {
        this(config, true);
    }

    /**
     * @param followAnnouncements false only in tests of the re-discovery that failing commands
     *     trigger: then no sentinel announcement is followed
     */
    SentinelValkeyClient(CacheConfig config, boolean followAnnouncements) {
        this.config = config;
        this.settings = SentinelSettings.from(config);
        this.order = new ArrayList<>(settings.sentinels);
        this.lastRediscoveryNanos = System.nanoTime() - settings.rediscoverInterval.toNanos();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "valkey-sentinel-" + settings.service);
            t.setDaemon(true);
            return t;
        });
        try {
            // watchers first: an announcement during the first discovery queues up behind it on the worker
            SentinelWatcher.Listener listener = new SentinelWatcher.Listener() {
                @Override
                public void switched(HostPort primary, HostPort sentinel) {
                    onSwitch(primary, sentinel);
                }

                @Override
                public void promoting(HostPort replica, HostPort sentinel) {
                    onPromotion(replica, sentinel);
                }

                @Override
                public void resubscribed(HostPort sentinel) {
                    requestRediscovery("the subscription to sentinel " + sentinel + " was re-established");
                }
            };
            for (HostPort sentinel : followAnnouncements ? settings.sentinels : List.<HostPort>of()) {
                SentinelWatcher w = new SentinelWatcher(sentinel, settings, listener);
                watchers.add(w);
                w.start();
            }
            awaitFirstDiscovery();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitFirstDiscovery() {
        Future<?> first = worker.submit(this::discoverAtOpen);
        long perAttempt = (long) (settings.connectMillis + settings.requestMillis) * (settings.sentinels.size() + 1);
        long bound = settings.connectMillis + perAttempt + 5_000;
        try {
            first.get(bound, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CacheException ce) {
                throw ce;
            }
            throw new CacheConnectionException("service '" + settings.service + "': discovery failed: " + cause, cause);
        } catch (TimeoutException e) {
            first.cancel(true);
            throw new CacheConnectionException("service '" + settings.service + "': discovery through sentinels "
                    + settings.sentinels + " did not finish within " + bound + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheConnectionException("service '" + settings.service + "': interrupted during discovery", e);
        }
    }

    /**
     * Discovers until a primary confirms; while sentinels answer but no primary confirms (a
     * failover in progress) it tries again until {@code connectTimeout} has passed.
     */
    private void discoverAtOpen() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.connectMillis);
        while (true) {
            try {
                discover("open");
                return;
            } catch (NoSentinelAnswered e) {
                throw e.failure;
            } catch (CacheConnectionException e) {
                if (System.nanoTime() >= deadline || closed) {
                    throw e;
                }
            }
            sleepQuietly(100);
        }
    }

    // ---- discovery and failover (worker thread) ----------------------------------------------

    /** Thrown by {@link #discover} when not a single sentinel answered. */
    private static final class NoSentinelAnswered extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient CacheConnectionException failure;

        NoSentinelAnswered(CacheConnectionException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /** What one sentinel said about the service. */
    private record Answer(HostPort primary, List<HostPort> replicas) {
    }

    /**
     * Asks the sentinels in turn and switches to the primary the first one names, once it confirms.
     *
     * @throws CacheConnectionException naming the service and each sentinel tried when none helped
     */
    private void discover(String why) {
        discoveries.incrementAndGet();
        List<String> notes = new ArrayList<>();
        boolean anyAnswered = false;
        boolean stale = false;
        for (HostPort sentinel : List.copyOf(order)) {
            Answer answer;
            try (SentinelConnection c = SentinelConnection.open(sentinel, settings)) {
                answer = ask(c);
            } catch (IOException | RuntimeException e) {
                notes.add(sentinel + " (" + reason(e) + ")");
                continue;
            }
            anyAnswered = true;
            if (answer == null) {
                notes.add(sentinel + " (does not monitor '" + settings.service + "')");
                continue;
            }
            Generation g = current;
            if (g != null && g.primary.equals(answer.primary()) && g.replicas.equals(answer.replicas())) {
                prefer(sentinel);
                return;
            }
            if (g != null && answer.primary().equals(g.replaced) && confirmsPrimary(g)) {
                // This client followed a promotion before this sentinel caught up (or this sentinel
                // is cut off): going back to the primary it replaced would lose writes.
                stale = true;
                notes.add(sentinel + " (still names " + answer.primary() + ", which " + g.primary + " replaced)");
                continue;
            }
            String refused = tryCandidate(answer.primary(), answer.replicas(), why + "; named by sentinel " + sentinel);
            if (refused == null) {
                prefer(sentinel);
                return;
            }
            notes.add(sentinel + " (named " + answer.primary() + ", which " + refused + ")");
        }
        if (stale) {
            LOG.debug("service {}: keeping {}; {}", settings.service, current, notes);
            return;
        }
        CacheConnectionException failure = new CacheConnectionException("service '" + settings.service
                + "': no sentinel named a primary that confirmed its role; tried " + String.join(", ", notes));
        if (!anyAnswered) {
            throw new NoSentinelAnswered(failure);
        }
        throw failure;
    }

    private Answer ask(SentinelConnection c) throws IOException {
        Object reply = c.call("SENTINEL", "get-master-addr-by-name", settings.service);
        if (reply == null) {
            return null;
        }
        HostPort primary = hostPort(reply);
        List<HostPort> replicas = List.of();
        if (settings.readFromReplicas) {
            replicas = usableReplicas(c.call("SENTINEL", "replicas", settings.service));
        }
        return new Answer(primary, replicas);
    }

    private static HostPort hostPort(Object reply) throws IOException {
        if (reply instanceof List<?> l && l.size() == 2) {
            try {
                return new HostPort(String.valueOf(l.get(0)), Integer.parseInt(String.valueOf(l.get(1))));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IOException("unexpected reply to SENTINEL get-master-addr-by-name: " + reply);
    }

    /** Replicas that are neither down nor disconnected, from {@code SENTINEL replicas}' flat field lists. */
    private static List<HostPort> usableReplicas(Object reply) {
        List<HostPort> out = new ArrayList<>();
        if (!(reply instanceof List<?> entries)) {
            return out;
        }
        for (Object entry : entries) {
            if (!(entry instanceof List<?> fields)) {
                continue;
            }
            Map<String, String> f = new java.util.HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                f.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
            }
            String flags = f.getOrDefault("flags", "");
            if (flags.contains("s_down") || flags.contains("o_down") || flags.contains("disconnected")
                    || !"ok".equals(f.getOrDefault("master-link-status", "ok"))) {
                continue;
            }
            try {
                out.add(new HostPort(f.get("ip"), Integer.parseInt(f.get("port"))));
            } catch (NumberFormatException | NullPointerException e) {
                // a malformed entry is skipped; the primary still serves reads
            }
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    private void prefer(HostPort sentinel) {
        if (!order.get(0).equals(sentinel)) {
            order.remove(sentinel);
            order.add(0, sentinel);
        }
    }

    /** A {@code +switch-master} announcement: confirm the new primary at once, on the worker. */
    private void onSwitch(HostPort primary, HostPort sentinel) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> {
                Generation g = current;
                if (closed || g == null || g.primary.equals(primary)) {
                    return;
                }
                String refused = tryCandidate(primary, List.of(), "+switch-master from sentinel " + sentinel);
                if (refused != null) {
                    LOG.warn("service {}: sentinel {} announced primary {}, which {}", settings.service, sentinel,
                            primary, refused);
                }
                if (refused != null || settings.readFromReplicas) {
                    // find the replicas of the new primary (or a primary that does confirm)
                    requestRediscovery("after +switch-master from sentinel " + sentinel);
                }
            });
        } catch (RejectedExecutionException closing) {
            // the client is closing
        }
    }

    /**
     * The leading sentinel told {@code replica} to become the primary: switch as soon as the
     * replica confirms with {@code ROLE} (it normally has by the time the announcement arrives; a
     * few short retries cover the rest), without waiting up to a second for {@code +switch-master}.
     */
    private void onPromotion(HostPort replica, HostPort sentinel) {
        if (closed) {
            return;
        }
        try {
            worker.execute(() -> {
                String why = "sentinel " + sentinel + " is promoting " + replica;
                for (int attempt = 0; attempt < PROMOTION_CHECKS; attempt++) {
                    Generation g = current;
                    if (closed || g == null || g.primary.equals(replica) || tryCandidate(replica, List.of(), why) == null) {
                        break;
                    }
                    sleepQuietly(PROMOTION_CHECK_PAUSE_MILLIS);
                }
                if (settings.readFromReplicas) {
                    requestRediscovery("after " + why);
                }
            });
        } catch (RejectedExecutionException closing) {
            // the client is closing
        }
    }

    /**
     * Connects to a candidate primary, confirms it with {@code ROLE} and swaps it in.
     *
     * @return null when swapped in, otherwise why the candidate was refused
     */
    private String tryCandidate(HostPort primary, List<HostPort> replicas, String why) {
        List<ValkeyLocation> locations = new ArrayList<>();
        locations.add(settings.dataNode(primary));
        replicas.forEach(r -> locations.add(settings.dataNode(r)));
        DefaultValkeyClient candidate;
        try {
            candidate = new DefaultValkeyClient(config, locations);
        } catch (CacheException e) {
            return "could not be connected (" + e.getMessage() + ")";
        }
        String role;
        try {
            role = roleName(candidate.execute(true, List.of(), ROLE).get(settings.requestMillis + 1_000L, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            candidate.close();
            return "did not answer ROLE (" + reason(e.getCause()) + ")";
        } catch (TimeoutException e) {
            candidate.close();
            return "did not answer ROLE within " + (settings.requestMillis + 1_000L) + " ms";
        } catch (InterruptedException e) {
            candidate.close();
            Thread.currentThread().interrupt();
            return "could not be asked: interrupted";
        }
        if (!"master".equals(role)) {
            candidate.close();
            return "reports the role '" + role + "'";
        }
        swap(candidate, primary, replicas, why);
        return null;
    }

    /** @return whether the primary of {@code g} still reports the role {@code master} */
    private boolean confirmsPrimary(Generation g) {
        try {
            return "master".equals(roleName(g.client.execute(true, List.of(), ROLE)
                    .get(settings.requestMillis + 1_000L, TimeUnit.MILLISECONDS)));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String roleName(Object reply) {
        Object first = reply instanceof List<?> l && !l.isEmpty() ? l.get(0) : reply;
        return first instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(first);
    }

    private void swap(DefaultValkeyClient client, HostPort primary, List<HostPort> replicas, String why) {
        Generation old;
        synchronized (this) {
            if (closed) {
                client.close();
                return;
            }
            old = current;
            boolean samePrimary = old != null && old.primary.equals(primary);
            long epoch = old == null ? 0 : samePrimary ? old.primaryEpoch : old.primaryEpoch + 1;
            HostPort replaced = old == null ? null : samePrimary ? old.replaced : old.primary;
            current = new Generation(generationIds.incrementAndGet(), epoch, client, primary, replicas, replaced);
        }
        if (old == null) {
            LOG.debug("service {}: {}", settings.service, current);
            return;
        }
        if (old.primaryEpoch != current.primaryEpoch) {
            // The old primary is dead, frozen or demoted: its calls cannot succeed usefully (a late
            // write acknowledgement would not be trusted), so they fail now rather than at their
            // timeout, and the callers can retry on the new primary at once.
            old.abandon(new CacheConnectionException("service '" + settings.service + "': the primary changed from "
                    + old.primary + " to " + current.primary + " while the call was in flight; a write may or may not"
                    + " have been applied"));
        } else {
            old.retire();
        }
        LOG.info("service {}: now {} (was {}); {}", settings.service, current, old, why);
    }

    /** Queues a re-discovery unless one is queued already, no sooner than the rediscover interval after the last. */
    private void requestRediscovery(String why) {
        if (closed || !rediscoveryQueued.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, lastRediscoveryNanos + settings.rediscoverInterval.toNanos() - System.nanoTime());
        try {
            worker.schedule(() -> {
                rediscoveryQueued.set(false);
                lastRediscoveryNanos = System.nanoTime();
                if (closed) {
                    return;
                }
                try {
                    discover(why);
                } catch (NoSentinelAnswered e) {
                    LOG.warn("service {}: re-discovery ({}) failed: {}", settings.service, why, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("service {}: re-discovery ({}) failed: {}", settings.service, why, e.getMessage());
                }
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            rediscoveryQueued.set(false);
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- routing (caller threads) --------------------------------------------------------------

    /** The current generation, counted in; callers must {@link Generation#exit()} it. */
    private Generation enter() {
        while (true) {
            Generation g = current;
            g.enter();
            if (g == current) {
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
        CompletableFuture<T> reply;
        try {
            reply = op.apply(g.client);
        } catch (RuntimeException e) {
            g.exit();
            if (e instanceof CacheConnectionException && g == current) {
                requestRediscovery("a call to " + g.primary + " failed");
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
            } else if (write && g.primaryEpoch != current.primaryEpoch) {
                out.completeExceptionally(new CacheConnectionException("service '" + settings.service
                        + "': the primary changed from " + g.primary + " to " + current.primary
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
        boolean currentFailed = g == current;
        if (cause instanceof CacheConnectionException) {
            if (currentFailed) {
                requestRediscovery("a call to " + g.primary + " failed: " + cause.getMessage());
            }
            return cause;
        }
        if (cause instanceof CacheCommandException && isReplicaError(cause.getMessage())) {
            if (currentFailed) {
                requestRediscovery("node " + g.primary + " refused a write as a replica");
            }
            return new CacheConnectionException(cause.getMessage() + " (service '" + settings.service
                    + "' is failing over; the command was not applied)", cause);
        }
        return cause;
    }

    /**
     * Errors a node gives when it is, or just became, a replica: {@code READONLY} (glide reports it
     * as "ReadOnly: You can't write against a read only replica"), {@code UNBLOCKED} for a
     * blocking pop cut short by the demotion, {@code MASTERDOWN}.
     */
    static boolean isReplicaError(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("readonly") || m.contains("read only replica") || m.contains("unblocked")
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
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        if (cursor.isFinished()) {
            return CompletableFuture.completedFuture(new ScanPage(List.of(), ScanCursor.FINISHED));
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
        return current.client.rawConnection(write);
    }

    /** @return how many discoveries have run (the first one included), for tests of the rate limit */
    long discoveries() {
        return discoveries.get();
    }

    @Override
    public String describe() {
        Generation g = current;
        return "sentinel[service=" + settings.service + ", " + (g == null ? "no primary yet" : g.toString())
                + ", sentinels=" + settings.sentinels + "]";
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        watchers.forEach(SentinelWatcher::close);
        worker.shutdownNow();
        Generation g = current;
        if (g != null) {
            g.closeNow();
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
