package org.valkeycache.client.cluster;

import java.util.List;
import org.valkeycache.CacheUnsupportedOperationException;

/**
 * A command that must run on one node (a Lua script, a multi-key data-structure command such as
 * {@code SMOVE} or {@code LMOVE}, a lock over several keys) was given keys in different hash
 * slots of a Valkey Cluster. Put the keys under one hash tag ({@code {order:42}:items},
 * {@code {order:42}:total}) so they share a slot.
 */
public class CacheCrossSlotException extends CacheUnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    private final List<String> keys;

    /**
     * @param command the command, for the message
     * @param keys the keys as stored, each with its slot in the message
     * @param slots the slot of each key, same order
     */
    CacheCrossSlotException(String command, List<String> keys, int[] slots) {
        super(message(command, keys, slots));
        this.keys = List.copyOf(keys);
    }

    private static String message(String command, List<String> keys, int[] slots) {
        StringBuilder b = new StringBuilder(command).append(" needs all its keys in one hash slot of the cluster, but ");
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(keys.get(i)).append("' is in slot ").append(slots[i]);
        }
        return b.append("; put the keys under one hash tag, e.g. '{tag}:name'").toString();
    }

    /** @return the keys of the command, as stored on the server */
    public List<String> keys() {
        return keys;
    }
}
