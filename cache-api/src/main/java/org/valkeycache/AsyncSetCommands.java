package org.valkeycache;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Valkey sets through the cache, asynchronously: keys through key making, members through the
 * value codec. The lazy {@code sscanIter} stream has no asynchronous twin: a stream is pulled by
 * its consumer, so use the blocking one on a thread of your own, or {@link #sscan}.
 *
 * <p>Each method behaves as its blocking twin in {@link SetCommands}: it returns a future
 * completed on the facade's executor (see {@link AsyncBackendCommands}), throws
 * {@link IllegalArgumentException} at once for an invalid argument, and fails the future with the
 * typed {@link CacheException} for everything else.
 */
public interface AsyncSetCommands {

    /**
     * {@code SADD}.
     *
     * @param key the set
     * @param members the members, at least one
     * @return a future of how many were added
     */
    CompletableFuture<Long> sadd(String key, Object... members);

    /**
     * {@code SREM}.
     *
     * @param key the set
     * @param members the members, at least one
     * @return a future of how many were removed
     */
    CompletableFuture<Long> srem(String key, Object... members);

    /**
     * {@code SCARD}.
     *
     * @param key the set
     * @return a future of the size, 0 when missing
     */
    CompletableFuture<Long> scard(String key);

    /**
     * {@code SISMEMBER}.
     *
     * @param key the set
     * @param member the member
     * @return a future of whether it is a member
     */
    CompletableFuture<Boolean> sismember(String key, Object member);

    /**
     * {@code SMISMEMBER}.
     *
     * @param key the set
     * @param members the members, at least one
     * @return a future of for each member in order, whether it is in the set
     */
    CompletableFuture<List<Boolean>> smismember(String key, Object... members);

    /**
     * {@code SMEMBERS}.
     *
     * @param key the set
     * @return a future of the decoded members (empty when missing)
     */
    CompletableFuture<Set<Object>> smembers(String key);

    /**
     * {@code SPOP} of one member.
     *
     * @param key the set
     * @param <T> the expected type
     * @return a future of a removed member, or null when the set is empty
     */
    <T> CompletableFuture<T> spop(String key);

    /**
     * {@code SPOP key count}.
     *
     * @param key the set
     * @param count how many, positive
     * @return a future of the removed members
     */
    CompletableFuture<Set<Object>> spop(String key, int count);

    /**
     * {@code SRANDMEMBER} of one member.
     *
     * @param key the set
     * @param <T> the expected type
     * @return a future of a member, or null when the set is empty
     */
    <T> CompletableFuture<T> srandmember(String key);

    /**
     * {@code SRANDMEMBER key count}: distinct members for a positive count, possibly repeated
     * members for a negative one (as the server does).
     *
     * @param key the set
     * @param count how many
     * @return a future of the members
     */
    CompletableFuture<List<Object>> srandmember(String key, int count);

    /**
     * {@code SMOVE}.
     *
     * @param source the source set
     * @param destination the destination set
     * @param member the member
     * @return a future of whether it was moved
     */
    CompletableFuture<Boolean> smove(String source, String destination, Object member);

    /**
     * {@code SINTER}.
     *
     * @param keys the sets, at least one
     * @return a future of the intersection
     */
    CompletableFuture<Set<Object>> sinter(String... keys);

    /**
     * {@code SINTERSTORE}.
     *
     * @param destination the set to write
     * @param keys the sets, at least one
     * @return a future of the size of the result
     */
    CompletableFuture<Long> sinterstore(String destination, String... keys);

    /**
     * {@code SUNION}.
     *
     * @param keys the sets, at least one
     * @return a future of the union
     */
    CompletableFuture<Set<Object>> sunion(String... keys);

    /**
     * {@code SUNIONSTORE}.
     *
     * @param destination the set to write
     * @param keys the sets, at least one
     * @return a future of the size of the result
     */
    CompletableFuture<Long> sunionstore(String destination, String... keys);

    /**
     * {@code SDIFF}: members of the first set that are in none of the others.
     *
     * @param keys the sets, at least one
     * @return a future of the difference
     */
    CompletableFuture<Set<Object>> sdiff(String... keys);

    /**
     * {@code SDIFFSTORE}.
     *
     * @param destination the set to write
     * @param keys the sets, at least one
     * @return a future of the size of the result
     */
    CompletableFuture<Long> sdiffstore(String destination, String... keys);

    /**
     * One {@code SSCAN} page from the start (as django-valkey's {@code sscan}): a quick sample,
     * not the whole set.
     *
     * @param key the set
     * @param count the COUNT hint, positive
     * @return a future of the members of the first page
     */
    CompletableFuture<Set<Object>> sscan(String key, int count);
}
