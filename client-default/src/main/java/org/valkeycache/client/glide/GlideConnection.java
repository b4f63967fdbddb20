package org.valkeycache.client.glide;

import glide.api.BaseClient;
import glide.api.GlideClient;
import glide.api.models.GlideString;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.CacheException;

/**
 * One glide client (one multiplexed connection to one node) and the single point through which
 * every command to it is issued. Keeping dispatch in one class is deliberate: error translation,
 * request coalescing and the {@link CircuitBreaker} (calls fail at once while the node is known
 * to be down) live here, and metrics can be added here without touching commands.
 *
 * @param <C> the glide client type
 */
public final class GlideConnection<C extends BaseClient> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlideConnection.class);

    private final C client;
    private final String node;
    private final Coalescer coalescer;
    /** Fails calls fast while the node is known to be down; {@code null} when not watched. */
    private final CircuitBreaker breaker;

    /**
     * Wraps a glide client.
     *
     * @param client the client, owned by this connection from now on
     * @param node a description of the node for messages: address only, never credentials
     */
    public GlideConnection(C client, String node) {
        this(client, node, 0, 0);
    }

    /**
     * Wraps a glide client, coalescing concurrent single commands into pipelines. The connection
     * is not watched by a circuit breaker; {@link GlideClients#open} makes watched ones.
     *
     * @param client the client, owned by this connection from now on
     * @param node a description of the node for messages: address only, never credentials
     * @param maxInFlight requests on the wire before commands queue up to be pipelined; 0 turns
     *     coalescing off (every command is its own request)
     * @param maxBatch the most commands in one pipeline
     */
    public GlideConnection(C client, String node, int maxInFlight, int maxBatch) {
        this(client, node, maxInFlight, maxBatch, null);
    }

    /**
     * Wraps a glide client watched by a circuit breaker (see {@link GlideClients#open}).
     *
     * @param client the client, owned by this connection from now on
     * @param node a description of the node for messages: address only, never credentials
     * @param maxInFlight requests on the wire before commands queue up; 0 turns coalescing off
     * @param maxBatch the most commands in one pipeline
     * @param breaker fails calls fast while the node is known to be down; {@code null} for none
     */
    GlideConnection(C client, String node, int maxInFlight, int maxBatch, CircuitBreaker breaker) {
        this.client = client;
        this.node = node;
        this.breaker = breaker;
        this.coalescer = maxInFlight > 0 && client instanceof GlideClient g
                ? new Coalescer(g, node, maxInFlight, Math.max(2, maxBatch), this::failed) : null;
    }

    /**
     * Issues one single command given as an argument vector, coalesced with concurrent ones into
     * a pipeline when the connection is busy (see {@link Coalescer}).
     *
     * @param command the command name for messages
     * @param argv the command and its arguments
     * @param mapper turns glide's reply into the result
     * @param <T> the result type
     * @return the translated future
     */
    public <T> CompletableFuture<T> submit(String command, GlideString[] argv, Function<Object, T> mapper) {
        if (breaker != null && !breaker.isClosed()) {
            return breaker.admit(command, () -> send(command, argv, mapper));
        }
        return send(command, argv, mapper);
    }

    private <T> CompletableFuture<T> send(String command, GlideString[] argv, Function<Object, T> mapper) {
        if (coalescer != null) {
            return coalescer.submit(command, argv, mapper);
        }
        if (client instanceof GlideClient g) {
            return dispatch(command, () -> g.customCommand(argv).thenApply(mapper));
        }
        throw new UnsupportedOperationException("argument-vector commands need a standalone GlideClient, not "
                + client.getClass().getSimpleName());
    }

    /**
     * Issues one glide call; its failure (synchronous or asynchronous) is translated into the
     * valkey-cache exception tree.
     *
     * @param command the command name for messages
     * @param call the glide call
     * @param <T> the result type
     * @return the translated future
     */
    public <T> CompletableFuture<T> call(String command, Supplier<CompletableFuture<T>> call) {
        if (breaker != null && !breaker.isClosed()) {
            return breaker.admit(command, () -> dispatch(command, call));
        }
        return dispatch(command, call);
    }

    private <T> CompletableFuture<T> dispatch(String command, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> raw;
        try {
            raw = call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failed(GlideErrors.translate(e, command, node)));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        raw.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(failed(GlideErrors.translate(failure, command, node)));
            }
        });
        return out;
    }

    /**
     * Fails work bound for this connection's node that goes over another connection (a dedicated
     * one of the blocking pool) at once while the node is known to be down.
     *
     * @param command the command name for messages
     * @param <T> the result type
     * @return a failed future, or {@code null} when the work may go ahead
     */
    <T> CompletableFuture<T> failIfKnownDown(String command) {
        return breaker == null ? null : breaker.failIfKnownDown(command);
    }

    /** Lets the breaker learn from a failure; returns it. */
    private CacheException failed(CacheException e) {
        if (breaker != null) {
            breaker.onFailure(e);
        }
        return e;
    }

    /** @return {@code [pipelines sent, commands sent in them]} by coalescing; zeros when it is off */
    long[] coalescingStats() {
        return coalescer == null ? new long[2] : coalescer.stats();
    }

    /** @return the glide client, for raw commands */
    public C client() {
        return client;
    }

    /** @return {@code host:port} of the node */
    public String node() {
        return node;
    }

    @Override
    public void close() {
        if (breaker != null) {
            breaker.close();
        }
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("closing the glide client for {} failed: {}", node, e.toString());
        }
    }

    @Override
    public String toString() {
        return node;
    }
}
