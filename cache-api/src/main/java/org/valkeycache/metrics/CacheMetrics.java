package org.valkeycache.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.valkeycache.internal.Arguments;

/**
 * The meters of one cache: the standard ones every cache records, with Micrometer's cache meter
 * names, and any a plugin registers. Shared by every version view of the cache; thread-safe.
 *
 * <p>Standard meters:
 * <ul>
 *   <li>{@code cache.gets} tagged {@code result=hit|miss}: single and multi-key reads, per key</li>
 *   <li>{@code cache.puts}: values written, per key</li>
 *   <li>{@code cache.evictions}: keys deleted on request (delete, deleteMany, patterns, clear)</li>
 *   <li>{@code cache.loads} tagged {@code result=success|failure}: suppliers run by getOrSet</li>
 *   <li>{@code cache.errors} tagged {@code outcome=raised|ignored}: failed calls, and whether the
 *       ignore-exceptions policy swallowed them</li>
 *   <li>{@code cache.commands} (nanoseconds): the latency of each facade call</li>
 * </ul>
 *
 * <p>Plugins add theirs with {@link #counter}, {@link #summary} and {@link #gauge}; registering
 * a name and tags twice returns the first meter. A binder reads {@link #meters()} and subscribes with
 * {@link #onRegister} for meters registered later.
 */
public final class CacheMetrics {

    private final String cacheName;
    /** Keyed by name and tags: a description or unit does not make another meter. */
    private final ConcurrentHashMap<List<Object>, Meter> meters = new ConcurrentHashMap<>();
    /** Registration order, so binders see meters in a stable order. */
    private final CopyOnWriteArrayList<Meter> ordered = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<Meter>> listeners = new CopyOnWriteArrayList<>();

    private final Meter.Counter hits;
    private final Meter.Counter misses;
    private final Meter.Counter puts;
    private final Meter.Counter evictions;
    private final Meter.Counter loadSuccesses;
    private final Meter.Counter loadFailures;
    private final Meter.Counter errorsRaised;
    private final Meter.Counter errorsIgnored;
    private final Meter.Summary commands;

    /**
     * Meters for one cache, with the standard ones registered.
     *
     * @param cacheName the cache's name, which a binder puts in a tag
     */
    public CacheMetrics(String cacheName) {
        this.cacheName = Arguments.notNull(cacheName, "cacheName");
        hits = counter("cache.gets", "Cache reads, per key, by result", "result", "hit");
        misses = counter("cache.gets", "Cache reads, per key, by result", "result", "miss");
        puts = counter("cache.puts", "Values written to the cache");
        evictions = counter("cache.evictions", "Keys deleted from the cache on request");
        loadSuccesses = counter("cache.loads", "Values computed by getOrSet, by result", "result", "success");
        loadFailures = counter("cache.loads", "Values computed by getOrSet, by result", "result", "failure");
        errorsRaised = counter("cache.errors", "Failed cache calls, by outcome", "outcome", "raised");
        errorsIgnored = counter("cache.errors", "Failed cache calls, by outcome", "outcome", "ignored");
        commands = summary("cache.commands", "Latency of cache calls", "nanoseconds");
    }

    /** @return the cache's name */
    public String cacheName() {
        return cacheName;
    }

    /** @return {@code cache.gets{result=hit}} */
    public Meter.Counter hits() {
        return hits;
    }

    /** @return {@code cache.gets{result=miss}} */
    public Meter.Counter misses() {
        return misses;
    }

    /** @return {@code cache.puts} */
    public Meter.Counter puts() {
        return puts;
    }

    /** @return {@code cache.evictions} */
    public Meter.Counter evictions() {
        return evictions;
    }

    /** @return {@code cache.loads{result=success}} */
    public Meter.Counter loadSuccesses() {
        return loadSuccesses;
    }

    /** @return {@code cache.loads{result=failure}} */
    public Meter.Counter loadFailures() {
        return loadFailures;
    }

    /** @return {@code cache.errors{outcome=raised}} */
    public Meter.Counter errorsRaised() {
        return errorsRaised;
    }

    /** @return {@code cache.errors{outcome=ignored}} */
    public Meter.Counter errorsIgnored() {
        return errorsIgnored;
    }

    /** @return {@code cache.commands}, nanoseconds per facade call */
    public Meter.Summary commands() {
        return commands;
    }

    /**
     * Registers a counter, or returns the one already registered under the same id.
     *
     * @param name dotted name
     * @param description one line for humans
     * @param tags alternating keys and values
     * @return the counter
     * @throws IllegalArgumentException when the id is taken by another kind of meter
     */
    public Meter.Counter counter(String name, String description, String... tags) {
        return register(new MeterId(name, description, null, Arrays.asList(tags)), Meter.Counter::new,
                Meter.Counter.class);
    }

    /**
     * Registers a summary of recorded amounts, or returns the one already registered.
     *
     * @param name dotted name
     * @param description one line for humans
     * @param baseUnit the unit of the amounts ({@code "nanoseconds"} makes a binder show a timer)
     * @param tags alternating keys and values
     * @return the summary
     * @throws IllegalArgumentException when the id is taken by another kind of meter
     */
    public Meter.Summary summary(String name, String description, String baseUnit, String... tags) {
        return register(new MeterId(name, description, baseUnit, Arrays.asList(tags)), Meter.Summary::new,
                Meter.Summary.class);
    }

    /**
     * Registers a gauge, or returns the one already registered under the same id.
     *
     * @param name dotted name
     * @param description one line for humans
     * @param baseUnit the unit of the value, or null
     * @param value read whenever a metrics system asks; must be cheap and thread-safe
     * @param tags alternating keys and values
     * @return the gauge
     * @throws IllegalArgumentException when the id is taken by another kind of meter
     */
    public Meter.Gauge gauge(String name, String description, String baseUnit, DoubleSupplier value,
            String... tags) {
        Arguments.notNull(value, "value");
        return register(new MeterId(name, description, baseUnit, Arrays.asList(tags)),
                id -> new Meter.Gauge(id, value), Meter.Gauge.class);
    }

    /** @return every meter, in registration order */
    public List<Meter> meters() {
        return List.copyOf(ordered);
    }

    /**
     * Calls a listener with every meter registered so far and then with each one registered
     * later, until the returned handle is closed.
     *
     * @param listener called on the registering thread; must not block
     * @return closes the subscription
     */
    public AutoCloseable onRegister(Consumer<Meter> listener) {
        Arguments.notNull(listener, "listener");
        List<Meter> seen;
        synchronized (this) {
            listeners.add(listener);
            seen = new ArrayList<>(ordered);
        }
        seen.forEach(listener);
        return () -> listeners.remove(listener);
    }

    private <M extends Meter> M register(MeterId id, Function<MeterId, M> make, Class<M> kind) {
        List<Object> key = List.of(id.name(), id.tags());
        Meter existing = meters.get(key);
        if (existing == null) {
            synchronized (this) {
                existing = meters.get(key);
                if (existing == null) {
                    M made = make.apply(id);
                    meters.put(key, made);
                    ordered.add(made);
                    for (Consumer<Meter> listener : listeners) {
                        listener.accept(made);
                    }
                    return made;
                }
            }
        }
        if (!kind.isInstance(existing)) {
            throw new IllegalArgumentException("meter " + id.name() + id.tags() + " of cache " + cacheName
                    + " is already a " + existing.getClass().getSimpleName());
        }
        return kind.cast(existing);
    }

    @Override
    public String toString() {
        return "CacheMetrics[" + cacheName + ", " + ordered.size() + " meters]";
    }
}
