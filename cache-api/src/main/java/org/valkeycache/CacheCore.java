package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.KeyFunction;
import org.valkeycache.internal.Arguments;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.metrics.Meter;
import org.valkeycache.spi.ValkeyClient;

/**
 * What every command family of a {@link ValkeyCache} shares, each concept under one name: key
 * making ({@link #key}), the timeout rules ({@link #resolve}), the value codec ({@link #encode},
 * {@link #decode}), and the calls: one client round trip ({@link #request}: bounded, its reply
 * handed to the call's {@link Flow}, errors translated) under the ignore-exceptions policy
 * ({@link #guarded}; {@link #call} is both for one client call), started asynchronously
 * ({@link #async}) or waited for by the calling thread ({@link #join}); and the counting into the
 * cache's {@link CacheMetrics} ({@link #countGet}, {@link #countPuts}, {@link #countEvictions},
 * {@link #load}; errors and latency are counted by the policy methods themselves, on the one path
 * both facades share, so each counts exactly as the other).
 *
 * <p>One core per version view; the resources under it (client, codec, watchdog) are shared by
 * every view of one cache. Thread-safe.
 */
final class CacheCore {

    /** The policy logs under the facade's name, which is what users configure. */
    private static final Logger LOG = LoggerFactory.getLogger(ValkeyCache.class);

    /** Extra time granted over the request timeout before a synchronous wait gives up. */
    private static final long WAIT_MARGIN_MILLIS = 1000;

    private final Resources resources;
    private final int version;

    /** What every version view of one cache shares. */
    private static final class Resources {
        final CacheConfig config;
        final ValkeyClient client;
        final ValueCodec codec;
        final KeyFunction keyFunction;
        final String prefix;
        final String escapedPrefix;
        final long waitMillis;
        final boolean ignoreExceptions;
        final boolean logIgnored;
        final CacheMetrics metrics;
        /** The standard meters, held directly: the hot path reads a field, never a map. */
        final Meter.Counter hits;
        final Meter.Counter misses;
        final Meter.Counter puts;
        final Meter.Counter evictions;
        final Meter.Counter errorsRaised;
        final Meter.Counter errorsIgnored;
        final Meter.Summary latency;
        volatile boolean closed;
        private ScheduledExecutorService watchdog;

        Resources(CacheConfig config, ValkeyClient client, ValueCodec codec) {
            this.config = config;
            this.client = client;
            this.codec = codec;
            this.keyFunction = config.keyFunction();
            this.prefix = config.keyPrefix();
            this.escapedPrefix = escapeGlob(config.keyPrefix());
            this.waitMillis = config.requestTimeout().toMillis() + WAIT_MARGIN_MILLIS;
            this.ignoreExceptions = config.ignoreExceptions();
            this.logIgnored = config.logIgnoredExceptions();
            this.metrics = new CacheMetrics(config.name());
            this.hits = metrics.hits();
            this.misses = metrics.misses();
            this.puts = metrics.puts();
            this.evictions = metrics.evictions();
            this.errorsRaised = metrics.errorsRaised();
            this.errorsIgnored = metrics.errorsIgnored();
            this.latency = metrics.commands();
            client.bindMetrics(metrics);
        }

