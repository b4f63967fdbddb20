package org.valkeycache;

import java.time.Duration;

/**
 * How a {@link CacheLock} behaves, with valkey-py's {@code Lock} defaults: no lease (held until
 * released), blocking acquisition that retries every 100 ms with no blocking timeout, and the
 * token kept per thread. Immutable; each {@code with...} returns a copy.
 *
 * <p>Two opt-in extras go beyond valkey-py: a {@linkplain #withWatchdog() watchdog} that renews
 * the lease while the lock is held, and {@linkplain #withFencing() fencing tokens}.
 */
public final class LockOptions {

    private static final LockOptions DEFAULTS =
            new LockOptions(null, Duration.ofMillis(100), true, null, true, false, false);

    private final Duration lease;
    private final Duration sleep;
    private final boolean blocking;
    private final Duration blockingTimeout;
    private final boolean threadLocal;
    private final boolean watchdog;
    private final boolean fencing;

    private LockOptions(Duration lease, Duration sleep, boolean blocking, Duration blockingTimeout,
            boolean threadLocal, boolean watchdog, boolean fencing) {
        this.lease = lease;
        this.sleep = sleep;
        this.blocking = blocking;
        this.blockingTimeout = blockingTimeout;
        this.threadLocal = threadLocal;
        this.watchdog = watchdog;
        this.fencing = fencing;
        if (watchdog && lease == null) {
            throw new IllegalArgumentException("a lock watchdog renews a lease: set withLease(...) too");
        }
    }

    /** @return valkey-py's defaults */
    public static LockOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The lease ({@code timeout} in valkey-py): the lock expires by itself this long after it
     * was acquired (or extended), so a crashed holder cannot keep it forever.
     *
     * @param lease positive; millisecond precision is kept
     * @return a copy with the lease
     */
    public LockOptions withLease(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero() || lease.toMillis() == 0) {
            throw new IllegalArgumentException("lock lease must be at least 1 ms, got " + lease);
        }
        return new LockOptions(lease, sleep, blocking, blockingTimeout, threadLocal, watchdog, fencing);
    }

    /** @return a copy without a lease: held until released */
    public LockOptions withoutLease() {
        return new LockOptions(null, sleep, blocking, blockingTimeout, threadLocal, false, fencing);
    }

    /**
     * @param sleep the pause between attempts of a blocking acquisition, positive
     * @return a copy
     */
    public LockOptions withSleep(Duration sleep) {
        if (sleep == null || sleep.isNegative() || sleep.isZero()) {
            throw new IllegalArgumentException("lock sleep must be positive, got " + sleep);
        }
        return new LockOptions(lease, sleep, blocking, blockingTimeout, threadLocal, watchdog, fencing);
    }

    /**
     * @param blocking whether {@link CacheLock#acquire()} waits for the lock (true) or tries once
     * @return a copy
     */
    public LockOptions withBlocking(boolean blocking) {
        return new LockOptions(lease, sleep, blocking, blockingTimeout, threadLocal, watchdog, fencing);
    }

    /**
     * @param timeout how long a blocking acquisition waits at most; null waits without limit
     * @return a copy
     */
    public LockOptions withBlockingTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("lock blocking timeout must not be negative, got " + timeout);
        }
        return new LockOptions(lease, sleep, blocking, timeout, threadLocal, watchdog, fencing);
    }

    /**
     * @param threadLocal true (the default) keeps the token per thread, so only the acquiring
     *     thread can release; false shares it, so another thread may release
     * @return a copy
     */
    public LockOptions withThreadLocal(boolean threadLocal) {
        return new LockOptions(lease, sleep, blocking, blockingTimeout, threadLocal, watchdog, fencing);
    }

    /**
     * Beyond valkey-py: while the lock is held, a background task renews the lease every third
     * of its length, so long work keeps the lock without choosing a huge lease, and a crashed
     * process still loses it within one lease. Renewal stops at release, or when the lock turns
     * out to be lost (then {@link CacheLock#owned()} is false). Needs a lease.
     *
     * @return a copy with the watchdog on
     */
    public LockOptions withWatchdog() {
        return new LockOptions(lease, sleep, blocking, blockingTimeout, threadLocal, true, fencing);
    }

    /**
     * Beyond valkey-py: every acquisition also increments a counter kept beside the lock (key
     * <code>{&lt;lock key&gt;}:fence</code>, in the lock key's hash slot, or {@code <lock key>:fence}
     * when the lock key has a hash tag of its own; never expiring) in the same script, so each holder gets a number
     * larger than every earlier holder's ({@link CacheLock#fencingToken()}). A protected resource
     * that remembers the largest token it has seen can refuse a stale holder whose lease expired.
     *
     * @return a copy with fencing on
     */
    public LockOptions withFencing() {
        return new LockOptions(lease, sleep, blocking, blockingTimeout, threadLocal, watchdog, true);
    }

    /** @return the lease, or null for none */
    public Duration lease() {
        return lease;
    }

    /** @return the pause between attempts */
    public Duration sleep() {
        return sleep;
    }

    /** @return whether acquisition blocks */
    public boolean blocking() {
        return blocking;
    }

    /** @return the blocking timeout, or null for none */
    public Duration blockingTimeout() {
        return blockingTimeout;
    }

    /** @return whether the token is kept per thread */
    public boolean threadLocal() {
        return threadLocal;
    }

    /** @return whether the watchdog renews the lease */
    public boolean watchdog() {
        return watchdog;
    }

    /** @return whether acquisitions get fencing tokens */
    public boolean fencing() {
        return fencing;
    }

    @Override
    public String toString() {
        return "LockOptions[lease=" + lease + ", sleep=" + sleep + ", blocking=" + blocking + ", blockingTimeout="
                + blockingTimeout + ", threadLocal=" + threadLocal + ", watchdog=" + watchdog + ", fencing="
                + fencing + "]";
    }
}
