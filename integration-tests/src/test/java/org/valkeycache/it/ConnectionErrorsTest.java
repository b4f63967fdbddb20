package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CachePermissionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyProcess;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * Failures to reach a server through the cache facade: each arrives promptly as its own type;
 * {@code ignoreExceptions} swallows the outages (refused, down) but never a wrong password, an
 * ACL denial or a database index the server lacks; a server that is down costs nothing per call
 * and is used again once it is back.
 */
class ConnectionErrorsTest {

    /** glide's timeouts here: a failure that takes them was not reported promptly. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** "Promptly": generous, so a loaded 2-core machine does not make the tests flaky. */
    static final long PROMPT_MILLIS = 1_000;

    static ValkeyServer secured;

    @BeforeAll
    static void start() {
        secured = ValkeyServer.builder().aclUser("app", "app-pw").start();
        secured.call("ACL", "SETUSER", "reader", "on", ">reader-pw", "~*", "+@all", "-set");
    }

    @AfterAll
    static void stop() {
        if (secured != null) {
            secured.close();
        }
    }

    static BackendCommands open(String url, boolean ignoreExceptions) {
        return ValkeyCache.open(CacheConfig.builder().location(url).connectTimeout(TIMEOUT).requestTimeout(TIMEOUT)
                .ignoreExceptions(ignoreExceptions).option("connect.retry_interval", "300ms").build());
    }

    static <T> T prompt(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("took %d ms", millis).isLessThan(PROMPT_MILLIS);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aRefusedServerRaisesAConnectionErrorOrIsSwallowedPromptly() {
        String url = "valkey://127.0.0.1:" + ValkeyProcess.freePort();
        try (BackendCommands strict = open(url, false)) {
            assertThatThrownBy(() -> prompt(() -> strict.get("k"))).isExactlyInstanceOf(CacheConnectionException.class)
                    .hasMessageContaining("connection refused");
        }
        try (BackendCommands lenient = open(url, true)) {
            for (int i = 0; i < 10; i++) {
                assertThat((Object) prompt(() -> lenient.get("k"))).isNull();
                assertThat(prompt(() -> lenient.set("k", "v"))).isFalse();
            }
        }
    }

    @Test
    void aWrongPasswordIsNeverSwallowed() {
        try (BackendCommands cache = open("valkey://app:wrong-pw@127.0.0.1:" + secured.port(), true)) {
            assertThatThrownBy(() -> prompt(() -> cache.get("k"))).isExactlyInstanceOf(CacheAuthenticationException.class)
                    .hasMessageContaining("127.0.0.1:" + secured.port()).message().doesNotContain("wrong-pw");
            assertThatThrownBy(() -> prompt(() -> cache.set("k", "v")))
                    .isExactlyInstanceOf(CacheAuthenticationException.class);
        }
    }

    @Test
    void aDatabaseIndexTheServerLacksIsNeverSwallowed() {
        try (BackendCommands cache = open(secured.url(99_999), true)) {
            assertThatThrownBy(() -> prompt(() -> cache.get("k"))).isExactlyInstanceOf(CacheConfigurationException.class)
                    .hasMessageContaining("database index").message().doesNotContain("app-pw");
            assertThatThrownBy(() -> prompt(() -> cache.hasKey("k")))
                    .isExactlyInstanceOf(CacheConfigurationException.class);
        }
    }

    @Test
    void anAclDenialIsNeverSwallowed() {
        try (BackendCommands cache = open("valkey://reader:reader-pw@127.0.0.1:" + secured.port(), true)) {
            assertThat((Object) cache.get("absent")).isNull();
            assertThatThrownBy(() -> prompt(() -> cache.set("k", "v"))).isExactlyInstanceOf(CachePermissionException.class)
                    .hasMessageContaining("'set'");
        }
    }

    @Test
    void whileTheServerIsDownCallsCostNothingAndTheCacheRecoversWhenItIsBack() {
        try (ValkeyServer server = ValkeyServer.start(); BackendCommands cache = open(server.url(), true)) {
            cache.set("k", "v");
            server.kill();
            cache.get("k"); // may pay glide's timeout: nothing told us the server died
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                assertThat((Object) cache.get("k")).isNull();
                assertThat(cache.set("k", "w")).isFalse();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("100 calls to a server known to be down took %d ms", millis).isLessThan(PROMPT_MILLIS);

            server.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean stored = false;
            while (!stored && System.nanoTime() < deadline) {
                stored = cache.set("k", "again");
                pause(20);
            }
            assertThat(stored).isTrue();
            assertThat((Object) cache.get("k")).isEqualTo("again");
        }
    }
}
