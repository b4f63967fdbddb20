package org.valkeycache.client.glide.internal;

import static glide.api.models.GlideString.gs;

import glide.api.BaseClient;
import glide.api.GlideClient;
import glide.api.GlideClusterClient;
import glide.api.models.BaseBatch;
import glide.api.models.GlideString;
import glide.api.models.commands.SetOptions;
import glide.api.models.commands.scan.ClusterScanCursor;
import glide.api.models.commands.scan.ScanOptions;
import glide.api.models.configuration.RequestRoutingConfiguration.SimpleMultiNodeRoute;
import glide.api.models.exceptions.GlideException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.valkeycache.CacheCommandException;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;

/**
 * How each byte-level command becomes a glide call, written once for every strategy that talks
 * to glide. A strategy picks the {@link GlideConnection} (node, primary or replica) and calls
 * these; nothing here chooses a target.
 */
public final class GlideCommands {

    /** INCRBY only when the key exists; nil otherwise (Django raises for a missing key). */
    private static final LuaScript INCR_IF_EXISTS = LuaScript.of(
            "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end return false");

    private static final GlideString SET = gs("SET");
    private static final GlideString GET = gs("GET");
    private static final GlideString EXISTS = gs("EXISTS");
    private static final GlideString DEL = gs("DEL");
    private static final GlideString INCRBY = gs("INCRBY");
    private static final GlideString PTTL = gs("PTTL");
    private static final GlideString PERSIST = gs("PERSIST");
    private static final GlideString PEXPIRE = gs("PEXPIRE");
    private static final GlideString PEXPIREAT = gs("PEXPIREAT");
    private static final GlideString PX = gs("PX");
    private static final GlideString EVALSHA = gs("EVALSHA");
    private static final GlideString SCRIPT = gs("SCRIPT");
    private static final GlideString LOAD = gs("LOAD");
    private static final GlideString NX = gs("NX");
    private static final GlideString XX = gs("XX");

    private GlideCommands() {
    }

    private static boolean isOk(Object reply) {
        return reply != null && "OK".equals(reply instanceof GlideString g ? g.getString() : reply.toString());
    }

    private static Boolean isOne(Object reply) {
        if (reply instanceof Boolean b) {
            return b;
        }
        return reply instanceof Long l && l != 0;
    }

