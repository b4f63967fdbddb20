package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheLock;
import org.valkeycache.CacheLockException;
import org.valkeycache.CacheLockNotOwnedException;
import org.valkeycache.LockOptions;

/**
 * Named locks with valkey-py's semantics (leases, blocking, fencing, watchdog) on any topology.
 * Extended through {@link ValkeyCacheCompatibilityKit} or on its own.
 */
public abstract class LockContract extends ContractSupport {

    /** The cache whose locks are under test: key prefix {@code lk}. */
    protected BackendCommands cache;

    /** Subclassed by topologies. */
    protected LockContract() {
    }

    @BeforeEach
    void openCache() {
        cache = open(config().keyPrefix("lk"));
    }

    /** {@code locked()} asks the primary, so it sees an acquire or a release at once, replicas or not. */
    @Test
    void lockedSeesTheHoldersOwnAcquireAndReleaseAtOnce() {
        for (int i = 0; i < 20; i++) {
            CacheLock lock = cache.getLock("at-once-" + i);
            assertThat(lock.acquire()).isTrue();
            assertThat(lock.locked()).as("just acquired").isTrue();
            lock.release();
            assertThat(lock.locked()).as("just released").isFalse();
        }
    }

    @Test
    void acquireAndReleaseShowInHasKey() {
        CacheLock lock = cache.getLock("foobar");
        assertThat(lock.locked()).isFalse();
        assertThat(lock.acquire()).isTrue();
        settle();
        assertThat(cache.hasKey("foobar")).isTrue();
        assertThat(raw("EXISTS", "lk:1:foobar")).isEqualTo(1L);
        assertThat(lock.locked()).isTrue();
        assertThat(lock.owned()).isTrue();
        assertThat(cache.ttl("foobar")).as("no lease: held until released").isNull();
        lock.release();
        settle();
        assertThat(cache.hasKey("foobar")).isFalse();
        assertThat(lock.owned()).isFalse();
        assertThatThrownBy(lock::release).isInstanceOf(CacheLockException.class).hasMessageContaining("not held");
    }

    @Test
    void tryWithResourcesReleases() {
        try (CacheLock lock = cache.getLock("ctx")) {
            assertThat(lock.acquire()).isTrue();
            settle();
            assertThat(cache.hasKey("ctx")).isTrue();
        }
        settle();
        assertThat(cache.hasKey("ctx")).isFalse();
        try (CacheLock never = cache.getLock("never-acquired")) {
            assertThat(never.name()).isEqualTo("never-acquired");
        }
    }

    @Test
    void deprecatedAliasWorks() {
        @SuppressWarnings("deprecation")
        CacheLock lock = cache.lock("alias");
        assertThat(lock.tryAcquire()).isTrue();
        lock.release();
    }

