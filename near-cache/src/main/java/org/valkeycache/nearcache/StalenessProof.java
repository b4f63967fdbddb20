package org.valkeycache.nearcache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The staleness proof: heartbeat {@code n} is a write of its own key under the tracked prefix,
 * sent at {@code sentAt(n)}. Once both its reply (the server applied it, in the database the
 * near cache was filled from) and its invalidation (the listener has read everything the server
 * sent it before) are back, every write acknowledged before {@code sentAt(n)} has been
 * invalidated here: the server applies a write before acknowledging it, applies the heartbeat
 * after that, and sends invalidations on the listener's connection in the order it applies the
 * writes, before it replies to the writer. So while {@code now - proven <= maxStaleness}, where
 * {@code proven} is the latest such {@code sentAt}, no hit is older than a write acknowledged more
 * than {@code maxStaleness} before it.
 *
 * <p>{@link #reset} (listener lost or re-established) forgets the proof: only heartbeats sent
 * after it count. Thread-safe; the clock is injected for tests.
 */
final class StalenessProof {

    /** No proof yet. */
    static final long NEVER = Long.MIN_VALUE;

    private static final int ACKNOWLEDGED = 1;
    private static final int INVALIDATED = 2;

    private final LongSupplier clock;
    private final long maxStalenessNanos;
    private final ConcurrentMap<Long, Beat> beats = new ConcurrentHashMap<>();
    private volatile long proven = NEVER;
    private volatile long resetAt;

    private static final class Beat {
        final long sentAt;
        int state;

        Beat(long sentAt) {
            this.sentAt = sentAt;
        }
    }

    StalenessProof(LongSupplier clock, long maxStalenessNanos) {
        this.clock = clock;
        this.maxStalenessNanos = maxStalenessNanos;
        this.resetAt = clock.getAsLong();
    }

    /** Records heartbeat {@code seq} as sent now; call right before sending it. */
    void sent(long seq) {
        beats.put(seq, new Beat(clock.getAsLong()));
    }

    /** The server's reply to heartbeat {@code seq} arrived (and confirmed the database). */
    void acknowledged(long seq) {
        mark(seq, ACKNOWLEDGED);
    }

    /** The listener read the invalidation of heartbeat {@code seq}'s key. */
    void invalidated(long seq) {
        mark(seq, INVALIDATED);
    }

    /** Heartbeat {@code seq} failed or was refused: it proves nothing. */
    void failed(long seq) {
        beats.remove(seq);
    }

    private void mark(long seq, int flag) {
        Beat b = beats.get(seq);
        if (b == null) {
            return;
        }
        boolean complete;
        synchronized (b) {
            b.state |= flag;
            complete = b.state == (ACKNOWLEDGED | INVALIDATED);
        }
        if (!complete) {
            return;
        }
        synchronized (this) {
            if (b.sentAt >= resetAt && (proven == NEVER || b.sentAt > proven)) {
                proven = b.sentAt;
            }
            beats.keySet().removeIf(s -> s <= seq);
        }
    }

    /** Forgets the proof: heartbeats sent before now no longer count. */
    synchronized void reset() {
        resetAt = clock.getAsLong();
        proven = NEVER;
    }

    /** @return whether a hit may be served now */
    boolean fresh() {
        long p = proven;
        return p != NEVER && clock.getAsLong() - p <= maxStalenessNanos;
    }

    /** @return nanoseconds since the proven heartbeat was sent, or -1 without a proof */
    long ageNanos() {
        long p = proven;
        return p == NEVER ? -1 : clock.getAsLong() - p;
    }

    /** @return heartbeats sent and not yet proven or failed */
    int outstanding() {
        return beats.size();
    }
}
