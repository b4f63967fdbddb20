package org.valkeycache.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.valkeycache.BackendCommands;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.metrics.Meter;
import org.valkeycache.metrics.MeterId;

/**
 * Publishes the meters of one cache ({@link BackendCommands#metrics()}) to a Micrometer
 * {@link MeterRegistry}, tagged {@code cache=<name>} plus the given tags. Every meter maps
 * generically, so the standard ones ({@code cache.gets{result=hit|miss}}, {@code cache.puts},
 * {@code cache.evictions}, {@code cache.loads}, {@code cache.errors}, {@code cache.commands})
 * and any a client strategy or plugin registers appear alike:
 * <ul>
 *   <li>a counter becomes a {@link FunctionCounter};</li>
 *   <li>a summary in nanoseconds becomes a {@link FunctionTimer} plus a {@link TimeGauge}
 *       {@code <name>.max} (the largest since the cache opened);</li>
 *   <li>any other summary (batch sizes, say) becomes a distribution-summary meter with
 *       count, total and max statistics;</li>
 *   <li>a gauge becomes a {@link Gauge}.</li>
 * </ul>
 *
 * <p>The meters are function-based: the cache counts into its own striped adders, and Micrometer
 * reads them only when a registry publishes, so binding adds nothing to a cache call. A meter
 * registered after binding (a plugin's, a near cache's) is published when it is registered.
 *
 * <pre>{@code
 * new ValkeyCacheMeterBinder(cache, Tags.of("app", "shop")).bindTo(registry);
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops publishing meters registered later; meters already in
 * a registry stay there (remove them from the registry to drop them).
 */
public final class ValkeyCacheMeterBinder implements MeterBinder, AutoCloseable {

    /** The tag carrying the cache's name, as Micrometer's own cache binders name it. */
    public static final String CACHE_TAG = "cache";

    private static final String NANOSECONDS = "nanoseconds";

    private final CacheMetrics metrics;
    private final Tags tags;
    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();

    /**
     * A binder for one cache.
     *
     * @param cache the cache whose meters to publish
     * @param tags tags added to every meter, besides {@code cache=<name>}; may be empty
     * @throws NullPointerException when the cache or the tags are null
     */
    public ValkeyCacheMeterBinder(BackendCommands cache, Iterable<Tag> tags) {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(tags, "tags");
        this.metrics = cache.metrics();
        this.tags = Tags.concat(tags, CACHE_TAG, metrics.cacheName());
    }

    /**
     * Registers every meter of the cache in {@code registry}, and each meter the cache registers
     * later as it is registered. Binding to several registries publishes to each.
     *
     * @param registry where the meters go
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        subscriptions.add(metrics.onRegister(meter -> register(meter, registry)));
    }

    private void register(Meter meter, MeterRegistry registry) {
        MeterId id = meter.id();
        Tags all = tags.and(Tags.of(id.tags().toArray(String[]::new)));
        if (meter instanceof Meter.Counter c) {
            FunctionCounter.builder(id.name(), c, Meter.Counter::count)
                    .description(id.description()).baseUnit(id.baseUnit()).tags(all).register(registry);
        } else if (meter instanceof Meter.Gauge g) {
            Gauge.builder(id.name(), g, Meter.Gauge::value)
                    .description(id.description()).baseUnit(id.baseUnit()).tags(all).register(registry);
        } else if (meter instanceof Meter.Summary s && NANOSECONDS.equals(id.baseUnit())) {
            FunctionTimer.builder(id.name(), s, Meter.Summary::count, Meter.Summary::total, TimeUnit.NANOSECONDS)
                    .description(id.description()).tags(all).register(registry);
            TimeGauge.builder(id.name() + ".max", s, TimeUnit.NANOSECONDS, Meter.Summary::max)
                    .description(id.description() + ": the largest since the cache opened").tags(all)
                    .register(registry);
        } else if (meter instanceof Meter.Summary s) {
            io.micrometer.core.instrument.Meter
                    .builder(id.name(), io.micrometer.core.instrument.Meter.Type.DISTRIBUTION_SUMMARY, List.of(
                            new Measurement(() -> (double) s.count(), Statistic.COUNT),
                            new Measurement(() -> (double) s.total(), Statistic.TOTAL),
                            new Measurement(() -> (double) s.max(), Statistic.MAX)))
                    .description(id.description()).baseUnit(id.baseUnit()).tags(all).register(registry);
        }
    }

    /** Stops publishing meters the cache registers from now on, in every registry bound so far. */
    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot unsubscribe from the meters of cache '"
                        + metrics.cacheName() + "'", e);
            }
        }
        subscriptions.clear();
    }

    @Override
    public String toString() {
        return "ValkeyCacheMeterBinder[" + metrics.cacheName() + "]";
    }
}
