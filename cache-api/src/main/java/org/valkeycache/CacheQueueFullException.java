package org.valkeycache;

/**
 * A command was refused before it was sent because the commands already waiting for one
 * connection reached their bound (the default client's {@code options.dispatch.max_queued}):
 * the server, or the network to it, is not keeping up with the callers. Backpressure fails fast
 * instead of queueing without bound or making the caller (possibly an event loop) wait; retry
 * later, shed load, or raise the bound. A kind of {@link CacheConnectionException}, so the
 * {@code ignoreExceptions} policy treats an overloaded node like an unreachable one.
 */
public class CacheQueueFullException extends CacheConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what was refused, naming the node and the setting that bounds the queue
     */
    public CacheQueueFullException(String message) {
        super(message);
    }
}
