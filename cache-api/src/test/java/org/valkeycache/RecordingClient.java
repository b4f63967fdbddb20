package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.Lookup;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * A test double of the {@link ValkeyClient} SPI for unit tests of the facade: records every
 * byte-level call as one line of text and answers with programmed replies (or a plain default
 * when none is programmed). It stands in for the SPI the facade talks to, not for a server: it
 * has no data and no command semantics.
 *
 * <p>A call is recorded as {@code "method arg arg ..."}: byte arrays as UTF-8 text, lists in
 * brackets, for example {@code "set p:1:k 42 ALWAYS 300000"} or
 * {@code "execute write [p:1:h] HSET p:1:h f 1"}.
 */
final class RecordingClient implements ValkeyClient {

    private final List<String> calls = new ArrayList<>();
    private final Map<String, Deque<Object>> programmed = new HashMap<>();
    private RuntimeException failEverything;
    private int closes;
    private Lookup lookupAnswer;

    /** @return every call so far, in order */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the calls recorded so far. */
    synchronized void clearCalls() {
        calls.clear();
    }

    /**
     * Queues replies of one method, answered in order before the method's default.
     *
     * @param method the SPI method name ({@code get}, {@code execute}, ...)
     * @param replies the replies; a {@link Throwable} completes the future exceptionally, a
     *     {@link CompletableFuture} is returned as it is (one never completed: a client that hangs)
     * @return this
     */
    synchronized RecordingClient reply(String method, Object... replies) {
        Deque<Object> queue = programmed.computeIfAbsent(method, m -> new ArrayDeque<>());
        Collections.addAll(queue, replies);
        return this;
    }

    /** Makes every later call fail with {@code failure} (a client that lost its server, say). */
    synchronized RecordingClient failEverything(RuntimeException failure) {
        this.failEverything = failure;
        return this;
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> CompletableFuture<T> answer(String method, Supplier<Object> byDefault, Object... args) {
        StringBuilder line = new StringBuilder(method);
        for (Object a : args) {
            line.append(' ').append(text(a));
        }
        calls.add(line.toString());
        if (failEverything != null) {
            return CompletableFuture.failedFuture(failEverything);
        }
        Deque<Object> queue = programmed.get(method);
        Object reply = queue == null || queue.isEmpty() ? byDefault.get() : queue.poll();
        if (reply instanceof Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
        if (reply instanceof CompletableFuture<?> pending) {
            return (CompletableFuture<T>) pending;
        }
        return CompletableFuture.completedFuture((T) reply);
    }

    /** @return the text form of a recorded argument */
    static String text(Object a) {
        if (a instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (a instanceof List<?> l) {
            List<String> items = new ArrayList<>(l.size());
            for (Object o : l) {
                items.add(text(o));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (a instanceof ScanCursor c) {
            return c.isFinished() ? "finished" : c.value();
        }
        return String.valueOf(a);
    }

    /** @return an argument vector as words separated by spaces */
    private static String words(List<byte[]> argv) {
        List<String> words = new ArrayList<>(argv.size());
        for (byte[] a : argv) {
            words.add(text(a));
        }
        return String.join(" ", words);
    }

    /** @return the UTF-8 bytes of a text, for programmed replies */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> List<T> repeat(int n, T item) {
        return new ArrayList<>(Collections.nCopies(n, item));
    }

    @Override
    public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) {
        return answer("set", () -> true, key, value, condition, expiryMillis);
    }

    @Override
    public CompletableFuture<byte[]> get(byte[] key) {
        return answer("get", () -> null, key);
    }

    @Override
    public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) {
        return answer("mget", () -> repeat(keys.size(), null), keys);
    }

    @Override
    public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return answer("mset", () -> null, keys, values, expiryMillis);
    }

    @Override
    public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) {
        return answer("getMany", () -> repeat(keys.size(), null), keys);
    }

    @Override
    public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) {
        return answer("setMany", () -> repeat(keys.size(), true), keys, values, expiryMillis);
    }

    @Override
    public CompletableFuture<Long> delete(List<byte[]> keys) {
        return answer("delete", () -> (long) keys.size(), keys);
    }

    @Override
    public CompletableFuture<Long> unlink(List<byte[]> keys) {
        return answer("unlink", () -> (long) keys.size(), keys);
    }

    @Override
    public CompletableFuture<Boolean> exists(byte[] key) {
        return answer("exists", () -> false, key);
    }

    @Override
    public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) {
        return answer("incrBy", () -> delta, key, delta, onlyIfExists);
    }

    @Override
    public CompletableFuture<Long> pttl(byte[] key) {
        return answer("pttl", () -> -2L, key);
    }

    @Override
    public CompletableFuture<Boolean> persist(byte[] key) {
        return answer("persist", () -> true, key);
    }

    @Override
    public CompletableFuture<Boolean> pexpire(byte[] key, long millis) {
        return answer("pexpire", () -> true, key, millis);
    }

    @Override
    public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) {
        return answer("pexpireAt", () -> true, key, epochMillis);
    }

    @Override
    public CompletableFuture<List<byte[]>> keys(byte[] pattern) {
        return answer("keys", List::of, pattern);
    }

    @Override
    public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) {
        return answer("scan", () -> new ScanPage(List.of(), ScanCursor.FINISHED), cursor, pattern, count);
    }

    @Override
    public CompletableFuture<Void> flushDb() {
        return answer("flushDb", () -> null);
    }

    /**
     * Makes {@link #lookup} answer {@code answer} and record the getOrSet hooks (lookup,
     * storeComputed, abandonComputed) by name; without it they are the SPI defaults over get/set.
     *
     * @param answer what every lookup answers
     * @return this
     */
    synchronized RecordingClient lookupAnswers(Lookup answer) {
        this.lookupAnswer = answer;
        return this;
    }

    @Override
    public synchronized CompletableFuture<Lookup> lookup(byte[] key) {
        if (lookupAnswer == null) {
            return ValkeyClient.super.lookup(key);
        }
        Lookup answer = lookupAnswer;
        return answer("lookup", () -> answer, key);
    }

    @Override
    public synchronized CompletableFuture<Boolean> storeComputed(byte[] key, byte[] value, long expiryMillis, Lookup lookup) {
        if (lookupAnswer == null) {
            return ValkeyClient.super.storeComputed(key, value, expiryMillis, lookup);
        }
        return answer("storeComputed", () -> true, key, value, expiryMillis, lookup);
    }

    @Override
    public synchronized void abandonComputed(byte[] key, Lookup lookup) {
        if (lookupAnswer != null) {
            calls.add("abandonComputed " + text(key) + " " + lookup);
        }
    }

    @Override
    public CompletableFuture<Object> execute(boolean write, List<byte[]> keys, List<byte[]> argv) {
        return answer("execute", () -> null, write ? "write" : "read", keys, words(argv));
    }

    @Override
    public CompletableFuture<Object> executeBlocking(List<byte[]> keys, List<byte[]> argv, Duration block) {
        return answer("executeBlocking", () -> null, keys, words(argv), block);
    }

    @Override
    public CompletableFuture<Object> eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        return answer("eval", () -> null, text(keys), text(args));
    }

    @Override
    public Object rawConnection(boolean write) {
        return write ? "primary connection" : "replica connection";
    }

    @Override
    public String describe() {
        return "recording";
    }

    /** @return how often {@link #close()} was called */
    synchronized int closes() {
        return closes;
    }

    @Override
    public synchronized void close() {
        closes++;
    }
}
