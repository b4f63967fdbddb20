package org.valkeycache.client.shard;

import org.valkeycache.CacheUnsupportedOperationException;

/**
 * A command whose keys must live on one server ({@code SMOVE}, {@code SINTER}, {@code SDIFF},
 * {@code SUNION} and their {@code STORE} forms, blocking pops over several lists) was given keys
 * that the ring places on different nodes. The message names each key and its node; a hash tag
 * (the same {@code {tag}} in every key) puts keys on one node.
 */
public class CacheCrossNodeException extends CacheUnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the command, its keys and their nodes
     */
    public CacheCrossNodeException(String message) {
        super(message);
    }
}
