package org.valkeycache.spi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.CacheUnsupportedOperationException;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.metrics.CacheMetrics;

/**
 * The byte-level command set a cache runs on; an implementation decides <em>where</em> each
 * command runs (which node, primary or replica) and how multi-key work is split and merged.
 *
 * <p>Keys arrive already made (prefix, version) and values already encoded: a client never
 * serializes. Every method returns a future so that a caller can compose work without blocking;
 * the synchronous facade waits on it with a bound. Futures complete exceptionally with a
 * {@link org.valkeycache.CacheException} subtype ({@link org.valkeycache.CacheConnectionException},
 * {@link org.valkeycache.CacheTimeoutException}, {@link org.valkeycache.CacheCommandException},
 * {@link org.valkeycache.CacheAuthenticationException}, {@link org.valkeycache.CachePermissionException},
 * {@link org.valkeycache.CacheConfigurationException}), never with a driver's raw exception. Only
 * {@link org.valkeycache.CacheConnectionException} (and its subtypes) counts as an outage for the
 * {@code ignoreExceptions} policy.
 *
 * <p>Implementations are chosen by class name in {@link org.valkeycache.config.CacheConfig} and
 * must have a public constructor taking a {@link org.valkeycache.config.CacheConfig}; the
 * {@code options.<name>} settings they read are declared with {@link PluginOptions}. They must be
 * safe for concurrent use by many threads.
 *
 * <p>Expiry arguments are in milliseconds: {@link #NO_EXPIRY} means "persistent". The cache has
 * already turned zero and negative timeouts into deletes, so {@code set} never receives them.
 */
public interface ValkeyClient extends AutoCloseable {

    /** Expiry argument meaning "no expiry": the key is persistent. */
    long NO_EXPIRY = -1L;

    /** The condition of a {@code SET}. */
    enum SetCondition {
        /** Write unconditionally. */
        ALWAYS,
        /** Write only if the key does not exist ({@code NX}). */
        IF_ABSENT,
        /** Write only if the key already exists ({@code XX}). */
        IF_PRESENT
    }

