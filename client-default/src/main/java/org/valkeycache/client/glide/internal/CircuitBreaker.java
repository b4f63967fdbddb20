package org.valkeycache.client.glide.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheException;
import org.valkeycache.CachePermissionException;

/**
 * Fails calls to a node known to be down (or to refuse our credentials or database) at once,
 * instead of letting each cost glide's full timeout: glide 2.3.1 retries a failed connect until
 * its connection timeout and reports only "Request timed out", whatever the cause.
 *
 * <p>States, each one immutable {@link State} in one volatile field:
 * <ul>
 *   <li><b>closed</b>: calls go to glide; the hot path is one volatile read. A failure that
 *       smells of the connection (a {@link CacheConnectionException}, or a failed connect) starts
 *       a check;</li>
 *   <li><b>checking</b>: a check runs (one at a time); calls go to glide but fail as soon as the
 *       check finds a fault, without waiting for glide's timeout; a call whose connection fails
 *       meanwhile reports what the check then finds, if anything;</li>
 *   <li><b>open</b>: the check found a fault; calls fail at once with an exception of the fault's
 *       type naming the node and the time of the next attempt, until the retry interval has
 *       passed;</li>
 *   <li><b>half-open</b> (probing): the first call after the interval runs a new check and, if it
 *       finds nothing wrong, goes on to glide; the others keep failing fast meanwhile.</li>
 * </ul>
 * A check that finds nothing wrong closes the breaker: only a definite fault (connection
 * refused, host unreachable, credentials, ACL, database index) opens it, never mere slowness.
 */
