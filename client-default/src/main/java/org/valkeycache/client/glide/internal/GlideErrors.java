package org.valkeycache.client.glide.internal;

import glide.api.models.exceptions.ClosingException;
import glide.api.models.exceptions.ConfigurationError;
import glide.api.models.exceptions.ConnectionException;
import glide.api.models.exceptions.ExecAbortException;
import glide.api.models.exceptions.RequestException;
import glide.api.models.exceptions.TimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheException;
import org.valkeycache.CachePermissionException;
import org.valkeycache.CacheTimeoutException;

/**
 * Turns glide's exceptions into valkey-cache's exception tree. Messages name the command and the
 * node (address only, never credentials); glide's own message is kept as the detail.
 *
 * <p>glide 2.3.1 reports every server error as a {@link RequestException} whose message carries
 * the server's error code in one of two shapes: {@code WRONGTYPE: Operation ...} for codes its
 * Rust core does not know, and {@code An error was signalled by the server: - ResponseError: ...}
 * for those it does (the code is then given as a kind name, e.g. {@code PermissionDenied} for
 * {@code NOPERM}). A failed (lazy) connect adds {@code Standalone connect failed - IoError:
 * Received error for address `host:port`: } in front. The code decides the exception type:
 * <ul>
 *   <li>{@code WRONGPASS}, {@code NOAUTH}: {@link CacheAuthenticationException};</li>
 *   <li>{@code NOPERM}: {@link CachePermissionException};</li>
 *   <li>{@code ERR DB index is out of range}, {@code MOVED}, {@code ASK} (a cluster node behind a
 *       standalone location): {@link CacheConfigurationException};</li>
 *   <li>{@code LOADING}, {@code BUSY}, {@code MASTERDOWN}, {@code CLUSTERDOWN}, {@code TRYAGAIN}
 *       (the server cannot serve right now): {@link CacheConnectionException};</li>
 *   <li>every other code ({@code ERR}, {@code WRONGTYPE}, {@code NOSCRIPT}, {@code READONLY},
 *       {@code OOM}, {@code EXECABORT}, ...): {@link CacheCommandException}.</li>
 * </ul>
 */
public final class GlideErrors {

    /** Marks a failure of glide's lazy connect (the command never reached the server). */
    private static final String CONNECT_FAILED = "connect failed";
    /** glide's prefix for server errors of a kind its Rust core knows. */
    private static final String SIGNALLED = "An error was signalled by the server:";
    /** glide's prefix before the error of one node when a connect failed. */
    private static final String ADDRESS_ERROR = "Received error for address";