        synchronized ScheduledExecutorService watchdog() {
            if (watchdog == null) {
                watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
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
    }

    private CacheCore(Resources resources, int version) {
        this.resources = resources;
        this.version = version;
    }

    /**
     * The core of a newly opened cache, at the configured version.
     *
     * @param config the configuration
     * @param client the client strategy
     * @param codec the value codec
     */
    CacheCore(CacheConfig config, ValkeyClient client, ValueCodec codec) {
        this(new Resources(config, client, codec), config.version());
    }

    /** @return a core over the same resources whose keys carry another version */
    CacheCore withVersion(int newVersion) {
        return new CacheCore(resources, newVersion);
    }

    int version() {
        return version;
    }

    CacheConfig config() {
        return resources.config;
    }

    ValkeyClient client() {
        return resources.client;
    }

    /** The meters shared by every version view of this cache. */
    CacheMetrics metrics() {
        return resources.metrics;
    }

    // ---- counting ----------------------------------------------------------------------------
    // What counts (README "Metrics"): a get is a read of a cached value the caller asked for
    // (get, getOrDefault, getOrSet's lookup, each key of mget/getMany), as Caffeine and JCache
    // count; hasKey, data-structure reads and internal reads do not. A read whose failure the
    // ignore policy swallowed counts as the miss the caller saw (and as an ignored error).

    /**
     * Counts one read as a hit or a miss.
     *
     * @param raw the stored bytes read, or null
     * @return {@code raw}
     */
    byte[] countGet(byte[] raw) {
        (raw == null ? resources.misses : resources.hits).increment();
        return raw;
    }

    /** Counts the keys of a multi-key read: {@code found} hits, the rest of {@code asked} misses. */
    void countGets(int found, int asked) {
        resources.hits.add(found);
        resources.misses.add(asked - found);
    }

    /**
     * Counts one value written when the server says it was.
     *
     * @param written whether the server stored the value
     * @return {@code written}
     */
    boolean countPut(boolean written) {
        if (written) {
            resources.puts.increment();
        }
        return written;
    }

    /** Counts values written. */
    void countPuts(int written) {
        resources.puts.add(written);
    }

    /**
     * Counts keys deleted on request.
     *
     * @param deleted how many keys the server deleted
     * @return {@code deleted}
     */
    long countEvictions(long deleted) {
        resources.evictions.add(deleted);
        return deleted;
    }

    /**
     * Runs a getOrSet supplier, counting it as a successful or failed load.
     *
     * @param supplier computes the value
     * @return what it returned
     */
    <T> T load(Supplier<? extends T> supplier) {
        T value;
        try {
            value = supplier.get();
        } catch (RuntimeException | Error e) {
            resources.metrics.loadFailures().increment();
            throw e;
        }
        resources.metrics.loadSuccesses().increment();
        return value;
    }

    /** The daemon thread renewing watchdog locks; made on first use. */
    ScheduledExecutorService watchdog() {
        return resources.watchdog();
    }

    /** Marks the cache closed (later waits fail fast), stops the watchdog and closes the client. */
    void close() {
        if (!resources.closed) {
            resources.closed = true;
            resources.stopWatchdog();
            resources.client.close();
        }
    }

    // ---- key making --------------------------------------------------------------------------

    /** @return the stored key of a user key at this view's version */
    String makeKey(String key) {
        return resources.keyFunction.makeKey(requireKey(key), resources.prefix, version);
    }

    /** @return the made key bytes (prefix, version) of a user key */
    byte[] key(String key) {
        return makeKey(key).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the made key bytes of a user key at another version */
    byte[] key(String key, int atVersion) {
        return resources.keyFunction.makeKey(requireKey(key), resources.prefix, atVersion)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return the made key bytes of every user key, in order */
    List<byte[]> keys(Collection<String> keys) {
        Arguments.notNull(keys, "keys");
        List<byte[]> made = new ArrayList<>(keys.size());
        for (String key : keys) {
            made.add(key(key));
        }
        return made;
    }

    /** @return the glob over stored keys of a user pattern at this view's version */
    String makePattern(String pattern) {
        return resources.keyFunction.makePattern(requirePattern(pattern), resources.escapedPrefix,
                Integer.toString(version));
    }

    /** @return the glob matching every key of this cache, at every version */
    String everyKeyPattern() {
        return resources.keyFunction.makePattern("*", resources.escapedPrefix, "*");
    }

    /** @return the user key of a stored key */
    String userKey(byte[] storedKey) {
        return userKey(new String(storedKey, StandardCharsets.UTF_8));
    }

    /** @return the user key of a stored key */
    String userKey(String storedKey) {
        return resources.keyFunction.reverseKey(storedKey, resources.prefix);
    }

    /**
     * Whether a key a pattern matched is really this cache's (a glob cannot tell a version from
     * another cache's longer prefix): at this view's version, or at any version.
     */
    boolean isOwnKey(String storedKey, boolean anyVersion) {
        return resources.keyFunction.isOwnKey(storedKey, resources.prefix,
                anyVersion ? OptionalInt.empty() : OptionalInt.of(version));
    }

    private static String requireKey(String key) {
        Arguments.notNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return requireWellFormed(key, "key");
    }

    private static String requirePattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern must not be " + (pattern == null ? "null" : "empty"));
        }
        return requireWellFormed(pattern, "pattern");
    }

    /**
     * Rejects text with an unpaired surrogate: UTF-8 cannot carry it, the encoder would send
     * {@code ?} instead, and {@code "x"} followed by a lone high surrogate would silently be the
     * same stored key as {@code "x?"}.
     *
     * @param text the text to check
     * @param what what the text is, for the message ({@code key}, {@code hash field}, ...)
     * @return {@code text}
     * @throws IllegalArgumentException naming the text (surrogates escaped) and the index
     */
    static String requireWellFormed(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException(what + " '" + escapeSurrogates(text) + "' is not well-formed UTF-16:"
                    + " unpaired surrogate at index " + i + " (it cannot be stored without colliding with another " + what + ")");
        }
        return text;
    }

