package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.valkeycache.spi.ValkeyClient;

/**
 * The native data-structure commands of {@link ValkeyCache}: each builds its argument vector
 * from made keys and encoded values, sends it through {@link ValkeyClient#execute}, and decodes
 * the normalised reply. Kept apart from the key-value core so both stay readable.
 */
abstract class StructureCommands implements BackendCommands {

    // ---- hooks provided by ValkeyCache -------------------------------------------------------

    /** @return the made key bytes (prefix, version) of a user key */
    abstract byte[] madeKey(String key);

    /** @return the encoded bytes of a value, errors naming the key */
    abstract byte[] encodeFor(Object value, String key);

    /** @return the decoded value, errors naming the key */
    abstract Object decodeFor(byte[] bytes, String key);

    /** @return the decoded typed value, errors naming the key */
    abstract <T> T decodeFor(byte[] bytes, Class<T> type, String key);

    /** Waits for a client call under the ignore-exceptions policy. */
    abstract <T> T call(String command, String key, T fallback, Supplier<CompletableFuture<T>> op);

    /** Waits for a client call that may block on the server for up to {@code block}. */
    abstract <T> T callBlocking(String command, String key, T fallback, Duration block,
            Supplier<CompletableFuture<T>> op);

    /** @return the client strategy */
    abstract ValkeyClient clientStrategy();

