package org.valkeycache;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.valkeycache.internal.Arguments;

/** The sorted-set commands of a {@link ValkeyCache}: argument vectors built on its {@link CacheCore}. */
final class SortedSetOps implements SortedSetCommands {

    private final CacheCore core;

    SortedSetOps(CacheCore core) {
        this.core = core;
    }

    @Override
    public long zadd(String key, Map<?, Double> scores, ZAddArgs args) {
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
        return Replies.asLong(c.write(0L));
    }

    private static void flag(Command c, boolean set, String token) {
        if (set) {
            c.arg(token);
        }
    }

    @Override
    public List<Object> zrange(String key, long start, long stop) {
        return core.decodeList(core.command("ZRANGE", key).arg(start).arg(stop).read(null), key);
    }

    @Override
    public List<ScoredMember> zrangeWithScores(String key, long start, long stop, boolean reverse) {
        Command c = core.command("ZRANGE", key).arg(start).arg(stop);
        flag(c, reverse, "REV");
        return core.decodeScored(c.arg("WITHSCORES").read(null), key);
    }

    @Override
    public List<Object> zrangeByScore(String key, double min, double max) {
        return core.decodeList(core.command("ZRANGE", key).score(min).score(max).arg("BYSCORE").read(null), key);
    }

    @Override
    public List<ScoredMember> zrangeByScoreWithScores(String key, double min, double max, long offset, long count,
            boolean reverse) {
        Command c = core.command("ZRANGE", key);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        // with REV the server expects the bounds as max then min
        c.score(reverse ? max : min).score(reverse ? min : max).arg("BYSCORE");
        flag(c, reverse, "REV");
        c.arg("LIMIT").arg(offset).arg(count).arg("WITHSCORES");
        return core.decodeScored(c.read(null), key);
    }

    @Override
    public long zrem(String key, Object... members) {
        return Replies.asLong(core.command("ZREM", key).members(members).write(0L));
    }

    @Override
    public Double zscore(String key, Object member) {
        return Replies.asDouble(core.command("ZSCORE", key).value(member).read(null));
    }

    @Override
    public double zincrby(String key, Object member, double delta) {
        Double d = Replies.asDouble(core.command("ZINCRBY", key).score(delta).value(member).write(null));
        return d == null ? Double.NaN : d;
    }

    @Override
    public long zcard(String key) {
        return Replies.asLong(core.command("ZCARD", key).read(0L));
    }

    @Override
    public Long zrank(String key, Object member) {
        Object reply = core.command("ZRANK", key).value(member).read(null);
        return reply == null ? null : Replies.asLong(reply);
    }

    @Override
    public List<ScoredMember> zpopmin(String key, int count) {
        return pop("ZPOPMIN", key, count);
    }

    @Override
    public List<ScoredMember> zpopmax(String key, int count) {
        return pop("ZPOPMAX", key, count);
    }

    private List<ScoredMember> pop(String command, String key, int count) {
        Command c = core.command(command, key).arg(Command.requirePositive(count, "count"));
        return core.decodeScored(c.write(null), key);
    }
}
