package org.valkeycache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.internal.Arguments;

/**
 * The sorted-set commands of a {@link ValkeyCache}: argument vectors built on its
 * {@link CacheCore} (argument errors thrown at once), replies decoded on the call's {@link Flow}.
 */
final class SortedSetOps {

    private final CacheCore core;

    SortedSetOps(CacheCore core) {
        this.core = core;
    }

    CompletableFuture<Long> zadd(Flow f, String key, Map<?, Double> scores, ZAddArgs args) {
        Command c = core.command("ZADD", key);
        if (scores == null || scores.isEmpty()) {
            throw new IllegalArgumentException("zadd needs at least one member");
        }
        Arguments.notNull(args, "args");
        flag(c, args.nxSet(), "NX");
        flag(c, args.xxSet(), "XX");
        flag(c, args.gtSet(), "GT");
        flag(c, args.ltSet(), "LT");
        flag(c, args.chSet(), "CH");
        for (Map.Entry<?, Double> e : scores.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("zadd: the score of a member must not be null");
            }
            c.score(e.getValue()).value(e.getKey());
        }
        return c.write(f, 0L).thenApply(Replies::asLong);
    }

    private static void flag(Command c, boolean set, String token) {
        if (set) {
            c.arg(token);
        }
    }

    CompletableFuture<List<Object>> zrange(Flow f, String key, long start, long stop) {
        return list(f, core.command("ZRANGE", key).arg(start).arg(stop), key);
    }

    CompletableFuture<List<ScoredMember>> zrangeWithScores(Flow f, String key, long start, long stop, boolean reverse) {
        Command c = core.command("ZRANGE", key).arg(start).arg(stop);
        flag(c, reverse, "REV");
        return scored(f, c.arg("WITHSCORES"), key, false);
    }

    CompletableFuture<List<Object>> zrangeByScore(Flow f, String key, double min, double max) {
        return list(f, core.command("ZRANGE", key).score(min).score(max).arg("BYSCORE"), key);
    }

    CompletableFuture<List<ScoredMember>> zrangeByScoreWithScores(Flow f, String key, double min, double max,
            long offset, long count, boolean reverse) {
        Command c = core.command("ZRANGE", key);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        // with REV the server expects the bounds as max then min
        c.score(reverse ? max : min).score(reverse ? min : max).arg("BYSCORE");
        flag(c, reverse, "REV");
        c.arg("LIMIT").arg(offset).arg(count).arg("WITHSCORES");
        return scored(f, c, key, false);
    }

    CompletableFuture<Long> zrem(Flow f, String key, Object... members) {
        return core.command("ZREM", key).members(members).write(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Double> zscore(Flow f, String key, Object member) {
        return core.command("ZSCORE", key).value(member).read(f, null).thenApply(Replies::asDouble);
    }

    CompletableFuture<Double> zincrby(Flow f, String key, Object member, double delta) {
        return core.command("ZINCRBY", key).score(delta).value(member).write(f, null).thenApply(reply -> {
            Double d = Replies.asDouble(reply);
            return d == null ? Double.NaN : d;
        });
    }

    CompletableFuture<Long> zcard(Flow f, String key) {
        return core.command("ZCARD", key).read(f, 0L).thenApply(Replies::asLong);
    }

    CompletableFuture<Long> zrank(Flow f, String key, Object member) {
        return core.command("ZRANK", key).value(member).read(f, null)
                .thenApply(reply -> reply == null ? null : Replies.asLong(reply));
    }

    CompletableFuture<List<ScoredMember>> zpopmin(Flow f, String key, int count) {
        return pop(f, "ZPOPMIN", key, count);
    }

    CompletableFuture<List<ScoredMember>> zpopmax(Flow f, String key, int count) {
        return pop(f, "ZPOPMAX", key, count);
    }

    private CompletableFuture<List<ScoredMember>> pop(Flow f, String command, String key, int count) {
        return scored(f, core.command(command, key).arg(Command.requirePositive(count, "count")), key, true);
    }

    private CompletableFuture<List<Object>> list(Flow f, Command c, String key) {
        return c.read(f, null).thenApply(reply -> core.decodeList(reply, key));
    }

    private CompletableFuture<List<ScoredMember>> scored(Flow f, Command c, String key, boolean write) {
        return (write ? c.write(f, null) : c.read(f, null)).thenApply(reply -> core.decodeScored(reply, key));
    }
}