    private static String escapeSurrogates(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
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

    /** @return the timeout with "default" replaced by the configured default */
    Timeout resolve(Timeout timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null; use Timeout.never() for no expiry");
        }
        return timeout.isDefault() ? resources.config.defaultTimeout() : timeout;
    }

    /** @return the client's expiry argument of a resolved timeout that does not expire now */
    static long expiryMillis(Timeout resolved) {
        return resolved.isNever() ? ValkeyClient.NO_EXPIRY : resolved.toMillis();
    }

    /** @return the timeout of a duration, rejecting null with the facade's message */
    static Timeout timeoutOf(Duration d) {
        if (d == null) {
            throw new IllegalArgumentException("timeout must not be null; use Timeout.never() for no expiry");
        }
        return Timeout.of(d);
    }

    // ---- codec -------------------------------------------------------------------------------

    /** @return the encoded bytes of a value, errors naming the key */
    byte[] encode(Object value, String key) {
        try {
            return resources.codec.encode(value);
        } catch (CacheSerializationException e) {
            resources.errorsRaised.increment();
            throw withKey(e, key);
        } catch (RuntimeException e) {
            resources.errorsRaised.increment();
            throw new CacheSerializationException("cannot serialize the value for key '" + key + "' ("
                    + (value == null ? "null" : value.getClass().getName()) + "): " + e.getMessage(), e);
        }
    }

    /** @return the decoded value, errors naming the key */
    Object decode(byte[] bytes, String key) {
        try {
            return resources.codec.decode(bytes);
        } catch (CacheSerializationException e) {
            resources.errorsRaised.increment();
            throw withKey(e, key);
        }
    }

    /** @return the decoded value as the given type, errors naming the key */
    <T> T decode(byte[] bytes, Class<T> type, String key) {
        try {
            return resources.codec.decode(bytes, type);
        } catch (CacheSerializationException e) {
            resources.errorsRaised.increment();
            throw withKey(e, key);
        }
    }

    private static CacheSerializationException withKey(CacheSerializationException e, String key) {
        String msg = "key '" + key + "': " + e.getMessage();
        return e instanceof CacheCompressionException ? new CacheCompressionException(msg, e) : new CacheSerializationException(msg, e);
    }

    /** @return the decoded value of a bulk-string reply, or null */
    Object decodeReply(Object reply, String key) {
        byte[] b = Replies.asBytes(reply);
        return b == null ? null : decode(b, key);
    }

    /** @return the decoded values of an array reply, in order */
    List<Object> decodeList(Object reply, String key) {
        List<?> items = Replies.asList(reply);
        List<Object> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(decodeReply(o, key));
        }
        return out;
    }

    /** @return the decoded values of an array reply, as a set in reply order */
    Set<Object> decodeSet(Object reply, String key) {
        return new LinkedHashSet<>(decodeList(reply, key));
    }