    private static byte[] bulk(Object reply) {
        if (reply == null) {
            return null;
        }
        if (reply instanceof GlideString g) {
            return g.getBytes();
        }
        if (reply instanceof byte[] b) {
            return b;
        }
        return reply.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs any command given as an argument vector, with the reply normalised (see
     * {@link ValkeyClient#execute}).
     *
     * @param c the connection
     * @param argv the command name and its arguments
     * @return the normalised reply
     */
    public static CompletableFuture<Object> execute(GlideConnection<? extends BaseClient> c, List<byte[]> argv) {
        GlideString[] args = toGs(argv);
        String name = new String(argv.get(0), StandardCharsets.UTF_8);
        return c.submit(name, args, GlideCommands::normalize);
    }

    /**
     * Runs any command given as an argument vector, saying where it goes on a cluster.
     *
     * @param c the connection
     * @param write whether the command writes (a read may go to a replica on a cluster reading
     *     from replicas)
     * @param routeKey on a cluster, the key whose slot the command goes to; {@code null} for the
     *     command's second argument
     * @param argv the command name and its arguments
     * @return the normalised reply
     */
    public static CompletableFuture<Object> execute(GlideConnection<? extends BaseClient> c, boolean write,
            byte[] routeKey, List<byte[]> argv) {
        GlideString[] args = toGs(argv);
        String name = new String(argv.get(0), StandardCharsets.UTF_8);
        return c.submit(name, args, routeKey, !write, GlideCommands::normalize);
    }

    /**
     * Runs a Lua script with EVALSHA, loading it on NOSCRIPT.
     *
     * @param c the connection
     * @param script the script
     * @param keys the script's KEYS
     * @param args the script's ARGV
     * @return the normalised reply
     */
    public static CompletableFuture<Object> eval(GlideConnection<? extends BaseClient> c, LuaScript script,
            List<byte[]> keys, List<byte[]> args) {
        return evalsha(c, "EVALSHA " + script.sha1(), script, toGs(keys), toGs(args), GlideCommands::normalize);
    }

    /**
     * Turns a glide reply into the shapes of {@link ValkeyClient#execute}: byte arrays for bulk
     * strings, lists for arrays and sets, flattened lists for maps.
     *
     * @param reply a glide reply
     * @return the normalised reply
     */
    public static Object normalize(Object reply) {
        if (reply == null || reply instanceof Long || reply instanceof Double || reply instanceof Boolean
                || reply instanceof String) {
            return reply;
        }
        if (reply instanceof GlideString g) {
            return g.getBytes();
        }
        if (reply instanceof Object[] array) {
            List<Object> out = new ArrayList<>(array.length);
            for (Object o : array) {
                out.add(normalize(o));
            }
            return out;
        }
        if (reply instanceof Map<?, ?> map) {
            List<Object> out = new ArrayList<>(map.size() * 2);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.add(normalize(e.getKey()));
                out.add(normalize(e.getValue()));
            }
            return out;
        }
        if (reply instanceof Collection<?> coll) {
            List<Object> out = new ArrayList<>(coll.size());
            for (Object o : coll) {
                out.add(normalize(o));
            }
            return out;
        }
        if (reply instanceof Integer i) {
            return i.longValue();
        }
        if (reply instanceof byte[]) {
            return reply;
        }
        throw new CacheCommandException("unexpected reply type from glide: " + reply.getClass().getName());
    }

    /**
     * SET with NX/XX and PX.
     *
     * @param c the connection
     * @param key the key
     * @param value the value
     * @param condition always, NX or XX
     * @param expiryMillis positive milliseconds or {@link ValkeyClient#NO_EXPIRY}
     * @return whether the value was stored
     */
    public static CompletableFuture<Boolean> set(GlideConnection<?> c, byte[] key, byte[] value,
            SetCondition condition, long expiryMillis) {
        checkExpiry(expiryMillis);
        int n = 3 + (expiryMillis == ValkeyClient.NO_EXPIRY ? 0 : 2) + (condition == SetCondition.ALWAYS ? 0 : 1);
        GlideString[] argv = new GlideString[n];
        argv[0] = SET;
        argv[1] = gs(key);
        argv[2] = gs(value);
        int i = 3;
        if (expiryMillis != ValkeyClient.NO_EXPIRY) {
            argv[i++] = PX;
            argv[i++] = gs(Long.toString(expiryMillis));
        }
        if (condition != SetCondition.ALWAYS) {
            argv[i] = condition == SetCondition.IF_ABSENT ? NX : XX;
        }
        return c.submit("SET", argv, GlideCommands::isOk);
    }

    /** @return SET options for a condition and expiry, or null when plain SET will do */
    static SetOptions setOptions(SetCondition condition, long expiryMillis) {
        checkExpiry(expiryMillis);
        if (condition == SetCondition.ALWAYS && expiryMillis == ValkeyClient.NO_EXPIRY) {
            return null;
        }
        SetOptions.SetOptionsBuilder b = SetOptions.builder();
        if (condition == SetCondition.IF_ABSENT) {
            b.conditionalSetOnlyIfNotExist();
        } else if (condition == SetCondition.IF_PRESENT) {
            b.conditionalSetOnlyIfExists();
        }
        if (expiryMillis != ValkeyClient.NO_EXPIRY) {
            b.expiry(SetOptions.Expiry.Milliseconds(expiryMillis));
        }
        return b.build();
    }

    static void checkExpiry(long expiryMillis) {
        if (expiryMillis <= 0 && expiryMillis != ValkeyClient.NO_EXPIRY) {
            throw new IllegalArgumentException("expiryMillis must be positive or NO_EXPIRY, got " + expiryMillis);
        }
    }

    /**
     * GET.
     *
     * @param c the connection
     * @param key the key
     * @return the value or null
     */
    public static CompletableFuture<byte[]> get(GlideConnection<? extends BaseClient> c, byte[] key) {
        return c.submit("GET", new GlideString[] {GET, gs(key)}, key, true, GlideCommands::bulk);
    }

    /**
     * MGET, atomic.
     *
     * @param c the connection
     * @param keys the keys
     * @return values in key order, null for missing keys
     */
    public static CompletableFuture<List<byte[]>> mget(GlideConnection<? extends BaseClient> c, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return c.call("MGET", () -> c.client().mget(toGs(keys)).thenApply(GlideCommands::bytesList));
    }

    /**
     * MSET, atomic; with an expiry, MSET plus one PEXPIRE per key in a MULTI/EXEC transaction.
     *
     * @param c the connection
     * @param keys the keys
     * @param values the values, same order
     * @param expiryMillis positive milliseconds or {@link ValkeyClient#NO_EXPIRY}
     * @return completion
     */
    public static CompletableFuture<Void> mset(GlideConnection<? extends BaseClient> c, List<byte[]> keys, List<byte[]> values,
            long expiryMillis) {
        checkExpiry(expiryMillis);
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<GlideString, GlideString> map = new LinkedHashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            map.put(gs(keys.get(i)), gs(values.get(i)));
        }
        if (expiryMillis == ValkeyClient.NO_EXPIRY) {
            return c.call("MSET", () -> c.client().msetBinary(map).thenApply(ok -> null));
        }
        BaseBatch<?> tx = c.newBatch(true);
        tx.mset(map);
        for (GlideString k : map.keySet()) {
            tx.pexpire(k, expiryMillis);
        }
        return c.call("MSET+PEXPIRE (transaction)", () -> c.exec(tx, true).thenApply(r -> {
            if (r == null) {
                throw new CacheCommandException("MSET transaction was aborted");
            }
            return null;
        }));
    }

    /**
     * The most keys in one MGET, MSET or script run of a bulk call: bounds how long one command
     * holds the server (and a script's Lua stack); larger calls send several in one pipeline.
     */
    static final int BULK_CHUNK = 1000;

    /**
     * GET of many keys, non-atomic as a whole. On a standalone node: MGETs of at most
     * {@link #BULK_CHUNK} keys (each atomic; glide's cost per key of an MGET is about half that of
     * a pipeline of GETs). On a cluster: one non-atomic cluster pipeline of GETs, which glide
     * splits per node.
     *
     * @param c the connection
     * @param keys the keys
     * @return values in key order, null for missing keys
     */
    public static CompletableFuture<List<byte[]>> getMany(GlideConnection<? extends BaseClient> c, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (!c.isCluster()) {
            return mgetChunks(c, keys);
        }
        BaseBatch<?> pipe = c.newBatch(false).withBinaryOutput();
        for (byte[] k : keys) {
            pipe.get(gs(k));
        }
        return c.call("GET (pipeline of " + keys.size() + ")", () -> c.exec(pipe, true).thenApply(r -> {
            List<byte[]> out = new ArrayList<>(r.length);
            for (Object o : r) {
                out.add(bulk(o));
            }
            return out;
        }));
    }

    /** One MGET, or one non-atomic pipeline of MGETs of {@link #BULK_CHUNK} keys. */
    private static CompletableFuture<List<byte[]>> mgetChunks(GlideConnection<? extends BaseClient> c, List<byte[]> keys) {
        if (keys.size() <= BULK_CHUNK) {
            return mget(c, keys);
        }
        BaseBatch<?> pipe = c.newBatch(false).withBinaryOutput();
        for (int from = 0; from < keys.size(); from += BULK_CHUNK) {
            pipe.mget(toGs(keys.subList(from, Math.min(keys.size(), from + BULK_CHUNK))));
        }
        return c.call("MGET (pipeline of " + keys.size() + " keys)", () -> c.exec(pipe, true).thenApply(r -> {
            List<byte[]> out = new ArrayList<>(keys.size());
            for (Object part : r) {
                for (Object o : (Object[]) part) {
                    out.add(bulk(o));
                }
            }
            return out;
        }));
    }

    /**
     * SET (with PX ARGV[2] when given) of the keys and values packed alternately in ARGV[1] (see
     * {@link PackedArgs}), each SET under pcall so that a refused key (an ACL key pattern, out of
     * memory) fails alone; replies the 1-based positions of the pairs that were not stored
     * (normally none).
     */
    private static final LuaScript SET_MANY = LuaScript.of(
            "local kv = cmsgpack.unpack(ARGV[1]) local px = ARGV[2] local failed = {} "
            + "for i = 1, #kv, 2 do local r "
            + "if px then r = redis.pcall('SET', kv[i], kv[i + 1], 'PX', px) "
            + "else r = redis.pcall('SET', kv[i], kv[i + 1]) end "
            + "if type(r) ~= 'table' or r.ok == nil then failed[#failed + 1] = (i + 1) / 2 end "
            + "end return failed");

    /**
     * SET of many keys, non-atomic as a whole; per-key failures are reported, not raised, and a
     * key is reported stored only if it was. On a standalone node with small values: one script
     * run per chunk of {@link #BULK_CHUNK} keys, the keys and values packed into one argument
     * (glide's cost is per argument: this costs about half of a pipeline of SETs). Otherwise (large
     * values, or a cluster): one non-atomic pipeline of SETs.
     *
     * @param c the connection
     * @param keys the keys
     * @param values the values, same order
     * @param expiryMillis positive milliseconds or {@link ValkeyClient#NO_EXPIRY}
     * @return per key, whether it was stored
     */
    public static CompletableFuture<List<Boolean>> setMany(GlideConnection<? extends BaseClient> c, List<byte[]> keys,
            List<byte[]> values, long expiryMillis) {
        SetOptions options = setOptions(SetCondition.ALWAYS, expiryMillis);
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (!c.isCluster() && smallPairs(keys, values)) {
            return setScript(c, keys, values, expiryMillis);
        }
        BaseBatch<?> pipe = c.newBatch(false);
        for (int i = 0; i < keys.size(); i++) {
            if (options == null) {
                pipe.set(gs(keys.get(i)), gs(values.get(i)));
            } else {
                pipe.set(gs(keys.get(i)), gs(values.get(i)), options);
            }
        }
        return c.call("SET (pipeline of " + keys.size() + ")", () -> c.exec(pipe, false).thenApply(r -> {
            List<Boolean> out = new ArrayList<>(r.length);
            for (Object o : r) {
                out.add(!(o instanceof GlideException) && "OK".equals(String.valueOf(o)));
            }
            return out;
        }));
    }

    /**
     * Whether keys and values average at most {@link #PACKED_MAX_PAIR_BYTES}: packing pays for
     * small values, where glide's cost per argument dominates; for large ones the bytes dominate
     * and the script's extra copies (packing, Lua strings on the server) made it several times
     * slower than a pipeline (100 values of 10 KB).
     */
    private static boolean smallPairs(List<byte[]> keys, List<byte[]> values) {
        long bytes = 0;
        for (int i = 0; i < keys.size(); i++) {
            bytes += keys.get(i).length + values.get(i).length;
        }
        return bytes <= (long) PACKED_MAX_PAIR_BYTES * keys.size();
    }

    /** The largest average key plus value size that {@code setMany} packs into a script argument. */
    static final int PACKED_MAX_PAIR_BYTES = 1024;

    /**
     * One {@link #SET_MANY} run per chunk of {@link #BULK_CHUNK} keys. A run that fails as a
     * whole (connection, a server without scripting) fails the call, like a failed pipeline.
     */
    private static CompletableFuture<List<Boolean>> setScript(GlideConnection<? extends BaseClient> c, List<byte[]> keys,
            List<byte[]> values, long expiryMillis) {
        List<CompletableFuture<Object>> parts = new ArrayList<>();
        GlideString px = expiryMillis == ValkeyClient.NO_EXPIRY ? null : gs(Long.toString(expiryMillis));
        for (int from = 0; from < keys.size(); from += BULK_CHUNK) {
            int to = Math.min(keys.size(), from + BULK_CHUNK);
            GlideString packed = gs(PackedArgs.pairs(keys.subList(from, to), values.subList(from, to)));
            parts.add(evalsha(c, "SET (script of " + (to - from) + " keys)", SET_MANY, new GlideString[0],
                    px == null ? new GlideString[] {packed} : new GlideString[] {packed, px}, r -> r));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Boolean> out = new ArrayList<>(keys.size());
            for (int p = 0; p < parts.size(); p++) {
                int from = p * BULK_CHUNK;
                int n = Math.min(BULK_CHUNK, keys.size() - from);
                for (int i = 0; i < n; i++) {
                    out.add(true);
                }
                Object reply = parts.get(p).join();
                if (!(reply instanceof Object[] failed)) {
                    throw new CacheCommandException("SET script replied " + reply + " instead of a list of positions");
                }
                for (Object position : failed) {
                    out.set(from + ((Long) position).intValue() - 1, false);
                }
            }
            return out;
        });
    }

