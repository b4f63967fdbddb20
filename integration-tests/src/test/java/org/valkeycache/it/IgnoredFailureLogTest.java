package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.contract.LogCapture;

/**
 * The log of swallowed failures while a real server is down: one full line (with the exception)
 * per window, the rest counted into one line at the window's end, so an outage under load is not
 * a log storm.
 */
class IgnoredFailureLogTest {

    private static final Pattern COUNTED = Pattern.compile("^(\\d+) more ignored failures? (.*) on cache 'logged' in"
            + " the last [0-9.]+ s; the latest: (.*)$");

    ValkeyServer server;
    LogCapture logs;

    @BeforeEach
    void start() {
        server = ValkeyServer.builder().requirePass("log-pw").start();
        logs = LogCapture.logback(ValkeyCache.class);
    }

    @AfterEach
    void stop() {
        logs.close();
        server.close();
    }

    private BackendCommands open(Duration window) {
        return ValkeyCache.open(CacheConfig.builder().name("logged").location(server.url()).ignoreExceptions(true)
                .logIgnoredExceptions(true).logIgnoredExceptionsInterval(window)
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(500)).build());
    }

    private String node() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void anOutageLogsOneFullLineAndCountsTheRestIntoOneLine() {
        try (BackendCommands cache = open(Duration.ofHours(1))) {
            cache.set("k", "v");
            server.kill();
            for (int i = 0; i < 200; i++) {
                assertThat((Object) cache.get("k")).isNull();
            }
            for (int i = 0; i < 50; i++) {
                assertThat(cache.set("k", "w")).isFalse();
            }
            List<LogCapture.Event> events = logs.events();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).message()).startsWith("Exception ignored: get on cache 'logged'");
            assertThat(events.get(0).thrownMessage()).contains(node());
        }
        // closing the cache logs what was counted
        List<LogCapture.Event> events = logs.events();
        assertThat(events).hasSize(2);
        Matcher m = COUNTED.matcher(events.get(1).message());
        assertThat(m.matches()).as(events.get(1).message()).isTrue();
        assertThat(m.group(1)).isEqualTo("249");
        assertThat(m.group(2)).isIn("(get: 199, set: 50)", "(set: 50, get: 199)");
        assertThat(m.group(3)).contains(node());
        assertThat(events).allSatisfy(e -> assertThat(e.message() + e.thrownMessage()).doesNotContain("log-pw"));
    }

    @Test
    void theCountIsLoggedWhenTheWindowEndsAndTheNextFailureLogsInFullAgain() throws InterruptedException {
        try (BackendCommands cache = open(Duration.ofMillis(1500))) {
            server.kill();
            for (int i = 0; i < 20; i++) {
                assertThat((Object) cache.get("k")).isNull();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (logs.events().stream().noneMatch(e -> COUNTED.matcher(e.message()).matches())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<LogCapture.Event> events = logs.events();
            long full = events.stream().filter(e -> e.message().startsWith("Exception ignored: get")).count();
            long counted = 0;
            for (LogCapture.Event e : events) {
                Matcher m = COUNTED.matcher(e.message());
                if (m.matches()) {
                    assertThat(m.group(2)).isEqualTo("of get");
                    counted += Long.parseLong(m.group(1));
                }
            }
            assertThat(counted).as("a line counted the failures without a further call: %s", events).isPositive();
            assertThat(full + counted).as("every failure is logged or counted once: %s", events).isEqualTo(20);

            // the counted line came at the window's end, so the next failure opens a new window
            int before = logs.events().size();
            assertThat((Object) cache.get("k")).isNull();
            List<LogCapture.Event> after = logs.events();
            assertThat(after).hasSize(before + 1);
            assertThat(after.get(before).message()).startsWith("Exception ignored: get");
            assertThat(after.get(before).thrownMessage()).contains(node());
        }
    }

    @Test
    void aZeroWindowLogsEveryFailure() {
        try (BackendCommands cache = open(Duration.ZERO)) {
            server.kill();
            for (int i = 0; i < 5; i++) {
                assertThat((Object) cache.get("k")).isNull();
            }
        }
        assertThat(logs.events()).hasSize(5)
                .allSatisfy(e -> assertThat(e.message()).startsWith("Exception ignored: get on cache 'logged'"));
    }
}
