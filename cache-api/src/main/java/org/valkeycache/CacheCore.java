package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.internal.Arguments;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.ValkeyClient;

/**
 * What every command family of a {@link ValkeyCache} shares, each concept under one name: key
 * making ({@link #key}), the timeout rules ({@link #resolve}), the value codec ({@link #encode},
 * {@link #decode}), and the calls: one client round trip ({@link #request}: bounded, its reply
 * handed to the call's {@link Flow}, errors translated) under the ignore-exceptions policy
 * ({@link #guarded}; {@link #call} is both for one client call), started asynchronously
 * ({@link #async}) or waited for by the calling thread ({@link #join}); and the counting into the
 * cache's {@link CacheMetrics} ({@link #counting}: gets, puts, evictions, loads; errors and
 * latency are counted by the policy methods themselves, on the one path both facades share, so
 * each counts exactly as the other). Key text rules live in {@link KeyText}, how failures leave a
 * future in {@link Failures}.
 *
 * <p>One core per version view; the {@link CacheResources} under it (client, codec, meters,
 * watchdog) are shared by every view of one cache. Thread-safe.
 */
final class CacheCore {

    private final CacheResources resources;
    private final int version;

    private CacheCore(CacheResources resources, int version) {
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
        this(new CacheResources(config, client, codec), config.version());
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

    /** The counting into this cache's meters, shared by every view. */
    Counting counting() {
        return resources.counting;
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
            resources.flushIgnoredLog();
        }
    }

    // ---- key making --------------------------------------------------------------------------

    /** @return the stored key of a user key at this view's version */
    String makeKey(String key) {
        return resources.keyFunction.makeKey(KeyText.requireKey(key), resources.prefix, version);
    }

    /** @return the made key bytes (prefix, version) of a user key */
    byte[] key(String key) {
        return makeKey(key).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the made key bytes of a user key at another version */
    byte[] key(String key, int atVersion) {
        return resources.keyFunction.makeKey(KeyText.requireKey(key), resources.prefix, atVersion)
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
        return resources.keyFunction.makePattern(KeyText.requirePattern(pattern), resources.escapedPrefix,
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

    private static final byte[] EXISTS = {'E', 'X', 'I', 'S', 'T', 'S'};

    /**
     * {@code EXISTS} answered by the primary, for an answer about the caller's own writes (a
     * replica may not have them yet); a client without generic commands answers with its plain
     * {@link ValkeyClient#exists}.
     *
     * @param client the client
     * @param key made key
     * @return whether the key exists on the primary
     */
    static CompletableFuture<Boolean> existsOnPrimary(ValkeyClient client, byte[] key) {
        try {
            return client.execute(true, List.of(key), List.of(EXISTS, key)).thenApply(r -> r instanceof Long n && n > 0);
        } catch (CacheUnsupportedOperationException e) {
            return client.exists(key);
        }
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
            resources.counting.errorsRaised.increment();
            throw withKey(e, key);
        } catch (RuntimeException e) {
            resources.counting.errorsRaised.increment();
            throw new CacheSerializationException("cannot serialize the value for key '" + key + "' ("
                    + (value == null ? "null" : value.getClass().getName()) + "): " + e.getMessage(), e);
        }
    }

    /** @return the decoded value, errors naming the key */
    Object decode(byte[] bytes, String key) {
        try {
            return resources.codec.decode(bytes);
        } catch (CacheSerializationException e) {
            resources.counting.errorsRaised.increment();
            throw withKey(e, key);
        }
    }

    /** @return the decoded value as the given type, errors naming the key */
    <T> T decode(byte[] bytes, Class<T> type, String key) {
        try {
            return resources.codec.decode(bytes, type);
        } catch (CacheSerializationException e) {
            resources.counting.errorsRaised.increment();
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
                    out.completeExceptionally(Failures.unwrap(failure));
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
                Throwable cause = Failures.unwrap(failure);
                if (cause instanceof CachePartialFailureException p) {
                    @SuppressWarnings("unchecked")
                    T served = (T) p.partialResult();
                    if (resources.ignoreExceptions) {
                        return ignored(command, served, p);
                    }
                    resources.counting.errorsRaised.increment();
                    List<String> failed = Failures.callerKeys(p, userKeys, made);
                    throw new CachePartialFailureException(command + ": " + (failed.isEmpty() ? "" : "keys " + failed
                            + " failed; ") + p.getMessage(), failed, served == null ? null : toCaller.apply(served), p);
                }
                return policy(command, fallback, cause);
            } finally {
                resources.counting.latencySince(start);
            }
        });
    }

    /**
     * For a step of {@link #guarded} work that a topology over several nodes may serve in part
     * (a shard ring's scan or unlink with a node down): under the ignore-exceptions policy the
     * served part of a {@link CachePartialFailureException}, the failure logged and counted as an
     * ignored one; otherwise the failure as it is, which then fails the work.
     *
     * @param command the facade method, for logs
     * @param failure the step's failure
     * @return the served part
     */
    <T> T servedPart(String command, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof CachePartialFailureException p && resources.ignoreExceptions) {
            @SuppressWarnings("unchecked")
            T served = (T) p.partialResult();
            return ignored(command, served, p);
        }
        throw Failures.rethrow(cause);
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
                return failure == null ? value : policy(command, fallback, Failures.unwrap(failure));
            } finally {
                resources.counting.latencySince(start);
            }
        });
    }

    /** The policy for one failure: {@code fallback} for an ignored connection failure, else rethrown. */
    private <T> T policy(String command, T fallback, Throwable failure) {
        if (failure instanceof CacheConnectionException e) {
            return ignored(command, fallback, e);
        }
        throw Failures.rethrow(failure);
    }

    /**
     * The ignore-exceptions policy, in one place: a connection failure (timeouts included)
     * becomes {@code fallback} when the cache ignores exceptions; otherwise it propagates. Every
     * other failure never reaches here and always propagates.
     */
    private <T> T ignored(String command, T fallback, CacheConnectionException e) {
        if (!resources.ignoreExceptions) {
            resources.counting.errorsRaised.increment();
            throw e;
        }
        resources.counting.errorsIgnored.increment();
        if (resources.ignoredLog != null) {
            resources.ignoredLog.record(command, e);
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
            throw Failures.rethrow(failure);
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
                    resources.counting.errorsRaised.increment();
                }
                return onFailure.apply(translated);
            } finally {
                if (timed) {
                    resources.counting.latencySince(start);
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
        resources.counting.errorsRaised.increment();
        return e;
    }

    /** @return the error of a round trip that did not answer within its bound */
    CacheTimeoutException timedOut(String command, String key, long waitMillis) {
        return new CacheTimeoutException(command + (key == null ? "" : " '" + key + "'") + " on "
                + resources.client.describe() + " did not complete within " + waitMillis + " ms");
    }

    private RuntimeException translate(Throwable failure, String command, String key, long waitMillis) {
        Throwable cause = Failures.unwrap(failure);
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