    /**
     * DEL.
     *
     * @param c the connection
     * @param keys the keys
     * @return how many existed
     */
    public static CompletableFuture<Long> delete(GlideConnection<? extends BaseClient> c, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        if (keys.size() == 1) {
            return c.submit("DEL", new GlideString[] {DEL, gs(keys.get(0))}, r -> (Long) r);
        }
        return c.call("DEL", () -> c.client().del(toGs(keys)));
    }

    /**
     * UNLINK (the memory is freed in the background).
     *
     * @param c the connection
     * @param keys the keys
     * @return how many existed
     */
    public static CompletableFuture<Long> unlink(GlideConnection<? extends BaseClient> c, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        return c.call("UNLINK", () -> c.client().unlink(toGs(keys)));
    }

    /**
     * EXISTS for one key.
     *
     * @param c the connection
     * @param key the key
     * @return whether it exists
     */
    public static CompletableFuture<Boolean> exists(GlideConnection<? extends BaseClient> c, byte[] key) {
        return c.submit("EXISTS", new GlideString[] {EXISTS, gs(key)}, key, true, GlideCommands::isOne);
    }

    /**
     * INCRBY, or (with {@code onlyIfExists}) a script that increments only an existing key.
     *
     * @param c the connection
     * @param key the key
     * @param delta the amount
     * @param onlyIfExists whether a missing key yields null instead of being created
     * @return the new value, or null when the key was missing and {@code onlyIfExists}
     */
    public static CompletableFuture<Long> incrBy(GlideConnection<? extends BaseClient> c, byte[] key, long delta,
            boolean onlyIfExists) {
        if (!onlyIfExists) {
            return c.submit("INCRBY", new GlideString[] {INCRBY, gs(key), gs(Long.toString(delta))}, r -> (Long) r);
        }
        return evalsha(c, "INCRBY (if exists)", INCR_IF_EXISTS, new GlideString[] {gs(key)},
                new GlideString[] {gs(Long.toString(delta))}, r -> r == null ? null : (Long) r);
    }

