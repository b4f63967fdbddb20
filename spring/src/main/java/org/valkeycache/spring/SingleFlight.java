package org.valkeycache.spring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.valkeycache.CacheException;

/**
 * Per-key single flight within one JVM: while one caller (the leader) loads a key, every other
 * caller of that key waits for the leader's result instead of loading too. Synchronous and
 * asynchronous loads of one key share a flight. A flight ends when the leader finishes, so the
 * leader must have stored its value before that (a later caller rechecks the cache). Thread-safe.
 */
final class SingleFlight {

    private final ConcurrentHashMap<String, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();

    /**
     * Runs {@code leader} unless a flight of {@code key} is running, in which case waits for it.
     *
     * @param key the stored key
     * @param leader loads and stores the value, on this thread
     * @param checked turns a checked failure of another leader (an async loader's) into what this caller throws
     * @return the leader's value
     */
    Object run(String key, Supplier<Object> leader, Function<Throwable, RuntimeException> checked) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return await(running, key, checked);
        }
        try {
            Object value = leader.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    /**
     * Starts {@code leader} unless a flight of {@code key} is running, in which case joins it.
     *
     * @param key the stored key
     * @param leader starts the load (and store) of the value
     * @return a future of the leader's value, of the caller's own (cancelling it cancels nothing
     *     shared); a failure is the leader's own exception, not a {@link CompletionException}
     */
    CompletableFuture<Object> runAsync(String key, Supplier<CompletableFuture<Object>> leader) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return settled(running);
        }
        CompletableFuture<Object> started;
        try {
            started = leader.get();
        } catch (RuntimeException | Error e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, failure) -> {
            flights.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(unwrap(failure));
            } else {
                mine.complete(value);
            }
        });
        return settled(mine);
    }

    /**
     * A future of its own completing as {@code work} does, failing with the cause itself rather
     * than a {@link CompletionException} (Spring's error handler sees the typed exception);
     * cancelling it cancels nothing shared.
     */
    static CompletableFuture<Object> settled(CompletableFuture<?> work) {
        CompletableFuture<Object> own = new CompletableFuture<>();
        work.whenComplete((value, failure) -> {
            if (failure != null) {
                own.completeExceptionally(unwrap(failure));
            } else {
                own.complete(value);
            }
        });
        return own;
    }

    /** @return how many keys are being loaded now */
    int inFlight() {
        return flights.size();
    }

    private static Object await(CompletableFuture<Object> running, String key,
            Function<Throwable, RuntimeException> checked) {
        try {
            return running.get();
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw checked.apply(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("interrupted while waiting for another thread's load of key '" + key + "'", e);
        }
    }

    /** @return the cause a {@link CompletionException} wraps (the throwable itself otherwise) */
    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
