package org.valkeycache;

/** A lock operation that cannot be done: releasing or extending a lock this holder does not hold. */
public class CacheLockException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the lock
     */
    public CacheLockException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the lock
     * @param cause the underlying failure
     */
    public CacheLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
