package org.valkeycache.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The meters a {@link SimpleMeterRegistry} shows after a known sequence of calls on a real
 * server: every standard meter, per-key hits and misses of the multi-key reads, errors under
 * the ignore policy with the server stopped, the client strategy's dispatch sizes and a meter
 * registered after binding.
 */
class ValkeyCacheMeterBinderTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static ValkeyServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private BackendCommands cache;

    @BeforeAll
    static void start() {
        server = ValkeyServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    private static BackendCommands open(String url, String name, boolean ignoreExceptions) {
        return ValkeyCache.open(CacheConfig.builder().location(url).name(name).keyPrefix(name)
                .connectTimeout(TIMEOUT).requestTimeout(TIMEOUT).ignoreExceptions(ignoreExceptions)
                .option("connect.retry_interval", "300ms").build());
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).tag("cache", cache.metrics().cacheName()).functionCounter().count();
    }

    @Test
    void aKnownSequenceOfCallsShowsInEveryStandardMeter() {
        cache = ValkeyCacheMetrics.monitor(registry, open(server.url(), "shop", false), "app", "test");

        cache.set("a", 1);
        cache.set("b", 2);
        assertThat((Object) cache.get("a")).isEqualTo(1L);                       // hit
        assertThat((Object) cache.get("x")).isNull();                            // miss
        assertThat((Object) cache.getOrDefault("y", 0L)).isEqualTo(0L);          // miss
        assertThat(cache.mget(List.of("a", "b", "c"))).hasSize(2);               // 2 hits, 1 miss
        assertThat(cache.getMany(List.of("a", "z", "a"))).hasSize(1);            // 1 hit, 1 miss
        assertThat(cache.hasKey("a")).isTrue();                                  // not a get
        assertThat((Object) cache.getOrSet("c", () -> 3L)).isEqualTo(3L);        // miss, load, put
        assertThat((Object) cache.getOrSet("c", () -> 4L)).isEqualTo(3L);        // hit
        assertThatThrownBy(() -> cache.getOrSet("d", () -> {
            throw new IllegalStateException("source down");
        })).hasMessage("source down");                                           // miss, failed load
        assertThat(cache.delete("a")).isTrue();                                  // 1 eviction
        assertThat(cache.delete("nothing")).isFalse();                           // none
        assertThat(cache.deleteMany(List.of("b", "c"))).isEqualTo(2);            // 2 evictions
        cache.mset(new LinkedHashMap<>(Map.of("e", 5, "f", 6)));                 // 2 puts
        assertThat(cache.setMany(Map.of("g", 7, "h", 8))).isEmpty();             // 2 puts
        assertThat(cache.add("e", 9)).isFalse();                                 // not stored: no put
        assertThat(cache.clear()).isEqualTo(4);                                  // 4 evictions

        assertThat(counter("cache.gets", "result", "hit")).isEqualTo(5);
        assertThat(counter("cache.gets", "result", "miss")).isEqualTo(6);
        assertThat(counter("cache.puts")).isEqualTo(7);
        assertThat(counter("cache.evictions")).isEqualTo(7);
        assertThat(counter("cache.loads", "result", "success")).isEqualTo(1);
        assertThat(counter("cache.loads", "result", "failure")).isEqualTo(1);
        assertThat(counter("cache.errors", "outcome", "raised")).isZero();
        assertThat(counter("cache.errors", "outcome", "ignored")).isZero();

        FunctionTimer commands = registry.get("cache.commands").tag("app", "test").functionTimer();
        assertThat(commands.count()).isEqualTo(cache.metrics().commands().count()).isGreaterThanOrEqualTo(19);
        assertThat(commands.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        TimeGauge max = registry.get("cache.commands.max").timeGauge();
        assertThat(max.value(TimeUnit.NANOSECONDS)).isPositive()
                .isLessThanOrEqualTo(commands.totalTime(TimeUnit.NANOSECONDS));
    }

    @Test
    void everyMeterCarriesTheCacheNameAndTheGivenTags() {
        cache = open(server.url(), "tagged", false);
        new ValkeyCacheMeterBinder(cache, Tags.of("app", "test")).bindTo(registry);
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.getId().getTag("cache")).isEqualTo("tagged");
            assertThat(m.getId().getTag("app")).isEqualTo("test");
        });
        assertThat(registry.find("cache.gets").functionCounters()).hasSize(2);
    }

    @Test
    void theDefaultClientPublishesItsDispatchSizes() {
        cache = ValkeyCacheMetrics.monitor(registry, open(server.url(), "dispatch", false));
        for (int i = 0; i < 10; i++) {
            cache.set("k" + i, i);
        }
        Meter sizes = registry.get("cache.dispatch.batch").meter();
        assertThat(sizes.getId().getType()).isEqualTo(Meter.Type.DISTRIBUTION_SUMMARY);
        assertThat(sizes.getId().getBaseUnit()).isEqualTo("commands");
        Map<Statistic, Double> stats = new LinkedHashMap<>();
        for (Measurement m : sizes.measure()) {
            stats.put(m.getStatistic(), m.getValue());
        }
        // every request the dispatch point sent, alone or pipelined, and the commands in them
        assertThat(stats.get(Statistic.COUNT)).isPositive();
        assertThat(stats.get(Statistic.TOTAL)).isGreaterThanOrEqualTo(10).isGreaterThanOrEqualTo(stats.get(Statistic.COUNT));
        assertThat(stats.get(Statistic.MAX)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aMeterRegisteredAfterBindingIsPublishedToo() {
        cache = ValkeyCacheMetrics.monitor(registry, open(server.url(), "late", false));
        CacheMetrics metrics = cache.metrics();
        metrics.counter("cache.near.hits", "Near-cache hits").add(3);
        metrics.gauge("cache.near.size", "Entries in the near cache", "entries", () -> 42);
        metrics.summary("cache.near.batch", "Invalidations per message", "keys").record(5);

        assertThat(registry.get("cache.near.hits").tag("cache", "late").functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("cache.near.size").gauge().value()).isEqualTo(42);
        assertThat(registry.get("cache.near.batch").meter().measure())
                .extracting(Measurement::getValue).containsExactly(1.0, 5.0, 5.0);
        // counted after registration, read when the registry asks
        metrics.counter("cache.near.hits", "Near-cache hits").increment();
        assertThat(registry.get("cache.near.hits").functionCounter().count()).isEqualTo(4);
    }

    @Test
    void aClosedBinderPublishesNoLaterMeters() {
        cache = open(server.url(), "closed", false);
        ValkeyCacheMeterBinder binder = new ValkeyCacheMeterBinder(cache, Tags.empty());
        binder.bindTo(registry);
        binder.close();
        cache.metrics().counter("cache.after.close", "registered after the binder closed");
        assertThat(registry.find("cache.after.close").meters()).isEmpty();
        assertThat(registry.find("cache.gets").meters()).hasSize(2);
    }

    @Test
    void withTheServerStoppedIgnoredAndRaisedErrorsAreCounted() {
        try (ValkeyServer doomed = ValkeyServer.start()) {
            cache = ValkeyCacheMetrics.monitor(registry, open(doomed.url(), "outage", true));
            try (BackendCommands strict = ValkeyCacheMetrics.monitor(registry, open(doomed.url(), "strict", false))) {
                cache.set("k", 1);
                strict.set("k", 1);
                doomed.stop();

                assertThat((Object) cache.get("k")).isNull();                    // miss the caller saw, ignored error
                assertThat(cache.set("k", 2)).isFalse();                         // ignored error, no put
                assertThat(cache.mget(List.of("a", "b"))).isEmpty();             // 2 misses, ignored error
                assertThatThrownBy(() -> strict.get("k")).isInstanceOf(CacheConnectionException.class);

                assertThat(counter("cache.errors", "outcome", "ignored")).isEqualTo(3);
                assertThat(counter("cache.errors", "outcome", "raised")).isZero();
                assertThat(counter("cache.gets", "result", "miss")).isEqualTo(3);
                assertThat(counter("cache.puts")).isEqualTo(1);
                assertThat(registry.get("cache.errors").tags("cache", "strict", "outcome", "raised")
                        .functionCounter().count()).isEqualTo(1);
                assertThat(registry.get("cache.errors").tags("cache", "strict", "outcome", "ignored")
                        .functionCounter().count()).isZero();
            }
        }
    }
}
