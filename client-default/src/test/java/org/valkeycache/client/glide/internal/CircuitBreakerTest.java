package org.valkeycache.client.glide.internal;

import static org.assertj.core.api.Assertions.assertThat;

import glide.api.models.exceptions.RequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.client.glide.internal.CircuitBreaker.Fault;

/**
 * The breaker's state machine, server-free: the checks are futures the test completes itself,
 * standing in for {@link NodeProbe} (whose real behaviour {@code ConnectionFailuresTest} covers).
 */
class CircuitBreakerTest {

    static final Fault REFUSED = new Fault(CacheConnectionException.class, "connection refused",
            new CacheConnectionException("TCP connect: connection refused"));

    final List<CompletableFuture<Fault>> checks = new ArrayList<>();
    final AtomicInteger dispatched = new AtomicInteger();

    CircuitBreaker breaker(Duration retry) {
        return new CircuitBreaker("10.0.0.1:6379", retry, "options.connect.retry_interval", () -> {
            CompletableFuture<Fault> check = new CompletableFuture<>();
            checks.add(check);
            return check;
        });
    }

    /** A breaker whose first check found the node refusing, with the retry interval passed. */
    CircuitBreaker openWithRetryDue() throws InterruptedException {
        CircuitBreaker b = breaker(Duration.ofMillis(1));
        b.start();
        checks.get(0).complete(REFUSED);
        Thread.sleep(5);
        return b;
    }

    CompletableFuture<String> call(CircuitBreaker b) {
        return b.admit("GET", () -> {
            dispatched.incrementAndGet();
            return new CompletableFuture<>(); // glide has not answered (yet)
        });
    }

    static Throwable failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFaultFoundWhileCallsRunFailsThemAtOnceAndOpensTheBreaker() {
        CircuitBreaker b = breaker(Duration.ofMinutes(1));
        b.start();
        assertThat(b.isClosed()).isFalse();
        CompletableFuture<String> racing = call(b);
        assertThat(dispatched).hasValue(1);
        assertThat(racing).isNotDone();

        checks.get(0).complete(REFUSED);
        assertThat(failure(racing)).isExactlyInstanceOf(CacheConnectionException.class)
                .hasMessageStartingWith("GET on 10.0.0.1:6379: connection refused; failing fast, next attempt at ")
                .hasMessageContaining("options.connect.retry_interval");

        CompletableFuture<String> open = call(b);
        assertThat(dispatched).as("nothing goes to glide while open").hasValue(1);
        assertThat(failure(open)).isExactlyInstanceOf(CacheConnectionException.class).hasMessageContaining("in ");
        assertThat(checks).hasSize(1);
    }

    @Test
    void aCheckThatFindsNothingClosesTheBreaker() {
        CircuitBreaker b = breaker(Duration.ofMinutes(1));
        b.start();
        checks.get(0).complete(null);
        assertThat(b.isClosed()).isTrue();
        call(b);
        assertThat(dispatched).hasValue(1);
    }

    @Test
    void afterTheRetryIntervalOneCallProbesWhileTheOthersFailFast() throws Exception {
        CircuitBreaker b = openWithRetryDue();
        CompletableFuture<String> probe = call(b);
        assertThat(checks).as("the probe runs a check").hasSize(2);
        assertThat(probe).isNotDone();
        CompletableFuture<String> other = call(b);
        assertThat(failure(other)).isExactlyInstanceOf(CacheConnectionException.class).hasMessageContaining("retrying now");
        assertThat(dispatched).hasValue(0);

        checks.get(1).complete(null);
        assertThat(dispatched).as("the probe goes on to glide once the node answers").hasValue(1);
        assertThat(b.isClosed()).isTrue();
    }

    @Test
    void aProbeThatFindsTheFaultAgainKeepsTheBreakerOpen() throws Exception {
        CircuitBreaker b = openWithRetryDue();
        CompletableFuture<String> probe = call(b);
        Fault auth = Fault.of(new CacheAuthenticationException("PING on 10.0.0.1:6379: authentication failed (WRONGPASS)"),
                "PING on 10.0.0.1:6379: ");
        checks.get(1).complete(auth);
        assertThat(failure(probe)).isExactlyInstanceOf(CacheAuthenticationException.class)
                .hasMessageStartingWith("GET on 10.0.0.1:6379: authentication failed (WRONGPASS); failing fast");
        assertThat(b.isClosed()).isFalse();
        assertThat(dispatched).hasValue(0);
    }

    @Test
    void onlyConnectionFailuresStartACheck() {
        CircuitBreaker b = breaker(Duration.ofMinutes(1));
        b.onFailure(new CacheCommandException("WRONGTYPE"));
        b.onFailure(new CacheException("something else"));
        assertThat(checks).isEmpty();
        assertThat(b.isClosed()).isTrue();

        b.onFailure(new CacheCommandException("connect", new RequestException(
                "Standalone connect failed - IoError: Received error for address `10.0.0.1:6379`: timed out")));
        assertThat(checks).as("a failed connect").hasSize(1);
        b.onFailure(new CacheTimeoutException("GET timed out"));
        assertThat(checks).as("one check at a time").hasSize(1);
        checks.get(0).complete(null);
        b.onFailure(new CacheTimeoutException("GET timed out"));
        assertThat(checks).hasSize(2);
    }

    @Test
    void slownessIsNoFault() {
        assertThat(Fault.of(new CacheTimeoutException("PING on n: timed out"), "PING on n: ")).isNull();
        assertThat(Fault.of(new CacheConnectionException("PING on n: connection failed"), "PING on n: ")).isNull();
    }

    @Test
    void aBrokenCheckKnowsNothing() {
        CircuitBreaker b = breaker(Duration.ofMinutes(1));
        b.start();
        checks.get(0).completeExceptionally(new IllegalStateException("probe crashed"));
        assertThat(b.isClosed()).isTrue();
    }
}
