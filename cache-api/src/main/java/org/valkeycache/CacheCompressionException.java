package org.valkeycache;

/**
 * Bytes could not be compressed or decompressed (corrupt or truncated compressed data).
 */
public class CacheCompressionException extends CacheSerializationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheCompressionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheCompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