final class CircuitBreaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CircuitBreaker.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * What a check found wrong with a node.
     *
     * @param type the exception type calls fail with
     * @param detail what is wrong, without the command or node (never credentials)
     * @param cause the failure the check saw
     */
    record Fault(Class<? extends CacheException> type, String detail, Throwable cause) {

        /**
         * The fault behind a failure seen while checking, if it is one that retrying cannot cure
         * soon: refused credentials, ACL denials, bad settings. Slowness and timeouts are not.
         *
         * @param e the translated failure
         * @param prefix the {@code "<command> on <node>: "} prefix of its message, dropped
         * @return the fault, or {@code null}
         */
        static Fault of(CacheException e, String prefix) {
            Class<? extends CacheException> type = e instanceof CacheAuthenticationException ? CacheAuthenticationException.class
                    : e instanceof CachePermissionException ? CachePermissionException.class
                    : e instanceof CacheConfigurationException ? CacheConfigurationException.class : null;
            if (type == null) {
                return null;
            }
            String m = String.valueOf(e.getMessage());
            return new Fault(type, m.startsWith(prefix) ? m.substring(prefix.length()) : m, e);
        }

        CacheException exception(String message) {
            if (type == CacheAuthenticationException.class) {
                return new CacheAuthenticationException(message, cause);
            }
            if (type == CachePermissionException.class) {
                return new CachePermissionException(message, cause);
            }
            if (type == CacheConfigurationException.class) {
                return new CacheConfigurationException(message, cause);
            }
            return new CacheConnectionException(message, cause);
        }
    }

    /** One state of the breaker; see the class comment. */
    private static final class State {
        /** Non-null when open or half-open. */
        final Fault fault;
        /** {@link System#nanoTime()} from which the next check may run (open only). */
        final long retryAt;
        /** Non-null while a check runs; completed with its fault ({@code null}: nothing wrong). */
        final CompletableFuture<Fault> check;

        State(Fault fault, long retryAt, CompletableFuture<Fault> check) {
            this.fault = fault;
            this.retryAt = retryAt;
            this.check = check;
        }
    }

    private static final State CLOSED = new State(null, 0, null);

    private final String node;
    private final Duration retryInterval;
    private final String retrySetting;
    private final Supplier<CompletableFuture<Fault>> checker;
    private volatile State state = CLOSED;
    private volatile boolean shutDown;

    /**
     * @param node {@code host:port} for messages
     * @param retryInterval how long the breaker stays open before the next check
     * @param retrySetting the setting that chose the interval, named in messages
     * @param checker runs one check: completes with the fault found, or {@code null}
     */
    CircuitBreaker(String node, Duration retryInterval, String retrySetting, Supplier<CompletableFuture<Fault>> checker) {
        this.node = node;
        this.retryInterval = retryInterval;
        this.retrySetting = retrySetting;
        this.checker = checker;
    }

    /** Starts the first check at once, so that a fault is known before (or while) the first call runs. */
    void start() {
        State checking = new State(null, 0, new CompletableFuture<>());
        if (STATE.compareAndSet(this, CLOSED, checking)) {
            runCheck(checking);
        }
    }

    /** @return whether calls go straight to glide (the hot path: one volatile read) */
    boolean isClosed() {
        return state == CLOSED;
    }

    /**
     * Admits a call while the breaker is not closed: fails it at once when open, lets it through
     * as the probe when the retry is due, races it with a running check otherwise.
     *
     * @param command the command name for messages
     * @param dispatch sends the call to glide
     * @param <T> the result type
     * @return the call's future
     */
    <T> CompletableFuture<T> admit(String command, Supplier<CompletableFuture<T>> dispatch) {
        while (true) {
            State s = state;
            if (s == CLOSED) {
                return dispatch.get();
            }
            if (s.fault == null) {
                return race(command, dispatch.get(), s.check);
            }
            if (s.check == null && System.nanoTime() - s.retryAt >= 0) {
                State probing = new State(s.fault, s.retryAt, new CompletableFuture<>());
                if (!STATE.compareAndSet(this, s, probing)) {
                    continue;
                }
                runCheck(probing);
                return probing.check.thenCompose(f -> f == null ? dispatch.get()
                        : CompletableFuture.failedFuture(failure(command, f, state)));
            }
            return CompletableFuture.failedFuture(failure(command, s.fault, s));
        }
    }

    /**
     * For work that does not go through this connection but needs its node (a dedicated
     * connection of the blocking pool): fails it like {@link #admit} would while the node is
     * known to be down, without taking the probe.
     *
     * @param command the command name for messages
     * @param <T> the result type
     * @return a failed future, or {@code null} when the call may go ahead
     */
    <T> CompletableFuture<T> failIfKnownDown(String command) {
        State s = state;
        if (s.fault != null && (s.check != null || System.nanoTime() - s.retryAt < 0)) {
            return CompletableFuture.failedFuture(failure(command, s.fault, s));
        }
        return null;
    }

    /**
     * Learns from a failed call: a failure of the connection (or of glide's connect) starts a check.
     *
     * @param e the translated failure
     */
    void onFailure(CacheException e) {
        if (state != CLOSED || shutDown) {
            return;
        }
        if (!(e instanceof CacheConnectionException) && !GlideErrors.isConnectFailure(e.getCause())) {
            return;
        }
        State checking = new State(null, 0, new CompletableFuture<>());
        if (STATE.compareAndSet(this, CLOSED, checking)) {
            runCheck(checking);
        }
    }

    private void runCheck(State running) {
        CompletableFuture<Fault> check;
        try {
            check = checker.get();
        } catch (RuntimeException e) {
            check = CompletableFuture.failedFuture(e);
        }
        check.whenComplete((fault, error) -> {
            Fault f = error != null || shutDown ? null : fault;
            State next = f == null ? CLOSED : new State(f, System.nanoTime() + retryInterval.toNanos(), null);
            if (STATE.compareAndSet(this, running, next)) {
                logTransition(running, f);
            }
            running.check.complete(f);
        });
    }

    private void logTransition(State from, Fault found) {
        if (found != null && from.fault == null) {
            LOG.warn("{}: {}; failing calls at once until a check finds it answering ({})", node, found.detail(),
                    retrySetting);
        } else if (found == null && from.fault != null) {
            LOG.info("{}: reachable again", node);
        }
    }

    private CacheException failure(String command, Fault fault, State s) {
        long waitNanos = s.fault == null || s.check != null ? 0 : s.retryAt - System.nanoTime();
        String when = waitNanos <= 0 ? "retrying now"
                : "next attempt at " + Instant.now().plusNanos(waitNanos).truncatedTo(ChronoUnit.MILLIS)
                        + " (in " + Math.max(1, waitNanos / 1_000_000) + " ms; " + retrySetting + ")";
        return fault.exception(command + " on " + node + ": " + fault.detail() + "; failing fast, " + when);
    }

    /**
     * A call made while a check runs: it fails as soon as the check finds a fault. A connection
     * failure of the call itself waits for the check (bounded by the check's own timeouts), so
     * that it reports what the check found (such as a refused TLS certificate, which glide
     * reports as a timeout) rather than the bare symptom.
     */
    private <T> CompletableFuture<T> race(String command, CompletableFuture<T> call, CompletableFuture<Fault> check) {
        CompletableFuture<T> out = new CompletableFuture<>();
        call.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else if (check.isDone() || !(GlideErrors.unwrap(failure) instanceof CacheConnectionException)) {
                out.completeExceptionally(failure);
            } else {
                check.whenComplete((f, e) -> out.completeExceptionally(f != null ? failure(command, f, state) : failure));
            }
        });
        check.thenAccept(f -> {
            if (f != null) {
                out.completeExceptionally(failure(command, f, state));
            }
        });
        return out;
    }

    @Override
    public void close() {
        shutDown = true;
    }
}
