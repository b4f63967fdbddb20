package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How failures leave a future: unwrapped from {@link CompletionException}s, rethrown as the
 * typed exception itself, and a partial failure's made keys mapped back to the caller's keys.
 * Static and pure.
 */
final class Failures {

    private Failures() {
    }

    /**
     * The caller's keys of the made keys a {@link CachePartialFailureException} names as failed.
     *
     * @param p the client's exception
     * @param userKeys the caller's keys, in the order of {@code made}
     * @param made their made keys
     * @return the failed caller keys, in the exception's order
     */
    static List<String> callerKeys(CachePartialFailureException p, List<String> userKeys, List<byte[]> made) {
        Map<String, String> userByMade = new HashMap<>();
        for (int i = 0; i < made.size(); i++) {
            userByMade.put(new String(made.get(i), StandardCharsets.UTF_8), userKeys.get(i));
        }
        List<String> failed = new ArrayList<>(p.failedKeys().size());
        for (String m : p.failedKeys()) {
            failed.add(userByMade.getOrDefault(m, m));
        }
        return failed;
    }

    /**
     * The value of a completed future, its failure rethrown as the typed exception itself.
     *
     * @param done a completed future
     * @return its value
     */
    static <T> T resultOf(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException | CancellationException e) {
            throw rethrow(unwrap(e));
        }
    }

    /** @return the cause a {@link CompletionException} or {@link ExecutionException} wraps */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** @return an unchecked throwable to throw for a failure ({@link Error}s are thrown as they are) */
    static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new CacheException("failed: " + cause, cause);
    }
}
