package org.valkeycache.client.glide.internal;

import glide.api.BaseClient;
import glide.api.GlideClient;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheTimeoutException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.spi.PluginOptions;

/**
 * A small pool of dedicated glide clients for commands that block on the server (BLPOP, BRPOP):
 * glide multiplexes every request of a client over one connection, so a blocking command on the
 * shared client would hold up every other caller. Clients are made on demand, at most
 * {@code blocking.pool_size} (option, default 8), idle ones are kept up to that number, and a
 * caller waits at most {@code blocking.borrow_timeout} (option, default the request timeout) for
 * a free one before a {@link CacheTimeoutException}.
 */
@PluginOptions({BlockingPool.POOL_SIZE, BlockingPool.BORROW_TIMEOUT})
public final class BlockingPool<C extends BaseClient> implements AutoCloseable {

    /** Option: the most dedicated connections for blocking commands. */
    public static final String POOL_SIZE = "blocking.pool_size";
    /** Option: how long to wait for a free dedicated connection. */
    public static final String BORROW_TIMEOUT = "blocking.borrow_timeout";

    private final GenericObjectPool<GlideConnection<C>> pool;
    private final String node;
    private final int size;

    /** A pool of standalone clients to one node. */
    static BlockingPool<GlideClient> of(ValkeyLocation location, CacheConfig config) {
        return new BlockingPool<>(location.address(), config, () -> GlideClients.open(location, config, false, false));
    }

    /**
     * @param node the node (or cluster) for messages
     * @param config the cache configuration (pool options, request timeout)
     * @param open makes one dedicated, uncoalesced connection
     */
    BlockingPool(String node, CacheConfig config, Supplier<GlideConnection<C>> open) {
        this.node = node;
        this.size = (int) Math.min(Integer.MAX_VALUE, config.positiveOption(POOL_SIZE, 8));
        Duration borrow = config.durationOption(BORROW_TIMEOUT, config.requestTimeout());
        GenericObjectPoolConfig<GlideConnection<C>> pc = new GenericObjectPoolConfig<>();
        pc.setMaxTotal(size);
        pc.setMaxIdle(size);
        pc.setMinIdle(0);
        pc.setBlockWhenExhausted(true);
        pc.setMaxWait(borrow);
        pc.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public GlideConnection<C> create() {
                return open.get();
            }

            @Override
            public PooledObject<GlideConnection<C>> wrap(GlideConnection<C> c) {
                return new DefaultPooledObject<>(c);
            }

            @Override
            public void destroyObject(PooledObject<GlideConnection<C>> p) {
                p.getObject().close();
            }
        }, pc);
    }

    /**
     * Takes a dedicated connection, waiting at most the borrow timeout; runs on the caller's thread.
     *
     * @return a connection that must be given back with {@link #release} or {@link #discard}
     */
    GlideConnection<C> borrow() {
        try {
            return pool.borrowObject();
        } catch (NoSuchElementException e) {
            throw new CacheTimeoutException("all " + size + " dedicated connections to " + node
                    + " for blocking commands are busy (options." + POOL_SIZE + ")", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CacheConnectionException("cannot open a dedicated connection to " + node + ": " + e, e);
        }
    }

    void release(GlideConnection<C> c) {
        pool.returnObject(c);
    }

    void discard(GlideConnection<C> c) {
        try {
            pool.invalidateObject(c);
        } catch (Exception e) {
            c.close();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