    /** Kind names of glide's Rust core (redis-rs {@code ErrorKind}) to the server's error codes. */
    private static final Map<String, String> KIND_CODES = Map.ofEntries(
            Map.entry("ResponseError", "ERR"),
            Map.entry("ExecAbortError", "EXECABORT"),
            Map.entry("BusyLoadingError", "LOADING"),
            Map.entry("NoScriptError", "NOSCRIPT"),
            Map.entry("Moved", "MOVED"),
            Map.entry("Ask", "ASK"),
            Map.entry("TryAgain", "TRYAGAIN"),
            Map.entry("ClusterDown", "CLUSTERDOWN"),
            Map.entry("CrossSlot", "CROSSSLOT"),
            Map.entry("MasterDown", "MASTERDOWN"),
            Map.entry("ReadOnly", "READONLY"),
            Map.entry("NotBusy", "NOTBUSY"),
            Map.entry("PermissionDenied", "NOPERM"),
            Map.entry("AuthenticationFailed", "WRONGPASS"));

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
            CacheException refused = refusedAtConnect(where, detail, cause);
            return refused != null ? refused
                    : new CacheConnectionException(where + "connection failed (" + detail + ")", cause);
        }
        if (cause instanceof ConfigurationError) {
            return new CacheConfigurationException(where + "rejected by the client configuration (" + detail + ")", cause);
        }
        if (cause instanceof ExecAbortException) {
            return new CacheCommandException(where + "transaction aborted (" + detail + ")", cause);
        }
        if (cause instanceof RequestException) {
            CacheException refused = refusedAtConnect(where, detail, cause);
            return refused != null ? refused : fromServer(where, detail, cause);
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new CacheException(where + detail, cause);
    }

    /**
     * A cluster client's failed connect quotes each node's error ({@code ... received errors:
     * `WRONGPASS: invalid username-password pair ...`}): refused credentials and ACL denials are
     * not outages, so they keep their own types.
     */
    private static CacheException refusedAtConnect(String where, String detail, Throwable cause) {
        int quote = detail.indexOf("errors: `");
        if (quote < 0) {
            return null;
        }
        int end = detail.indexOf('`', quote + 9);
        String quoted = detail.substring(quote + 9, end < 0 ? detail.length() : end);
        CacheException e = fromServer(where, quoted, cause);
        return e instanceof CacheAuthenticationException || e instanceof CachePermissionException ? e : null;
    }

    private static CacheException fromServer(String where, String detail, Throwable cause) {
        boolean connecting = isConnectFailure(cause);
        ServerError error = ServerError.parse(detail);
        String text = error.text();
        return switch (error.code()) {
            case "WRONGPASS", "NOAUTH" -> new CacheAuthenticationException(where + "authentication failed (" + text
                    + "); check the user and password of the location", cause);
            case "NOPERM" -> new CachePermissionException(where + (connecting
                    ? "the ACL user lacks a permission the client needs to connect (" : "denied by the server's ACL (")
                    + text + ")", cause);
            case "MOVED", "ASK" -> new CacheConfigurationException(where + "the server runs in cluster mode ("
                    + text + "); use the cluster client for it", cause);
            case "LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN" -> new CacheConnectionException(where
                    + "the server cannot serve requests now (" + text + ")", cause);
            default -> {
                if (error.code().equals("ERR") && isInvalidDatabase(text)) {
                    yield new CacheConfigurationException(where + "the database index of the location is beyond the"
                            + " server's 'databases' setting (" + text + ")", cause);
                }
                if (connecting || looksLikeConnectionLoss(detail)) {
                    yield new CacheConnectionException(where + "connection failed (" + detail + ")", cause);
                }
                yield new CacheCommandException(where + text, cause);
            }
        };
    }

    /**
     * The server's error code in a glide error message, e.g. {@code WRONGTYPE} or {@code NOPERM}.
     *
     * @param message glide's message
     * @return the code, or {@code ""} when the message carries none
     */
    static String errorCode(String message) {
        return ServerError.parse(message).code();
    }

    /**
     * A server error read out of glide's message.
     *
     * @param code the server's error code ({@code ERR}, {@code WRONGTYPE}, ...), or {@code ""}
     * @param text the error as the server worded it ({@code WRONGTYPE Operation against ...}), or
     *     glide's whole message when it carries no code
     */
    record ServerError(String code, String text) {

        static ServerError parse(String message) {
            String m = message;
            int address = m.indexOf(ADDRESS_ERROR);
            if (address >= 0) {
                int tick = m.indexOf("`: ", address);
                if (tick >= 0) {
                    m = m.substring(tick + 3);
                }
            }
            int signalled = m.indexOf(SIGNALLED);
            if (signalled >= 0) {
                String rest = m.substring(signalled + SIGNALLED.length()).trim();
                rest = rest.startsWith("-") ? rest.substring(1).trim() : rest;
                String kind = leadingWord(rest, false);
                return of(KIND_CODES.getOrDefault(kind, kind.toUpperCase(Locale.ROOT)), rest.substring(kind.length()),
                        message);
            }
            String code = leadingWord(m.trim(), true);
            return of(code, m.trim().substring(code.length()), message);
        }

        private static ServerError of(String code, String rest, String message) {
            if (code.isEmpty()) {
                return new ServerError("", message);
            }
            String detail = rest.startsWith(":") ? rest.substring(1).trim() : rest.trim();
            return new ServerError(code, detail.isEmpty() ? code : code + " " + detail);
        }
    }

    /** The word a message starts with, up to a space or colon; upper-case only if {@code codeOnly}. */
    private static String leadingWord(String s, boolean codeOnly) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))
                && (!codeOnly || Character.isUpperCase(s.charAt(end)))) {
            end++;
        }
        boolean delimited = end == s.length() || s.charAt(end) == ' ' || s.charAt(end) == ':';
        return end >= 2 && delimited ? s.substring(0, end) : "";
    }

    private static boolean isInvalidDatabase(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("db index is out of range") || m.contains("invalid db index");
    }

    /**
     * Whether a glide failure is one of its lazy connect (the command never reached the server).
     *
     * @param failure what a glide future failed with
     * @return true for a failed connect
     */
    static boolean isConnectFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RequestException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains(CONNECT_FAILED);
    }

    /** glide reports some connection losses as request errors (e.g. "Connection refused"). */
    private static boolean looksLikeConnectionLoss(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("connection refused") || m.contains("broken pipe") || m.contains("connection reset")
                || m.contains("disconnected") || m.contains("connection closed") || m.contains("failed to connect")
                || m.contains("io error") || m.contains("ioerror") || m.contains("not connected")
                || m.contains(CONNECT_FAILED);
    }

    /**
     * The cause glide wrapped in {@code ExecutionException}/{@code CompletionException}.
     *
     * @param t a failure from a glide future
     * @return the innermost wrapped cause, or {@code t} itself
     */
    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