    /**
     * A Lua script as an {@code EVALSHA} argument vector, so it is coalesced like any single
     * command; on {@code NOSCRIPT} (a restarted or flushed server) the script is loaded and the
     * call retried once.
     */
    static <T> CompletableFuture<T> evalsha(GlideConnection<?> c, String name, LuaScript script, GlideString[] keys,
            GlideString[] args, Function<Object, T> mapper) {
        GlideString[] argv = new GlideString[3 + keys.length + args.length];
        argv[0] = EVALSHA;
        argv[1] = gs(script.sha1());
        argv[2] = gs(Integer.toString(keys.length));
        System.arraycopy(keys, 0, argv, 3, keys.length);
        System.arraycopy(args, 0, argv, 3 + keys.length, args.length);
        return c.submit(name, argv, mapper).exceptionallyCompose(e -> {
            Throwable cause = GlideErrors.unwrap(e);
            if (cause instanceof CacheCommandException && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("noscript")) {
                return c.submit("SCRIPT LOAD", new GlideString[] {SCRIPT, LOAD, gs(script.source())}, r -> r)
                        .thenCompose(loaded -> c.submit(name, argv, mapper));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * PTTL.
     *
     * @param c the connection
     * @param key the key
     * @return milliseconds left, -1 for no expiry, -2 for a missing key
     */
    public static CompletableFuture<Long> pttl(GlideConnection<? extends BaseClient> c, byte[] key) {
        return c.submit("PTTL", new GlideString[] {PTTL, gs(key)}, key, true, r -> (Long) r);
    }

    /**
     * PERSIST.
     *
     * @param c the connection
     * @param key the key
     * @return whether an expiry was removed
     */
    public static CompletableFuture<Boolean> persist(GlideConnection<? extends BaseClient> c, byte[] key) {
        return c.submit("PERSIST", new GlideString[] {PERSIST, gs(key)}, GlideCommands::isOne);
    }

    /**
     * PEXPIRE.
     *
     * @param c the connection
     * @param key the key
     * @param millis the new time to live
     * @return whether the key exists and got the expiry
     */
    public static CompletableFuture<Boolean> pexpire(GlideConnection<? extends BaseClient> c, byte[] key, long millis) {
        return c.submit("PEXPIRE", new GlideString[] {PEXPIRE, gs(key), gs(Long.toString(millis))},
                GlideCommands::isOne);
    }

    /**
     * PEXPIREAT.
     *
     * @param c the connection
     * @param key the key
     * @param epochMillis the expiry instant
     * @return whether the key exists and got the expiry
     */
    public static CompletableFuture<Boolean> pexpireAt(GlideConnection<? extends BaseClient> c, byte[] key,
            long epochMillis) {
        return c.submit("PEXPIREAT", new GlideString[] {PEXPIREAT, gs(key), gs(Long.toString(epochMillis))},
                GlideCommands::isOne);
    }

    /**
     * KEYS (blocks the server for the whole scan; prefer SCAN).
     *
     * @param c the connection
     * @param pattern the glob pattern
     * @return the matching keys
     */
    public static CompletableFuture<List<byte[]>> keys(GlideConnection<GlideClient> c, byte[] pattern) {
        return c.call("KEYS", () -> c.client().keys(gs(pattern)).thenApply(GlideCommands::bytesList));
    }

    /**
     * One SCAN step on one node.
     *
     * @param c the connection
     * @param cursor the node's cursor ({@link ScanCursor#START} to start)
     * @param pattern the MATCH pattern
     * @param count the COUNT hint
     * @return the keys of this page and the node's next cursor, {@link ScanCursor#FINISHED} when the server says 0
     */
    public static CompletableFuture<ScanPage> scan(GlideConnection<GlideClient> c, ScanCursor cursor, byte[] pattern,
            int count) {
        // a custom command: glide's ScanOptions drop a binary MATCH pattern (2.3.1)
        GlideString[] args = {gs("SCAN"), gs(cursor.value()), gs("MATCH"), gs(pattern), gs("COUNT"),
            gs(Integer.toString(count))};
        return c.call("SCAN", () -> c.client().customCommand(args).thenApply(reply -> {
            Object[] r = (Object[]) reply;
            String next = r[0] instanceof GlideString g ? g.getString() : String.valueOf(r[0]);
            Object[] found = (Object[]) r[1];
            List<byte[]> keys = new ArrayList<>(found.length);
            for (Object o : found) {
                keys.add(o instanceof GlideString g ? g.getBytes() : String.valueOf(o).getBytes(StandardCharsets.UTF_8));
            }
            return new ScanPage(keys, next.equals("0") ? ScanCursor.FINISHED : ScanCursor.of(next));
        }));
    }

    /**
     * FLUSHDB.
     *
     * @param c the connection
     * @return completion
     */
    public static CompletableFuture<Void> flushDb(GlideConnection<GlideClient> c) {
        return c.call("FLUSHDB", () -> c.client().flushdb().thenApply(ok -> null));
    }

    /**
     * FLUSHDB on every primary of a cluster.
     *
     * @param c the cluster connection
     * @return completion
     */
    public static CompletableFuture<Void> flushAllPrimaries(GlideConnection<GlideClusterClient> c) {
        return c.call("FLUSHDB", () -> c.client().flushdb(SimpleMultiNodeRoute.ALL_PRIMARIES).thenApply(ok -> null));
    }

    /**
     * One step of glide's cluster-wide SCAN: glide walks every slot once, on whichever primary
     * owns it at the time, so a slot that moves or fails over mid-scan is neither skipped nor
     * scanned twice.
     *
     * @param c the cluster connection
     * @param cursor {@link ClusterScanCursor#initialCursor()} or the cursor of the previous step
     * @param pattern the MATCH pattern (UTF-8 text: glide 2.3.1 passes it on as a string)
     * @param count the COUNT hint
     * @return the next cursor and the keys of this page
     */
    static CompletableFuture<ClusterScanStep> clusterScan(GlideConnection<GlideClusterClient> c,
            ClusterScanCursor cursor, byte[] pattern, int count) {
        ScanOptions options = ScanOptions.builder().matchPatternBinary(gs(pattern)).count((long) count).build();
        return c.call("SCAN", () -> c.client().scanBinary(cursor, options).thenApply(reply -> {
            Object[] found = (Object[]) reply[1];
            List<byte[]> keys = new ArrayList<>(found.length);
            for (Object o : found) {
                keys.add(bulk(o));
            }
            return new ClusterScanStep((ClusterScanCursor) reply[0], keys);
        }));
    }

    /**
     * One page of a cluster-wide SCAN.
     *
     * @param cursor glide's cursor for the next step ({@link ClusterScanCursor#isFinished()} at the end)
     * @param keys the keys of this page
     */
    record ClusterScanStep(ClusterScanCursor cursor, List<byte[]> keys) {
    }

    static GlideString[] toGs(List<byte[]> keys) {
        GlideString[] out = new GlideString[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = gs(keys.get(i));
        }
        return out;
    }

    static List<byte[]> bytesList(GlideString[] values) {
        List<byte[]> out = new ArrayList<>(values.length);
        for (GlideString v : values) {
            out.add(bulk(v));
        }
        return out;
    }


}
