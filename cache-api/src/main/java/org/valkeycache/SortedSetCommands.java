package org.valkeycache;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Valkey sorted sets through the cache (beyond django-valkey, which has none): keys through key
 * making, members through the value codec. Score bounds accept
 * {@link Double#NEGATIVE_INFINITY} and {@link Double#POSITIVE_INFINITY} and are inclusive.
 */
public interface SortedSetCommands {

    /**
     * {@code ZADD} of one member.
     * Same as {@code zadd(key, Collections.singletonMap(member, score), ZAddArgs.none()) == 1}.
     *
     * @param key the sorted set
     * @param member the member
     * @param score its score
     * @return whether the member is new
     */
    default boolean zadd(String key, Object member, double score) {
        return zadd(key, Collections.singletonMap(member, score), ZAddArgs.none()) == 1;
    }

    /**
     * {@code ZADD} of several members.
     * Same as {@code zadd(key, scores, ZAddArgs.none())}.
     *
     * @param key the sorted set
     * @param scores members and their scores, not empty
     * @return how many members were added
     */
    default long zadd(String key, Map<?, Double> scores) {
        return zadd(key, scores, ZAddArgs.none());
    }

    /**
     * {@code ZADD} with conditions.
     *
     * @param key the sorted set
     * @param scores members and their scores, not empty
     * @param args NX / XX / GT / LT / CH
     * @return members added (or, with {@code CH}, added or changed)
     */
    long zadd(String key, Map<?, Double> scores, ZAddArgs args);

    /**
     * {@code ZRANGE key start stop} by rank (0-based; negative counts from the end).
     *
     * @param key the sorted set
     * @param start first rank
     * @param stop last rank, inclusive
     * @return the members, lowest score first
     */
    List<Object> zrange(String key, long start, long stop);

    /**
     * {@code ZRANGE key start stop [REV] WITHSCORES}.
     *
     * @param key the sorted set
     * @param start first rank
     * @param stop last rank, inclusive
     * @param reverse highest score first
     * @return members with scores
     */
    List<ScoredMember> zrangeWithScores(String key, long start, long stop, boolean reverse);

    /**
     * {@code ZRANGE key min max BYSCORE}.
     *
     * @param key the sorted set
     * @param min lowest score, inclusive
     * @param max highest score, inclusive
     * @return the members, lowest score first
     */
    List<Object> zrangeByScore(String key, double min, double max);

    /**
     * {@code ZRANGE key min max BYSCORE [REV] LIMIT offset count WITHSCORES}.
     *
     * @param key the sorted set
     * @param min lowest score, inclusive
     * @param max highest score, inclusive
     * @param offset members to skip, not negative
     * @param count most members to return; negative for all
     * @param reverse highest score first
     * @return members with scores
     */
    List<ScoredMember> zrangeByScoreWithScores(String key, double min, double max, long offset, long count,
            boolean reverse);

    /**
     * {@code ZREM}.
     *
     * @param key the sorted set
     * @param members the members, at least one
     * @return how many were removed
     */
    long zrem(String key, Object... members);

    /**
     * {@code ZSCORE}.
     *
     * @param key the sorted set
     * @param member the member
     * @return its score, or null when absent
     */
    Double zscore(String key, Object member);

    /**
     * {@code ZINCRBY}.
     *
     * @param key the sorted set
     * @param member the member (added with score {@code delta} when absent)
     * @param delta the increment
     * @return the new score
     */
    double zincrby(String key, Object member, double delta);

    /**
     * {@code ZCARD}.
     *
     * @param key the sorted set
     * @return the size, 0 when missing
     */
    long zcard(String key);

    /**
     * {@code ZRANK}.
     *
     * @param key the sorted set
     * @param member the member
     * @return its 0-based rank by ascending score, or null when absent
     */
    Long zrank(String key, Object member);

    /**
     * {@code ZPOPMIN key count}.
     *
     * @param key the sorted set
     * @param count how many, positive
     * @return the removed members with their scores, lowest first
     */
    List<ScoredMember> zpopmin(String key, int count);

    /**
     * {@code ZPOPMAX key count}.
     *
     * @param key the sorted set
     * @param count how many, positive
     * @return the removed members with their scores, highest first
     */
    List<ScoredMember> zpopmax(String key, int count);
}
