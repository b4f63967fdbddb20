package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.SetArgs;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;

/**
 * The ignore-exceptions policy against servers that are really down (killed through
 * {@link Topology#makeUnreachable()}), then back ({@link Topology#makeReachable()}). The topology's
 * servers must require a password ({@link Topology#password()}), which no log line may show.
 * Extended through {@link ValkeyCacheCompatibilityKit} or on its own.
 */
public abstract class IgnoreExceptionsContract extends ContractSupport {

    private LogCapture logs;
    private boolean down;

    /** Subclassed by topologies. */
    protected IgnoreExceptionsContract() {
    }

    /**
     * Where the contract reads the facade's log. Override on a logging backend other than Logback.
     *
     * @return a running capture of the {@link ValkeyCache} logger
     */
    protected LogCapture captureLogs() {
        return LogCapture.logback(ValkeyCache.class);
    }

    @BeforeEach
    void startCapture() {
        assertThat(topology().password()).as("the fault contract needs servers that require a password").isNotNull();
        logs = captureLogs();
    }

    @AfterEach
    void stopCapture() {
        logs.close();
        if (down) {
            serversUp();
        }
    }

    private void serversDown() {
        down = true;
        topology().makeUnreachable();
    }

    private void serversUp() {
        topology().makeReachable();
        down = false;
    }

    private CacheConfig.Builder faultConfig() {
        return config().connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(500));
    }

    /**
     * The first write of a fresh cache, repeated while it times out: a new cluster client
     * connects to every node on its first request, which on a loaded machine takes longer than
     * the contract's 500 ms request timeout (seen once). The failures the contract is about come
     * after the servers went down.
     */
    private static void firstWrite(BackendCommands cache, String key, Object value) {
        assertThat(storesWithin(Duration.ofSeconds(15), () -> {
            try {
                return cache.set(key, value);
            } catch (CacheTimeoutException e) {
                return false;
            }
        })).as("the first write of a fresh cache is stored within 15 s").isTrue();
    }

    /**
     * Tries a write until it is stored or {@code within} has passed, 20 ms apart: until the client
     * has seen the server back, an ignored failure may come at once, and a tight loop would only
     * burn CPU and log thousands of ignored exceptions.
     */
    private static boolean storesWithin(Duration within, BooleanSupplier write) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!write.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private String[] addresses() {
        return topology().nodes().stream().map(s -> s.host() + ":" + s.port()).toArray(String[]::new);
    }

    @Test
    void withTheFlagOnReadsReturnDefaultsAndWritesReturnFalse() {
        String password = topology().password();
        try (BackendCommands cache = openUnmanaged(faultConfig().ignoreExceptions(true).logIgnoredExceptions(true).build())) {
            firstWrite(cache, "k", "v");
            serversDown();
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
            List<LogCapture.Event> events = logs.events();
            assertThat(events).isNotEmpty();
            assertThat(events.get(0).message()).contains("Exception ignored");
            for (LogCapture.Event e : events) {
                assertThat(e.message()).doesNotContain(password);
                if (e.thrownMessage() != null) {
                    assertThat(e.thrownMessage()).doesNotContain(password);
                }
            }
            // serialization problems are not connection problems: never ignored
            assertThatThrownBy(() -> cache.set("bad", new Object())).isInstanceOf(CacheSerializationException.class);

            // the servers come back requiring the same password
            serversUp();
            assertThat(storesWithin(Duration.ofSeconds(15), () -> cache.set("after", "restart")))
                    .as("the cache reconnects by itself").isTrue();
            settle();
            assertThat((Object) cache.get("after")).isEqualTo("restart");
        }
    }

    @Test
    void withTheFlagOnButLoggingOffNothingIsLogged() {
        try (BackendCommands cache = openUnmanaged(faultConfig().ignoreExceptions(true).logIgnoredExceptions(false).build())) {
            serversDown();
            assertThat((Object) cache.get("k")).isNull();
            assertThat(logs.events()).isEmpty();
        }
    }

    @Test
    void withTheFlagOffConnectionFailuresRaise() {
        try (BackendCommands cache = openUnmanaged(faultConfig().build())) {
            firstWrite(cache, "k", "v");
            serversDown();
            assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheConnectionException.class)
                    .satisfies(e -> assertThat(e.getMessage()).as("names the server").containsAnyOf(addresses()));
            assertThatThrownBy(() -> cache.set("k", "v")).isInstanceOf(CacheConnectionException.class);
            assertThatThrownBy(() -> cache.incr("k")).isInstanceOf(CacheConnectionException.class);
        }
    }

    @Test
    void aCacheOpensWhileItsServerIsDown() {
        serversDown();
        try (BackendCommands cache = openUnmanaged(faultConfig().ignoreExceptions(true).build())) {
            assertThat((Object) cache.get("k")).isNull();
            serversUp();
            assertThat(storesWithin(Duration.ofSeconds(15), () -> cache.set("k", "v"))).isTrue();
        }
    }
}
