package org.valkeycache;

import java.time.Duration;
import org.valkeycache.internal.Arguments;

/**
 * Arguments of {@link BackendCommands#set(String, Object, SetArgs)}: a timeout and an optional
 * condition ({@code nx}: only if absent; {@code xx}: only if present). Immutable; every method
 * returns a new instance.
 *
 * <pre>{@code
 * cache.set("key", "value", SetArgs.nx().timeout(Duration.ofSeconds(30)));
 * }</pre>
 */
public final class SetArgs {

    /** When a {@code set} writes. */
    public enum Condition {
        /** Write unconditionally. */
        ALWAYS,
        /** Write only if the key does not exist ({@code NX}). */
        IF_ABSENT,
        /** Write only if the key already exists ({@code XX}). */
        IF_PRESENT
    }

    private static final SetArgs DEFAULTS = new SetArgs(Timeout.defaultTimeout(), Condition.ALWAYS);

    private final Timeout timeout;
    private final Condition condition;

    private SetArgs(Timeout timeout, Condition condition) {
        this.timeout = timeout;
        this.condition = condition;
    }

    /**
     * Default timeout, unconditional write.
     *
     * @return the arguments
     */
    public static SetArgs defaults() {
        return DEFAULTS;
    }

    /**
     * Write only if the key does not exist ({@code NX}), with the default timeout.
     *
     * @return the arguments
     */
    public static SetArgs nx() {
        return new SetArgs(Timeout.defaultTimeout(), Condition.IF_ABSENT);
    }

    /**
     * Write only if the key exists ({@code XX}), with the default timeout.
     *
     * @return the arguments
     */
    public static SetArgs xx() {
        return new SetArgs(Timeout.defaultTimeout(), Condition.IF_PRESENT);
    }

    /**
     * The same condition with another timeout.
     *
     * @param timeout the timeout, not null
     * @return new arguments
     */
    public SetArgs timeout(Timeout timeout) {
        Arguments.check(timeout != null, "timeout must not be null; use Timeout.never() for no expiry");
        return new SetArgs(timeout, condition);
    }

    /**
     * The same condition with a fixed timeout (zero or negative: expire now).
     *
     * @param timeout the timeout, not null
     * @return new arguments
     */
    public SetArgs timeout(Duration timeout) {
        return timeout(Timeout.of(timeout));
    }

    /**
     * The timeout.
     *
     * @return the timeout
     */
    public Timeout timeout() {
        return timeout;
    }

    /**
     * The write condition.
     *
     * @return the condition
     */
    public Condition condition() {
        return condition;
    }

    @Override
    public String toString() {
        return "SetArgs[" + condition + ", " + timeout + "]";
    }
}
