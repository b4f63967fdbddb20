package org.valkeycache.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CacheMetricsTest {

    @Test
    void standardMetersAreRegisteredWithMicrometerCacheNames() {
        CacheMetrics metrics = new CacheMetrics("users");
        assertThat(metrics.meters()).extracting(m -> m.id().name() + m.id().tags()).containsExactly(
                "cache.gets[result, hit]", "cache.gets[result, miss]", "cache.puts[]", "cache.evictions[]",
                "cache.loads[result, success]", "cache.loads[result, failure]",
                "cache.errors[outcome, raised]", "cache.errors[outcome, ignored]", "cache.commands[]");
        assertThat(metrics.commands().id().baseUnit()).isEqualTo("nanoseconds");
    }

    @Test
    void countersAndSummariesAccumulate() {
        CacheMetrics metrics = new CacheMetrics("c");
        metrics.hits().increment();
        metrics.hits().add(4);
        metrics.commands().record(10);
        metrics.commands().record(30);
        metrics.commands().record(-5);
        assertThat(metrics.hits().count()).isEqualTo(5);
        assertThat(metrics.misses().count()).isZero();
        assertThat(metrics.commands().count()).isEqualTo(3);
        assertThat(metrics.commands().total()).isEqualTo(40);
        assertThat(metrics.commands().max()).isEqualTo(30);
    }

    @Test
    void theMaximumIsTheRecentWorstNotTheWorstSinceStart() {
        Meter.Summary s = new CacheMetrics("c").commands();
        long t = System.nanoTime();
        s.record(100, t);
        assertThat(s.max(t)).isEqualTo(100);
        s.record(5, t + seconds(50));
        assertThat(s.max(t + seconds(79))).as("79 s later the 100 still counts").isEqualTo(100);
        assertThat(s.max(t + seconds(120))).as("120 s later only the 5 recorded at 50 s is left").isEqualTo(5);
        assertThat(s.max(t + seconds(170))).as("nothing in the last 120 s").isZero();
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.total()).as("count and total never decay").isEqualTo(105);
    }

    @Test
    void anAmountRecordedAfterALongSilenceIsKept() {
        Meter.Summary s = new CacheMetrics("c").commands();
        long t = System.nanoTime();
        s.record(900, t);
        s.record(7, t + seconds(600));
        assertThat(s.max(t + seconds(600))).isEqualTo(7);
        assertThat(s.max(t + seconds(601))).isEqualTo(7);
        s.record(-3);
        assertThat(s.max()).as("the real clock is behind the test's: nothing rotates back").isEqualTo(7);
    }

    private static long seconds(long s) {
        return TimeUnit.SECONDS.toNanos(s);
    }

    @Test
    void registeringANameAndTagsTwiceReturnsTheFirstMeter() {
        CacheMetrics metrics = new CacheMetrics("c");
        Meter.Counter first = metrics.counter("near.hits", "hits", "tier", "local");
        assertThat(metrics.counter("near.hits", "other words", "tier", "local")).isSameAs(first);
        assertThat(metrics.counter("near.hits", "hits", "tier", "remote")).isNotSameAs(first);
        assertThatThrownBy(() -> metrics.summary("near.hits", "hits", null, "tier", "local"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("near.hits")
                .hasMessageContaining("Counter");
        assertThatThrownBy(() -> metrics.counter("x", "odd tags", "tier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key/value pairs");
    }

    @Test
    void listenersSeeExistingMetersThenNewOnesUntilClosed() throws Exception {
        CacheMetrics metrics = new CacheMetrics("c");
        List<String> seen = new ArrayList<>();
        AutoCloseable subscription = metrics.onRegister(m -> seen.add(m.id().name()));
        assertThat(seen).hasSize(9);
        metrics.gauge("near.proof.age", "age of the staleness proof", "milliseconds", () -> 3.0);
        assertThat(seen).hasSize(10).last().isEqualTo("near.proof.age");
        subscription.close();
        metrics.counter("later", "after close");
        assertThat(seen).hasSize(10);
        assertThat(metrics.meters()).hasSize(11);
    }
}
