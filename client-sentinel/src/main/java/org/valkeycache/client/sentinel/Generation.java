package org.valkeycache.client.sentinel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.client.glide.DefaultValkeyClient;

/**
 * One confirmed view of the service: the data-node client for a primary (and its replicas) and
 * the calls in flight on it. When a newer generation with the same primary replaces it (the
 * replicas changed), it is retired and closed as soon as its last in-flight call has ended. When
 * the primary changed, it is abandoned: the calls in flight fail at once with a connection error
 * (the old primary is dead, frozen or demoted, so waiting for their timeout only lengthens the
 * outage) and the client is closed.
 */
final class Generation {

    /** Sequence number; scan cursors carry it so that a scan never continues on another node set. */
    final long id;
    /** Counts primary changes only; a write acknowledged by an older primary epoch is not trusted. */
    final long primaryEpoch;
    final DefaultValkeyClient client;
    final SentinelSettings.HostPort primary;
    final List<SentinelSettings.HostPort> replicas;
    /** The primary this one took over from (null for the first); sentinels lagging behind may still name it. */
    final SentinelSettings.HostPort replaced;
    /**
     * Null once the primary has confirmed its role; otherwise why it has not (it could not be
     * reached when the cache was opened): calls then fail at once instead of going to it.
     */
    final String unconfirmed;

    private final AtomicLong inFlight = new AtomicLong();
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile CacheConnectionException abandoned;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    Generation(long id, long primaryEpoch, DefaultValkeyClient client, SentinelSettings.HostPort primary,
            List<SentinelSettings.HostPort> replicas, SentinelSettings.HostPort replaced, String unconfirmed) {
        this.id = id;
        this.replaced = replaced;
        this.unconfirmed = unconfirmed;
        this.primaryEpoch = primaryEpoch;
        this.client = client;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
    }

    /** Counts a call in; the caller must check afterwards that this generation is still current. */
    void enter() {
        inFlight.incrementAndGet();
    }

    /** Counts a call out, closing a retired generation after its last call. */
    void exit() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            closeNow();
        }
    }

    /**
     * Registers the caller's future of a call in flight, so that {@link #abandon} can fail it.
     *
     * @return false when this generation was abandoned meanwhile (the future has been failed)
     */
    boolean track(CompletableFuture<?> call) {
        pending.add(call);
        CacheConnectionException why = abandoned;
        if (why != null) {
            call.completeExceptionally(why);
            return false;
        }
        return true;
    }

    void untrack(CompletableFuture<?> call) {
        pending.remove(call);
    }

    /** Fails every call in flight with {@code why} and closes the data-node client. */
    void abandon(CacheConnectionException why) {
        abandoned = why;
        for (CompletableFuture<?> call : pending) {
            call.completeExceptionally(why);
        }
        closeNow();
    }

    /** Marks this generation replaced; it closes once no call is in flight on it. */
    void retire() {
        retired = true;
        if (inFlight.get() == 0) {
            closeNow();
        }
    }

    /** Closes the data-node client now, whatever is in flight (those calls fail as connection errors). */
    void closeNow() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "primary=" + primary + (unconfirmed == null ? "" : " (not confirmed yet)")
                + (replicas.isEmpty() ? "" : ", replicas=" + replicas);
    }
}
