package org.valkeycache;

/**
 * The server's ACL denies the connection's user a command, key or channel ({@code NOPERM}),
 * either one the application sent or one the client needs to connect. A setting to fix, not an
 * outage: never swallowed by the {@code ignoreExceptions} policy.
 */
public class CachePermissionException extends CacheException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what went wrong, naming the node and the command refused
     */
    public CachePermissionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and its cause.
     *
     * @param message what went wrong, naming the node and the command refused
     * @param cause the underlying error
     */
    public CachePermissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
