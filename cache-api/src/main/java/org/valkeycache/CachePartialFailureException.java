package org.valkeycache;

import java.util.List;

/**
 * A multi-key command reached only some of its nodes (a node of a shard ring is down): the keys
 * of the unreachable nodes were not served, the others were. Under the {@code ignoreExceptions}
 * policy the cache returns what was served instead of raising this.
 *
 * <p>From {@link BackendCommands} the failed keys are the caller's keys and the partial result is
 * what the method would have returned for the served keys: for {@code getMany}/{@code mget} a
 * {@code Map<String, Object>} of the found keys, for {@code deleteMany} a {@code Long} count, for
 * {@code keys} a {@code List<String>}, for {@code mset} {@code null}. From the
 * {@link org.valkeycache.spi.ValkeyClient} SPI the failed keys are made keys (UTF-8) and the
 * partial result is the byte-level one, with {@code null} in the places of failed keys; for a
 * {@code scan} step over several nodes (a shard ring) whose node is down it is the
 * {@link org.valkeycache.spi.ScanPage} to go on with (no keys, the next node's cursor), and from
 * {@code iterKeys}, {@code deletePattern} and {@code clear}, which then skip the node under the
 * {@code ignoreExceptions} policy, it is {@code null}.
 */
public class CachePartialFailureException extends CacheConnectionException {
    private static final long serialVersionUID = 1L;

    private final List<String> failedKeys;
    private final transient Object partialResult;

    /**
     * Creates the exception.
     *
     * @param message which nodes failed and why, naming the keys
     * @param failedKeys the keys that were not served (empty for commands without keys, such as
     *     {@code keys})
     * @param partialResult the result of the served part, or {@code null}
     * @param cause the failure of (the first) unreachable node
     */
    public CachePartialFailureException(String message, List<String> failedKeys, Object partialResult, Throwable cause) {
        super(message, cause);
        this.failedKeys = List.copyOf(failedKeys);
        this.partialResult = partialResult;
    }

    /**
     * The keys that were not served.
     *
     * @return an unmodifiable list, in the caller's order
     */
    public List<String> failedKeys() {
        return failedKeys;
    }

    /**
     * The result of the part that was served (see the class description for its type).
     *
     * @return the partial result, or {@code null}
     */
    public Object partialResult() {
        return partialResult;
    }
}
