package org.valkeycache.nearcache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.ValkeyClient;

/**
 * The heartbeats the {@link StalenessProof} is made of. Heartbeat {@code n} writes its own key,
 * {@code <tracked prefix>__near__:<instance>:<n>}, through the wrapped client (so through the
 * same connections and the same primary as every load), and in the same Lua call checks and
 * rewrites a marker key, {@code <tracked prefix>__near__:<instance>:db}: if the marker does not
 * hold the token the previous heartbeat wrote, the database under us changed without an
 * invalidation ({@code SWAPDB}, a restart, a failover to a node that lost writes) and the near
 * cache is cleared. One heartbeat is in flight at a time, so replies are handled in order; one
 * whose outcome is unknown (an error, a timeout) clears too.
 *
 * <p>The keys live outside every version of the cache's keys (a version is a number), so the
 * cache's own pattern operations never see them; they expire by themselves.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    /**
     * Checks the marker, rewrites it, writes this heartbeat's key; 1 if the marker was as expected.
     * The writes are {@code PSETEX} (the same as {@code SET PX}) so that the heartbeats, several a
     * second per node, show in {@code INFO commandstats} under a command of their own instead of
     * adding to the application's {@code SET} count.
     */
    static final LuaScript SCRIPT = LuaScript.of(
            "local same = redis.call('GET', KEYS[1]) == ARGV[1]\n"
            + "redis.call('PSETEX', KEYS[1], ARGV[3], ARGV[2])\n"
            + "redis.call('PSETEX', KEYS[2], ARGV[4], ARGV[2])\n"
            + "if same then return 1 else return 0 end");

    /** What a key the listener reports is, besides a heartbeat number (zero or more). */
    static final long NOT_OURS = -1;
    static final long OTHER_NEAR_CACHE_KEY = -2;

    private static final byte[] MARKER_TTL_MILLIS = bytes(Long.toString(Duration.ofMinutes(10).toMillis()));
    private static final byte[] BEAT_TTL_MILLIS = bytes("5000");
    private static final byte[] NEAR_TAG = bytes("__near__:");

    private final ValkeyClient client;
    private final StalenessProof proof;
    private final LongSupplier clock;
    private final Runnable clear;
    private final String cacheName;
    private final int trackedLength;
    private final String instance;
    private final byte[] beatPrefix;
    private final byte[] markerKey;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile long lastAck;
    private long seq;
    private String lastToken = "";

    /**
     * @param clear clears the near cache (and counts it) when a heartbeat finds another database
     *     or its outcome is unknown
     */
    Heartbeat(ValkeyClient client, String trackedPrefix, StalenessProof proof, LongSupplier clock, Runnable clear,
            String cacheName) {
        this.client = client;
        this.proof = proof;
        this.clock = clock;
        this.clear = clear;
        this.cacheName = cacheName;
        this.trackedLength = bytes(trackedPrefix).length;
        this.instance = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        this.beatPrefix = bytes(trackedPrefix + "__near__:" + instance + ":");
        this.markerKey = bytes(trackedPrefix + "__near__:" + instance + ":db");
        this.lastAck = clock.getAsLong() - Duration.ofDays(1).toNanos();
    }

    /** Sends the next heartbeat unless one is in flight. Not for concurrent use (one heartbeat thread). */
    void beat() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        long n = ++seq;
        String expected = lastToken;
        String token = instance + ":" + n;
        lastToken = token;
        byte[] beatKey = bytes(new String(beatPrefix, StandardCharsets.UTF_8) + n);
        proof.sent(n);
        CompletableFuture<Object> reply;
        try {
            reply = client.eval(SCRIPT, List.of(markerKey, beatKey),
                    List.of(bytes(expected), bytes(token), MARKER_TTL_MILLIS, BEAT_TTL_MILLIS));
        } catch (RuntimeException e) {
            failed(n, e);
            return;
        }
        reply.whenComplete((r, e) -> {
            if (e != null) {
                failed(n, e);
                return;
            }
            lastAck = clock.getAsLong();
            if (Long.valueOf(1).equals(r)) {
                proof.acknowledged(n);
            } else {
                proof.failed(n);
                if (n > 1) {
                    clear.run();
                }
            }
            inFlight.set(false);
        });
    }

    private void failed(long n, Throwable e) {
        proof.failed(n);
        clear.run();
        if (warned.compareAndSet(false, true)) {
            Throwable cause = e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            LOG.warn("near cache '{}': a heartbeat failed, reads bypass the near cache until one succeeds: {}",
                    cacheName, cause.toString());
        }
        inFlight.set(false);
    }

    /** @return when the server last answered a heartbeat (clock nanoseconds) */
    long lastAck() {
        return lastAck;
    }

    /**
     * What a key the listener reports is.
     *
     * @return the number of one of this near cache's heartbeats, {@link #OTHER_NEAR_CACHE_KEY} for
     *     its marker or another near cache's heartbeat key, {@link #NOT_OURS} for any other key
     */
    long seqOf(byte[] key) {
        if (!regionMatches(key, trackedLength, NEAR_TAG)) {
            return NOT_OURS;
        }
        if (!regionMatches(key, 0, beatPrefix)) {
            return OTHER_NEAR_CACHE_KEY;
        }
        try {
            return Long.parseLong(new String(key, beatPrefix.length, key.length - beatPrefix.length, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return OTHER_NEAR_CACHE_KEY;
        }
    }

    private static boolean regionMatches(byte[] a, int from, byte[] expected) {
        if (a.length < from + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (a[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
