package org.valkeycache.testsupport;

/** Thrown by the fixture when a server cannot be started, or answers a fixture command with an error. */
public class ValkeyServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public ValkeyServerException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ValkeyServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