    /** @return pairs from a flat [m1, s1, m2, s2] or nested [[m1, s1], [m2, s2]] reply */
    List<ScoredMember> decodeScored(Object reply, String key) {
        List<?> items = Replies.asList(reply);
        List<ScoredMember> out = new ArrayList<>();
        if (!items.isEmpty() && items.get(0) instanceof List) {
            for (Object pair : items) {
                List<?> p = (List<?>) pair;
                out.add(new ScoredMember(decodeReply(p.get(0), key), Replies.asDouble(p.get(1))));
            }
            return out;
        }
        for (int i = 0; i + 1 < items.size(); i += 2) {
            out.add(new ScoredMember(decodeReply(items.get(i), key), Replies.asDouble(items.get(i + 1))));
        }
        return out;
    }

    // ---- calls: the asynchronous path, its blocking wait, the ignore-exceptions policy ---------

    /**
     * Runs one blocking facade call: the asynchronous path with continuations on the calling
     * thread, waited for with the request-timeout bound per round trip. Argument and encoding
     * errors thrown while the call is prepared propagate as they are.
     *
     * @param call builds the call's future on the given flow
     * @return the call's result
     */
    <T> T join(Function<Flow, CompletableFuture<T>> call) {
        CallerFlow flow = new CallerFlow(resources.waitMillis);
        return flow.drain(call.apply(flow), this);
    }

    /**
     * Starts one asynchronous facade call with continuations on {@code executor}. Argument
     * errors ({@link IllegalArgumentException}) and a closed cache ({@link IllegalStateException})
     * are thrown at once; every other failure, including one while the call is prepared (an
     * unserializable value), fails the returned future with the typed exception itself (not
     * wrapped in a {@link CompletionException}).
     *
     * @param executor runs decoding and the other continuations
     * @param command the facade method, for the closed-cache message
     * @param call builds the call's future on the flow
     * @return the call's future
     */
    <T> CompletableFuture<T> async(Executor executor, String command, Function<Flow, CompletableFuture<T>> call) {
        checkOpen(command);
        Flow flow = Flow.on(executor);
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            call.apply(flow).whenComplete((value, failure) -> {
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(unwrap(failure));
                }
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            flow.release();
        }
        return out;
    }

    /**
     * Sends one client call under the ignore-exceptions policy.
     *
     * @param flow where the reply is handled
     * @param command the facade method, for errors and logs
     * @param key the user key errors name, or null
     * @param fallback what an ignored connection failure completes with
     * @param op makes the client call
     * @return the reply, or {@code fallback}, completed on the flow
     */
    <T> CompletableFuture<T> call(Flow flow, String command, String key, T fallback, Supplier<CompletableFuture<T>> op) {
        return send(flow, command, key, resources.waitMillis, true, op, failure -> policy(command, fallback, failure));
    }

    /** {@link #call} for a command that may block on the server for up to {@code block}. */
    <T> CompletableFuture<T> callBlocking(Flow flow, String command, String key, T fallback, Duration block,
            Supplier<CompletableFuture<T>> op) {
        return send(flow, command, key, block.toMillis() + resources.waitMillis, true, op,
                failure -> policy(command, fallback, failure));
    }

