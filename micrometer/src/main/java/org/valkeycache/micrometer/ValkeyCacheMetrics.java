package org.valkeycache.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.valkeycache.BackendCommands;

/**
 * One-line publishing of a cache's meters, in the style of Micrometer's own cache binders
 * ({@code CaffeineCacheMetrics.monitor}).
 *
 * <pre>{@code
 * ValkeyCache cache = ValkeyCacheMetrics.monitor(registry, ValkeyCache.open(config), "app", "shop");
 * }</pre>
 */
public final class ValkeyCacheMetrics {

    private ValkeyCacheMetrics() {
    }

    /**
     * Publishes a cache's meters to a registry (see {@link ValkeyCacheMeterBinder}).
     *
     * @param registry where the meters go
     * @param cache the cache
     * @param tags extra tags as alternating keys and values, besides {@code cache=<name>}
     * @param <C> the cache's type
     * @return {@code cache}, for chaining
     * @throws IllegalArgumentException when the tags do not pair up
     */
    public static <C extends BackendCommands> C monitor(MeterRegistry registry, C cache, String... tags) {
        return monitor(registry, cache, Tags.of(tags));
    }

    /**
     * Publishes a cache's meters to a registry (see {@link ValkeyCacheMeterBinder}).
     *
     * @param registry where the meters go
     * @param cache the cache
     * @param tags extra tags, besides {@code cache=<name>}
     * @param <C> the cache's type
     * @return {@code cache}, for chaining
     */
    public static <C extends BackendCommands> C monitor(MeterRegistry registry, C cache, Iterable<Tag> tags) {
        new ValkeyCacheMeterBinder(cache, tags).bindTo(registry);
        return cache;
    }
}
