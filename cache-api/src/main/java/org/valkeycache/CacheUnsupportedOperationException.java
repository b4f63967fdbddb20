package org.valkeycache;

/**
 * The configured client strategy cannot do what was asked (for example raw-connection access on a
 * client-side shard ring, or an atomic multi-key command across shards).
 */
public class CacheUnsupportedOperationException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheUnsupportedOperationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheUnsupportedOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
