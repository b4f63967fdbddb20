package org.valkeycache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A named lease lock with valkey-py's {@code Lock} semantics, from
 * {@link BackendCommands#getLock(String, LockOptions)}.
 *
 * <p>Acquiring sets the lock key with {@code SET NX PX} to a random token made for that
 * acquisition; releasing, extending and reacquiring are Lua scripts that act only while the key
 * still holds that token, so a holder whose lease expired can never remove or extend someone
 * else's lock. It is a lease lock on one primary, not a consensus lock: if the primary fails over
 * before a replica received the lock, two holders can exist; with a lease, work that outlives it
 * is unprotected (use {@link LockOptions#withFencing()} to let the resource tell). Not reentrant.
 *
 * <p>{@link #close()} releases the lock if this holder holds it, so try-with-resources works:
 * <pre>{@code
 * try (CacheLock lock = cache.getLock("report", LockOptions.defaults().withLease(Duration.ofSeconds(30)))) {
 *     if (lock.acquire()) { ... }
 * }
 * }</pre>
 */
public interface CacheLock extends AutoCloseable {

    /** @return the lock name as given */
    String name();

    /**
     * Acquires as the options say (blocking or not, with the blocking timeout). Waiting happens on
     * the calling thread, sleeping between attempts.
     *
     * @return whether the lock is now held by this holder
     * @throws IllegalStateException if this holder still holds it (locks are not reentrant); an
     *     earlier acquisition whose lease ran out does not count
     */
    boolean acquire();

    /**
     * Acquires with an explicit blocking mode.
     *
     * @param blocking whether to wait
     * @param blockingTimeout how long to wait at most (null: no limit); ignored when not blocking
     * @return whether the lock is now held by this holder
     */
    boolean acquire(boolean blocking, Duration blockingTimeout);

    /**
     * One attempt, no waiting.
     *
     * @return whether the lock is now held by this holder
     */
    boolean tryAcquire();

    /**
     * One attempt, no waiting, without blocking the caller: {@link #tryAcquire()} as a future, for
     * code that waits by scheduling its next attempt rather than by sleeping (the Spring adapter's
     * load lease). Only for a lock shared by its holders ({@link LockOptions#withThreadLocal}
     * false): a future has no owning thread.
     *
     * @param executor completes the future (never the client's callback threads)
     * @return a future of whether the lock is now held by this holder; a server failure fails it
     *     with the typed {@link CacheException}
     * @throws IllegalStateException if the lock is thread-local, or this holder holds it
     * @throws CacheUnsupportedOperationException when the implementation has no asynchronous path
     */
    default CompletableFuture<Boolean> tryAcquireAsync(Executor executor) {
        throw new CacheUnsupportedOperationException(getClass().getName() + " has no asynchronous lock path");
    }

    /**
     * {@link #release()} without blocking the caller.
     *
     * @param executor completes the future (never the client's callback threads)
     * @return a future completing when released; failed with {@link CacheLockNotOwnedException}
     *     when the lease expired and the lock is no longer this holder's
     * @throws CacheLockException if this holder did not acquire it
     * @throws CacheUnsupportedOperationException when the implementation has no asynchronous path
     */
    default CompletableFuture<Void> releaseAsync(Executor executor) {
        throw new CacheUnsupportedOperationException(getClass().getName() + " has no asynchronous lock path");
    }

    /**
     * Releases the lock.
     *
     * @throws CacheLockException if this holder did not acquire it
     * @throws CacheLockNotOwnedException if the lease expired and the lock is no longer this holder's
     *     (a new holder's lock is left alone)
     */
    void release();

    /**
     * Adds time to the lease ({@code replaceTtl} false) or sets the lease to {@code additional}
     * (true).
     *
     * @param additional the time, positive
     * @param replaceTtl whether to replace the remaining time instead of adding to it
     * @return true
     * @throws CacheLockException if not held, or the lock has no lease
     * @throws CacheLockNotOwnedException if the lock is no longer this holder's
     */
    boolean extend(Duration additional, boolean replaceTtl);

    /**
     * Resets the lease to its full length.
     *
     * @return true
     * @throws CacheLockException if not held, or the lock has no lease
     * @throws CacheLockNotOwnedException if the lock is no longer this holder's
     */
    boolean reacquire();

    /** @return whether anyone holds the lock */
    boolean locked();

    /** @return whether this holder holds the lock (its token is in the key) */
    boolean owned();

    /**
     * The fencing token of the current acquisition (with {@link LockOptions#withFencing()}).
     *
     * @return a number larger than that of every earlier acquisition of this lock
     * @throws IllegalStateException if fencing is off or the lock is not held by this holder
     */
    long fencingToken();

    /**
     * Releases the lock if this holder acquired it; does nothing otherwise.
     *
     * @throws CacheLockNotOwnedException if it was acquired but lost meanwhile
     */
    @Override
    void close();
}