    @Test
    void nonBlockingAcquireFailsAtOnceWhenHeld() throws Exception {
        CacheLock holder = cache.getLock("nb");
        assertThat(holder.acquire()).isTrue();
        CacheLock other = cache.getLock("nb", LockOptions.defaults().withBlocking(false));
        long start = System.nanoTime();
        assertThat(CompletableFuture.supplyAsync(other::acquire).get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        holder.release();
        assertThat(CompletableFuture.supplyAsync(other::tryAcquire).get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void blockingTimeoutGivesUpAfterItsTime() throws Exception {
        CacheLock holder = cache.getLock("bt");
        assertThat(holder.acquire()).isTrue();
        CacheLock waiter = cache.getLock("bt", LockOptions.defaults().withBlockingTimeout(Duration.ofMillis(400))
                .withSleep(Duration.ofMillis(50)));
        long start = System.nanoTime();
        assertThat(CompletableFuture.supplyAsync(waiter::acquire).get(5, TimeUnit.SECONDS)).isFalse();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
        // a blocking acquisition gets the lock as soon as it is released
        CompletableFuture<Boolean> pending = CompletableFuture.supplyAsync(
                () -> waiter.acquire(true, Duration.ofSeconds(5)));
        Thread.sleep(200);
        assertThat(pending).isNotDone();
        holder.release();
        assertThat(pending.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void leaseExpiryThenReleaseByTheOldHolderRaisesNotOwnedAndLeavesTheNewLockAlone() throws Exception {
        // 500 ms: at load 20 an acquire plus a replica catching up took over 200 ms (PTTL read 0)
        LockOptions lease = LockOptions.defaults().withLease(Duration.ofMillis(500));
        CacheLock old = cache.getLock("lease", lease);
        long since = System.nanoTime();
        assertThat(old.acquire()).isTrue();
        assertRemaining("the lease, on the node holding it", rawPttl(cache.makeKey("lease")), Duration.ofMillis(500), since);
        sleepUntil(since, 700);
        assertThat(old.locked()).isFalse();
        CacheLock fresh = cache.getLock("lease", LockOptions.defaults().withLease(Duration.ofSeconds(10)));
        assertThat(CompletableFuture.supplyAsync(fresh::tryAcquire).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(old.owned()).isFalse();
        assertThatThrownBy(old::release).isInstanceOf(CacheLockNotOwnedException.class).hasMessageContaining("lease");
        settle();
        assertThat(cache.hasKey("lease")).as("the new holder's lock is intact").isTrue();
        assertThatThrownBy(old::release).isInstanceOf(CacheLockException.class);
    }

    @Test
    void extendAndReacquire() throws Exception {
        CacheLock lock = cache.getLock("ext", LockOptions.defaults().withLease(Duration.ofSeconds(10)));
        assertThat(lock.acquire()).isTrue();
        assertThat(lock.extend(Duration.ofSeconds(20), false)).isTrue();
        settle();
        assertThat(cache.ttl("ext")).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(30));
        assertThat(lock.extend(Duration.ofSeconds(5), true)).isTrue();
        settle();
        assertThat(cache.ttl("ext")).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(lock.reacquire()).isTrue();
        settle();
        assertThat(cache.ttl("ext")).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThatThrownBy(() -> lock.extend(Duration.ZERO, false)).isInstanceOf(IllegalArgumentException.class);
        lock.release();
        assertThatThrownBy(() -> lock.extend(Duration.ofSeconds(1), false)).isInstanceOf(CacheLockException.class)
                .hasMessageContaining("not held");
        assertThatThrownBy(lock::reacquire).isInstanceOf(CacheLockException.class);

        CacheLock noLease = cache.getLock("nolease");
        assertThat(noLease.acquire()).isTrue();
        assertThatThrownBy(() -> noLease.extend(Duration.ofSeconds(1), false)).isInstanceOf(CacheLockException.class)
                .hasMessageContaining("no lease");
        assertThatThrownBy(noLease::reacquire).isInstanceOf(CacheLockException.class).hasMessageContaining("no lease");
        noLease.release();

        CacheLock lost = cache.getLock("lost", LockOptions.defaults().withLease(Duration.ofMillis(100)));
        assertThat(lost.acquire()).isTrue();
        Thread.sleep(250);
        assertThatThrownBy(() -> lost.extend(Duration.ofSeconds(1), false)).isInstanceOf(CacheLockNotOwnedException.class);
        assertThatThrownBy(lost::reacquire).isInstanceOf(CacheLockNotOwnedException.class);
    }

    @Test
    void theTokenIsPerThreadUnlessSharedIsAsked() throws Exception {
        CacheLock perThread = cache.getLock("pt");
        assertThat(perThread.acquire()).isTrue();
        assertThatThrownBy(() -> CompletableFuture.runAsync(perThread::release).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CacheLockException.class);
        assertThat(CompletableFuture.supplyAsync(perThread::owned).get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(perThread.owned()).isTrue();
        perThread.release();

        CacheLock shared = cache.getLock("shared", LockOptions.defaults().withThreadLocal(false));
        assertThat(shared.acquire()).isTrue();
        CompletableFuture.runAsync(shared::release).get(5, TimeUnit.SECONDS);
        settle();
        assertThat(cache.hasKey("shared")).isFalse();
    }

    @Test
    void locksAreNotReentrant() {
        CacheLock lock = cache.getLock("re");
        assertThat(lock.acquire()).isTrue();
        assertThatThrownBy(lock::acquire).isInstanceOf(IllegalStateException.class).hasMessageContaining("reentrant");
        lock.release();
    }

    @Test
    void aLapsedAcquisitionDoesNotBlockTheNextOne() throws Exception {
        // 500 ms: owned() must still fall within the second lease (a 100 ms one ran out at load 10)
        CacheLock lock = cache.getLock("lapsed", LockOptions.defaults().withLease(Duration.ofMillis(500)));
        assertThat(lock.acquire()).isTrue();
        Thread.sleep(600);
        long since = System.nanoTime();
        assertThat(lock.acquire()).as("the old lease ran out, so this is not re-entry").isTrue();
        boolean owned = lock.owned();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
        assertThat(owned || elapsed >= 500).as("owned within the new lease (read %d ms after the acquire began)", elapsed)
                .isTrue();
        if (owned) {
            lock.release();
        }
    }

    @Test
    void contentionNeverHasTwoHoldersAtOnce() throws Exception {
        int threads = 16;
        int rounds = 100;
        CacheLock lock = cache.getLock("contended", LockOptions.defaults().withLease(Duration.ofSeconds(10))
                .withSleep(Duration.ofMillis(1)));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        long[] counter = {0}; // a non-atomic read-modify-write, protected only by the lock
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    assertThat(lock.acquire()).isTrue();
                    try {
                        if (inside.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        long read = counter[0];
                        Thread.yield();
                        counter[0] = read + 1;
                        inside.decrementAndGet();
                    } finally {
                        lock.release();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(overlaps).hasValue(0);
        assertThat(counter[0]).isEqualTo((long) threads * rounds);
    }

    @Test
    void fencingTokensGrowWithEveryAcquisition() throws Exception {
        LockOptions fenced = LockOptions.defaults().withFencing().withLease(Duration.ofSeconds(10));
        CacheLock a = cache.getLock("fenced", fenced);
        assertThat(a.acquire()).isTrue();
        long first = a.fencingToken();
        settle();
        assertThat(cache.ttl("fenced")).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        a.release();
        assertThat(a.acquire()).isTrue();
        long second = a.fencingToken();
        assertThat(second).isGreaterThan(first);
        CacheLock b = cache.getLock("fenced", fenced.withBlocking(false));
        assertThat(CompletableFuture.supplyAsync(b::acquire).get(5, TimeUnit.SECONDS)).isFalse();
        a.release();
        long third = CompletableFuture.supplyAsync(() -> {
            b.acquire();
            long t = b.fencingToken();
            b.release();
            return t;
        }).get(5, TimeUnit.SECONDS);
        assertThat(third).isGreaterThan(second);
        CacheLock noLeaseFenced = cache.getLock("fenced2", LockOptions.defaults().withFencing());
        assertThat(noLeaseFenced.acquire()).isTrue();
        settle();
        assertThat(cache.ttl("fenced2")).isNull();
        noLeaseFenced.release();
        assertThatThrownBy(() -> cache.getLock("plain").fencingToken()).isInstanceOf(IllegalStateException.class);
    }

    /**
     * The lease of the watchdog test. The watchdog renews every third of it, so a renewal may come
     * two thirds of it late: 300 ms (200 ms of slack) lapsed on a machine at load 20, where
     * renewals were seen up to 300 ms late; 1 s leaves 667 ms.
     */
    static final Duration WATCHDOG_LEASE = Duration.ofSeconds(1);

    @Test
    void theWatchdogKeepsALeaseAliveWhileHeldAndStopsAtRelease() throws Exception {
        long lease = WATCHDOG_LEASE.toMillis();
        LockOptions watched = LockOptions.defaults().withLease(WATCHDOG_LEASE).withWatchdog();
        // three locks side by side, so that the waits overlap: 10/3 leases in all, not 20/3 one after the other
        CacheLock lock = cache.getLock("wd", watched);
        CacheLock released = cache.getLock("wd-released", watched);
        CacheLock plain = cache.getLock("nowd", LockOptions.defaults().withLease(WATCHDOG_LEASE));
        long start = System.nanoTime();
        assertThat(lock.acquire()).isTrue();
        assertThat(released.acquire()).isTrue();
        assertThat(plain.acquire()).isTrue();

        sleepUntil(start, lease);
        released.release(); // after its watchdog renewed it; the key must stay gone from now on
        sleepUntil(start, 2 * lease);
        assertThat(plain.owned()).as("without a watchdog the lease lapses").isFalse();
        sleepUntil(start, lease * 10 / 3);
        assertThat(lock.owned()).as("renewed past three leases").isTrue();
        settle();
        assertThat(cache.pttl("wd").toMillis()).isBetween(1L, lease);
        assertThat(cache.hasKey("wd-released")).as("no renewal after the release, %s ms ago", 7 * lease / 3).isFalse();
        lock.release();
        settle();
        assertThat(cache.hasKey("wd")).isFalse();

        assertThatThrownBy(() -> LockOptions.defaults().withWatchdog()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease");
    }

    private static void sleepUntil(long startNanos, long millisAfter) throws InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(startNanos + TimeUnit.MILLISECONDS.toNanos(millisAfter) - System.nanoTime());
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    @Test
    void asyncAttemptsAndReleasesShareTheLockWithBlockingHolders() throws Exception {
        Executor direct = Runnable::run;
        LockOptions shared = LockOptions.defaults().withLease(Duration.ofSeconds(10)).withThreadLocal(false);
        CacheLock async = cache.getLock("alock", shared);
        CacheLock blocking = cache.getLock("alock", shared.withBlocking(false));
        assertThat(async.tryAcquireAsync(direct).get(5, TimeUnit.SECONDS)).isTrue();
        settle();
        assertThat(cache.pttl("alock").toMillis()).isBetween(9_000L, 10_000L);
        assertThat(async.owned()).isTrue();
        assertThat(blocking.tryAcquire()).as("held by the async holder").isFalse();
        assertThatThrownBy(() -> async.tryAcquireAsync(direct)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already held");
        async.releaseAsync(direct).get(5, TimeUnit.SECONDS);
        settle();
        assertThat(cache.hasKey("alock")).isFalse();
        assertThatThrownBy(() -> async.releaseAsync(direct)).isInstanceOf(CacheLockException.class)
                .hasMessageContaining("not held");

        assertThat(blocking.tryAcquire()).isTrue();
        assertThat(async.tryAcquireAsync(direct).get(5, TimeUnit.SECONDS)).as("held by the blocking holder").isFalse();
        blocking.release();

        CacheLock lapsing = cache.getLock("alock", LockOptions.defaults().withLease(Duration.ofMillis(100))
                .withThreadLocal(false));
        assertThat(lapsing.tryAcquireAsync(direct).get(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(250);
        assertThat(blocking.tryAcquire()).isTrue();
        assertThatThrownBy(() -> lapsing.releaseAsync(direct).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CacheLockNotOwnedException.class);
        assertThat(blocking.owned()).as("the new holder's lock is left alone").isTrue();
        blocking.release();
        assertThatThrownBy(() -> cache.getLock("tl").tryAcquireAsync(direct)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withThreadLocal(false)");
    }

    @Test
    void lockNamesGoThroughKeyMaking() {
        CacheLock lock = cache.getLock("named");
        assertThat(lock.acquire()).isTrue();
        assertThat(raw("EXISTS", "lk:1:named")).isEqualTo(1L);
        CacheLock v2 = cache.withVersion(2).getLock("named");
        assertThat(v2.tryAcquire()).as("another version is another lock").isTrue();
        v2.release();
        lock.release();
        assertThatThrownBy(() -> cache.getLock("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.getLock("x", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