    /**
     * Sends one multi-key client call that a topology over several nodes may serve in part (a
     * shard ring with a node down), under the ignore-exceptions policy: when the client reports a
     * {@link CachePartialFailureException}, the served part is the answer if the cache ignores
     * exceptions; otherwise a {@link CachePartialFailureException} naming the caller's keys and
     * carrying the caller-level result of the served part is raised.
     *
     * @param flow where the reply is handled
     * @param command the facade method, for errors and logs
     * @param userKeys the caller's keys, in the order of {@code made}
     * @param made their made keys, as sent
     * @param fallback what an ignored failure of the whole call returns
     * @param op makes the client call
     * @param toCaller turns the client-level served part into what the facade method returns
     * @return the reply, the served part, or {@code fallback}
     */
    <T> CompletableFuture<T> callServedPart(Flow flow, String command, List<String> userKeys, List<byte[]> made,
            T fallback, Supplier<CompletableFuture<T>> op, Function<T, Object> toCaller) {
        long start = System.nanoTime();
        return request(flow, command, null, op).handle((value, failure) -> {
            try {
                if (failure == null) {
                    return value;
                }
                Throwable cause = unwrap(failure);
                if (cause instanceof CachePartialFailureException p) {
                    @SuppressWarnings("unchecked")
                    T served = (T) p.partialResult();
                    if (resources.ignoreExceptions) {
                        return ignored(command, served, p);
                    }
                    resources.errorsRaised.increment();
                    List<String> failed = callerKeys(p, userKeys, made);
                    throw new CachePartialFailureException(command + ": " + (failed.isEmpty() ? "" : "keys " + failed
                            + " failed; ") + p.getMessage(), failed, served == null ? null : toCaller.apply(served), p);
                }
                return policy(command, fallback, cause);
            } finally {
                resources.latency.record(System.nanoTime() - start);
            }
        });
    }

    /**
     * The caller's keys of the made keys a {@link CachePartialFailureException} names as failed.
     *
     * @param p the client's exception
     * @param userKeys the caller's keys, in the order of {@code made}
     * @param made their made keys
     * @return the failed caller keys, in the exception's order
     */
    static List<String> callerKeys(CachePartialFailureException p, List<String> userKeys, List<byte[]> made) {
        Map<String, String> userByMade = new HashMap<>();
        for (int i = 0; i < made.size(); i++) {
            userByMade.put(new String(made.get(i), StandardCharsets.UTF_8), userKeys.get(i));
        }
        List<String> failed = new ArrayList<>(p.failedKeys().size());
        for (String m : p.failedKeys()) {
            failed.add(userByMade.getOrDefault(m, m));
        }
        return failed;
    }

    /**
     * Puts work of several {@link #request}s under the ignore-exceptions policy, as one method of
     * the facade (one latency sample): a connection failure in any of them completes with
     * {@code fallback} when the cache ignores exceptions.
     *
     * @param work starts the requests (argument errors it throws propagate at once)
     */
    <T> CompletableFuture<T> guarded(String command, T fallback, Supplier<CompletableFuture<T>> work) {
        long start = System.nanoTime();
        return work.get().handle((value, failure) -> {
            try {
                return failure == null ? value : policy(command, fallback, unwrap(failure));
            } finally {
                resources.latency.record(System.nanoTime() - start);
            }
        });
    }

    /** The policy for one failure: {@code fallback} for an ignored connection failure, else rethrown. */
    private <T> T policy(String command, T fallback, Throwable failure) {
        if (failure instanceof CacheConnectionException e) {
            return ignored(command, fallback, e);
        }
        throw rethrow(failure);
    }

    /**
     * The ignore-exceptions policy, in one place: a connection failure (timeouts included)
     * becomes {@code fallback} when the cache ignores exceptions; otherwise it propagates. Every
     * other failure never reaches here and always propagates.
     */
    private <T> T ignored(String command, T fallback, CacheConnectionException e) {
        if (!resources.ignoreExceptions) {
            resources.errorsRaised.increment();
            throw e;
        }
        resources.errorsIgnored.increment();
        if (resources.logIgnored) {
            LOG.error("Exception ignored: {} on cache '{}'", command, resources.config.name(), e);
        }
        return fallback;
    }

    /**
     * One client round trip, without the policy: sent now, its reply handed to the flow, bounded
     * by the request timeout, its failure translated (naming the command and key). Argument
     * errors of the client are thrown at once; its other synchronous failures fail the future.
     *
     * @param flow where the reply is handled
     * @param command the facade method, for errors
     * @param key the user key errors name, or null
     * @param op makes the client call
     * @return the reply, completed on the flow
     */
    <T> CompletableFuture<T> request(Flow flow, String command, String key, Supplier<CompletableFuture<T>> op) {
        return request(flow, command, key, resources.waitMillis, op);
    }

