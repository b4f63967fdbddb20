package org.valkeycache;

/**
 * A value could not be turned into bytes, or bytes read from the server could not be turned
 * back into a value (corrupt, truncated, or of a class outside the allow-list). Names the key when
 * one is known.
 */
public class CacheSerializationException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheSerializationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
