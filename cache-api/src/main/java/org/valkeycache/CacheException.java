package org.valkeycache;

/**
 * Root of every exception valkey-cache throws. Unchecked, like the rest of the tree.
 *
 * <p>Messages name the key, node or setting at fault and never contain a password.
 */
public class CacheException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