    private <T> CompletableFuture<T> request(Flow flow, String command, String key, long waitMillis,
            Supplier<CompletableFuture<T>> op) {
        return send(flow, command, key, waitMillis, false, op, failure -> {
            throw rethrow(failure);
        });
    }

    /**
     * Sends one client call; its reply is handed to the flow, and a failure, translated, to
     * {@code onFailure} there (one stage for both: this is every call's path). A failure other
     * than a connection failure counts as a raised error here; a connection failure is counted
     * where the ignore policy decides its outcome.
     *
     * @param timed whether the call is one facade exchange whose latency is recorded (a step of
     *     {@link #guarded} work is not: the work is)
     */
    private <T> CompletableFuture<T> send(Flow flow, String command, String key, long waitMillis, boolean timed,
            Supplier<CompletableFuture<T>> op, Function<RuntimeException, T> onFailure) {
        checkOpen(command);
        long start = timed ? System.nanoTime() : 0;
        CompletableFuture<T> sent;
        try {
            sent = op.get();
        } catch (CacheException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return flow.bound(sent, command, key, waitMillis).handleAsync((value, failure) -> {
            try {
                if (failure == null) {
                    return value;
                }
                RuntimeException translated = translate(failure, command, key, waitMillis);
                if (!(translated instanceof CacheConnectionException)) {
                    resources.errorsRaised.increment();
                }
                return onFailure.apply(translated);
            } finally {
                if (timed) {
                    resources.latency.record(System.nanoTime() - start);
                }
            }
        }, flow);
    }

    private void checkOpen(String command) {
        if (resources.closed) {
            throw new IllegalStateException(command + ": cache '" + resources.config.name() + "' is closed");
        }
    }

    /**
     * {@link ValkeyLock}'s wait for a client future (locks are outside the ignore policy): bounded
     * by the request timeout, its failure translated, and every failure counted as a raised error.
     */
    <T> T awaitUnguarded(CompletableFuture<T> future, String command, String key) {
        long waitMillis = resources.waitMillis;
        if (resources.closed) {
            future.cancel(false);
            throw new IllegalStateException(command + ": cache '" + resources.config.name() + "' is closed");
        }
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw raised(translate(e.getCause(), command, key, waitMillis));
        } catch (TimeoutException e) {
            future.cancel(false);
            throw raised(translate(e, command, key, waitMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw raised(new CacheException(command + " interrupted", e));
        }
    }

    /** Counts a failure that reaches the caller outside the ignore policy; returns it. */
    RuntimeException raised(RuntimeException e) {
        resources.errorsRaised.increment();
        return e;
    }

    /**
     * The value of a completed future, its failure rethrown as the typed exception itself.
     *
     * @param done a completed future
     * @return its value
     */
    static <T> T resultOf(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException | CancellationException e) {
            throw rethrow(unwrap(e));
        }
    }

    /** @return the cause a {@link CompletionException} or {@link ExecutionException} wraps */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** @return an unchecked throwable to throw for a failure ({@link Error}s are thrown as they are) */
    static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new CacheException("failed: " + cause, cause);
    }

    /** @return the error of a round trip that did not answer within its bound */
    CacheTimeoutException timedOut(String command, String key, long waitMillis) {
        return new CacheTimeoutException(command + (key == null ? "" : " '" + key + "'") + " on "
                + resources.client.describe() + " did not complete within " + waitMillis + " ms");
    }

    private RuntimeException translate(Throwable failure, String command, String key, long waitMillis) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException) {
            return timedOut(command, key, waitMillis);
        }
        if (cause instanceof CacheCommandException c && key != null) {
            return new CacheCommandException(command + " '" + key + "': " + c.getMessage(), c);
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new CacheException(command + " failed: " + cause, cause);
    }

    // ---- data-structure commands -------------------------------------------------------------

    /** @return a command whose first argument is the made key of {@code key}, errors naming it */
    Command command(String name, String key) {
        return new Command(this, name, key).key(key);
    }
}
