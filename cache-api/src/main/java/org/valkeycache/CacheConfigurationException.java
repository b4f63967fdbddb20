package org.valkeycache;

/**
 * A setting is missing, malformed or contradictory; the message names the setting. Thrown when a
 * configuration is built or a cache is opened, except for settings only the server can judge
 * (a database index beyond its {@code databases}), which fail the first commands. Never
 * swallowed by the {@code ignoreExceptions} policy.
 */
public class CacheConfigurationException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     */
    public CacheConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the key, node or setting at fault
     * @param cause the underlying error
     */
    public CacheConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
