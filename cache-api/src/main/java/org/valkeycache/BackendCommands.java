package org.valkeycache;

import java.util.concurrent.Executor;
import org.valkeycache.internal.Arguments;
import org.valkeycache.metrics.CacheMetrics;

/**
 * The cache facade: every command of django-valkey's "valkey commands" page, Java-idiomatic.
 *
 * <p>Keys are {@code String}s, made into stored keys with the configured prefix and version
 * ({@code prefix:version:key} by default). Values are any object the configured serializer
 * accepts; integers ({@code Byte}, {@code Short}, {@code Integer}, {@code Long},
 * {@code BigInteger}) are stored raw as decimal text and read back as {@link Long} (or
 * {@link java.math.BigInteger} beyond 64 bits), so that {@link #incr} works on the server.
 *
 * <p>Timeouts follow Django's contract: no timeout argument means the configured default
 * ({@link Timeout#defaultTimeout()}, 300 s unless configured); {@link Timeout#never()} means
 * persistent; a zero or negative duration expires the key immediately. Sub-second durations keep
 * millisecond precision.
 *
 * <p>Errors: invalid arguments (null or empty key, null timeout, non-positive itersize) throw
 * {@link IllegalArgumentException}; everything else is a {@link CacheException}. When the cache is
 * configured with {@code ignoreExceptions}, connection failures ({@link CacheConnectionException},
 * including timeouts) are swallowed: reads return their default (null, empty), writes return
 * false, counts return 0. Server error replies, serialization errors, configuration errors
 * (including a database index the server lacks), refused credentials
 * ({@link CacheAuthenticationException}) and ACL denials ({@link CachePermissionException}) are
 * never swallowed.
 *
 * <p>Implementations are thread-safe. Blocking methods wait at most about the configured request
 * timeout for each server round trip.
 */
public interface BackendCommands extends ValueCommands, BulkCommands, KeyspaceCommands, HashCommands, SetCommands,
        SortedSetCommands, ListCommands, LockCommands, AutoCloseable {

    /**
     * This cache's commands as futures, with replies decoded on
     * {@link java.util.concurrent.ForkJoinPool#commonPool()} (see {@link AsyncBackendCommands} for
     * the threads, errors and backpressure). Same semantics and same code as the blocking methods.
     *
     * @return the asynchronous facade over this cache and version; cheap, shares connections
     * @throws CacheUnsupportedOperationException when this implementation has no asynchronous
     *     facade (the default, for implementations other than {@link ValkeyCache})
     */
    default AsyncBackendCommands async() {
        throw new CacheUnsupportedOperationException(getClass().getName() + " has no asynchronous facade");
    }

    /**
     * This cache's commands as futures, with replies decoded, {@code getOrSet} suppliers run and
     * futures completed on {@code executor} (for continuations that block, or that must run on an
     * executor of the application's).
     *
     * @param executor runs the continuations, not null
     * @return the asynchronous facade over this cache and version
     * @throws CacheUnsupportedOperationException when this implementation has no asynchronous
     *     facade (the default, for implementations other than {@link ValkeyCache})
     */
    default AsyncBackendCommands async(Executor executor) {
        throw new CacheUnsupportedOperationException(getClass().getName() + " has no asynchronous facade");
    }

    /**
     * A view of this cache whose keys use another version. Cheap; shares connections. Closing
     * a view does nothing; close the cache itself.
     *
     * @param version the key version
     * @return the view
     */
    BackendCommands withVersion(int version);

    /**
     * The version this view makes keys with.
     *
     * @return the version
     */
    int version();

    /**
     * The meters of this cache (gets by result, puts, evictions, loads, errors, call latency and
     * whatever its client strategy registers), shared by every version view. Always on; the
     * {@code micrometer} module publishes them.
     *
     * @return the cache's meters
     */
    CacheMetrics metrics();

    /**
     * The stored key for a user key.
     *
     * @param key the key, not empty
     * @return the made key, e.g. {@code "prefix:1:key"}
     */
    String makeKey(String key);

    /**
     * The server-side glob for a user pattern (prefix escaped, version applied).
     *
     * @param pattern a glob over user keys
     * @return the pattern sent to the server
     */
    String makePattern(String pattern);

    /**
     * The underlying driver client for commands this facade does not offer (the primary's).
     * For glide-backed strategies a {@code glide.api.GlideClient}; shared, do not close it.
     * Same as {@code getValkeyConnection(true)}.
     *
     * @return the driver client
     * @throws CacheUnsupportedOperationException on strategies without a single connection (shard)
     */
    default Object getValkeyConnection() {
        return getValkeyConnection(true);
    }

    /**
     * The underlying driver client for writes (the primary) or reads (a replica when configured).
     *
     * @param write true for the primary
     * @return the driver client
     * @throws CacheUnsupportedOperationException on strategies without a single connection (shard)
     */
    Object getValkeyConnection(boolean write);

    /**
     * The underlying driver client, checked against the expected type.
     *
     * @param type the expected driver type, e.g. {@code GlideClient.class}
     * @param write true for the primary
     * @param <C> the driver type
     * @return the driver client
     * @throws CacheUnsupportedOperationException when the strategy has no single connection or the
     *     connection is of another type
     */
    default <C> C getValkeyConnection(Class<C> type, boolean write) {
        Arguments.notNull(type, "type");
        Object raw = getValkeyConnection(write);
        if (!type.isInstance(raw)) {
            throw new CacheUnsupportedOperationException("the raw connection of " + this + " is a "
                    + raw.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(raw);
    }

    /** Closes the connections of this cache (a no-op on a {@link #withVersion} view). */
    @Override
    void close();
}
