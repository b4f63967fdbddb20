package org.valkeycache.client.glide;

import glide.api.models.exceptions.ClosingException;
import glide.api.models.exceptions.ConfigurationError;
import glide.api.models.exceptions.ConnectionException;
import glide.api.models.exceptions.ExecAbortException;
import glide.api.models.exceptions.RequestException;
import glide.api.models.exceptions.TimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheException;
import org.valkeycache.CacheTimeoutException;

/**
 * Turns glide's exceptions into valkey-cache's exception tree. Messages name the command and the
 * node (address only, never credentials); glide's own message is kept as the detail.
 */
public final class GlideErrors {

    private GlideErrors() {
    }

    /**
     * Translates a failure of a glide call.
     *
     * @param failure what the glide future failed with (wrappers are unwrapped)
     * @param command the command name, e.g. {@code GET}
     * @param node the node description, e.g. {@code 127.0.0.1:6379}
     * @return the exception to complete the caller's future with
     */
    public static CacheException translate(Throwable failure, String command, String node) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CacheException ce) {
            return ce;
        }
        String where = command + " on " + node + ": ";
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof TimeoutException) {
            return new CacheTimeoutException(where + "timed out (" + detail + ")", cause);
        }
        if (cause instanceof ConnectionException || cause instanceof ClosingException) {
            return new CacheConnectionException(where + "connection failed (" + detail + ")", cause);
        }
        if (cause instanceof ConfigurationError) {
            return new CacheConfigurationException(where + "rejected by the client configuration (" + detail + ")", cause);
        }
        if (cause instanceof ExecAbortException) {
            return new CacheCommandException(where + "transaction aborted (" + detail + ")", cause);
        }
        if (cause instanceof RequestException) {
            if (looksLikeConnectionLoss(detail)) {
                return new CacheConnectionException(where + "connection failed (" + detail + ")", cause);
            }
            return new CacheCommandException(where + detail, cause);
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new CacheException(where + detail, cause);
    }

    /** glide reports some connection losses as request errors (e.g. "Connection refused"). */
    private static boolean looksLikeConnectionLoss(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("connection refused") || m.contains("broken pipe") || m.contains("connection reset")
                || m.contains("disconnected") || m.contains("connection closed") || m.contains("failed to connect")
                || m.contains("io error") || m.contains("ioerror") || m.contains("not connected")
                || m.contains("connect failed") || m.contains("wrongpass") || m.contains("noauth");
    }

    static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
