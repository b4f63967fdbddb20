package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.metrics.Meter;

/**
 * The cache's meters ({@link BackendCommands#metrics()}) after a known sequence of calls: the
 * facade counts the same on every topology, and a built-in client strategy (one of
 * {@code org.valkeycache.client.*}) also registers its dispatch sizes, passed through any
 * strategy that wraps another. Extended through {@link ValkeyCacheCompatibilityKit} or on its own.
 */
public abstract class MetricsContract extends ContractSupport {

    /** The meter client-default's dispatch point records into. */
    static final String DISPATCH_SIZES = "cache.dispatch.batch";

    /** Subclassed by topologies. */
    protected MetricsContract() {
    }

    @Test
    void getsPutsEvictionsAndLoadsAreCountedPerKey() {
        BackendCommands cache = open(config().keyPrefix("metrics"));
        CacheMetrics m = cache.metrics();
        cache.set("a", 1);
        cache.set("b", 2);
        settle();
        cache.get("a");                                           // hit
        cache.get("x");                                           // miss
        cache.mget(List.of("a", "b", "c"));                       // 2 hits, 1 miss
        cache.getMany(List.of("a", "z"));                         // 1 hit, 1 miss
        cache.hasKey("a");                                        // not a get
        cache.getOrSet("c", () -> 3L);                            // miss, load, put
        cache.mset(new LinkedHashMap<>(Map.of("e", 5, "f", 6)));  // 2 puts
        settle();
        cache.delete("a");                                        // 1 eviction
        cache.deleteMany(List.of("b", "c", "nothing"));           // 2 evictions

        assertThat(m.hits().count()).as("hits").isEqualTo(4);
        assertThat(m.misses().count()).as("misses").isEqualTo(4);
        assertThat(m.puts().count()).as("puts").isEqualTo(5);
        assertThat(m.evictions().count()).as("evictions").isEqualTo(3);
        assertThat(m.loadSuccesses().count()).as("loads").isEqualTo(1);
        assertThat(m.errorsRaised().count() + m.errorsIgnored().count()).as("errors").isZero();
        assertThat(m.commands().count()).as("timed calls").isGreaterThanOrEqualTo(12);
    }

    @Test
    void aBuiltInStrategyRecordsItsDispatchSizes() {
        BackendCommands cache = open(config().keyPrefix("metrics"));
        String strategy = ((ValkeyCache) cache).client().getClass().getName();
        for (int i = 0; i < 20; i++) {
            cache.set("k" + i, i);
        }
        List<Meter.Summary> sizes = cache.metrics().meters().stream()
                .filter(meter -> meter.id().name().equals(DISPATCH_SIZES))
                .map(Meter.Summary.class::cast).collect(Collectors.toList());
        if (!strategy.startsWith("org.valkeycache.client.")) {
            return; // a user's own strategy registers what it likes
        }
        assertThat(sizes).as("%s registers %s", strategy, DISPATCH_SIZES).hasSize(1);
        assertThat(sizes.get(0).total()).as("commands dispatched").isGreaterThanOrEqualTo(20);
        assertThat(sizes.get(0).count()).as("requests sent").isBetween(1L, sizes.get(0).total());
    }
}
