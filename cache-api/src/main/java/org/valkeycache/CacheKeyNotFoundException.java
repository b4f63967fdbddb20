package org.valkeycache;

/**
 * An operation needs an existing key and the key is missing, such as {@code incr} on a missing key
 * or {@code incrVersion} of a key that is not stored.
 */
public class CacheKeyNotFoundException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheKeyNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheKeyNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
