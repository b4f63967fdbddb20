package org.valkeycache;

/**
 * The server refused the credentials ({@code WRONGPASS}) or demands some ({@code NOAUTH}). A
 * setting to fix, not an outage: never swallowed by the {@code ignoreExceptions} policy. The
 * message names the node and the user, never the password.
 */
public class CacheAuthenticationException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the node (never the password)
     */
    public CacheAuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the node (never the password)
     * @param cause the underlying error
     */
    public CacheAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
