package org.valkeycache;

/**
 * The server could not be reached (connection refused, host unreachable, known to be down) or
 * the connection broke. This is the kind of failure the {@code ignoreExceptions} policy swallows;
 * refused credentials ({@link CacheAuthenticationException}), ACL denials
 * ({@link CachePermissionException}) and bad settings ({@link CacheConfigurationException}) are
 * not of this kind.
 */
public class CacheConnectionException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
