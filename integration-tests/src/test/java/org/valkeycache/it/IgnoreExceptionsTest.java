package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.SerializationException;
import org.valkeycache.SetArgs;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;

/** The ignore-exceptions policy against a server that is really down (killed), then back. */
class IgnoreExceptionsTest {

    ValkeyServer server;
    ListAppender<ILoggingEvent> logs;
    Logger cacheLogger;

    @BeforeEach
    void start() {
        server = ValkeyServer.start();
        cacheLogger = (Logger) LoggerFactory.getLogger(ValkeyCache.class);
        logs = new ListAppender<>();
        logs.start();
        cacheLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        cacheLogger.detachAppender(logs);
        server.close();
    }

    private CacheConfig.Builder config() {
        return CacheConfig.builder().location("valkey://:never-logged-pw@127.0.0.1:" + server.port())
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(500));
    }

    @Test
    void withTheFlagOnReadsReturnDefaultsAndWritesReturnFalse() {
        server.call("CONFIG", "SET", "requirepass", "never-logged-pw");
        try (BackendCommands cache = ValkeyCache.open(config().ignoreExceptions(true).logIgnoredExceptions(true).build())) {
            cache.set("k", "v");
            server.kill();
            assertThat((Object) cache.get("k")).isNull();
            assertThat(cache.getOrDefault("k", "fallback")).isEqualTo("fallback");
            assertThat(cache.set("k", "v2")).isFalse();
            assertThat(cache.add("k2", "v")).isFalse();
            assertThat(cache.set("k", "v", SetArgs.nx())).isFalse();
            assertThat(cache.hasKey("k")).isFalse();
            assertThat(cache.delete("k")).isFalse();
            assertThat(cache.deleteMany(List.of("a", "b"))).isZero();
            assertThat(cache.mget(List.of("a", "b"))).isEmpty();
            assertThat(cache.getMany(List.of("a", "b"))).isEmpty();
            assertThat(cache.setMany(Map.of("a", 1, "b", 2))).containsExactlyInAnyOrder("a", "b");
            assertThat(cache.keys("*")).isEmpty();
            assertThat(cache.iterKeys("*")).isEmpty();
            assertThat(cache.deletePattern("*")).isZero();
            assertThat(cache.clear()).isZero();
            assertThat(cache.ttl("k")).isEqualTo(Duration.ZERO);
            assertThat(cache.persist("k")).isFalse();
            assertThat(cache.expire("k", Duration.ofSeconds(1))).isFalse();
            assertThat(cache.touch("k")).isFalse();
            assertThat(cache.<String>getOrSet("computed", () -> "value")).isEqualTo("value");
            assertThat(cache.smembers("s")).isEmpty();
            assertThat(cache.sadd("s", "m")).isZero();
            assertThat(cache.hgetall("h")).isEmpty();
            assertThat((Object) cache.hget("h", "f")).isNull();
            assertThat(cache.zrange("z", 0, -1)).isEmpty();
            assertThat((Object) cache.lpop("l")).isNull();
            assertThat(cache.llen("l")).isZero();
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list.get(0).getFormattedMessage()).contains("Exception ignored");
            for (ILoggingEvent e : logs.list) {
                assertThat(e.getFormattedMessage()).doesNotContain("never-logged-pw");
                if (e.getThrowableProxy() != null) {
                    assertThat(e.getThrowableProxy().getMessage()).doesNotContain("never-logged-pw");
                }
            }
            // serialization problems are not connection problems: never ignored
            assertThatThrownBy(() -> cache.set("bad", new Object())).isInstanceOf(SerializationException.class);

            server.restart();
            server.call("CONFIG", "SET", "requirepass", "never-logged-pw");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean stored = false;
            while (!stored && System.nanoTime() < deadline) {
                stored = cache.set("after", "restart");
            }
            assertThat(stored).as("the cache reconnects by itself").isTrue();
            assertThat((Object) cache.get("after")).isEqualTo("restart");
        }
    }

    @Test
    void withTheFlagOnButLoggingOffNothingIsLogged() {
        try (BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(server.url())
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(500))
                .ignoreExceptions(true).logIgnoredExceptions(false).build())) {
            server.kill();
            assertThat((Object) cache.get("k")).isNull();
            assertThat(logs.list).isEmpty();
        }
    }

    @Test
    void withTheFlagOffConnectionFailuresRaise() {
        try (BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(server.url())
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(500)).build())) {
            cache.set("k", "v");
            server.kill();
            assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port());
            assertThatThrownBy(() -> cache.set("k", "v")).isInstanceOf(CacheConnectionException.class);
            assertThatThrownBy(() -> cache.incr("k")).isInstanceOf(CacheConnectionException.class);
        }
    }

    @Test
    void aCacheOpensWhileItsServerIsDown() {
        server.kill();
        try (BackendCommands cache = ValkeyCache.open(config().ignoreExceptions(true).build())) {
            assertThat((Object) cache.get("k")).isNull();
            server.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean stored = false;
            while (!stored && System.nanoTime() < deadline) {
                stored = cache.set("k", "v");
            }
            assertThat(stored).isTrue();
        }
    }
}
