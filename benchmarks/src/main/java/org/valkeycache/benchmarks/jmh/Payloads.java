package org.valkeycache.benchmarks.jmh;

import java.util.Random;

/** Deterministic, moderately compressible text payloads (JSON-ish words), so compressors see realistic input. */
final class Payloads {

    private static final String[] WORDS = {
        "user", "session", "id", "name", "email", "created", "updated", "active", "true", "false",
        "items", "price", "quantity", "order", "status", "shipped", "pending", "address", "city", "zip",
        "valkey", "cache", "value", "timestamp", "token", "2024-05-01T12:00:00Z", "null", "count",
    };

    private Payloads() {
    }

    /** Text of exactly {@code size} ASCII characters. */
    static String text(int size) {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(size + 32);
        sb.append('{');
        while (sb.length() < size) {
            sb.append('"').append(WORDS[random.nextInt(WORDS.length)]).append("\":")
              .append(random.nextInt(100_000)).append(',');
        }
        sb.setLength(size);
        return sb.toString();
    }
}
