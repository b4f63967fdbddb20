package org.valkeycache;

/**
 * A request (or a connection attempt) did not complete within its configured bound. Counts as
 * connection trouble for the {@code ignoreExceptions} policy.
 */
public class CacheTimeoutException extends CacheConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
