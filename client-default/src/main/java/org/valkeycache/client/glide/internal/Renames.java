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

    /**
     * The serialized value, its PTTL and the SHA-1 of the serialization read in one step, so the
     * three belong together; nil when missing.
     */
    static final LuaScript DUMP_WITH_PTTL = LuaScript.of("""
            local v = redis.call('DUMP', KEYS[1])
            if not v then return false end
            return {v, redis.call('PTTL', KEYS[1]), redis.sha1hex(v)}""");

    /** Deletes the source only if it still serializes to the digest that was moved: 1 deleted, 0 changed, -1 gone. */
    static final LuaScript DELETE_IF_UNCHANGED = LuaScript.of("""
            local v = redis.call('DUMP', KEYS[1])
            if not v then return -1 end
            if redis.sha1hex(v) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            return 1""");

    /** How often a move starts over because the source changed under it before the client gives up. */
    static final int MAX_ATTEMPTS = 3;

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
     * any value) on the target with that expiry, then deletes the source if it still holds what
     * was moved. A write to the source in between is not lost: the move starts over with the newer
     * value, at most {@value #MAX_ATTEMPTS} times. Not atomic: a reader of the target may see the
     * value before the source is deleted, and if the delete fails the value is on both nodes,
     * which the failed future reports.
     *
     * @param source the client reaching the primary of {@code from}
     * @param target the client reaching the primary of {@code to}
     * @param from made key of the value
     * @param to made key it moves to
     * @return whether a value moved; failed with a {@link CacheCommandException} if the source
     *         changed during every attempt (the target then holds an older value, the source the newest)
     */
    public static CompletableFuture<Boolean> acrossNodes(ValkeyClient source, ValkeyClient target, byte[] from,
            byte[] to) {
        return moveAcross(source, target, from, to, 1);
    }

    private static CompletableFuture<Boolean> moveAcross(ValkeyClient source, ValkeyClient target, byte[] from,
            byte[] to, int attempt) {
        return source.eval(DUMP_WITH_PTTL, List.of(from), List.of()).thenCompose(dumped -> {
            if (dumped == null) {
                // gone: nothing to move, or deleted since an earlier attempt moved an older value
                return CompletableFuture.completedFuture(attempt > 1);
            }
            if (!(dumped instanceof List<?> reply) || reply.size() != 3 || !(reply.get(0) instanceof byte[] payload)
                    || !(reply.get(1) instanceof Long pttl) || !(reply.get(2) instanceof byte[] digest)) {
                throw new CacheCommandException("the DUMP of a key to rename answered an unexpected reply (a "
                        + dumped.getClass().getSimpleName() + ")");
            }
            // RESTORE takes 0 for "persistent"; a key whose last millisecond runs keeps one.
            long ttl = pttl < 0 ? 0 : Math.max(1, pttl);
            List<byte[]> argv = List.of(RESTORE, to, Long.toString(ttl).getBytes(StandardCharsets.US_ASCII),
                    payload, REPLACE);
            return target.execute(true, List.of(to), argv)
                    .thenCompose(restored -> source.eval(DELETE_IF_UNCHANGED, List.of(from), List.of(digest)))
                    .thenCompose(deleted -> {
                        if (!Long.valueOf(0).equals(deleted)) {
                            return CompletableFuture.completedFuture(true);
                        }
                        if (attempt < MAX_ATTEMPTS) {
                            return moveAcross(source, target, from, to, attempt + 1);
                        }
                        return CompletableFuture.failedFuture(new CacheCommandException("rename of '"
                                + new String(from, StandardCharsets.UTF_8) + "' to '" + new String(to, StandardCharsets.UTF_8)
                                + "': the value changed while it was moved, " + MAX_ATTEMPTS + " times; the old key"
                                + " keeps the newest value and the new key holds an older one"));
                    });
        });
    }
}
