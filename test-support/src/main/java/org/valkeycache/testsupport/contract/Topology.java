package org.valkeycache.testsupport.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.valkeycache.BackendCommands;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyNode;

/**
 * What the contracts need to know about the servers they run against: how a cache reaches them,
 * where a key lives, and how to take them away and bring them back. {@link ServerTopology} is the
 * ready-made one for a single server or a primary with replicas; a topology of its own (sentinel,
 * shard, cluster, ...) implements this interface over the servers it starts.
 *
 * <p>The raw inspectors ({@link #primaries()}, {@link #replicas()}, {@link #nodeOf(String)}) talk
 * to the servers through the fixture's own connection, never through the client under test, so
 * a contract can check what a command really stored.
 */
public interface Topology {

    /**
     * A fresh configuration builder that reaches this topology: its locations (with credentials),
     * its client class and anything else it needs. Contracts add key prefixes, timeouts and codec
     * settings on top, so each call must return a new builder.
     *
     * @return a new builder
     */
    CacheConfig.Builder config();

    /**
     * The servers that accept writes. Contracts flush them before each test and sum their command
     * statistics to count writes.
     *
     * @return at least one running server
     */
    List<? extends ValkeyNode> primaries();

    /**
     * The read replicas, whose command statistics count reads. Default: none.
     *
     * @return the replicas, possibly empty
     */
    default List<? extends ValkeyNode> replicas() {
        return List.of();
    }

    /**
     * The primary that holds {@code rawKey} (a made key such as {@code "prefix:1:name"}, or a key
     * outside any prefix), so a contract can read or plant raw data where the cache will look.
     * Default: the only primary; a topology with several primaries must override it.
     *
     * @param rawKey the key as stored on the server
     * @return the server that holds it
     */
    default ValkeyNode nodeOf(String rawKey) {
        List<? extends ValkeyNode> primaries = primaries();
        if (primaries.size() != 1) {
            throw new IllegalStateException("a topology with " + primaries.size()
                    + " primaries must say where a key lives: override Topology.nodeOf");
        }
        return primaries.get(0);
    }

    /**
     * How many commands an atomic multi-key write ({@code MSET}) of these keys takes. Default: one
     * per primary holding the keys (one on a single server, one per node on a shard ring); a
     * cluster keeps a multi-key command atomic per hash slot and overrides it.
     *
     * @param rawKeys the keys as stored on the server
     * @return the number of atomic groups, at least 1
     */
    default long atomicGroupsOf(List<String> rawKeys) {
        return rawKeys.stream().map(this::nodeOf).distinct().count();
    }

    /**
     * Waits until every write made so far is visible to reads on every node (replication). The
     * contracts call it between a write and a read that checks it. Default: nothing to wait for.
     */
    default void settle() {
    }

    /**
     * Tells the topology about a cache a contract opened (before the test uses it), for a topology
     * whose {@link #settle()} depends on the caches themselves, e.g. one that waits for each near
     * cache's staleness proof. Default: nothing.
     *
     * @param cache the opened cache, as {@code ValkeyCache.open} returned it
     */
    default void opened(BackendCommands cache) {
    }

    /**
     * Makes every server of the topology unreachable, as a crash would (the fault contract's
     * "server down"). Default: kill every replica and primary ({@link ValkeyNode#kill()}).
     */
    default void makeUnreachable() {
        nodes().forEach(ValkeyNode::kill);
    }

    /**
     * Brings every server back on its old address after {@link #makeUnreachable()}, with the
     * same credentials, and returns once the topology serves again (replicas in sync). Calling it
     * while everything runs does nothing. Default: restart the primaries, then the replicas, and
     * wait for each replica's link to its primary.
     */
    default void makeReachable() {
        for (ValkeyNode primary : primaries()) {
            if (!primary.isRunning()) {
                primary.restart();
            }
        }
        for (ValkeyNode replica : replicas()) {
            if (!replica.isRunning()) {
                replica.restart();
            }
            replica.awaitReplicaSync(Duration.ofSeconds(20));
        }
    }

    /**
     * The password every server of this topology requires, which {@link #config()} carries and
     * no log line or exception may ever show. The fault contract needs one; {@link ServerTopology}
     * always sets {@link ServerTopology#PASSWORD}.
     *
     * @return the password, or null if the servers need none
     */
    default String password() {
        return null;
    }

    /**
     * @return the primaries, then the replicas (a topology may narrow the element type, e.g. to
     *     {@code List<ValkeyServer>})
     */
    default List<? extends ValkeyNode> nodes() {
        List<ValkeyNode> all = new ArrayList<>(primaries());
        all.addAll(replicas());
        return all;
    }
}
