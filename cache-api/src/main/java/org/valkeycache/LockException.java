package org.valkeycache;

/** A lock operation that cannot be done: releasing or extending a lock this holder does not hold. */
public class LockException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the lock
     */
    public LockException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the lock
     * @param cause the underlying failure
     */
    public LockException(String message, Throwable cause) {
        super(message, cause);
    }
}
