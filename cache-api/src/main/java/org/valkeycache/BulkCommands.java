package org.valkeycache;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Multi-key commands: the atomic {@link #mget}/{@link #mset} (one consistent snapshot, one
 * transaction) next to the non-atomic {@link #getMany}/{@link #setMany} (django-valkey's
 * {@code get_many}/{@code set_many}: per-key results, one round trip per node), and
 * {@link #deleteMany}.
 *
 * <p>A family of {@link BackendCommands}, which states the timeout, error and ignore-exceptions
 * rules every method here follows.
 */
public interface BulkCommands {

    /**
     * Deletes several keys with one command.
     *
     * @param keys the keys (none empty); an empty collection sends nothing
     * @return how many existed and were deleted
     */
    long deleteMany(Collection<String> keys);

    /**
     * Atomic multi-get: one {@code MGET}, one consistent snapshot.
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return found keys to values, in the order given; missing keys are omitted
     */
    Map<String, Object> mget(Collection<String> keys);

    /**
     * Atomic multi-set with the default timeout: one transaction ({@code MSET}, plus a
     * {@code PEXPIRE} per key when the timeout is finite).
     * Same as {@code mset(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     */
    default void mset(Map<String, ?> values) {
        mset(values, Timeout.defaultTimeout());
    }

    /**
     * Atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     */
    void mset(Map<String, ?> values, Timeout timeout);

    /**
     * Non-atomic multi-get: one round trip per node ({@code MGET}s, or a pipeline of {@code GET}s).
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return found keys to values, in the order given; missing keys are omitted
     */
    Map<String, Object> getMany(Collection<String> keys);

    /**
     * Non-atomic multi-set with the default timeout: one round trip per node; one key's failure
     * does not stop the others.
     * Same as {@code setMany(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     * @return the keys that could not be written (empty when all were)
     */
    default List<String> setMany(Map<String, ?> values) {
        return setMany(values, Timeout.defaultTimeout());
    }

    /**
     * Non-atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     * @return the keys that could not be written
     */
    List<String> setMany(Map<String, ?> values, Timeout timeout);
}
