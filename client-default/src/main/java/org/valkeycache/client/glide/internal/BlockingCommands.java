package org.valkeycache.client.glide.internal;

import glide.api.BaseClient;
import glide.api.GlideClient;
import glide.api.GlideClusterClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.spi.PluginOptions;

/**
 * Runs commands that block on the server (BLPOP, BRPOP, ...) on dedicated connections, taken on
 * the caller's thread from a small pool and given back when the reply arrives, so a blocking
 * command never holds up the shared multiplexed connection. While the shared connection's
 * circuit breaker knows its node (or cluster) to be down, blocking commands fail at once.
 *
 * <p>Pool options: {@code blocking.pool_size} (default 8) and {@code blocking.borrow_timeout}
 * (default the request timeout).
 */
@PluginOptions(includes = BlockingPool.class)
public final class BlockingCommands implements AutoCloseable {

    private final GlideConnection<?> watched;
    private final BlockingPool<?> pool;

    private BlockingCommands(GlideConnection<?> watched, BlockingPool<?> pool) {
        this.watched = watched;
        this.pool = pool;
    }

    /**
     * Blocking commands for one standalone node.
     *
     * @param watched the shared connection to the node (its breaker is consulted)
     * @param location the node
     * @param config the cache configuration
     * @return the runner; close it with the strategy
     */
    public static BlockingCommands standalone(GlideConnection<GlideClient> watched, ValkeyLocation location,
            CacheConfig config) {
        return new BlockingCommands(watched, BlockingPool.of(location, config));
    }

    /**
     * Blocking commands for a cluster: each dedicated connection is a cluster client of its own,
     * routing the command to its key's primary.
     *
     * @param watched the shared cluster connection (its breaker is consulted)
     * @param seeds the cluster's seed nodes
     * @param config the cache configuration
     * @return the runner; close it with the strategy
     */
    public static BlockingCommands cluster(GlideConnection<GlideClusterClient> watched, List<ValkeyLocation> seeds,
            CacheConfig config) {
        return new BlockingCommands(watched, new BlockingPool<>(watched.node(), config,
                () -> GlideClients.openCluster(seeds, config, false, false)));
    }

    /**
     * Runs one blocking command.
     *
     * @param routeKey on a cluster, the key whose primary runs it ({@code null}: the second argument)
     * @param argv the command and its arguments
     * @return the normalised reply (see {@link GlideCommands#normalize})
     */
    public CompletableFuture<Object> execute(byte[] routeKey, List<byte[]> argv) {
        CompletableFuture<Object> down = watched.failIfKnownDown(new String(argv.get(0), StandardCharsets.UTF_8));
        if (down != null) {
            return down;
        }
        return run(pool, routeKey, argv);
    }

    private static <C extends BaseClient> CompletableFuture<Object> run(BlockingPool<C> pool, byte[] routeKey,
            List<byte[]> argv) {
        GlideConnection<C> dedicated = pool.borrow();
        CompletableFuture<Object> reply;
        try {
            reply = GlideCommands.execute(dedicated, true, routeKey, argv);
        } catch (RuntimeException e) {
            pool.discard(dedicated);
            throw e;
        }
        return reply.whenComplete((value, failure) -> {
            if (failure == null) {
                pool.release(dedicated);
            } else {
                // a timed-out blocking command may still be pending on that connection: never reuse it
                pool.discard(dedicated);
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
