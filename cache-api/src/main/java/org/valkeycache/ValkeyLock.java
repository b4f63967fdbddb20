package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.internal.Arguments;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.ValkeyClient;

/**
 * {@link CacheLock} on a {@link ValkeyClient}: valkey-py's {@code Lock} algorithm (SET NX PX
 * with a random token; release, extend and reacquire as compare-and-act Lua scripts), plus the
 * optional watchdog and fencing token.
 */
final class ValkeyLock implements CacheLock {

    private static final Logger LOG = LoggerFactory.getLogger(ValkeyLock.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Deletes the lock only if it still holds our token. */
    static final LuaScript RELEASE = LuaScript.of(
            "local token = redis.call('get', KEYS[1]) "
            + "if not token or token ~= ARGV[1] then return 0 end "
            + "redis.call('del', KEYS[1]) return 1");

    /** Adds to (ARGV[3] == '0') or replaces the lease, only if the lock holds our token and has a lease. */
    static final LuaScript EXTEND = LuaScript.of(
            "local token = redis.call('get', KEYS[1]) "
            + "if not token or token ~= ARGV[1] then return 0 end "
            + "local expiration = redis.call('pttl', KEYS[1]) "
            + "if not expiration then expiration = 0 end "
            + "if expiration < 0 then return 0 end "
            + "local newttl = ARGV[2] "
            + "if ARGV[3] == '0' then newttl = ARGV[2] + expiration end "
            + "redis.call('pexpire', KEYS[1], newttl) return 1");

    /** Resets the lease, only if the lock holds our token. */
    static final LuaScript REACQUIRE = LuaScript.of(
            "local token = redis.call('get', KEYS[1]) "
            + "if not token or token ~= ARGV[1] then return 0 end "
            + "redis.call('pexpire', KEYS[1], ARGV[2]) return 1");

    /** SET NX [PX] and, when it succeeds, INCR of the fencing counter, atomically. */
    static final LuaScript ACQUIRE_FENCED = LuaScript.of(
            "local ok "
            + "if ARGV[2] == '0' then ok = redis.call('set', KEYS[1], ARGV[1], 'NX') "
            + "else ok = redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) end "
            + "if ok then return redis.call('incr', KEYS[2]) end "
            + "return false");

    /** The held state of one acquisition. */
    private record Held(byte[] token, long fence, ScheduledFuture<?> renewal) {
    }

    private final String name;
    private final byte[] key;
    private final byte[] fenceKey;
    private final LockOptions options;
    private final ValkeyClient client;
    private final CacheCore core;
    private final ThreadLocal<Held> local;
    private final AtomicReference<Held> shared;

    /**
     * The fencing counter's key, in the lock key's hash slot so the acquiring script touches one
     * node of a cluster: {@code <lock key>:fence} when the lock key carries a hash tag (which then
     * applies to both), else <code>{&lt;lock key&gt;}:fence</code>, whose tag is the whole lock key.
     * A lock key with a stray <code>}</code> and no tag cannot be paired; it keeps
     * {@code <lock key>:fence} (a cluster then refuses the pair, naming both keys).
     */
    static byte[] fenceKeyOf(byte[] key) {
        String k = new String(key, StandardCharsets.UTF_8);
        int open = k.indexOf('{');
        int close = open < 0 ? -1 : k.indexOf('}', open + 1);
        boolean tagged = close > open + 1;
        String fence = tagged || k.indexOf('}') >= 0 ? k + ":fence" : "{" + k + "}:fence";
        return fence.getBytes(StandardCharsets.UTF_8);
    }

    ValkeyLock(String name, byte[] key, LockOptions options, CacheCore core) {
        this.name = name;
        this.key = key;
        this.fenceKey = fenceKeyOf(key);
        this.options = options;
        this.client = core.client();
        this.core = core;
        this.local = options.threadLocal() ? new ThreadLocal<>() : null;
        this.shared = options.threadLocal() ? null : new AtomicReference<>();
    }

    /** Waits for a client call with the cache's rules (bounded, errors translated naming the lock); no ignore policy. */
    private <T> T await(String command, CompletableFuture<T> reply) {
        return core.awaitUnguarded(reply, command, name);
    }

    private Held held() {
        return local != null ? local.get() : shared.get();
    }

    private void setHeld(Held h) {
        if (local != null) {
            if (h == null) {
                local.remove();
            } else {
                local.set(h);
            }
        } else {
            shared.set(h);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean acquire() {
        return acquire(options.blocking(), options.blockingTimeout());
    }

    @Override
    public boolean tryAcquire() {
        return acquire(false, null);
    }

    @Override
    public boolean acquire(boolean blocking, Duration blockingTimeout) {
        if (blockingTimeout != null && blockingTimeout.isNegative()) {
            throw new IllegalArgumentException("blocking timeout must not be negative, got " + blockingTimeout);
        }
        Held previous = held();
        if (previous != null) {
            if (owned()) {
                throw new IllegalStateException("lock '" + name + "' is already held by this holder; locks are not reentrant");
            }
            // the earlier acquisition's lease ran out: forget it and compete again
            setHeld(null);
            stopWatchdog(previous);
        }
        long sleepNanos = options.sleep().toNanos();
        long deadline = blocking && blockingTimeout != null ? System.nanoTime() + blockingTimeout.toNanos() : 0;
        while (true) {
            byte[] token = newToken();
            Long fence = tryOnce(token);
            if (fence != null) {
                setHeld(new Held(token, fence, startWatchdog(token)));
                return true;
            }
            if (!blocking) {
                return false;
            }
            if (blockingTimeout != null && System.nanoTime() + sleepNanos > deadline) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(sleepNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CacheLockException("interrupted while waiting for lock '" + name + "'", e);
            }
        }
    }

    /** @return the fencing number (0 without fencing) when acquired, null otherwise */
    private Long tryOnce(byte[] token) {
        return fenceOf(await("getLock.acquire", acquireCall(token)));
    }

    /** Sends one acquisition attempt with {@code token}. */
    private CompletableFuture<Object> acquireCall(byte[] token) {
        long leaseMillis = options.lease() == null ? 0 : options.lease().toMillis();
        if (options.fencing()) {
            return client.eval(ACQUIRE_FENCED, List.of(key, fenceKey), List.of(token, ascii(Long.toString(leaseMillis))));
        }
        // A lock token is not a cache value: sent as a command of its own rather than through
        // set(), so a client that wraps stored values (herd) leaves it as the scripts expect it.
        List<byte[]> argv = leaseMillis == 0 ? List.of(ascii("SET"), key, token, ascii("NX"))
                : List.of(ascii("SET"), key, token, ascii("NX"), ascii("PX"), ascii(Long.toString(leaseMillis)));
        return client.execute(true, List.of(key), argv);
    }

    /** @return the fencing number (0 without fencing) of an acquisition's reply, null when not acquired */
    private Long fenceOf(Object reply) {
        if (options.fencing()) {
            return reply instanceof Long n ? n : null;
        }
        return reply != null ? 0L : null;
    }

    @Override
    public CompletableFuture<Boolean> tryAcquireAsync(Executor executor) {
        Arguments.notNull(executor, "executor");
        if (local != null) {
            throw new IllegalStateException("lock '" + name + "' is thread-local; an asynchronous holder needs"
                    + " LockOptions.withThreadLocal(false)");
        }
        if (shared.get() != null) {
            throw new IllegalStateException("lock '" + name + "' is already held by this holder; release it first");
        }
        byte[] token = newToken();
        return core.async(executor, "getLock.acquire", flow -> core.request(flow, "getLock.acquire", name,
                () -> acquireCall(token)).thenApply(reply -> {
                    Long fence = fenceOf(reply);
                    if (fence == null) {
                        return false;
                    }
                    setHeld(new Held(token, fence, startWatchdog(token)));
                    return true;
                }));
    }

    private ScheduledFuture<?> startWatchdog(byte[] token) {
        if (!options.watchdog()) {
            return null;
        }
        long lease = options.lease().toMillis();
        long period = Math.max(1, lease / 3);
        return core.watchdog().scheduleAtFixedRate(() -> renew(token), period, period, TimeUnit.MILLISECONDS);
    }

    private void renew(byte[] token) {
        try {
            Object r = await("getLock.watchdog", client.eval(REACQUIRE, List.of(key),
                    List.of(token, ascii(Long.toString(options.lease().toMillis())))));
            if (!Long.valueOf(1L).equals(r)) {
                LOG.warn("lock '{}' was lost before its watchdog could renew it; renewal stops", name);
                throw new CacheLockNotOwnedException("lock '" + name + "' lost"); // ends the periodic task
            }
        } catch (CacheLockNotOwnedException e) {
            throw e;
        } catch (RuntimeException e) {
            // a transient failure: the next period tries again while the lease may still be valid
            LOG.warn("renewing lock '{}' failed: {}", name, e.toString());
        }
    }

    @Override
    public void release() {
        Object r = await("getLock.release", releaseCall(takeHeld()));
        if (!Long.valueOf(1L).equals(r)) {
            throw notOwnedAtRelease();
        }
    }

    @Override
    public CompletableFuture<Void> releaseAsync(Executor executor) {
        Arguments.notNull(executor, "executor");
        Held h = takeHeld();
        return core.async(executor, "getLock.release", flow -> core.request(flow, "getLock.release", name,
                () -> releaseCall(h)).thenApply(r -> {
                    if (!Long.valueOf(1L).equals(r)) {
                        throw notOwnedAtRelease();
                    }
                    return null;
                }));
    }

    /** Forgets this holder's acquisition (stopping its watchdog) for a release; fails when there is none. */
    private Held takeHeld() {
        Held h = held();
        if (h == null) {
            throw new CacheLockException("cannot release lock '" + name + "': it is not held by this holder");
        }
        setHeld(null);
        stopWatchdog(h);
        return h;
    }

    private CompletableFuture<Object> releaseCall(Held h) {
        return client.eval(RELEASE, List.of(key), List.of(h.token()));
    }

    private CacheLockNotOwnedException notOwnedAtRelease() {
        return new CacheLockNotOwnedException("cannot release lock '" + name
                + "': it is no longer owned by this holder (its lease expired); the current holder's lock was left alone");
    }

    private static void stopWatchdog(Held h) {
        if (h.renewal() != null) {
            h.renewal().cancel(false);
        }
    }

    @Override
    public boolean extend(Duration additional, boolean replaceTtl) {
        if (additional == null || additional.isNegative() || additional.isZero() || additional.toMillis() == 0) {
            throw new IllegalArgumentException("extend: additional time must be at least 1 ms, got " + additional);
        }
        Held h = requireLeasedHold("extend");
        Object r = await("getLock.extend", client.eval(EXTEND, List.of(key), List.of(h.token(),
                ascii(Long.toString(additional.toMillis())), ascii(replaceTtl ? "1" : "0"))));
        if (!Long.valueOf(1L).equals(r)) {
            throw new CacheLockNotOwnedException("cannot extend lock '" + name + "': it is no longer owned by this holder");
        }
        return true;
    }

    @Override
    public boolean reacquire() {
        Held h = requireLeasedHold("reacquire");
        Object r = await("getLock.reacquire", client.eval(REACQUIRE, List.of(key), List.of(h.token(),
                ascii(Long.toString(options.lease().toMillis())))));
        if (!Long.valueOf(1L).equals(r)) {
            throw new CacheLockNotOwnedException("cannot reacquire lock '" + name + "': it is no longer owned by this holder");
        }
        return true;
    }

    private Held requireLeasedHold(String what) {
        Held h = held();
        if (h == null) {
            throw new CacheLockException("cannot " + what + " lock '" + name + "': it is not held by this holder");
        }
        if (options.lease() == null) {
            throw new CacheLockException("cannot " + what + " lock '" + name + "': it has no lease (timeout)");
        }
        return h;
    }

    @Override
    public boolean locked() {
        return Boolean.TRUE.equals(await("getLock.locked", CacheCore.existsOnPrimary(client, key)));
    }

    @Override
    public boolean owned() {
        Held h = held();
        if (h == null) {
            return false;
        }
        // read on the primary: a replica may lag behind the lock's state
        Object stored = await("getLock.owned", client.execute(true, List.of(key),
                List.of(ascii("GET"), key)));
        return stored instanceof byte[] b && Arrays.equals(b, h.token());
    }

    @Override
    public long fencingToken() {
        if (!options.fencing()) {
            throw new IllegalStateException("lock '" + name + "' was made without LockOptions.withFencing()");
        }
        Held h = held();
        if (h == null) {
            throw new IllegalStateException("lock '" + name + "' is not held by this holder");
        }
        return h.fence();
    }

    @Override
    public void close() {
        if (held() != null) {
            release();
        }
    }

    private static byte[] newToken() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return ascii(HexFormat.of().formatHex(random));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "CacheLock[" + name + ", " + options + "]";
    }
}