    // ---- helpers -----------------------------------------------------------------------------

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] num(long n) {
        return ascii(Long.toString(n));
    }

    static byte[] score(double d) {
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("a score must not be NaN");
        }
        if (d == Double.POSITIVE_INFINITY) {
            return ascii("+inf");
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return ascii("-inf");
        }
        return ascii(Double.toString(d));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String requireField(String field) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("hash field must not be " + (field == null ? "null" : "empty"));
        }
        return field;
    }

    static void requireSome(Object[] items, String what) {
        if (items == null || items.length == 0) {
            throw new IllegalArgumentException("at least one " + what + " is needed");
        }
    }

    static int requirePositive(int count, String what) {
        if (count <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + count);
        }
        return count;
    }

    private List<byte[]> argv(String command, byte[] key) {
        List<byte[]> a = new ArrayList<>(4);
        a.add(ascii(command));
        a.add(key);
        return a;
    }

    private Object run(String command, String key, Object fallback, boolean write, byte[] madeKey, List<byte[]> argv) {
        return call(command, key, fallback, () -> clientStrategy().execute(write, List.of(madeKey), argv));
    }

    private static long asLong(Object reply) {
        if (reply instanceof Long l) {
            return l;
        }
        if (reply == null) {
            return 0;
        }
        if (reply instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new CacheCommandException("expected an integer reply, got " + reply.getClass().getSimpleName());
    }

    private static boolean asBool(Object reply) {
        if (reply instanceof Boolean b) {
            return b;
        }
        return asLong(reply) != 0;
    }

    private static Double asDouble(Object reply) {
        if (reply == null) {
            return null;
        }
        if (reply instanceof Double d) {
            return d;
        }
        if (reply instanceof Long l) {
            return l.doubleValue();
        }
        if (reply instanceof byte[] b) {
            String s = new String(b, StandardCharsets.US_ASCII);
            switch (s) {
                case "inf": case "+inf": return Double.POSITIVE_INFINITY;
                case "-inf": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new CacheCommandException("expected a score, got '" + s + "'");
                    }
            }
        }
        if (reply instanceof String s) {
            return asDouble(s.getBytes(StandardCharsets.US_ASCII));
        }
        throw new CacheCommandException("expected a score reply, got " + reply.getClass().getSimpleName());
    }

    private static List<?> asList(Object reply) {
        if (reply == null) {
            return List.of();
        }
        if (reply instanceof List<?> l) {
            return l;
        }
        throw new CacheCommandException("expected an array reply, got " + reply.getClass().getSimpleName());
    }

    private static byte[] asBytes(Object reply) {
        if (reply == null || reply instanceof byte[]) {
            return (byte[]) reply;
        }
        if (reply instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (reply instanceof Long l) {
            return num(l);
        }
        throw new CacheCommandException("expected a bulk string reply, got " + reply.getClass().getSimpleName());
    }

    private Object decodeOrNull(Object reply, String key) {
        byte[] b = asBytes(reply);
        return b == null ? null : decodeFor(b, key);
    }

    private List<Object> decodeList(Object reply, String key) {
        List<?> items = asList(reply);
        List<Object> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(decodeOrNull(o, key));
        }
        return out;
    }

    private Set<Object> decodeSet(Object reply, String key) {
        return new LinkedHashSet<>(decodeList(reply, key));
    }

    /** Pairs from a flat [m1, s1, m2, s2] or nested [[m1, s1], [m2, s2]] reply. */
    private List<ScoredMember> decodeScored(Object reply, String key) {
        List<?> items = asList(reply);
        List<ScoredMember> out = new ArrayList<>();
        if (!items.isEmpty() && items.get(0) instanceof List) {
            for (Object pair : items) {
                List<?> p = (List<?>) pair;
                out.add(new ScoredMember(decodeOrNull(p.get(0), key), asDouble(p.get(1))));
            }
            return out;
        }
        for (int i = 0; i + 1 < items.size(); i += 2) {
            out.add(new ScoredMember(decodeOrNull(items.get(i), key), asDouble(items.get(i + 1))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    // ---- hashes ------------------------------------------------------------------------------

    @Override
    public long hset(String key, String field, Object value) {
        return hset(key, java.util.Collections.singletonMap(requireField(field), value));
    }

    @Override
    public long hset(String key, Map<String, ?> fields) {
        byte[] k = madeKey(key);
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("hset needs at least one field");
        }
        List<byte[]> a = argv("HSET", k);
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            a.add(utf8(requireField(e.getKey())));
            a.add(encodeFor(e.getValue(), key));
        }
        return asLong(run("hset", key, 0L, true, k, a));
    }

    @Override
    public boolean hsetnx(String key, String field, Object value) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("HSETNX", k);
        a.add(utf8(requireField(field)));
        a.add(encodeFor(value, key));
        return asBool(run("hsetnx", key, false, true, k, a));
    }

    @Override
    public <T> T hget(String key, String field) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("HGET", k);
        a.add(utf8(requireField(field)));
        return cast(decodeOrNull(run("hget", key, null, false, k, a), key + "#" + field));
    }

    @Override
    public <T> T hget(String key, String field, Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        byte[] k = madeKey(key);
        List<byte[]> a = argv("HGET", k);
        a.add(utf8(requireField(field)));
        byte[] raw = asBytes(run("hget", key, null, false, k, a));
        return raw == null ? null : decodeFor(raw, type, key + "#" + field);
    }

    @Override
    public Map<String, Object> hmget(String key, Collection<String> fields) {
        byte[] k = madeKey(key);
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("hmget needs at least one field");
        }
        List<String> names = new ArrayList<>(fields);
        List<byte[]> a = argv("HMGET", k);
        for (String f : names) {
            a.add(utf8(requireField(f)));
        }
        List<?> values = asList(run("hmget", key, null, false, k, a));
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            byte[] v = asBytes(values.get(i));
            if (v != null) {
                out.put(names.get(i), decodeFor(v, key + "#" + names.get(i)));
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> hgetall(String key) {
        byte[] k = madeKey(key);
        List<?> flat = asList(run("hgetall", key, null, false, k, argv("HGETALL", k)));
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            String field = new String(asBytes(flat.get(i)), StandardCharsets.UTF_8);
            out.put(field, decodeFor(asBytes(flat.get(i + 1)), key + "#" + field));
        }
        return out;
    }

    @Override
    public long hdel(String key, String... fields) {
        byte[] k = madeKey(key);
        requireSome(fields, "field");
        List<byte[]> a = argv("HDEL", k);
        for (String f : fields) {
            a.add(utf8(requireField(f)));
        }
        return asLong(run("hdel", key, 0L, true, k, a));
    }

    @Override
    public long hlen(String key) {
        byte[] k = madeKey(key);
        return asLong(run("hlen", key, 0L, false, k, argv("HLEN", k)));
    }

    @Override
    public List<String> hkeys(String key) {
        byte[] k = madeKey(key);
        List<?> names = asList(run("hkeys", key, null, false, k, argv("HKEYS", k)));
        List<String> out = new ArrayList<>(names.size());
        for (Object n : names) {
            out.add(new String(asBytes(n), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public List<Object> hvals(String key) {
        byte[] k = madeKey(key);
        return decodeList(run("hvals", key, null, false, k, argv("HVALS", k)), key);
    }

    @Override
    public boolean hexists(String key, String field) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("HEXISTS", k);
        a.add(utf8(requireField(field)));
        return asBool(run("hexists", key, false, false, k, a));
    }

    @Override
    public long hincrby(String key, String field, long delta) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("HINCRBY", k);
        a.add(utf8(requireField(field)));
        a.add(num(delta));
        return asLong(run("hincrby", key, 0L, true, k, a));
    }

    // ---- sets --------------------------------------------------------------------------------

    private long membersCommand(String command, String key, boolean write, Object[] members) {
        byte[] k = madeKey(key);
        requireSome(members, "member");
        List<byte[]> a = argv(command, k);
        for (Object m : members) {
            a.add(encodeFor(m, key));
        }
        return asLong(run(command.toLowerCase(java.util.Locale.ROOT), key, 0L, write, k, a));
    }

    @Override
    public long sadd(String key, Object... members) {
        return membersCommand("SADD", key, true, members);
    }

    @Override
    public long srem(String key, Object... members) {
        return membersCommand("SREM", key, true, members);
    }

    @Override
    public long scard(String key) {
        byte[] k = madeKey(key);
        return asLong(run("scard", key, 0L, false, k, argv("SCARD", k)));
    }

    @Override
    public boolean sismember(String key, Object member) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("SISMEMBER", k);
        a.add(encodeFor(member, key));
        return asBool(run("sismember", key, false, false, k, a));
    }

    @Override
    public List<Boolean> smismember(String key, Object... members) {
        byte[] k = madeKey(key);
        requireSome(members, "member");
        List<byte[]> a = argv("SMISMEMBER", k);
        for (Object m : members) {
            a.add(encodeFor(m, key));
        }
        Object reply = run("smismember", key, null, false, k, a);
        List<Boolean> out = new ArrayList<>(members.length);
        if (reply == null) {
            for (int i = 0; i < members.length; i++) {
                out.add(false);
            }
            return out;
        }
        for (Object o : asList(reply)) {
            out.add(asBool(o));
        }
        return out;
    }

    @Override
    public Set<Object> smembers(String key) {
        byte[] k = madeKey(key);
        return decodeSet(run("smembers", key, null, false, k, argv("SMEMBERS", k)), key);
    }

    @Override
    public <T> T spop(String key) {
        byte[] k = madeKey(key);
        return cast(decodeOrNull(run("spop", key, null, true, k, argv("SPOP", k)), key));
    }

    @Override
    public Set<Object> spop(String key, int count) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("SPOP", k);
        a.add(num(requirePositive(count, "count")));
        return decodeSet(run("spop", key, null, true, k, a), key);
    }

    @Override
    public <T> T srandmember(String key) {
        byte[] k = madeKey(key);
        return cast(decodeOrNull(run("srandmember", key, null, false, k, argv("SRANDMEMBER", k)), key));
    }

    @Override
    public List<Object> srandmember(String key, int count) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("SRANDMEMBER", k);
        a.add(num(count));
        return decodeList(run("srandmember", key, null, false, k, a), key);
    }

    @Override
    public boolean smove(String source, String destination, Object member) {
        byte[] s = madeKey(source);
        byte[] d = madeKey(destination);
        List<byte[]> a = new ArrayList<>(List.of(ascii("SMOVE"), s, d, encodeFor(member, source)));
        return asBool(call("smove", source, false, () -> clientStrategy().execute(true, List.of(s, d), a)));
    }

    private Object multiKey(String command, boolean write, String destination, String[] keys) {
        requireSome(keys, "key");
        List<byte[]> made = new ArrayList<>(keys.length + 1);
        List<byte[]> a = new ArrayList<>(keys.length + 2);
        a.add(ascii(command));
        if (destination != null) {
            byte[] d = madeKey(destination);
            made.add(d);
            a.add(d);
        }
        for (String key : keys) {
            byte[] k = madeKey(key);
            made.add(k);
            a.add(k);
        }
        String name = command.toLowerCase(java.util.Locale.ROOT);
        return call(name, destination != null ? destination : keys[0], null,
                () -> clientStrategy().execute(write, made, a));
    }

    @Override
    public Set<Object> sinter(String... keys) {
        return decodeSet(multiKey("SINTER", false, null, keys), keys[0]);
    }

    @Override
    public long sinterstore(String destination, String... keys) {
        return asLong(multiKey("SINTERSTORE", true, destination, keys));
    }

    @Override
    public Set<Object> sunion(String... keys) {
        return decodeSet(multiKey("SUNION", false, null, keys), keys[0]);
    }

    @Override
    public long sunionstore(String destination, String... keys) {
        return asLong(multiKey("SUNIONSTORE", true, destination, keys));
    }

    @Override
    public Set<Object> sdiff(String... keys) {
        return decodeSet(multiKey("SDIFF", false, null, keys), keys[0]);
    }

    @Override
    public long sdiffstore(String destination, String... keys) {
        return asLong(multiKey("SDIFFSTORE", true, destination, keys));
    }

    /** One SSCAN step: [next cursor, members]. */
    private List<?> sscanStep(String key, byte[] k, String cursor, int count) {
        List<byte[]> a = argv("SSCAN", k);
        a.add(ascii(cursor));
        a.add(ascii("COUNT"));
        a.add(num(count));
        Object reply = run("sscan", key, null, false, k, a);
        return reply == null ? null : asList(reply);
    }

    @Override
    public Set<Object> sscan(String key, int count) {
        byte[] k = madeKey(key);
        List<?> step = sscanStep(key, k, "0", requirePositive(count, "count"));
        return step == null ? new LinkedHashSet<>() : decodeSet(step.get(1), key);
    }

    @Override
    public Stream<Object> sscanIter(String key, int count) {
        byte[] k = madeKey(key);
        requirePositive(count, "count");
        Iterator<Object> it = new Iterator<>() {
            private String cursor = "0";
            private boolean finished;
            private Iterator<Object> page = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !finished) {
                    List<?> step = sscanStep(key, k, cursor, count);
                    if (step == null) {
                        finished = true;
                        break;
                    }
                    cursor = new String(asBytes(step.get(0)), StandardCharsets.US_ASCII);
                    finished = cursor.equals("0");
                    page = decodeList(step.get(1), key).iterator();
                }
                return page.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }

    // ---- sorted sets -------------------------------------------------------------------------

    @Override
    public boolean zadd(String key, Object member, double score) {
        return zadd(key, java.util.Collections.singletonMap(member, score), ZAddArgs.none()) == 1;
    }

    @Override
    public long zadd(String key, Map<?, Double> scores) {
        return zadd(key, scores, ZAddArgs.none());
    }

    @Override
    public long zadd(String key, Map<?, Double> scores, ZAddArgs args) {
        byte[] k = madeKey(key);
        if (scores == null || scores.isEmpty()) {
            throw new IllegalArgumentException("zadd needs at least one member");
        }
        if (args == null) {
            throw new IllegalArgumentException("args must not be null");
        }
        List<byte[]> a = argv("ZADD", k);
        if (args.nxSet()) {
            a.add(ascii("NX"));
        }
        if (args.xxSet()) {
            a.add(ascii("XX"));
        }
        if (args.gtSet()) {
            a.add(ascii("GT"));
        }
        if (args.ltSet()) {
            a.add(ascii("LT"));
        }
        if (args.chSet()) {
            a.add(ascii("CH"));
        }
        for (Map.Entry<?, Double> e : scores.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("zadd: the score of a member must not be null");
            }
            a.add(score(e.getValue()));
            a.add(encodeFor(e.getKey(), key));
        }
        return asLong(run("zadd", key, 0L, true, k, a));
    }

    @Override
    public List<Object> zrange(String key, long start, long stop) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("ZRANGE", k);
        a.add(num(start));
        a.add(num(stop));
        return decodeList(run("zrange", key, null, false, k, a), key);
    }

    @Override
    public List<ScoredMember> zrangeWithScores(String key, long start, long stop, boolean reverse) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("ZRANGE", k);
        a.add(num(start));
        a.add(num(stop));
        if (reverse) {
            a.add(ascii("REV"));
        }
        a.add(ascii("WITHSCORES"));
        return decodeScored(run("zrange", key, null, false, k, a), key);
    }

    @Override
    public List<Object> zrangeByScore(String key, double min, double max) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("ZRANGE", k);
        a.add(score(min));
        a.add(score(max));
        a.add(ascii("BYSCORE"));
        return decodeList(run("zrange", key, null, false, k, a), key);
    }

    @Override
    public List<ScoredMember> zrangeByScoreWithScores(String key, double min, double max, long offset, long count,
            boolean reverse) {
        byte[] k = madeKey(key);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        List<byte[]> a = argv("ZRANGE", k);
        // with REV the server expects the bounds as max then min
        a.add(score(reverse ? max : min));
        a.add(score(reverse ? min : max));
        a.add(ascii("BYSCORE"));
        if (reverse) {
            a.add(ascii("REV"));
        }
        a.add(ascii("LIMIT"));
        a.add(num(offset));
        a.add(num(count));
        a.add(ascii("WITHSCORES"));
        return decodeScored(run("zrange", key, null, false, k, a), key);
    }

    @Override
    public long zrem(String key, Object... members) {
        return membersCommand("ZREM", key, true, members);
    }

    @Override
    public Double zscore(String key, Object member) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("ZSCORE", k);
        a.add(encodeFor(member, key));
        return asDouble(run("zscore", key, null, false, k, a));
    }

    @Override
    public double zincrby(String key, Object member, double delta) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("ZINCRBY", k);
        a.add(score(delta));
        a.add(encodeFor(member, key));
        Double d = asDouble(run("zincrby", key, null, true, k, a));
        return d == null ? Double.NaN : d;
    }

    @Override
    public long zcard(String key) {
        byte[] k = madeKey(key);
        return asLong(run("zcard", key, 0L, false, k, argv("ZCARD", k)));
    }

    @Override
    public Long zrank(String key, Object member) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("ZRANK", k);
        a.add(encodeFor(member, key));
        Object reply = run("zrank", key, null, false, k, a);
        return reply == null ? null : asLong(reply);
    }

    private List<ScoredMember> zpop(String command, String key, int count) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv(command, k);
        a.add(num(requirePositive(count, "count")));
        return decodeScored(run(command.toLowerCase(java.util.Locale.ROOT), key, null, true, k, a), key);
    }

    @Override
    public List<ScoredMember> zpopmin(String key, int count) {
        return zpop("ZPOPMIN", key, count);
    }

    @Override
    public List<ScoredMember> zpopmax(String key, int count) {
        return zpop("ZPOPMAX", key, count);
    }

    // ---- lists -------------------------------------------------------------------------------

    @Override
    public long lpush(String key, Object... values) {
        return membersCommand("LPUSH", key, true, values);
    }

    @Override
    public long rpush(String key, Object... values) {
        return membersCommand("RPUSH", key, true, values);
    }

    @Override
    public <T> T lpop(String key) {
        byte[] k = madeKey(key);
        return cast(decodeOrNull(run("lpop", key, null, true, k, argv("LPOP", k)), key));
    }

    @Override
    public List<Object> lpop(String key, int count) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("LPOP", k);
        a.add(num(requirePositive(count, "count")));
        return decodeList(run("lpop", key, null, true, k, a), key);
    }

    @Override
    public <T> T rpop(String key) {
        byte[] k = madeKey(key);
        return cast(decodeOrNull(run("rpop", key, null, true, k, argv("RPOP", k)), key));
    }

    @Override
    public List<Object> rpop(String key, int count) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("RPOP", k);
        a.add(num(requirePositive(count, "count")));
        return decodeList(run("rpop", key, null, true, k, a), key);
    }

    @Override
    public List<Object> lrange(String key, long start, long stop) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("LRANGE", k);
        a.add(num(start));
        a.add(num(stop));
        return decodeList(run("lrange", key, null, false, k, a), key);
    }

    @Override
    public long llen(String key) {
        byte[] k = madeKey(key);
        return asLong(run("llen", key, 0L, false, k, argv("LLEN", k)));
    }

    @Override
    public long lrem(String key, long count, Object value) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("LREM", k);
        a.add(num(count));
        a.add(encodeFor(value, key));
        return asLong(run("lrem", key, 0L, true, k, a));
    }

    @Override
    public void ltrim(String key, long start, long stop) {
        byte[] k = madeKey(key);
        List<byte[]> a = argv("LTRIM", k);
        a.add(num(start));
        a.add(num(stop));
        run("ltrim", key, null, true, k, a);
    }

    @Override
    public Map.Entry<String, Object> blpop(Duration timeout, String... keys) {
        return blockingPop("BLPOP", timeout, keys);
    }

    @Override
    public Map.Entry<String, Object> brpop(Duration timeout, String... keys) {
        return blockingPop("BRPOP", timeout, keys);
    }

    private Map.Entry<String, Object> blockingPop(String command, Duration timeout, String[] keys) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
            throw new IllegalArgumentException(command.toLowerCase(java.util.Locale.ROOT)
                    + ": the timeout must be at least 1 ms (every wait has a bound), got " + timeout);
        }
        requireSome(keys, "key");
        Map<String, String> userByMade = new LinkedHashMap<>();
        List<byte[]> made = new ArrayList<>(keys.length);
        List<byte[]> a = new ArrayList<>(keys.length + 2);
        a.add(ascii(command));
        for (String key : keys) {
            byte[] k = madeKey(key);
            made.add(k);
            a.add(k);
            userByMade.put(new String(k, StandardCharsets.UTF_8), key);
        }
        // seconds with millisecond precision, as the server accepts
        a.add(ascii(java.math.BigDecimal.valueOf(timeout.toMillis(), 3).toPlainString()));
        Object reply = callBlocking(command.toLowerCase(java.util.Locale.ROOT), keys[0], null, timeout,
                () -> clientStrategy().executeBlocking(made, a, timeout));
        if (reply == null) {
            return null;
        }
        List<?> pair = asList(reply);
        String made0 = new String(asBytes(pair.get(0)), StandardCharsets.UTF_8);
        String user = userByMade.getOrDefault(made0, made0);
        return new AbstractMap.SimpleImmutableEntry<>(user, decodeOrNull(pair.get(1), user));
    }
}
