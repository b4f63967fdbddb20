package org.valkeycache.client.glide;

import glide.api.BaseClient;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One glide client (one multiplexed connection to one node) and the single point through which
 * every command to it is issued. Keeping dispatch in one class is deliberate: error translation
 * happens here, and request coalescing or metrics can be added here without touching commands.
 *
 * @param <C> the glide client type
 */
public final class GlideConnection<C extends BaseClient> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlideConnection.class);

    private final C client;
    private final String node;

    /**
     * Wraps a glide client.
     *
     * @param client the client, owned by this connection from now on
     * @param node a description of the node for messages: address only, never credentials
     */
    public GlideConnection(C client, String node) {
        this.client = client;
        this.node = node;
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
        CompletableFuture<T> raw;
        try {
            raw = call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(GlideErrors.translate(e, command, node));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        raw.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(GlideErrors.translate(failure, command, node));
            }
        });
        return out;
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
