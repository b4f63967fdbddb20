package org.valkeycache;

/**
 * The server answered with an error (for example {@code WRONGTYPE}, or {@code ERR value is not
 * an integer}). Not swallowed by the {@code ignoreExceptions} policy: it signals a bug or a data
 * problem, not an outage.
 */
public class CacheCommandException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheCommandException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
