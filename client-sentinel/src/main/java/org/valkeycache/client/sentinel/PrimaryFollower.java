package org.valkeycache.client.sentinel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheException;
import org.valkeycache.CachePermissionException;
import org.valkeycache.client.glide.DefaultValkeyClient;
import org.valkeycache.client.sentinel.SentinelSettings.HostPort;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.metrics.CacheMetrics;

/**
 * Knows where the primary of a service is and keeps knowing it: discovery through the sentinels,
 * confirmation with {@code ROLE}, the watchers' announcements and the re-discoveries that failing
 * commands request, all serialised on one worker thread. The result is the {@link #current()}
 * {@link Generation}, swapped atomically; {@link SentinelValkeyClient} routes every call to it.
 */
final class PrimaryFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryFollower.class);
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
    /** The cache's meters, handed to every client swapped in; null until the cache binds them. */
    private CacheMetrics metrics;
    /** What the last sentinel that knew the service said. Worker thread only. */
    private Answer named;

    /**
     * Starts following the service: one watcher per sentinel, then the first discovery, which
     * this constructor waits for.
     *
     * @param config the cache configuration, for the data-node clients
     * @param settings the sentinel settings read from it
     * @param followAnnouncements false only in tests of the re-discovery that failing commands
     *     trigger: then no sentinel announcement is followed
     * @throws CacheConnectionException when no sentinel names a primary that confirms its role
     */
    PrimaryFollower(CacheConfig config, SentinelSettings settings, boolean followAnnouncements) {
        this.config = config;
        this.settings = settings;
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
                // sentinels answered but no primary confirmed: perhaps a failover in progress
                // (credential and permission faults are other types and are not retried)
                if (closed) {
                    throw e;
                }
                if (System.nanoTime() >= deadline) {
                    openUnconfirmed(e);
                    return;
                }
            }
            sleepQuietly(100);
        }
    }

    /**
     * The sentinels name a primary that does not answer (it is down, or a failover is under way):
     * the cache opens anyway, as the default client's does while its server is down, with calls
     * failing at once until a re-discovery (which every failing call requests) confirms a primary.
     */
    private void openUnconfirmed(CacheConnectionException why) {
        Answer answer = named;
        if (answer == null) {
            throw why;
        }
        List<ValkeyLocation> locations = new ArrayList<>();
        locations.add(settings.dataNode(answer.primary()));
        answer.replicas().forEach(r -> locations.add(settings.dataNode(r)));
        swap(new DefaultValkeyClient(config, locations), answer.primary(), answer.replicas(), "open", why.getMessage());
        LOG.warn("service {}: opened before its primary confirmed; commands fail until it does: {}", settings.service,
                why.getMessage());
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

    /** Why a sentinel or a candidate primary could not be used, and the exception type that fault calls for. */
    private record Refusal(String why, Class<? extends CacheException> type) {
    }

    /**
     * Asks the sentinels in turn and switches to the primary the first one names, once it confirms.
     *
     * @throws CacheConnectionException naming the service and each sentinel tried when none helped
     */
    private void discover(String why) {
        discoveries.incrementAndGet();
        List<String> notes = new ArrayList<>();
        Set<Class<? extends CacheException>> faults = new HashSet<>();
        boolean anyAnswered = false;
        boolean stale = false;
        for (HostPort sentinel : List.copyOf(order)) {
            Answer answer;
            try (SentinelConnection c = SentinelConnection.open(sentinel, settings)) {
                answer = ask(c);
            } catch (IOException | RuntimeException e) {
                notes.add(sentinel + " (" + reason(e) + ")");
                faults.add(faultType(e));
                continue;
            }
            anyAnswered = true;
            if (answer == null) {
                notes.add(sentinel + " (does not monitor '" + settings.service + "')");
                faults.add(CacheConnectionException.class);
                continue;
            }
            Generation g = current;
            named = answer;
            if (g != null && g.unconfirmed == null && g.primary.equals(answer.primary())
                    && g.replicas.equals(answer.replicas())) {
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
            Refusal refused = tryCandidate(answer.primary(), answer.replicas(), why + "; named by sentinel " + sentinel);
            if (refused == null) {
                prefer(sentinel);
                return;
            }
            notes.add(sentinel + " (named " + answer.primary() + ", which " + refused.why() + ")");
            faults.add(refused.type());
        }
        if (stale) {
            LOG.debug("service {}: keeping {}; {}", settings.service, current, notes);
            return;
        }
        String message = "service '" + settings.service + "': no sentinel named a primary that confirmed its role; tried "
                + String.join(", ", notes);
        // refused credentials or permissions everywhere are settings to fix, not an outage
        if (faults.equals(Set.of(CacheAuthenticationException.class))) {
            throw new CacheAuthenticationException(message);
        }
        if (faults.equals(Set.of(CachePermissionException.class))) {
            throw new CachePermissionException(message);
        }
        CacheConnectionException failure = new CacheConnectionException(message);
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
            Map<String, String> f = new HashMap<>();
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
                if (closed || g == null || (g.unconfirmed == null && g.primary.equals(primary))) {
                    return;
                }
                Refusal refused = tryCandidate(primary, List.of(), "+switch-master from sentinel " + sentinel);
                if (refused != null) {
                    LOG.warn("service {}: sentinel {} announced primary {}, which {}", settings.service, sentinel,
                            primary, refused.why());
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
                    if (closed || g == null || (g.unconfirmed == null && g.primary.equals(replica))
                            || tryCandidate(replica, List.of(), why) == null) {
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
    private Refusal tryCandidate(HostPort primary, List<HostPort> replicas, String why) {
        List<ValkeyLocation> locations = new ArrayList<>();
        locations.add(settings.dataNode(primary));
        replicas.forEach(r -> locations.add(settings.dataNode(r)));
        DefaultValkeyClient candidate;
        try {
            candidate = new DefaultValkeyClient(config, locations);
        } catch (CacheException e) {
            return new Refusal("could not be connected (" + e.getMessage() + ")", faultType(e));
        }
        String role;
        try {
            role = roleName(candidate.execute(true, List.of(), ROLE).get(settings.requestMillis + 1_000L, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            candidate.close();
            return new Refusal("did not answer ROLE (" + reason(e.getCause()) + ")", faultType(e.getCause()));
        } catch (TimeoutException e) {
            candidate.close();
            return new Refusal("did not answer ROLE within " + (settings.requestMillis + 1_000L) + " ms",
                    CacheConnectionException.class);
        } catch (InterruptedException e) {
            candidate.close();
            Thread.currentThread().interrupt();
            return new Refusal("could not be asked: interrupted", CacheConnectionException.class);
        }
        if (!"master".equals(role)) {
            candidate.close();
            return new Refusal("reports the role '" + role + "'", CacheConnectionException.class);
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
        swap(client, primary, replicas, why, null);
    }

    private void swap(DefaultValkeyClient client, HostPort primary, List<HostPort> replicas, String why, String unconfirmed) {
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
            current = new Generation(generationIds.incrementAndGet(), epoch, client, primary, replicas, replaced,
                    unconfirmed);
            if (metrics != null) {
                client.bindMetrics(metrics);
            }
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
    void requestRediscovery(String why) {
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
                } catch (RuntimeException e) {
                    LOG.warn("service {}: re-discovery ({}) failed: {}", settings.service, why, e.getMessage());
                }
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            rediscoveryQueued.set(false);
        }
    }

    /** The exception type a fault calls for: credentials and permissions are settings, anything else an outage. */
    private static Class<? extends CacheException> faultType(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CacheAuthenticationException || t instanceof CachePermissionException) {
            return ((CacheException) t).getClass();
        }
        if (t instanceof SentinelConnection.ErrorReply reply) {
            String m = String.valueOf(reply.getMessage());
            if (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH")) {
                return CacheAuthenticationException.class;
            }
            if (m.startsWith("NOPERM")) {
                return CachePermissionException.class;
            }
        }
        return CacheConnectionException.class;
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

    /** @return the generation calls go to now; never null once constructed */
    /** Binds the current client's meters, and those of every client swapped in later. */
    synchronized void bindMetrics(CacheMetrics cacheMetrics) {
        this.metrics = cacheMetrics;
        if (current != null) {
            current.client.bindMetrics(cacheMetrics);
        }
    }

    Generation current() {
        return current;
    }

    /** @return how many discoveries have run (the first one included), for tests of the rate limit */
    long discoveries() {
        return discoveries.get();
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
}
