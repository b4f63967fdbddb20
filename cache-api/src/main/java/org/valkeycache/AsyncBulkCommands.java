package org.valkeycache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@link BulkCommands} as futures: the atomic {@code mget}/{@code mset}, the per-key
 * {@code getMany}/{@code setMany}, and {@code deleteMany}.
 *
 * <p>A family of {@link AsyncBackendCommands}, which states the threads, errors and backpressure
 * every method here follows.
 */
public interface AsyncBulkCommands {

    /**
     * Deletes several keys with one command.
     *
     * @param keys the keys (none empty); an empty collection sends nothing
     * @return a future of how many existed and were deleted
     */
    CompletableFuture<Long> deleteMany(Collection<String> keys);

    /**
     * Atomic multi-get: one {@code MGET}, one consistent snapshot.
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return a future of found keys to values, in the order given; missing keys are omitted
     */
    CompletableFuture<Map<String, Object>> mget(Collection<String> keys);

    /**
     * Atomic multi-set with the default timeout: one transaction ({@code MSET}, plus a
     * {@code PEXPIRE} per key when the timeout is finite).
     * Same as {@code mset(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     * @return a future completed when the command is done
     */
    default CompletableFuture<Void> mset(Map<String, ?> values) {
        return mset(values, Timeout.defaultTimeout());
    }

    /**
     * Atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     * @return a future completed when the command is done
     */
    CompletableFuture<Void> mset(Map<String, ?> values, Timeout timeout);

    /**
     * Non-atomic multi-get: one pipeline of {@code GET}s.
     *
     * @param keys the keys (none empty); duplicates collapse
     * @return a future of found keys to values, in the order given; missing keys are omitted
     */
    CompletableFuture<Map<String, Object>> getMany(Collection<String> keys);

    /**
     * Non-atomic multi-set with the default timeout: one pipeline of {@code SET}s.
     * Same as {@code setMany(values, Timeout.defaultTimeout())}.
     *
     * @param values keys (not empty) to values
     * @return a future of the keys that could not be written (empty when all were)
     */
    default CompletableFuture<List<String>> setMany(Map<String, ?> values) {
        return setMany(values, Timeout.defaultTimeout());
    }

    /**
     * Non-atomic multi-set with a timeout; an expire-now timeout deletes the keys instead.
     *
     * @param values keys (not empty) to values
     * @param timeout the timeout, not null
     * @return a future of the keys that could not be written
     */
    CompletableFuture<List<String>> setMany(Map<String, ?> values, Timeout timeout);
}
