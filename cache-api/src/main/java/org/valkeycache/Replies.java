package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the normalised reply shapes of {@link org.valkeycache.spi.ValkeyClient#execute} ({@code null},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code byte[]}, {@code String}, {@code List}) as
 * the Java type a command answers; an unexpected shape is a {@link CacheCommandException}.
 */
final class Replies {

    private Replies() {
    }

    static long asLong(Object reply) {
        if (reply instanceof Long l) {
            return l;
        }
        if (reply == null) {
            return 0;
        }
        if (reply instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new CacheCommandException("expected an integer reply, got " + reply.getClass().getSimpleName());
    }

    static boolean asBool(Object reply) {
        if (reply instanceof Boolean b) {
            return b;
        }
        return asLong(reply) != 0;
    }

    static Double asDouble(Object reply) {
        if (reply == null) {
            return null;
        }
        if (reply instanceof Double d) {
            return d;
        }
        if (reply instanceof Long l) {
            return l.doubleValue();
        }
        if (reply instanceof byte[] b) {
            return parseScore(new String(b, StandardCharsets.US_ASCII));
        }
        if (reply instanceof String s) {
            return parseScore(s);
        }
        throw new CacheCommandException("expected a score reply, got " + reply.getClass().getSimpleName());
    }

    private static double parseScore(String s) {
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new CacheCommandException("expected a score, got '" + s + "'");
                }
            }
        };
    }

    static List<?> asList(Object reply) {
        if (reply == null) {
            return List.of();
        }
        if (reply instanceof List<?> l) {
            return l;
        }
        throw new CacheCommandException("expected an array reply, got " + reply.getClass().getSimpleName());
    }

    static byte[] asBytes(Object reply) {
        if (reply == null || reply instanceof byte[]) {
            return (byte[]) reply;
        }
        if (reply instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (reply instanceof Long l) {
            return Long.toString(l).getBytes(StandardCharsets.US_ASCII);
        }
        throw new CacheCommandException("expected a bulk string reply, got " + reply.getClass().getSimpleName());
    }

    /** @return a bulk-string reply (a field name, a cursor) as text */
    static String asString(Object reply) {
        return new String(asBytes(reply), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }
}
