package org.valkeycache;

/** Named distributed locks (lease locks on the primary), as django-valkey's {@code get_lock}. */
public interface LockCommands {

    /**
     * A lock named {@code name} (made into a key with prefix and version) with valkey-py's
     * defaults; nothing is sent until it is acquired. Same as
     * {@code getLock(name, LockOptions.defaults())}.
     *
     * @param name the lock name, not empty
     * @return the lock
     */
    default CacheLock getLock(String name) {
        return getLock(name, LockOptions.defaults());
    }

    /**
     * A lock with options.
     *
     * @param name the lock name, not empty
     * @param options lease, blocking, sleep, thread-local token, watchdog, fencing
     * @return the lock
     */
    CacheLock getLock(String name, LockOptions options);

    /**
     * The seed page's alias of {@link #getLock(String)}.
     *
     * @param name the lock name
     * @return the lock
     * @deprecated use {@link #getLock(String)}
     */
    @Deprecated
    default CacheLock lock(String name) {
        return getLock(name);
    }

    /**
     * The seed page's alias of {@link #getLock(String, LockOptions)}.
     *
     * @param name the lock name
     * @param options the options
     * @return the lock
     * @deprecated use {@link #getLock(String, LockOptions)}
     */
    @Deprecated
    default CacheLock lock(String name, LockOptions options) {
        return getLock(name, options);
    }
}
