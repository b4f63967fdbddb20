package org.valkeycache;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Valkey sets through the cache: keys go through key making, members through the value codec
 * (integers raw), so members compare by their encoded bytes. Multi-key commands use this cache's
 * version for every key.
 */
public interface SetCommands {

    /**
     * {@code SADD}.
     *
     * @param key the set
     * @param members the members, at least one
     * @return how many were added
     */
    long sadd(String key, Object... members);

    /**
     * {@code SREM}.
     *
     * @param key the set
     * @param members the members, at least one
     * @return how many were removed
     */
    long srem(String key, Object... members);

    /**
     * {@code SCARD}.
     *
     * @param key the set
     * @return the size, 0 when missing
     */
    long scard(String key);

    /**
     * {@code SISMEMBER}.
     *
     * @param key the set
     * @param member the member
     * @return whether it is a member
     */
    boolean sismember(String key, Object member);

    /**
     * {@code SMISMEMBER}.
     *
     * @param key the set
     * @param members the members, at least one
     * @return for each member in order, whether it is in the set
     */
    List<Boolean> smismember(String key, Object... members);

    /**
     * {@code SMEMBERS}.
     *
     * @param key the set
     * @return the decoded members (empty when missing)
     */
    Set<Object> smembers(String key);

    /**
     * {@code SPOP} of one member.
     *
     * @param key the set
     * @param <T> the expected type
     * @return a removed member, or null when the set is empty
     */
    <T> T spop(String key);

    /**
     * {@code SPOP key count}.
     *
     * @param key the set
     * @param count how many, positive
     * @return the removed members
     */
    Set<Object> spop(String key, int count);

    /**
     * {@code SRANDMEMBER} of one member.
     *
     * @param key the set
     * @param <T> the expected type
     * @return a member, or null when the set is empty
     */
    <T> T srandmember(String key);

    /**
     * {@code SRANDMEMBER key count}: distinct members for a positive count, possibly repeated
     * members for a negative one (as the server does).
     *
     * @param key the set
     * @param count how many
     * @return the members
     */
    List<Object> srandmember(String key, int count);

    /**
     * {@code SMOVE}.
     *
     * @param source the source set
     * @param destination the destination set
     * @param member the member
     * @return whether it was moved
     */
    boolean smove(String source, String destination, Object member);

    /**
     * {@code SINTER}.
     *
     * @param keys the sets, at least one
     * @return the intersection
     */
    Set<Object> sinter(String... keys);

    /**
     * {@code SINTERSTORE}.
     *
     * @param destination the set to write
     * @param keys the sets, at least one
     * @return the size of the result
     */
    long sinterstore(String destination, String... keys);

    /**
     * {@code SUNION}.
     *
     * @param keys the sets, at least one
     * @return the union
     */
    Set<Object> sunion(String... keys);

    /**
     * {@code SUNIONSTORE}.
     *
     * @param destination the set to write
     * @param keys the sets, at least one
     * @return the size of the result
     */
    long sunionstore(String destination, String... keys);

    /**
     * {@code SDIFF}: members of the first set that are in none of the others.
     *
     * @param keys the sets, at least one
     * @return the difference
     */
    Set<Object> sdiff(String... keys);

    /**
     * {@code SDIFFSTORE}.
     *
     * @param destination the set to write
     * @param keys the sets, at least one
     * @return the size of the result
     */
    long sdiffstore(String destination, String... keys);

    /**
     * One {@code SSCAN} page from the start (as django-valkey's {@code sscan}): a quick sample,
     * not the whole set.
     *
     * @param key the set
     * @param count the COUNT hint, positive
     * @return the members of the first page
     */
    Set<Object> sscan(String key, int count);

    /**
     * A lazy stream over the whole set with {@code SSCAN}, a page of about {@code count} members
     * at a time. Close the stream (try-with-resources) if it is not consumed to the end.
     *
     * @param key the set
     * @param count the COUNT hint, positive
     * @return the members (a member may repeat if the set changes during the scan)
     */
    Stream<Object> sscanIter(String key, int count);
}
