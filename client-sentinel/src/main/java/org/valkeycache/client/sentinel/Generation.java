package org.valkeycache.client.sentinel;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.valkeycache.client.glide.DefaultValkeyClient;

/**
 * One confirmed view of the service: the data-node client for a primary (and its replicas) and
 * the calls in flight on it. When a newer generation replaces it, it is retired and closed as
 * soon as its last in-flight call has ended, so no caller ever issues a command on a closed client.
 */
final class Generation {

    /** Sequence number; scan cursors carry it so that a scan never continues on another node set. */
    final long id;
    /** Counts primary changes only; a write acknowledged by an older primary epoch is not trusted. */
    final long primaryEpoch;
    final DefaultValkeyClient client;
    final SentinelSettings.HostPort primary;
    final List<SentinelSettings.HostPort> replicas;

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    Generation(long id, long primaryEpoch, DefaultValkeyClient client, SentinelSettings.HostPort primary,
            List<SentinelSettings.HostPort> replicas) {
        this.id = id;
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
        return "primary=" + primary + (replicas.isEmpty() ? "" : ", replicas=" + replicas);
    }
}
