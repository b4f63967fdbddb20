package org.valkeycache;

/**
 * The lock is no longer held by this holder: its lease expired and it was possibly taken by
 * someone else, whose lock was left alone. Work done since the lease expired was not protected.
 */
public class CacheLockNotOwnedException extends CacheLockException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the lock
     */
    public CacheLockNotOwnedException(String message) {
        super(message);
    }
}
