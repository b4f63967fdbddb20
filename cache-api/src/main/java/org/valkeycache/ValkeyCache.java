package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.codec.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.KeyFunction;
import org.valkeycache.config.Plugins;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;

/**
 * The {@link BackendCommands} implementation: makes keys, applies the timeout rules and the
 * ignore-exceptions policy, encodes values once, and delegates the byte-level work to the
 * configured {@link ValkeyClient} strategy.
 *
 * <pre>{@code
 * try (ValkeyCache cache = ValkeyCache.open(CacheConfig.builder()
 *         .location("valkey://127.0.0.1:6379").keyPrefix("shop").build())) {
 *     cache.set("greeting", "hello", Duration.ofMinutes(5));
 *     String greeting = cache.get("greeting", String.class);
 * }
 * }</pre>
 *
 * Thread-safe. Each synchronous call waits for its server round trip at most the configured
 * request timeout plus a small margin.
 */
public final class ValkeyCache extends StructureCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ValkeyCache.class);

    /** Keys collected from SCAN before one UNLINK is sent by pattern deletes. */
    static final int DELETE_BATCH = 1000;

    /** Extra time granted over the request timeout before a synchronous wait gives up. */
    private static final long WAIT_MARGIN_MILLIS = 1000;

    private final Shared shared;
    private final int version;
    private final boolean ownsResources;

    /** What every version view of one cache shares. */
    private static final class Shared {
        final CacheConfig config;
        final ValkeyClient client;
        final ValueCodec codec;
        final KeyFunction keyFunction;
        final String prefix;
        final String escapedPrefix;
        final long waitMillis;
        final boolean ignoreExceptions;
        final boolean logIgnored;
        volatile boolean closed;
        private java.util.concurrent.ScheduledExecutorService watchdog;

        /** The daemon thread renewing watchdog locks; made on first use. */
        synchronized java.util.concurrent.ScheduledExecutorService watchdog() {
            if (watchdog == null) {
                watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "valkey-cache-lock-watchdog-" + config.name());
                    t.setDaemon(true);
                    return t;
                });
            }
            return watchdog;
        }

        synchronized void stopWatchdog() {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
        }

        Shared(CacheConfig config, ValkeyClient client, ValueCodec codec) {
            this.config = config;
            this.client = client;
            this.codec = codec;
            this.keyFunction = config.keyFunction();
            this.prefix = config.keyPrefix();
            this.escapedPrefix = escapeGlob(config.keyPrefix());
            this.waitMillis = config.requestTimeout().toMillis() + WAIT_MARGIN_MILLIS;
            this.ignoreExceptions = config.ignoreExceptions();
            this.logIgnored = config.logIgnoredExceptions();
        }
    }

    private ValkeyCache(Shared shared, int version, boolean ownsResources) {
        this.shared = shared;
        this.version = version;
        this.ownsResources = ownsResources;
    }

    /**
     * Opens a cache: loads the configured serializer, compressor and client strategy.
     *
     * @param config the configuration
     * @return the cache; close it when done
     * @throws CacheConfigurationException when a configured class is unknown or unusable
     */
    public static ValkeyCache open(CacheConfig config) {
        Objects.requireNonNull(config, "config");
        ValueCodec codec = new ValueCodec(Plugins.serializer(config), Plugins.compressor(config));
        ValkeyClient client = Plugins.client(config);
        return new ValkeyCache(new Shared(config, client, codec), config.version(), true);
    }

    /**
     * Wraps an already-built client (for strategies composed in code, and for decorators).
     *
     * @param config the configuration (its {@code clientClass} is not used)
     * @param client the client strategy; closed when the cache is closed
     * @return the cache
     */
    public static ValkeyCache open(CacheConfig config, ValkeyClient client) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(client, "client");
        ValueCodec codec = new ValueCodec(Plugins.serializer(config), Plugins.compressor(config));
        return new ValkeyCache(new Shared(config, client, codec), config.version(), true);
    }

    /**
     * The configuration this cache was opened with.
     *
     * @return the configuration
     */
    public CacheConfig config() {
        return shared.config;
    }

    /**
     * The client strategy this cache delegates to.
     *
     * @return the client
     */
    public ValkeyClient client() {
        return shared.client;
    }

    // ---- key making --------------------------------------------------------------------------

    @Override
    public String makeKey(String key) {
        return shared.keyFunction.makeKey(requireKey(key), shared.prefix, version);
    }

    private byte[] keyBytes(String key) {
        return makeKey(key).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] keyBytes(String key, int v) {
        return shared.keyFunction.makeKey(requireKey(key), shared.prefix, v).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String makePattern(String pattern) {
        return shared.keyFunction.makePattern(requirePattern(pattern), shared.escapedPrefix, Integer.toString(version));
    }

    private String userKey(byte[] storedKey) {
        return shared.keyFunction.reverseKey(new String(storedKey, StandardCharsets.UTF_8), shared.prefix);
    }

    private static String requireKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return key;
    }

    private static String requirePattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern must not be " + (pattern == null ? "null" : "empty"));
        }
        return pattern;
    }

    private static int requireItersize(int itersize) {
        if (itersize <= 0) {
            throw new IllegalArgumentException("itersize must be positive, got " + itersize);
        }
        return itersize;
    }

    /**
     * Escapes the glob characters {@code * ? [ ] \} so that a prefix matches only itself.
     *
     * @param text literal text
     * @return the text as a glob matching only itself
     */
    static String escapeGlob(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                sb.append('\\');
            }
            if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    // ---- timeouts ----------------------------------------------------------------------------

    private Timeout resolve(Timeout timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null; use Timeout.never() for no expiry");
        }
        return timeout.isDefault() ? shared.config.defaultTimeout() : timeout;
    }

    private static long expiryMillis(Timeout resolved) {
        return resolved.isNever() ? ValkeyClient.NO_EXPIRY : resolved.toMillis();
    }

    private static Timeout timeoutOf(Duration d) {
        if (d == null) {
            throw new IllegalArgumentException("timeout must not be null; use Timeout.never() for no expiry");
        }
        return Timeout.of(d);
    }

    // ---- waiting and the ignore-exceptions policy --------------------------------------------

    private <T> T await(CompletableFuture<T> future, String command, String key) {
        return await(future, command, key, shared.waitMillis);
    }

    private <T> T await(CompletableFuture<T> future, String command, String key, long waitMillis) {
        if (shared.closed) {
            future.cancel(false);
            throw new IllegalStateException(command + ": cache '" + shared.config.name() + "' is closed");
        }
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), command, key);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CacheTimeoutException(command + (key == null ? "" : " '" + key + "'") + " on "
                    + shared.client.describe() + " did not complete within " + waitMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException(command + " interrupted", e);
        }
    }

    private static RuntimeException translate(Throwable cause, String command, String key) {
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CacheCommandException c && key != null) {
            return new CacheCommandException(command + " '" + key + "': " + c.getMessage(), c);
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new CacheException(command + " failed: " + cause, cause);
    }

    /** Runs an operation under the ignore-exceptions policy. */
    private <T> T guarded(String command, T fallback, Supplier<T> op) {
        try {
            return op.get();
        } catch (CacheConnectionException e) {
            if (!shared.ignoreExceptions) {
                throw e;
            }
            if (shared.logIgnored) {
                LOG.error("Exception ignored: {} on cache '{}'", command, shared.config.name(), e);
            }
            return fallback;
        }
    }

    private Object decode(byte[] bytes, String key) {
        try {
            return shared.codec.decode(bytes);
        } catch (SerializationException e) {
            throw withKey(e, key);
        }
    }

    private <T> T decode(byte[] bytes, Class<T> type, String key) {
        try {
            return shared.codec.decode(bytes, type);
        } catch (SerializationException e) {
            throw withKey(e, key);
        }
    }

    private byte[] encode(Object value, String key) {
        try {
            return shared.codec.encode(value);
        } catch (SerializationException e) {
            throw withKey(e, key);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot serialize the value for key '" + key + "' ("
                    + (value == null ? "null" : value.getClass().getName()) + "): " + e.getMessage(), e);
        }
    }

    private static SerializationException withKey(SerializationException e, String key) {
        String msg = "key '" + key + "': " + e.getMessage();
        return e instanceof CompressionException ? new CompressionException(msg, e) : new SerializationException(msg, e);
    }

    // ---- single-key writes -------------------------------------------------------------------

    @Override
    public boolean set(String key, Object value) {
        return set(key, value, SetArgs.defaults());
    }

    @Override
    public boolean set(String key, Object value, Duration timeout) {
        return set(key, value, SetArgs.defaults().timeout(timeoutOf(timeout)));
    }

    @Override
    public boolean set(String key, Object value, Timeout timeout) {
        return set(key, value, SetArgs.defaults().timeout(resolve(timeout)));
    }

    @Override
    public boolean set(String key, Object value, SetArgs args) {
        if (args == null) {
            throw new IllegalArgumentException("args must not be null");
        }
        byte[] k = keyBytes(key);
        Timeout t = resolve(args.timeout());
        if (t.expiresImmediately()) {
            return guarded("set", false, () -> expireNow(key, k, args.condition()));
        }
        byte[] v = encode(value, key);
        return guarded("set", false,
                () -> await(shared.client.set(k, v, args.condition(), expiryMillis(t)), "set", key));
    }

    /** A write with an expire-now timeout: nothing is stored; see {@link #set(String, Object, SetArgs)}. */
    private boolean expireNow(String key, byte[] k, SetCondition condition) {
        switch (condition) {
            case IF_ABSENT:
                return !await(shared.client.exists(k), "set", key);
            case IF_PRESENT:
                return await(shared.client.delete(List.of(k)), "set", key) > 0;
            default:
                await(shared.client.delete(List.of(k)), "set", key);
                return true;
        }
    }

    @Override
    public boolean add(String key, Object value) {
        return set(key, value, SetArgs.nx());
    }

    @Override
    public boolean add(String key, Object value, Duration timeout) {
        return set(key, value, SetArgs.nx().timeout(timeoutOf(timeout)));
    }

    @Override
    public boolean add(String key, Object value, Timeout timeout) {
        return set(key, value, SetArgs.nx().timeout(resolve(timeout)));
    }

    // ---- single-key reads --------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        byte[] k = keyBytes(key);
        byte[] raw = guarded("get", null, () -> await(shared.client.get(k), "get", key));
        return raw == null ? null : (T) decode(raw, key);
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        byte[] k = keyBytes(key);
        byte[] raw = guarded("get", null, () -> await(shared.client.get(k), "get", key));
        return raw == null ? null : decode(raw, type, key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getOrDefault(String key, T defaultValue) {
        byte[] k = keyBytes(key);
        byte[] raw = guarded("get", null, () -> await(shared.client.get(k), "get", key));
        return raw == null ? defaultValue : (T) decode(raw, key);
    }

    @Override
    public <T> T getOrSet(String key, Supplier<? extends T> supplier) {
        return getOrSet(key, supplier, Timeout.defaultTimeout());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getOrSet(String key, Supplier<? extends T> supplier, Timeout timeout) {
        if (supplier == null) {
            throw new IllegalArgumentException("supplier must not be null");
        }
        Timeout t = resolve(timeout);
        byte[] k = keyBytes(key);
        byte[] raw = guarded("get", null, () -> await(shared.client.get(k), "get", key));
        if (raw != null) {
            return (T) decode(raw, key);
        }
        T computed = supplier.get();
        if (add(key, computed, t) || t.expiresImmediately()) {
            return computed;
        }
        // Another writer won the race: return what the cache holds now, as Django does.
        byte[] now = guarded("get", null, () -> await(shared.client.get(k), "get", key));
        return now == null ? computed : (T) decode(now, key);
    }

    @Override
    public boolean hasKey(String key) {
        byte[] k = keyBytes(key);
        return guarded("hasKey", false, () -> await(shared.client.exists(k), "hasKey", key));
    }

    // ---- deletes -----------------------------------------------------------------------------

    @Override
    public boolean delete(String key) {
        byte[] k = keyBytes(key);
        return guarded("delete", 0L, () -> await(shared.client.delete(List.of(k)), "delete", key)) > 0;
    }

    @Override
    public long deleteMany(Collection<String> keys) {
        List<byte[]> made = makeKeys(keys);
        if (made.isEmpty()) {
            return 0;
        }
        return guarded("deleteMany", 0L, () -> await(shared.client.delete(made), "deleteMany", null));
    }

    @Override
    public long clear() {
        String pattern = shared.keyFunction.makePattern("*", shared.escapedPrefix, "*");
        return guarded("clear", 0L, () -> deleteMatching(pattern, shared.config.scanItersize(), null));
    }

    private List<byte[]> makeKeys(Collection<String> keys) {
        if (keys == null) {
            throw new IllegalArgumentException("keys must not be null");
        }
        List<byte[]> made = new ArrayList<>(keys.size());
        for (String key : keys) {
            made.add(keyBytes(key));
        }
        return made;
    }

    // ---- counters and versions ---------------------------------------------------------------

    @Override
    public long incr(String key) {
        return incr(key, 1);
    }

    @Override
    public long incr(String key, long delta) {
        byte[] k = keyBytes(key);
        return guarded("incr", 0L, () -> {
            Long result = await(shared.client.incrBy(k, delta, true), "incr", key);
            if (result == null) {
                throw new KeyNotFoundException("incr: key '" + key + "' not found (stored key '" + makeKey(key) + "')");
            }
            return result;
        });
    }

    @Override
    public long decr(String key) {
        return incr(key, -1);
    }

    @Override
    public long decr(String key, long delta) {
        if (delta == Long.MIN_VALUE) {
            throw new IllegalArgumentException("decr delta " + delta + " cannot be negated");
        }
        return incr(key, -delta);
    }

    @Override
    public int incrVersion(String key) {
        return incrVersion(key, 1);
    }

    @Override
    public int incrVersion(String key, int delta) {
        if (delta == 0) {
            throw new IllegalArgumentException("incrVersion delta must not be 0 (the value would be deleted)");
        }
        int newVersion = Math.addExact(version, delta);
        byte[] oldKey = keyBytes(key);
        byte[] newKey = keyBytes(key, newVersion);
        // Under the ignore policy an outage leaves the value where it was: report the old version.
        return guarded("incrVersion", version, () -> {
            byte[] raw = await(shared.client.get(oldKey), "incrVersion", key);
            long pttl = await(shared.client.pttl(oldKey), "incrVersion", key);
            if (raw == null || pttl == -2) {
                throw new KeyNotFoundException("incrVersion: key '" + key + "' not found at version " + version);
            }
            long expiry = pttl == -1 ? ValkeyClient.NO_EXPIRY : Math.max(1, pttl);
            await(shared.client.set(newKey, raw, SetCondition.ALWAYS, expiry), "incrVersion", key);
            await(shared.client.delete(List.of(oldKey)), "incrVersion", key);
            return newVersion;
        });
    }

    @Override
    public int decrVersion(String key) {
        return incrVersion(key, -1);
    }

    @Override
    public int decrVersion(String key, int delta) {
        return incrVersion(key, Math.negateExact(delta));
    }

    // ---- bulk --------------------------------------------------------------------------------

    private static List<String> distinct(Collection<String> keys) {
        if (keys == null) {
            throw new IllegalArgumentException("keys must not be null");
        }
        return keys.size() <= 1 ? new ArrayList<>(keys) : new ArrayList<>(new LinkedHashSet<>(keys));
    }

    @Override
    public Map<String, Object> mget(Collection<String> keys) {
        return readMany(keys, "mget", true);
    }

    @Override
    public Map<String, Object> getMany(Collection<String> keys) {
        return readMany(keys, "getMany", false);
    }

    private Map<String, Object> readMany(Collection<String> keys, String command, boolean atomic) {
        List<String> unique = distinct(keys);
        if (unique.isEmpty()) {
            return new LinkedHashMap<>();
        }
        List<byte[]> made = makeKeys(unique);
        List<byte[]> values = guarded(command, null, () -> await(
                atomic ? shared.client.mget(made) : shared.client.getMany(made), command, null));
        Map<String, Object> result = new LinkedHashMap<>();
        if (values == null) {
            return result;
        }
        for (int i = 0; i < unique.size(); i++) {
            byte[] raw = values.get(i);
            if (raw != null) {
                result.put(unique.get(i), decode(raw, unique.get(i)));
            }
        }
        return result;
    }

    @Override
    public void mset(Map<String, ?> values) {
        mset(values, Timeout.defaultTimeout());
    }

    @Override
    public void mset(Map<String, ?> values, Timeout timeout) {
        Timeout t = resolve(timeout);
        Encoded e = encodeAll(values, t);
        if (e.keys.isEmpty()) {
            return;
        }
        guarded("mset", null, () -> {
            if (t.expiresImmediately()) {
                await(shared.client.delete(e.keys), "mset", null);
            } else {
                await(shared.client.mset(e.keys, e.values, expiryMillis(t)), "mset", null);
            }
            return null;
        });
    }

    @Override
    public List<String> setMany(Map<String, ?> values) {
        return setMany(values, Timeout.defaultTimeout());
    }

    @Override
    public List<String> setMany(Map<String, ?> values, Timeout timeout) {
        Timeout t = resolve(timeout);
        Encoded e = encodeAll(values, t);
        if (e.keys.isEmpty()) {
            return new ArrayList<>();
        }
        if (t.expiresImmediately()) {
            Long deleted = guarded("setMany", null, () -> await(shared.client.delete(e.keys), "setMany", null));
            return deleted == null ? new ArrayList<>(e.userKeys) : new ArrayList<>();
        }
        List<Boolean> written = guarded("setMany", null,
                () -> await(shared.client.setMany(e.keys, e.values, expiryMillis(t)), "setMany", null));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < e.userKeys.size(); i++) {
            if (written == null || !Boolean.TRUE.equals(written.get(i))) {
                failed.add(e.userKeys.get(i));
            }
        }
        return failed;
    }

    private record Encoded(List<String> userKeys, List<byte[]> keys, List<byte[]> values) {
    }

    /** Makes every key and encodes every value before anything is sent: nothing half-written. */
    private Encoded encodeAll(Map<String, ?> values, Timeout t) {
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        List<String> userKeys = new ArrayList<>(values.size());
        List<byte[]> keys = new ArrayList<>(values.size());
        List<byte[]> encoded = new ArrayList<>(values.size());
        boolean skipValues = t.expiresImmediately();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            userKeys.add(entry.getKey());
            keys.add(keyBytes(entry.getKey()));
            encoded.add(skipValues ? null : encode(entry.getValue(), entry.getKey()));
        }
        return new Encoded(userKeys, keys, encoded);
    }

    // ---- patterns ----------------------------------------------------------------------------

    @Override
    public List<String> keys(String pattern) {
        byte[] p = makePattern(pattern).getBytes(StandardCharsets.UTF_8);
        List<byte[]> found = guarded("keys", Collections.<byte[]>emptyList(),
                () -> await(shared.client.keys(p), "keys", null));
        List<String> result = new ArrayList<>(found.size());
        for (byte[] k : found) {
            result.add(userKey(k));
        }
        return result;
    }

    @Override
    public Stream<String> iterKeys(String pattern) {
        return iterKeys(pattern, shared.config.scanItersize());
    }

    @Override
    public Stream<String> iterKeys(String pattern, int itersize) {
        byte[] p = makePattern(pattern).getBytes(StandardCharsets.UTF_8);
        requireItersize(itersize);
        Iterator<byte[]> scan = new ScanIterator(p, itersize);
        Iterator<String> keys = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return scan.hasNext();
            }

            @Override
            public String next() {
                return userKey(scan.next());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(keys, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** Pulls SCAN pages on demand; under the ignore policy a connection failure ends the stream. */
    private final class ScanIterator implements Iterator<byte[]> {
        private final byte[] pattern;
        private final int count;
        private ScanCursor cursor = ScanCursor.START;
        private Iterator<byte[]> page = Collections.emptyIterator();

        ScanIterator(byte[] pattern, int count) {
            this.pattern = pattern;
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !cursor.isFinished()) {
                ScanPage next = guarded("iterKeys", null, () -> await(shared.client.scan(cursor, pattern, count), "iterKeys", null));
                if (next == null) {
                    cursor = ScanCursor.FINISHED;
                    return false;
                }
                cursor = next.next();
                page = next.keys().iterator();
            }
            return page.hasNext();
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }

    @Override
    public long deletePattern(String pattern) {
        return deletePattern(pattern, shared.config.scanItersize(), null);
    }

    @Override
    public long deletePattern(String pattern, int itersize) {
        return deletePattern(pattern, itersize, null);
    }

    @Override
    public long deletePattern(String pattern, int itersize, LongConsumer progress) {
        String p = makePattern(pattern);
        requireItersize(itersize);
        return guarded("deletePattern", 0L, () -> deleteMatching(p, itersize, progress));
    }

    /**
     * SCANs and UNLINKs in batches. Each batch's UNLINK is in flight while the next pages are
     * scanned, so the scan does not wait for deletes; at most one UNLINK is outstanding.
     */
    private long deleteMatching(String pattern, int itersize, LongConsumer progress) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        ScanIterator scan = new ScanIterator(p, itersize);
        long deleted = 0;
        CompletableFuture<Long> inFlight = null;
        List<byte[]> batch = new ArrayList<>();
        while (true) {
            boolean more = scanStrict(scan);
            if (more) {
                batch.add(scan.next());
            }
            if (batch.size() >= DELETE_BATCH || (!more && !batch.isEmpty())) {
                if (inFlight != null) {
                    deleted += await(inFlight, "deletePattern", null);
                    report(progress, deleted);
                }
                inFlight = shared.client.unlink(batch);
                batch = new ArrayList<>();
            }
            if (!more) {
                break;
            }
        }
        if (inFlight != null) {
            deleted += await(inFlight, "deletePattern", null);
            report(progress, deleted);
        }
        return deleted;
    }

    /** Advances a scan without the ignore policy: a failure mid-delete must not look like "done". */
    private boolean scanStrict(ScanIterator scan) {
        while (!scan.page.hasNext() && !scan.cursor.isFinished()) {
            ScanPage next = await(shared.client.scan(scan.cursor, scan.pattern, scan.count), "deletePattern", null);
            scan.cursor = next.next();
            scan.page = next.keys().iterator();
        }
        return scan.page.hasNext();
    }

    private static void report(LongConsumer progress, long deleted) {
        if (progress != null) {
            progress.accept(deleted);
        }
    }

    // ---- expiry ------------------------------------------------------------------------------

    @Override
    public Duration ttl(String key) {
        Duration pttl = pttl(key);
        if (pttl == null || pttl.isZero()) {
            return pttl;
        }
        // The server's TTL rounds to the nearest second.
        return Duration.ofSeconds((pttl.toMillis() + 500) / 1000);
    }

    @Override
    public Duration pttl(String key) {
        byte[] k = keyBytes(key);
        Long ms = guarded("pttl", -2L, () -> await(shared.client.pttl(k), "pttl", key));
        if (ms == -2) {
            return Duration.ZERO;
        }
        if (ms == -1) {
            return null;
        }
        return Duration.ofMillis(ms);
    }

    @Override
    public boolean persist(String key) {
        byte[] k = keyBytes(key);
        return guarded("persist", false, () -> await(shared.client.persist(k), "persist", key));
    }

    @Override
    public boolean expire(String key, Duration timeout) {
        return pexpire(key, timeout);
    }

    @Override
    public boolean pexpire(String key, Duration timeout) {
        long ms = timeoutOf(timeout).toMillis();
        byte[] k = keyBytes(key);
        return guarded("pexpire", false, () -> await(shared.client.pexpire(k, ms), "pexpire", key));
    }

    @Override
    public boolean expireAt(String key, Instant when) {
        if (when == null) {
            throw new IllegalArgumentException("when must not be null");
        }
        return pexpireAt(key, Instant.ofEpochSecond(when.getEpochSecond()));
    }

    @Override
    public boolean pexpireAt(String key, Instant when) {
        if (when == null) {
            throw new IllegalArgumentException("when must not be null");
        }
        long epochMs = when.toEpochMilli();
        byte[] k = keyBytes(key);
        return guarded("pexpireAt", false, () -> await(shared.client.pexpireAt(k, epochMs), "pexpireAt", key));
    }

    @Override
    public boolean touch(String key) {
        return touch(key, Timeout.defaultTimeout());
    }

    @Override
    public boolean touch(String key, Duration timeout) {
        return touch(key, timeoutOf(timeout));
    }

    @Override
    public boolean touch(String key, Timeout timeout) {
        Timeout t = resolve(timeout);
        byte[] k = keyBytes(key);
        return guarded("touch", false, () -> {
            if (t.isNever()) {
                // PERSIST answers false for a key that is already persistent; touch reports existence.
                return await(shared.client.persist(k), "touch", key) || await(shared.client.exists(k), "touch", key);
            }
            if (t.expiresImmediately()) {
                return await(shared.client.delete(List.of(k)), "touch", key) > 0;
            }
            return await(shared.client.pexpire(k, t.toMillis()), "touch", key);
        });
    }

    // ---- views, raw access, lifecycle --------------------------------------------------------

    @Override
    public BackendCommands withVersion(int newVersion) {
        return newVersion == version ? this : new ValkeyCache(shared, newVersion, false);
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public Object getValkeyConnection() {
        return getValkeyConnection(true);
    }

    @Override
    public Object getValkeyConnection(boolean write) {
        return shared.client.rawConnection(write);
    }

    @Override
    public <C> C getValkeyConnection(Class<C> type, boolean write) {
        Object raw = getValkeyConnection(write);
        if (!type.isInstance(raw)) {
            throw new UnsupportedCacheOperationException("the raw connection of " + shared.client.describe() + " is a "
                    + raw.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(raw);
    }

    // ---- hooks of the data-structure commands and locks ----------------------------------------

    @Override
    byte[] madeKey(String key) {
        return keyBytes(key);
    }

    @Override
    byte[] encodeFor(Object value, String key) {
        return encode(value, key);
    }

    @Override
    Object decodeFor(byte[] bytes, String key) {
        return decode(bytes, key);
    }

    @Override
    <T> T decodeFor(byte[] bytes, Class<T> type, String key) {
        return decode(bytes, type, key);
    }

    @Override
    <T> T call(String command, String key, T fallback, Supplier<CompletableFuture<T>> op) {
        return guarded(command, fallback, () -> await(op.get(), command, key));
    }

    @Override
    <T> T callBlocking(String command, String key, T fallback, Duration block, Supplier<CompletableFuture<T>> op) {
        return guarded(command, fallback, () -> await(op.get(), command, key, block.toMillis() + shared.waitMillis));
    }

    @Override
    ValkeyClient clientStrategy() {
        return shared.client;
    }

    @Override
    public CacheLock getLock(String name) {
        return getLock(name, LockOptions.defaults());
    }

    @Override
    public CacheLock getLock(String name, LockOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        byte[] k = keyBytes(name);
        return new ValkeyLock(name, k, options, shared.client, new ValkeyLock.Calls() {
            @Override
            public <T> T await(String command, Supplier<CompletableFuture<T>> op) {
                return ValkeyCache.this.await(op.get(), command, name);
            }

            @Override
            public java.util.concurrent.ScheduledExecutorService watchdogExecutor() {
                return shared.watchdog();
            }
        });
    }

    @Override
    public void close() {
        if (ownsResources && !shared.closed) {
            shared.closed = true;
            shared.stopWatchdog();
            shared.client.close();
        }
    }

    @Override
    public String toString() {
        return "ValkeyCache[" + shared.config.name() + ", " + shared.client.describe() + ", prefix='" + shared.prefix
                + "', version=" + version + "]";
    }
}
