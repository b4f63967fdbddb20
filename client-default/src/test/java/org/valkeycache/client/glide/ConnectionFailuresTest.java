package org.valkeycache.client.glide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CachePermissionException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.client.glide.internal.GlideClients;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.ValkeyProcess;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * Each way of failing to reach a server gives its own exception type, well within the request
 * timeout (glide alone reports all of them as a 2 s "Request timed out"); a server known to be
 * down fails calls at once and is used again once it is back.
 */
class ConnectionFailuresTest {

    /** glide's timeouts in these tests: a failure that takes them was not reported promptly. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** "Promptly": generous, so a loaded 2-core machine does not make the tests flaky. */
    static final long PROMPT_MILLIS = 1_000;
    static final String PASSWORD = "s3cret-pw";

    static ValkeyServer secured;

    @BeforeAll
    static void start() {
        secured = ValkeyServer.builder().aclUser("app", PASSWORD).start();
        secured.call("ACL", "SETUSER", "reader", "on", ">reader-pw", "~*", "+@all", "-set");
        secured.call("ACL", "SETUSER", "noinfo", "on", ">noinfo-pw", "~*", "+@all", "-info");
    }

    @AfterAll
    static void stop() {
        if (secured != null) {
            secured.close();
        }
    }

    static DefaultValkeyClient client(String url) {
        return new DefaultValkeyClient(CacheConfig.builder().location(url)
                .connectTimeout(TIMEOUT).requestTimeout(TIMEOUT).build());
    }

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    /** Runs a GET and asserts it fails promptly; returns its cause for further checks. */
    static AbstractThrowableAssert<?, ? extends Throwable> getFailsPromptly(ValkeyClient c) {
        long start = System.nanoTime();
        CompletableFuture<byte[]> f = c.get(b("k"));
        Throwable failure = null;
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(failure).as("GET must fail").isNotNull();
        assertThat(millis).as("failed after %d ms: %s", millis, failure).isLessThan(PROMPT_MILLIS);
        return assertThat(failure);
    }

    @Test
    void aRefusedPortIsAConnectionErrorNamingTheNode() {
        int dead = ValkeyProcess.freePort();
        try (DefaultValkeyClient c = client("valkey://u:" + PASSWORD + "@127.0.0.1:" + dead)) {
            getFailsPromptly(c).isExactlyInstanceOf(CacheConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + dead).hasMessageContaining("connection refused")
                    .message().doesNotContain(PASSWORD);
        }
    }

    @Test
    void aDatabaseIndexTheServerLacksIsAConfigurationError() {
        try (DefaultValkeyClient c = client(secured.url(99_999))) {
            getFailsPromptly(c).isExactlyInstanceOf(CacheConfigurationException.class)
                    .hasMessageContaining("127.0.0.1:" + secured.port()).hasMessageContaining("database index")
                    .message().doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationError() {
        try (DefaultValkeyClient c = client("valkey://app:wrong-pw@127.0.0.1:" + secured.port())) {
            getFailsPromptly(c).isExactlyInstanceOf(CacheAuthenticationException.class)
                    .hasMessageContaining("127.0.0.1:" + secured.port()).hasMessageContaining("WRONGPASS")
                    .message().doesNotContain("wrong-pw");
        }
    }

    @Test
    void noPasswordForAServerThatWantsOneIsAnAuthenticationError() {
        try (DefaultValkeyClient c = client("valkey://127.0.0.1:" + secured.port())) {
            getFailsPromptly(c).isExactlyInstanceOf(CacheAuthenticationException.class).hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void anAclUserDeniedACommandTheClientNeedsToConnectIsAPermissionError() {
        try (DefaultValkeyClient c = client("valkey://noinfo:noinfo-pw@127.0.0.1:" + secured.port())) {
            getFailsPromptly(c).isExactlyInstanceOf(CachePermissionException.class)
                    .hasMessageContaining("needs to connect").hasMessageContaining("'info'");
        }
    }

    @Test
    void anAclUserDeniedACommandGetsAPermissionErrorForItAndKeepsWorking() throws Exception {
        secured.call("SET", "k", "v");
        try (DefaultValkeyClient c = client("valkey://reader:reader-pw@127.0.0.1:" + secured.port())) {
            assertThat(c.get(b("k")).get(10, TimeUnit.SECONDS)).isEqualTo(b("v"));
            assertThatThrownBy(() -> c.set(b("k"), b("w"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY)
                    .get(10, TimeUnit.SECONDS)).cause().isExactlyInstanceOf(CachePermissionException.class)
                    .hasMessageContaining("'set'");
            assertThat(c.get(b("k")).get(10, TimeUnit.SECONDS)).as("a denied command is no outage").isEqualTo(b("v"));
        }
    }

    @Test
    void aServerKnownToBeDownFailsCallsAtOnceAndIsUsedAgainWhenBack() throws Exception {
        try (ValkeyServer server = ValkeyServer.start();
                DefaultValkeyClient c = new DefaultValkeyClient(CacheConfig.builder().location(server.url())
                        .connectTimeout(TIMEOUT).requestTimeout(TIMEOUT)
                        .option(GlideClients.CONNECT_RETRY_INTERVAL, "300ms").build())) {
            c.set(b("k"), b("v"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY).get(10, TimeUnit.SECONDS);
            server.kill();
            // the first call may still pay glide's timeout: nothing told us the server died
            assertThatThrownBy(() -> c.get(b("k")).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CacheConnectionException.class);
            for (int i = 0; i < 20; i++) {
                getFailsPromptly(c).isExactlyInstanceOf(CacheConnectionException.class)
                        .hasMessageContaining("127.0.0.1:" + server.port()).hasMessageContaining("connection refused")
                        .hasMessageMatching("(?s).*(next attempt at .* \\(in \\d+ ms; options.connect.retry_interval=300ms\\)"
                                + "|retrying now).*");
                Thread.sleep(50);
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.executeBlocking(List.of(b("l")), List.of(b("BLPOP"), b("l"), b("1")),
                    Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS)).cause()
                    .isExactlyInstanceOf(CacheConnectionException.class).hasMessageContaining("connection refused");
            assertThat((System.nanoTime() - start) / 1_000_000).as("a blocking pop").isLessThan(PROMPT_MILLIS);
            server.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            byte[] value = null;
            while (value == null && System.nanoTime() < deadline) {
                try {
                    value = c.set(b("k"), b("again"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY)
                            .thenCompose(ok -> c.get(b("k"))).get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(CacheConnectionException.class);
                    Thread.sleep(50);
                }
            }
            assertThat(value).isEqualTo(b("again"));
        }
    }

    @Test
    void aSlowServerIsNotADownOne() throws Exception {
        try (ValkeyServer server = ValkeyServer.start();
                DefaultValkeyClient c = new DefaultValkeyClient(CacheConfig.builder().location(server.url())
                        .requestTimeout(Duration.ofMillis(200))
                        .option(GlideClients.CONNECT_RETRY_INTERVAL, "30s").build())) {
            c.set(b("k"), b("v"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY).get(10, TimeUnit.SECONDS);
            server.call("CLIENT", "PAUSE", "800", "ALL");
            assertThatThrownBy(() -> c.get(b("k")).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CacheTimeoutException.class);
            Thread.sleep(1_000);
            assertThat(c.get(b("k")).get(10, TimeUnit.SECONDS)).as("no breaker opened for a paused server")
                    .isEqualTo(b("v"));
        }
    }
}
