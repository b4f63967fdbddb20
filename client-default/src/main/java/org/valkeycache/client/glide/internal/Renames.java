package org.valkeycache.client.glide.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.CacheCommandException;
import org.valkeycache.spi.LuaScript;
import org.valkeycache.spi.ValkeyClient;

/**
 * {@link ValkeyClient#rename} written once for the built-in strategies: one atomic script where
 * both keys live on one node, {@code DUMP} + {@code RESTORE} + {@code DEL} where they live on two.
 * Either way the value keeps its type, its bytes and its remaining time to live to the
 * millisecond, and every step runs on a primary.
 */
public final class Renames {

    /** Nothing when the source is missing (a plain RENAME would fail); else RENAME, which keeps the TTL. */
    static final LuaScript ON_ONE_NODE = LuaScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('RENAME', KEYS[1], KEYS[2])
            return 1""");

    /** The serialized value and its PTTL read in one step, so the two belong together; nil when missing. */
    static final LuaScript DUMP_WITH_PTTL = LuaScript.of("""
            local v = redis.call('DUMP', KEYS[1])
            if not v then return false end
            return {v, redis.call('PTTL', KEYS[1])}""");

    private static final byte[] RESTORE = "RESTORE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACE = "REPLACE".getBytes(StandardCharsets.US_ASCII);

    private Renames() {
    }

    /**
     * Renames where both keys live on the node {@code node} runs its scripts on.
     *
     * @param node the client whose {@link ValkeyClient#eval} reaches that node's primary
     * @param from made key of the value
     * @param to made key it moves to
     * @return whether a value moved
     */
    public static CompletableFuture<Boolean> onOneNode(ValkeyClient node, byte[] from, byte[] to) {
        return node.eval(ON_ONE_NODE, List.of(from, to), List.of()).thenApply(moved -> Long.valueOf(1).equals(moved));
    }

    /**
     * Renames across two nodes: reads the value and its PTTL on the source, restores it (replacing
     * any value) on the target with that expiry, then deletes the source. Not atomic: a reader of
     * the target may see the value before the source is deleted, and if the delete fails the value
     * is on both nodes, which the failed future reports.
     *
     * @param source the client reaching the primary of {@code from}
     * @param target the client reaching the primary of {@code to}
     * @param from made key of the value
     * @param to made key it moves to
     * @return whether a value moved
     */
    public static CompletableFuture<Boolean> acrossNodes(ValkeyClient source, ValkeyClient target, byte[] from,
            byte[] to) {
        return source.eval(DUMP_WITH_PTTL, List.of(from), List.of()).thenCompose(dumped -> {
            if (dumped == null) {
                return CompletableFuture.completedFuture(false);
            }
            if (!(dumped instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof byte[] payload)
                    || !(pair.get(1) instanceof Long pttl)) {
                throw new CacheCommandException("the DUMP of a key to rename answered an unexpected reply (a "
                        + dumped.getClass().getSimpleName() + ")");
            }
            // RESTORE takes 0 for "persistent"; a key whose last millisecond runs keeps one.
            long ttl = pttl < 0 ? 0 : Math.max(1, pttl);
            List<byte[]> argv = List.of(RESTORE, to, Long.toString(ttl).getBytes(StandardCharsets.US_ASCII),
                    payload, REPLACE);
            return target.execute(true, List.of(to), argv)
                    .thenCompose(restored -> source.delete(List.of(from)))
                    .thenApply(deleted -> true);
        });
    }
}