    /**
     * {@code SET key value [PX ms] [NX|XX]} on the primary.
     *
     * @param key made key
     * @param value encoded value
     * @param condition when to write
     * @param expiryMillis positive milliseconds, or {@link #NO_EXPIRY}
     * @return whether the value was written (false only when the condition prevented it)
     */
    CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis);

    /**
     * {@code SET key value NX GET [PX ms]} on the primary (Valkey 7.0 or later): adds the value
     * when the key is absent and answers what the key held, in one round trip. The default sends
     * it through {@link #execute}; a client that wraps stored values (the herd client) overrides it
     * to wrap the value and unwrap the answer.
     *
     * @param key made key
     * @param value encoded value
     * @param expiryMillis positive milliseconds, or {@link #NO_EXPIRY}
     * @return the stored bytes the key held (nothing was written), or {@code null} when the value
     *     was added
     */
    default CompletableFuture<byte[]> addOrGet(byte[] key, byte[] value, long expiryMillis) {
        List<byte[]> argv = new ArrayList<>(7);
        argv.add(new byte[] {'S', 'E', 'T'});
        argv.add(key);
        argv.add(value);
        argv.add(new byte[] {'N', 'X'});
        argv.add(new byte[] {'G', 'E', 'T'});
        if (expiryMillis != NO_EXPIRY) {
            argv.add(new byte[] {'P', 'X'});
            argv.add(Long.toString(expiryMillis).getBytes(StandardCharsets.US_ASCII));
        }
        return execute(true, List.of(key), argv).thenApply(r -> (byte[]) r);
    }

    /**
     * Reads a key and resets its expiry in one round trip, on the primary: {@code GETEX key PX ms}
     * for a positive expiry, {@code GETEX key PERSIST} for {@link #NO_EXPIRY}, and {@code GETDEL}
     * for zero (the cache's "expire now"). The default sends it through {@link #execute}; a client
     * that wraps stored values (the herd client) overrides it.
     *
     * @param key made key
     * @param expiryMillis positive milliseconds, {@link #NO_EXPIRY}, or 0 to remove the key
     * @return the stored bytes, or {@code null} when the key is missing (nothing changes then)
     */
    default CompletableFuture<byte[]> getAndTouch(byte[] key, long expiryMillis) {
        List<byte[]> argv;
        if (expiryMillis == 0) {
            argv = List.of(new byte[] {'G', 'E', 'T', 'D', 'E', 'L'}, key);
        } else if (expiryMillis == NO_EXPIRY) {
            argv = List.of(new byte[] {'G', 'E', 'T', 'E', 'X'}, key, new byte[] {'P', 'E', 'R', 'S', 'I', 'S', 'T'});
        } else {
            argv = List.of(new byte[] {'G', 'E', 'T', 'E', 'X'}, key, new byte[] {'P', 'X'},
                    Long.toString(expiryMillis).getBytes(StandardCharsets.US_ASCII));
        }
        return execute(true, List.of(key), argv).thenApply(r -> (byte[]) r);
    }

    /**
     * {@code GET key}, on a replica when replicas are configured.
     *
     * @param key made key
     * @return the stored bytes, or {@code null} when the key is missing
     */
    CompletableFuture<byte[]> get(byte[] key);

    /**
     * Atomic {@code MGET}: one command, one snapshot.
     *
     * @param keys made keys, not empty
     * @return values in key order, {@code null} for missing keys
     */
    CompletableFuture<List<byte[]>> mget(List<byte[]> keys);

    /**
     * Atomic multi-key write: {@code MSET}, followed in the same transaction by a {@code PEXPIRE}
     * per key when {@code expiryMillis} is positive.
     *
     * @param keys made keys, not empty
     * @param values encoded values, same size and order as {@code keys}
     * @param expiryMillis positive milliseconds, or {@link #NO_EXPIRY}
     * @return completes when written
     */
    CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis);

    /**
     * Non-atomic multi-get (pipelined {@code GET}s or {@code MGET}s): one round trip per node, no
     * snapshot guarantee across keys.
     *
     * @param keys made keys, not empty
     * @return values in key order, {@code null} for missing keys
     */
    CompletableFuture<List<byte[]>> getMany(List<byte[]> keys);

    /**
     * Non-atomic multi-set (pipelined {@code SET}s or a script of them). A failure of one key does
     * not stop the others.
     *
     * @param keys made keys, not empty
     * @param values encoded values, same size and order as {@code keys}
     * @param expiryMillis positive milliseconds, or {@link #NO_EXPIRY}
     * @return per key (in order) whether it was written
     */
    CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis);

    /**
     * {@code DEL} of one or more keys.
     *
     * @param keys made keys, not empty
     * @return how many keys existed and were deleted
     */
    CompletableFuture<Long> delete(List<byte[]> keys);

    /**
     * {@code UNLINK} (non-blocking delete) of a batch of keys, used by pattern deletes.
     *
     * @param keys made keys, not empty
     * @return how many keys existed and were removed
     */
    CompletableFuture<Long> unlink(List<byte[]> keys);

    /**
     * {@code EXISTS key}.
     *
     * @param key made key
     * @return whether the key exists
     */
    CompletableFuture<Boolean> exists(byte[] key);

    /**
     * {@code INCRBY key delta}, optionally only when the key exists (checked atomically on the
     * server).
     *
     * @param key made key
     * @param delta amount to add, may be negative
     * @param onlyIfExists when true and the key is missing, nothing is created
     * @return the new value, or {@code null} when {@code onlyIfExists} and the key is missing
     */
    CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists);

    /**
     * {@code PTTL key} with the server's conventions.
     *
     * @param key made key
     * @return remaining milliseconds, {@code -1} for a persistent key, {@code -2} for a missing key
     */
    CompletableFuture<Long> pttl(byte[] key);

    /**
     * Moves a value to another key and keeps its remaining time to live, for
     * {@code incrVersion}: afterwards {@code to} holds what {@code from} held (replacing whatever
     * {@code to} held) and {@code from} is gone. It reads and writes the primary, so a value just
     * written always moves, whatever replicas have seen.
     *
     * <p>The built-in clients move any value type: with one {@code RENAME} where both keys live on
     * one node (atomic), and with {@code DUMP}, {@code RESTORE} and {@code DEL} where they live on
     * two (a shard ring or a cluster), exact to the millisecond. The default is
     * {@code GET}, {@code PTTL}, {@code SET}, {@code DEL} through this client's own methods: right
     * for a client without replicas that stores plain values; a client with replicas must override
     * it.
     *
     * @param from made key of the value
     * @param to made key it moves to; not equal to {@code from}
     * @return whether a value moved ({@code false}, with nothing changed, when {@code from} is missing)
     */
    default CompletableFuture<Boolean> rename(byte[] from, byte[] to) {
        return get(from).thenCompose(value -> pttl(from).thenCompose(pttl -> {
            if (value == null || pttl == -2) {
                return CompletableFuture.completedFuture(false);
            }
            long expiry = pttl == -1 ? NO_EXPIRY : Math.max(1, pttl);
            return set(to, value, SetCondition.ALWAYS, expiry)
                    .thenCompose(written -> delete(List.of(from)))
                    .thenApply(deleted -> true);
        }));
    }

    /**
     * {@code PERSIST key}.
     *
     * @param key made key
     * @return whether an expiry was removed
     */
    CompletableFuture<Boolean> persist(byte[] key);

    /**
     * {@code PEXPIRE key ms}; zero or negative deletes the key (server behaviour).
     *
     * @param key made key
     * @param millis relative expiry in milliseconds
     * @return whether the key existed and the expiry was applied
     */
    CompletableFuture<Boolean> pexpire(byte[] key, long millis);

    /**
     * {@code PEXPIREAT key epochMillis}; a time in the past deletes the key (server behaviour).
     *
     * @param key made key
     * @param epochMillis absolute Unix time in milliseconds
     * @return whether the key existed and the expiry was applied
     */
    CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis);

    /**
     * {@code KEYS pattern} on every node this client holds data on.
     *
     * @param pattern glob pattern over made keys
     * @return matching made keys
     */
    CompletableFuture<List<byte[]>> keys(byte[] pattern);

    /**
     * One {@code SCAN} step. Start with {@link ScanCursor#START}; the scan is complete when the
     * returned page's cursor {@link ScanCursor#isFinished() is finished}. A client over several
     * nodes encodes the node in its cursor.
     *
     * @param cursor where to continue
     * @param pattern glob pattern over made keys
     * @param count the {@code COUNT} hint, positive
     * @return the keys of this step and the cursor to continue from
     */
    CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count);

    /**
     * {@code FLUSHDB} on every node of this client: removes every key of the logical database,
     * including keys other caches or applications wrote.
     *
     * @return completes when flushed
     */
    CompletableFuture<Void> flushDb();

    /**
     * The read of {@code getOrSet}: what is stored, and whether this caller should compute a new
     * value. The default is a plain {@link #get}: a hit for a value, a miss (compute, then add with
     * {@code SET NX}) for a missing key. A client that keeps soft-expired values readable (the herd
     * client) answers {@link Lookup#recompute} to the one caller that should refresh a value it
     * still holds, and may take a lease for it (a short server lock) that it releases in
     * {@link #storeComputed} or {@link #abandonComputed}.
     *
     * @param key made key
     * @return what was found; the cache runs the supplier unless it is a hit
     */
    default CompletableFuture<Lookup> lookup(byte[] key) {
        return get(key).thenApply(Lookup::of);
    }

    /**
     * Writes the value {@code getOrSet} computed after {@link #lookup}: the default adds it
     * ({@code SET NX}, so a concurrent writer wins) after a miss, and overwrites the stored value
     * after a recompute. A client that leased the recompute releases the lease once the value is
     * written.
     *
     * @param key made key
     * @param value encoded value
     * @param expiryMillis positive milliseconds, or {@link #NO_EXPIRY}
     * @param lookup what {@link #lookup} answered for this caller
     * @return whether the value was written (false when another writer added one first)
     */
    default CompletableFuture<Boolean> storeComputed(byte[] key, byte[] value, long expiryMillis, Lookup lookup) {
        return set(key, value, lookup.recompute() ? SetCondition.ALWAYS : SetCondition.IF_ABSENT, expiryMillis);
    }

    /**
     * Tells the client that {@code getOrSet} will not write after {@link #lookup} (the supplier
     * failed, or the timeout expires at once), so it can release a lease at once instead of
     * letting it expire. Must not throw; the default does nothing.
     *
     * @param key made key
     * @param lookup what {@link #lookup} answered for this caller
     */
    default void abandonComputed(byte[] key, Lookup lookup) {
    }

    /**
     * Runs one command of the native data-structure families (hashes, sets, sorted sets, lists).
     * The cache builds the argument vector; the client only decides where it runs.
     *
     * <p>Replies are normalised to these shapes, whatever the protocol: {@code null},
     * {@code Long}, {@code Double}, {@code Boolean}, {@code byte[]} (bulk strings),
     * {@code String} (status replies such as {@code OK}) and {@code List<Object>} (arrays and sets;
     * maps are flattened to alternating keys and values).
     *
     * @param write whether the command writes (then it runs on the primary)
     * @param keys the keys the command touches, for routing; all must live on one node
     * @param argv the command name followed by its arguments
     * @return the normalised reply
     * @throws CacheUnsupportedOperationException if the client does not support generic commands
     */
    default CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        throw new CacheUnsupportedOperationException(describe() + " does not run data-structure commands");
    }

    /**
     * Runs a command that blocks on the server ({@code BLPOP}, {@code BRPOP}) on a connection of
     * its own, never on a shared multiplexed one, so other callers are not held up.
     *
     * @param keys the keys, for routing
     * @param argv the command name followed by its arguments
     * @param block how long the server may block (the command's own timeout argument)
     * @return the normalised reply (see {@link #execute})
     * @throws CacheUnsupportedOperationException if the client has no dedicated connections
     */
    default CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        throw new CacheUnsupportedOperationException(describe() + " does not run blocking commands");
    }

    /**
     * Runs a Lua script on the primary ({@code EVALSHA}, loading it when the server lacks it).
     *
     * @param script the script
     * @param keys the {@code KEYS} of the script, for routing
     * @param args the {@code ARGV} of the script
     * @return the normalised reply (see {@link #execute})
     * @throws CacheUnsupportedOperationException if the client does not run scripts
     */
    default CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        throw new CacheUnsupportedOperationException(describe() + " does not run Lua scripts");
    }

    /**
     * Hands the client the cache's meters once, right after the cache is opened and before the
     * first command, so it can register its own (dispatch batch sizes, a near cache's hits). A
     * client that wraps another passes the call on to it. The default registers nothing.
     *
     * @param metrics the cache's meters
     */
    default void bindMetrics(CacheMetrics metrics) {
    }

    /**
     * Where this client's writes go right now: the address, TLS, credentials and database of the
     * one primary, for a component that needs a connection of its own to it (the near cache's
     * invalidation listener). Polled, not pushed: after a failover it names the new primary. A
     * client that wraps another passes the call on only if it does not change what {@code get}
     * returns. The default, and a topology without a single primary (shard ring, cluster),
     * answers null; a shard ring names its nodes through {@link #ringNodes()} instead.
     *
     * @return the current primary, or null when there is no single one
     */
    default ValkeyLocation primaryLocation() {
        return null;
    }

    /**
     * The independent servers of a client-side ring, for a component that must follow each of
     * them on its own: the near cache keeps one invalidation listener and one heartbeat per node.
     * Each element is the client of one node: it names that node's one primary in
     * {@link #primaryLocation()}, and whatever is sent through it runs on that node. {@link #get}
     * through this client reads key {@code k} on {@code ringNodes().get(nodeOf(k))} and on no other
     * node, for as long as the client lives (the placement never changes).
     *
     * <p>The default, and every topology that is not such a ring (one primary, a cluster whose
     * slots move, a wrapper that changes what {@code get} returns), answers an empty list.
     *
     * @return the node clients in placement order (shared, do not close them), or an empty list
     */
    default List<ValkeyClient> ringNodes() {
        return List.of();
    }

    /**
     * The node of {@link #ringNodes()} that {@link #get} reads a made key on.
     *
     * @param madeKey the made key
     * @return an index into {@link #ringNodes()}; 0 (the default) for a client that is not a ring
     */
    default int nodeOf(byte[] madeKey) {
        return 0;
    }

    /**
     * The underlying driver client for raw commands (for glide-backed clients a
     * {@code glide.api.GlideClient}).
     *
     * @param write true for the connection that takes writes (the primary), false for one that
     *     serves reads (a replica when replicas are configured)
     * @return the driver object; shared, do not close it
     * @throws org.valkeycache.CacheUnsupportedOperationException when the topology has no single
     *     connection to hand out (for example a client-side shard ring)
     */
    Object rawConnection(boolean write);

    /**
     * A short description of the topology for logs and errors, for example
     * {@code "default[127.0.0.1:6379 +1 replica]"}. Never contains credentials.
     *
     * @return the description
     */
    String describe();

    /** Closes every connection this client opened. Idempotent. */
    @Override
    void close();
}
