package org.valkeycache;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Valkey sorted sets through the cache, asynchronously: keys through key making, members through
 * the value codec.
 *
 * <p>Each method behaves as its blocking twin in {@link SortedSetCommands}: it returns a future
 * completed on the facade's executor (see {@link AsyncBackendCommands}), throws
 * {@link IllegalArgumentException} at once for an invalid argument, and fails the future with the
 * typed {@link CacheException} for everything else.
 */
public interface AsyncSortedSetCommands {

    /**
     * {@code ZADD} of one member.
     * Same as {@code zadd(key, Collections.singletonMap(member, score), ZAddArgs.none()) == 1}.
     *
     * @param key the sorted set
     * @param member the member
     * @param score its score
     * @return a future of whether the member is new
     */
    default CompletableFuture<Boolean> zadd(String key, Object member, double score) {
        return zadd(key, Collections.singletonMap(member, score), ZAddArgs.none()).thenApply(added -> added == 1);
    }

    /**
     * {@code ZADD} of several members.
     * Same as {@code zadd(key, scores, ZAddArgs.none())}.
     *
     * @param key the sorted set
     * @param scores members and their scores, not empty
     * @return a future of how many members were added
     */
    default CompletableFuture<Long> zadd(String key, Map<?, Double> scores) {
        return zadd(key, scores, ZAddArgs.none());
    }

    /**
     * {@code ZADD} with conditions.
     *
     * @param key the sorted set
     * @param scores members and their scores, not empty
     * @param args NX / XX / GT / LT / CH
     * @return a future of members added (or, with {@code CH}, added or changed)
     */
    CompletableFuture<Long> zadd(String key, Map<?, Double> scores, ZAddArgs args);

    /**
     * {@code ZRANGE key start stop} by rank (0-based; negative counts from the end).
     *
     * @param key the sorted set
     * @param start first rank
     * @param stop last rank, inclusive
     * @return a future of the members, lowest score first
     */
    CompletableFuture<List<Object>> zrange(String key, long start, long stop);

    /**
     * {@code ZRANGE key start stop [REV] WITHSCORES}.
     *
     * @param key the sorted set
     * @param start first rank
     * @param stop last rank, inclusive
     * @param reverse highest score first
     * @return a future of members with scores
     */
    CompletableFuture<List<ScoredMember>> zrangeWithScores(String key, long start, long stop, boolean reverse);

    /**
     * {@code ZRANGE key min max BYSCORE}.
     *
     * @param key the sorted set
     * @param min lowest score, inclusive
     * @param max highest score, inclusive
     * @return a future of the members, lowest score first
     */
    CompletableFuture<List<Object>> zrangeByScore(String key, double min, double max);

    /**
     * {@code ZRANGE key min max BYSCORE [REV] LIMIT offset count WITHSCORES}.
     *
     * @param key the sorted set
     * @param min lowest score, inclusive
     * @param max highest score, inclusive
     * @param offset members to skip, not negative
     * @param count most members to return; negative for all
     * @param reverse highest score first
     * @return a future of members with scores
     */
    CompletableFuture<List<ScoredMember>> zrangeByScoreWithScores(String key, double min, double max, long offset, long count,
            boolean reverse);

    /**
     * {@code ZREM}.
     *
     * @param key the sorted set
     * @param members the members, at least one
     * @return a future of how many were removed
     */
    CompletableFuture<Long> zrem(String key, Object... members);

    /**
     * {@code ZSCORE}.
     *
     * @param key the sorted set
     * @param member the member
     * @return a future of its score, or null when absent
     */
    CompletableFuture<Double> zscore(String key, Object member);

    /**
     * {@code ZINCRBY}.
     *
     * @param key the sorted set
     * @param member the member (added with score {@code delta} when absent)
     * @param delta the increment
     * @return a future of the new score
     */
    CompletableFuture<Double> zincrby(String key, Object member, double delta);

    /**
     * {@code ZCARD}.
     *
     * @param key the sorted set
     * @return a future of the size, 0 when missing
     */
    CompletableFuture<Long> zcard(String key);

    /**
     * {@code ZRANK}.
     *
     * @param key the sorted set
     * @param member the member
     * @return a future of its 0-based rank by ascending score, or null when absent
     */
    CompletableFuture<Long> zrank(String key, Object member);

    /**
     * {@code ZPOPMIN key count}.
     *
     * @param key the sorted set
     * @param count how many, positive
     * @return a future of the removed members with their scores, lowest first
     */
    CompletableFuture<List<ScoredMember>> zpopmin(String key, int count);

    /**
     * {@code ZPOPMAX key count}.
     *
     * @param key the sorted set
     * @param count how many, positive
     * @return a future of the removed members with their scores, highest first
     */
    CompletableFuture<List<ScoredMember>> zpopmax(String key, int count);
}
