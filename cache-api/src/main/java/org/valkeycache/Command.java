package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One data-structure command on its way to {@link org.valkeycache.spi.ValkeyClient#execute}: the
 * argument vector with made keys and encoded values in place, and the made keys it touches for
 * routing. Made by {@link CacheCore#command}, built and sent by one thread (argument errors are
 * thrown while it is built, before anything is sent), then dropped.
 */
final class Command {

    private final CacheCore core;
    private final String name;
    private final String key;
    private final List<byte[]> keys = new ArrayList<>(2);
    private final List<byte[]> argv = new ArrayList<>(4);

    /**
     * An empty command: only its name.
     *
     * @param core the cache core
     * @param command the command as the server spells it ({@code HSET})
     * @param key the user key errors and encoded values name
     */
    Command(CacheCore core, String command, String key) {
        this.core = core;
        this.name = command.toLowerCase(Locale.ROOT);
        this.key = key;
        argv.add(ascii(command));
    }

    /** Adds the made key of a user key, as an argument and for routing. */
    Command key(String userKey) {
        return key(core.key(userKey));
    }

    /** Adds an already made key, as an argument and for routing. */
    Command key(byte[] made) {
        keys.add(made);
        argv.add(made);
        return this;
    }

    /** @return the made keys added so far, in order */
    List<byte[]> keys() {
        return keys;
    }

    /** Adds a token ({@code WITHSCORES}, a cursor). */
    Command arg(String token) {
        argv.add(ascii(token));
        return this;
    }

    /** Adds an integer. */
    Command arg(long n) {
        return arg(Long.toString(n));
    }

    /** Adds a score (finite, or an infinity as {@code +inf}/{@code -inf}). */
    Command score(double d) {
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("a score must not be NaN");
        }
        if (d == Double.POSITIVE_INFINITY) {
            return arg("+inf");
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return arg("-inf");
        }
        return arg(Double.toString(d));
    }

    /** Adds a hash field name (UTF-8, not empty). */
    Command field(String field) {
        argv.add(requireField(field).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds an encoded value; encoding errors name the command's key. */
    Command value(Object value) {
        argv.add(core.encode(value, key));
        return this;
    }

    /** Adds the encoded values of one or more members (or list elements); none is an error. */
    Command members(Object[] members) {
        requireSome(members, "member");
        for (Object m : members) {
            value(m);
        }
        return this;
    }

    /** Sends the command to where writes go, under the ignore-exceptions policy; the reply on the flow. */
    CompletableFuture<Object> write(Flow flow, Object fallback) {
        return core.call(flow, name, key, fallback, () -> core.client().execute(true, keys, argv));
    }

    /** Sends the command to where reads may go, under the ignore-exceptions policy; the reply on the flow. */
    CompletableFuture<Object> read(Flow flow, Object fallback) {
        return core.call(flow, name, key, fallback, () -> core.client().execute(false, keys, argv));
    }

    /** Sends a blocking command on a dedicated connection; the server may hold it for {@code block}. */
    CompletableFuture<Object> block(Flow flow, Duration block) {
        return core.callBlocking(flow, name, key, null, block, () -> core.client().executeBlocking(keys, argv, block));
    }

    static String requireField(String field) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("hash field must not be " + (field == null ? "null" : "empty"));
        }
        return KeyText.requireWellFormed(field, "hash field");
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
