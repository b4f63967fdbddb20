package org.valkeycache.client.herd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.CacheUnsupportedOperationException;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.internal.Arguments;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.Lookup;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * Stampede ("thundering herd") protection as a decorator over any other strategy, alias
 * {@code herd}: django-valkey's {@code HerdClient} on bytes, so it works under every serializer
 * and compressor and over every topology ({@code options.herd.delegate}: {@code default},
 * {@code sentinel}, {@code shard}, {@code cluster} or a class name; default {@code default}).
 *
 * <p>A write with a timeout {@code T} stores the encoded value in a {@link HerdEnvelope} carrying
 * its soft expiry ({@code now + T}) and keeps the key on the server for {@code T + H}, where
 * {@code H} is {@code options.herd.timeout} (default 60 s). A read of a value past its soft
 * expiry draws, as django-valkey does: with {@code x} the time since the soft expiry, the value is
 * stale when {@code x >= H}, otherwise when {@code x + r >= H} for a uniform {@code r} in
 * {@code [1, H]} (milliseconds here, whole seconds there). A caller whose draw says stale is told
 * "missing" and recomputes; the others keep getting the old value meanwhile.
 *
 * <p>Rules, as django-valkey's except where marked:
 * <ul>
 *   <li>{@code set}/{@code add} with a timeout wrap; without one ({@code NO_EXPIRY}) the value is
 *       stored plain. <b>Better:</b> {@code XX} is kept (django-valkey drops it), and raw numbers
 *       ({@link ValueCodec#isRawNumber}) are never wrapped and expire after exactly {@code T}, so
 *       {@code incr}/{@code decr} and {@code INCRBYFLOAT} work (django-valkey raises).</li>
 *   <li>{@code get}: stale or missing is {@code null}; bytes without the marker are a fresh plain
 *       value. {@code getMany}/{@code mget}: <b>better:</b> a stale key is {@code null}, so the
 *       cache leaves it out like a miss (django-valkey returns it with value {@code None}).</li>
 *   <li>{@code setMany} wraps each value; {@code mset} stores them plain, as django-valkey's.</li>
 *   <li>{@code pexpire}/{@code pexpireAt} (the cache's {@code touch} and {@code expire}) of a
 *       wrapped value re-wrap it with the new soft expiry and a real expiry {@code H} later; stale
 *       by the draw or missing, they answer false and change nothing (django-valkey's
 *       {@code touch}). {@code persist} stores a wrapped value plain and persistent. Plain values
 *       get the plain commands.</li>
 *   <li>{@code pttl} is the real expiry, {@code T + H} for a wrapped value. <b>Better:</b>
 *       {@code incrVersion} ({@link #rename}) moves the stored bytes as they are, so the soft and
 *       the real expiry stay where they were (django-valkey re-writes the value with its real TTL
 *       as the new timeout, so each version bump adds {@code H}).</li>
 *   <li>{@code getOrSet} ({@link #lookup}): a caller whose draw says stale recomputes and
 *       <b>overwrites</b> the stale value (django-valkey's {@code get_or_set} adds with
 *       {@code NX}, which fails while the stale key exists, so the new value is never stored).</li>
 *   <li><b>Single flight</b> ({@code options.herd.single_flight=true}): in {@code getOrSet}, every
 *       reader of a soft-expired value tries a short lock on the server ({@code SET
 *       herd:lock:<key> <token> NX PX <options.herd.lock_timeout>}, default 10 s); the one that
 *       gets it checks on the primary that the value is still stale and recomputes, the others get
 *       the stale value at once. The lock is released (compare-and-delete) when the new value is
 *       written or the computation fails, and expires by itself if its holder dies. Plain
 *       {@code get} keeps the draw.</li>
 * </ul>
 * The options it reads are declared with {@link PluginOptions}, which also claims the options of
 * the wrapped strategy ({@code tls.*}, {@code dispatch.*} for {@code default}).
 * Soft expiries are absolute times from the writer's clock: application servers should keep their
 * clocks in sync (as with django-valkey). Every other command passes to the delegate unchanged.
 * Thread-safe.
 */
@PluginOptions(value = {HerdValkeyClient.DELEGATE_OPTION, HerdValkeyClient.TIMEOUT_OPTION,
        HerdValkeyClient.SINGLE_FLIGHT_OPTION, HerdValkeyClient.LOCK_TIMEOUT_OPTION},
        delegateOption = HerdValkeyClient.DELEGATE_OPTION, delegateDefault = HerdValkeyClient.DEFAULT_DELEGATE)
public final class HerdValkeyClient implements ValkeyClient {

    /** Option naming the strategy this client wraps: an alias or a class name. */
    public static final String DELEGATE_OPTION = "herd.delegate";
    /** Option: how long a value stays readable after its soft expiry ({@code H}). */
    public static final String TIMEOUT_OPTION = "herd.timeout";
    /** Option: {@code true} for single-flight recomputation in {@code getOrSet}. */
    public static final String SINGLE_FLIGHT_OPTION = "herd.single_flight";
    /** Option: how long a single-flight lock lives unless released. */
    public static final String LOCK_TIMEOUT_OPTION = "herd.lock_timeout";

    /** The strategy wrapped unless {@code options.herd.delegate} names another: {@code default}. */
    public static final String DEFAULT_DELEGATE = "default";
    /** The herd timeout unless {@code options.herd.timeout} says otherwise: 60 seconds, as django-valkey. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The single-flight lock's lifetime unless {@code options.herd.lock_timeout} says otherwise: 10 seconds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** Prefix of single-flight lock keys, in front of the made key (outside every cache's key space). */
    static final byte[] LOCK_PREFIX = "herd:lock:".getBytes(StandardCharsets.US_ASCII);

    private static final Logger LOG = LoggerFactory.getLogger(HerdValkeyClient.class);
    private static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);

    /** Deletes the lock only if it still holds our token. */
    private static final LuaScript RELEASE = LuaScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0");

    /** TYPE and GET in one step: nil when missing, 0 for a key that is not a string, else its bytes. */
    private static final LuaScript READ_STRING = LuaScript.of("""
            local t = redis.call('TYPE', KEYS[1])['ok']
            if t == 'none' then return false end
            if t ~= 'string' then return 0 end
            return redis.call('GET', KEYS[1])""");

    private final ValkeyClient delegate;
    private final long herdMillis;
    private final boolean singleFlight;
    private final long lockMillis;
    private final LongSupplier clock;

    /** A single-flight lock this caller holds. */
    private record Lease(byte[] lockKey, byte[] token) {
    }

    private record Settings(long herdMillis, boolean singleFlight, long lockMillis) {
        static Settings of(CacheConfig config) {
            return new Settings(config.durationOption(TIMEOUT_OPTION, DEFAULT_TIMEOUT).toMillis(),
                    config.booleanOption(SINGLE_FLIGHT_OPTION, false),
                    config.durationOption(LOCK_TIMEOUT_OPTION, DEFAULT_LOCK_TIMEOUT).toMillis());
        }
    }

    /**
     * Creates the client from a configuration: reads the {@code options.herd.*} settings, then
     * creates the wrapped strategy with the same configuration.
     *
     * @param config the cache configuration
     * @throws CacheConfigurationException naming the option at fault, or when the delegate is
     *     the herd client itself or cannot be created
     */
    public HerdValkeyClient(CacheConfig config) {
        this(Settings.of(config), config);
    }

    private HerdValkeyClient(Settings settings, CacheConfig config) {
        this(createDelegate(config), settings.herdMillis(), settings.singleFlight(), settings.lockMillis(),
                System::currentTimeMillis);
    }

    /**
     * Wraps a strategy built in code.
     *
     * @param delegate the strategy that runs the commands; closed with this client
     * @param herdTimeout how long a value stays readable after its soft expiry, positive
     * @param singleFlight whether {@code getOrSet} recomputes a stale value in one caller only
     * @param lockTimeout lifetime of a single-flight lock, positive
     * @throws IllegalArgumentException for a null delegate or a non-positive duration
     */
    public HerdValkeyClient(ValkeyClient delegate, Duration herdTimeout, boolean singleFlight, Duration lockTimeout) {
        this(delegate, positiveMillis(herdTimeout, "herdTimeout"), singleFlight, positiveMillis(lockTimeout, "lockTimeout"),
                System::currentTimeMillis);
    }

    /** For tests: a clock of their own. */
    HerdValkeyClient(ValkeyClient delegate, long herdMillis, boolean singleFlight, long lockMillis, LongSupplier clock) {
        Arguments.notNull(delegate, "delegate");
        this.delegate = delegate;
        this.herdMillis = herdMillis;
        this.singleFlight = singleFlight;
        this.lockMillis = lockMillis;
        this.clock = clock;
    }

    private static long positiveMillis(Duration d, String name) {
        if (d == null || d.isNegative() || d.toMillis() <= 0) {
            throw new IllegalArgumentException(name + " must be a positive duration of at least 1 ms, got " + d);
        }
        return d.toMillis();
    }

    private static ValkeyClient createDelegate(CacheConfig config) {
        String name = config.option(DELEGATE_OPTION, DEFAULT_DELEGATE).trim();
        String className = Plugins.CLIENT_ALIASES.getOrDefault(name, name);
        if (name.isEmpty() || className.equals(HerdValkeyClient.class.getName())) {
            throw new CacheConfigurationException("options." + DELEGATE_OPTION + ": '" + name + "' cannot be wrapped by"
                    + " the herd client; name the strategy it decorates: default, sentinel, shard, cluster or a class name");
        }
        return Plugins.instantiate(className, ValkeyClient.class, config, "options." + DELEGATE_OPTION);
    }

    /**
     * The wrapped strategy.
     *
     * @return the delegate
     */
    public ValkeyClient delegate() {
        return delegate;
    }

    // ---- the staleness draw ------------------------------------------------------------------

    /**
     * django-valkey's draw, in milliseconds: fresh until the soft expiry; then, with {@code x}
     * the time past it, stale when {@code x >= herd}, else when {@code x + r >= herd} for a
     * uniform {@code r} in {@code [1, herd]}, so the chance grows from {@code 1/herd} to 1.
     */
    static boolean isStale(long now, long softExpiry, long herd, RandomGenerator random) {
        if (softExpiry >= now) {
            return false;
        }
        long x = now - softExpiry;
        return x >= herd || x + random.nextLong(1, herd + 1) >= herd;
    }

    private boolean drawsStale(byte[] envelope) {
        return isStale(clock.getAsLong(), HerdEnvelope.softExpiry(envelope), herdMillis, ThreadLocalRandom.current());
    }

    /** @return what a read returns for stored bytes: null when missing or stale by the draw */
    private byte[] fresh(byte[] key, byte[] stored) {
        if (stored == null || !HerdEnvelope.isEnvelope(stored)) {
            return stored;
        }
        try {
            return drawsStale(stored) ? null : HerdEnvelope.value(stored);
        } catch (CacheSerializationException e) {
            throw new CacheSerializationException("key '" + text(key) + "': " + e.getMessage(), e);
        }
    }

    private static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    // ---- writes ------------------------------------------------------------------------------

    /** Whether a write with this value and expiry is wrapped: a timeout, and not a raw number. */
    private static boolean wraps(byte[] value, long expiryMillis) {
        return expiryMillis > 0 && !ValueCodec.isRawNumber(value);
    }

    private byte[] pack(byte[] value, long softExpiryMillis) {
        return HerdEnvelope.pack(value, softExpiryMillis);
    }

    private long realExpiry(long expiryMillis) {
        long sum = expiryMillis + herdMillis;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private long softExpiryIn(long expiryMillis) {
        long sum = clock.getAsLong() + expiryMillis;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
        if (!wraps(value, expiryMillis)) {
            return delegate.set(key, value, condition, expiryMillis);
        }
        return delegate.set(key, pack(value, softExpiryIn(expiryMillis)), condition, realExpiry(expiryMillis));
    }

    /** Wraps the value as {@link #set} does, and unwraps what the key held (stale or not: it is there). */
    @Override
    public CompletableFuture<byte[]> addOrGet(byte[] key, byte[] value, long expiryMillis) {
        CompletableFuture<byte[]> before = wraps(value, expiryMillis)
                ? delegate.addOrGet(key, pack(value, softExpiryIn(expiryMillis)), realExpiry(expiryMillis))
                : delegate.addOrGet(key, value, expiryMillis);
        return before.thenApply(stored -> plain(key, stored));
    }

    /**
     * {@code GETEX} cannot change the soft expiry inside an envelope, so under herd a
     * time-to-idle read re-times the value as {@link #pexpire}/{@link #persist} do and then reads
     * it: two round trips. Zero removes the key ({@code GETDEL}) and answers the unwrapped value.
     */
    @Override
    public CompletableFuture<byte[]> getAndTouch(byte[] key, long expiryMillis) {
        if (expiryMillis == 0) {
            return delegate.getAndTouch(key, 0)
                    .thenApply(stored -> plain(key, stored));
        }
        CompletableFuture<Boolean> retimed = expiryMillis == NO_EXPIRY ? persist(key) : pexpire(key, expiryMillis);
        return retimed.thenCompose(ignored -> get(key));
    }

    @Override
    public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return delegate.mset(keys, values, expiryMillis);
    }

    @Override
    public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        if (expiryMillis <= 0) {
            return delegate.setMany(keys, values, expiryMillis);
        }
        long soft = softExpiryIn(expiryMillis);
        List<Integer> rawAt = new ArrayList<>();
        List<byte[]> packed = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            byte[] v = values.get(i);
            if (ValueCodec.isRawNumber(v)) {
                rawAt.add(i);
            } else {
                packed.add(pack(v, soft));
            }
        }
        if (rawAt.isEmpty()) {
            return delegate.setMany(keys, packed, realExpiry(expiryMillis));
        }
        if (packed.isEmpty()) {
            return delegate.setMany(keys, values, expiryMillis);
        }
        // Mixed: raw numbers keep exactly their timeout, wrapped values get H more; two pipelines.
        List<byte[]> rawKeys = new ArrayList<>(rawAt.size());
        List<byte[]> rawValues = new ArrayList<>(rawAt.size());
        List<byte[]> packedKeys = new ArrayList<>(packed.size());
        for (int i = 0, r = 0; i < keys.size(); i++) {
            if (r < rawAt.size() && rawAt.get(r) == i) {
                rawKeys.add(keys.get(i));
                rawValues.add(values.get(i));
                r++;
            } else {
                packedKeys.add(keys.get(i));
            }
        }
        return delegate.setMany(rawKeys, rawValues, expiryMillis)
                .thenCombine(delegate.setMany(packedKeys, packed, realExpiry(expiryMillis)), (rawDone, packedDone) -> {
                    List<Boolean> merged = new ArrayList<>(keys.size());
                    for (int i = 0, r = 0, p = 0; i < keys.size(); i++) {
                        merged.add((r < rawAt.size() && rawAt.get(r) == i) ? rawDone.get(r++) : packedDone.get(p++));
                    }
                    return merged;
                });
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public CompletableFuture<byte[]> get(byte[] key) {
        return delegate.get(key).thenApply(stored -> fresh(key, stored));
    }

    @Override
    public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
        return delegate.mget(keys).thenApply(stored -> freshAll(keys, stored));
    }

    @Override
    public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
        return delegate.getMany(keys).thenApply(stored -> freshAll(keys, stored));
    }

    private List<byte[]> freshAll(List<byte[]> keys, List<byte[]> stored) {
        List<byte[]> out = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            out.add(fresh(keys.get(i), stored.get(i)));
        }
        return out;
    }

    // ---- getOrSet: recompute and single flight -----------------------------------------------

    @Override
    public CompletableFuture<Lookup> lookup(byte[] key) {
        return delegate.get(key).thenCompose(stored -> {
            if (stored == null) {
                return CompletableFuture.completedFuture(Lookup.miss());
            }
            if (!HerdEnvelope.isEnvelope(stored)) {
                return CompletableFuture.completedFuture(Lookup.hit(stored));
            }
            long soft = softExpiryOf(key, stored);
            if (soft >= clock.getAsLong()) {
                return CompletableFuture.completedFuture(Lookup.hit(HerdEnvelope.value(stored)));
            }
            if (singleFlight) {
                return leaseOrServeStale(key, stored);
            }
            return CompletableFuture.completedFuture(drawsStale(stored) ? Lookup.recompute(null)
                    : Lookup.hit(HerdEnvelope.value(stored)));
        });
    }

    private long softExpiryOf(byte[] key, byte[] envelope) {
        try {
            return HerdEnvelope.softExpiry(envelope);
        } catch (CacheSerializationException e) {
            throw new CacheSerializationException("key '" + text(key) + "': " + e.getMessage(), e);
        }
    }

    /**
     * Single flight: the caller that takes the lock recomputes (after checking on the primary that
     * nobody has already); every other caller gets the stale value at once.
     */
    private CompletableFuture<Lookup> leaseOrServeStale(byte[] key, byte[] stale) {
        Lease lease = new Lease(lockKey(key), newToken());
        return delegate.set(lease.lockKey(), lease.token(), SetCondition.IF_ABSENT, lockMillis).thenCompose(acquired -> {
            if (!Boolean.TRUE.equals(acquired)) {
                return CompletableFuture.completedFuture(Lookup.hit(HerdEnvelope.value(stale)));
            }
            CompletableFuture<Lookup> decided = readOnPrimary(key).thenApply(now -> {
                if (now != null && HerdEnvelope.isEnvelope(now) && softExpiryOf(key, now) < clock.getAsLong()) {
                    return Lookup.recompute(lease);
                }
                // Recomputed (or removed) between our read and our lock: nothing to do.
                release(lease);
                return now == null ? Lookup.miss() : Lookup.hit(HerdEnvelope.isEnvelope(now) ? HerdEnvelope.value(now) : now);
            });
            return decided.whenComplete((found, failure) -> {
                if (failure != null) {
                    release(lease);
                }
            });
        });
    }

    /** A read the primary answers (a replica may not have the new value yet). */
    private CompletableFuture<byte[]> readOnPrimary(byte[] key) {
        try {
            return delegate.execute(true, List.of(key), List.of(GET, key)).thenApply(r -> r instanceof byte[] b ? b : null);
        } catch (CacheUnsupportedOperationException e) {
            return delegate.get(key);
        }
    }

    @Override
    public CompletableFuture<Boolean> storeComputed(byte[] key, byte[] value, long expiryMillis, Lookup lookup) {
        CompletableFuture<Boolean> written = set(key, value,
                lookup.recompute() ? SetCondition.ALWAYS : SetCondition.IF_ABSENT, expiryMillis);
        if (lookup.lease() instanceof Lease lease) {
            return written.whenComplete((ok, failure) -> release(lease));
        }
        return written;
    }

    @Override
    public void abandonComputed(byte[] key, Lookup lookup) {
        if (lookup.lease() instanceof Lease lease) {
            release(lease);
        }
    }

    /** Deletes the lock if it still holds our token; never throws (the lock expires anyway). */
    private void release(Lease lease) {
        try {
            CompletableFuture<?> done;
            try {
                done = delegate.eval(RELEASE, List.of(lease.lockKey()), List.of(lease.token()));
            } catch (CacheUnsupportedOperationException e) {
                done = delegate.delete(List.of(lease.lockKey()));
            }
            done.whenComplete((r, failure) -> {
                if (failure != null) {
                    LOG.debug("herd lock '{}' not released (it expires by itself): {}", text(lease.lockKey()), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("herd lock '{}' not released (it expires by itself): {}", text(lease.lockKey()), e.toString());
        }
    }

    static byte[] lockKey(byte[] key) {
        byte[] lockKey = Arrays.copyOf(LOCK_PREFIX, LOCK_PREFIX.length + key.length);
        System.arraycopy(key, 0, lockKey, LOCK_PREFIX.length, key.length);
        return lockKey;
    }

    private static byte[] newToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return (Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())).getBytes(StandardCharsets.US_ASCII);
    }

    // ---- expiry ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
        if (millis <= 0) {
            return delegate.pexpire(key, millis);
        }
        return retime(key, millis, () -> delegate.pexpire(key, millis));
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
        long millis = epochMillis - clock.getAsLong();
        if (millis <= 0) {
            return delegate.pexpireAt(key, epochMillis);
        }
        return retime(key, millis, () -> delegate.pexpireAt(key, epochMillis));
    }

    /**
     * django-valkey's touch: a wrapped value, fresh by the draw, is written again with a new soft
     * expiry {@code millis} from now; stale or missing answers false; a plain value gets the
     * plain command.
     */
    private CompletableFuture<Boolean> retime(byte[] key, long millis,
            Supplier<CompletableFuture<Boolean>> plain) {
        return storedOnPrimary(key).thenCompose(found -> {
            if (found == null) {
                return CompletableFuture.completedFuture(false);
            }
            if (!(found instanceof byte[] stored) || !HerdEnvelope.isEnvelope(stored)) {
                return plain.get();
            }
            byte[] value = fresh(key, stored);
            if (value == null) {
                return CompletableFuture.completedFuture(false);
            }
            return delegate.set(key, pack(value, softExpiryIn(millis)), SetCondition.IF_PRESENT, realExpiry(millis));
        });
    }

    @Override
    public CompletableFuture<Boolean> persist(byte[] key) {
        return storedOnPrimary(key).thenCompose(found -> found instanceof byte[] stored && HerdEnvelope.isEnvelope(stored)
                ? delegate.set(key, unwrap(key, stored), SetCondition.IF_PRESENT, NO_EXPIRY)
                : delegate.persist(key));
    }

    /**
     * What {@code pexpire}, {@code pexpireAt} and {@code persist} find, read on the primary (a
     * replica may not have a value just written yet): {@code null} for a missing key, the stored
     * bytes of a string, or a {@code Long} for a key of another type (a hash, a list, ...), which
     * gets the plain command.
     */
    private CompletableFuture<Object> storedOnPrimary(byte[] key) {
        try {
            return delegate.eval(READ_STRING, List.of(key), List.of());
        } catch (CacheUnsupportedOperationException e) {
            return delegate.get(key).thenApply(stored -> stored);
        }
    }

    /** @return what a caller sees of stored bytes: an envelope's value, anything else as it is */
    private static byte[] plain(byte[] key, byte[] stored) {
        return stored == null || !HerdEnvelope.isEnvelope(stored) ? stored : unwrap(key, stored);
    }

    private static byte[] unwrap(byte[] key, byte[] envelope) {
        try {
            return HerdEnvelope.value(envelope);
        } catch (CacheSerializationException e) {
            throw new CacheSerializationException("key '" + text(key) + "': " + e.getMessage(), e);
        }
    }

    /** Moves the stored bytes as they are, so the envelope's soft expiry and the real TTL stay exact. */
    @Override
    public CompletableFuture<Boolean> rename(byte[] from, byte[] to) {
        return delegate.rename(from, to);
    }

    @Override
    public CompletableFuture<Long> pttl(byte[] key) {
        return delegate.pttl(key);
    }

    // ---- passed through unchanged ------------------------------------------------------------

    @Override
    public CompletableFuture<Long> delete(List<byte[]> keys) {
        return delegate.delete(keys);
    }

    @Override
    public CompletableFuture<Long> unlink(List<byte[]> keys) {
        return delegate.unlink(keys);
    }

    @Override
    public CompletableFuture<Boolean> exists(byte[] key) {
        return delegate.exists(key);
    }

    @Override
    public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
        return delegate.incrBy(key, delta, onlyIfExists);
    }

    @Override
    public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
        return delegate.keys(pattern);
    }

    @Override
    public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
        return delegate.scan(cursor, pattern, count);
    }

    @Override
    public CompletableFuture<Void> flushDb() {
        return delegate.flushDb();
    }

    @Override
    public CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        return delegate.execute(write, keys, argv);
    }

    @Override
    public CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        return delegate.executeBlocking(keys, argv, block);
    }

    @Override
    public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        return delegate.eval(script, keys, args);
    }

    @Override
    public Object rawConnection(boolean write) {
        return delegate.rawConnection(write);
    }

    @Override
    public String describe() {
        return "herd[" + delegate.describe() + ", herd.timeout=" + herdMillis + "ms"
                + (singleFlight ? ", single_flight, lock_timeout=" + lockMillis + "ms" : "") + "]";
    }

    @Override
    public void bindMetrics(CacheMetrics metrics) {
        delegate.bindMetrics(metrics);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
