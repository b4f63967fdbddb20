package org.valkeycache.metrics;

import java.util.List;
import org.valkeycache.internal.Arguments;

/**
 * The identity of a meter: a dotted name in Micrometer's style ({@code cache.gets}), a
 * description and tags as alternating key/value pairs ({@code result}, {@code hit}). The cache's
 * own name is not a tag here: a binder adds it.
 *
 * @param name dotted name, not empty
 * @param description one line for humans
 * @param baseUnit the unit of recorded amounts ({@code "nanoseconds"}, {@code "commands"}), or
 *     null for plain counts
 * @param tags alternating keys and values, immutable
 */
public record MeterId(String name, String description, String baseUnit, List<String> tags) {

    /**
     * Checks and copies the parts.
     *
     * @param name dotted name, not empty
     * @param description one line for humans
     * @param baseUnit the unit of recorded amounts, or null for plain counts
     * @param tags alternating keys and values
     * @throws IllegalArgumentException when the name is empty or the tags do not pair up
     */
    public MeterId {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("meter name must not be empty");
        }
        Arguments.notNull(description, "description");
        tags = List.copyOf(tags);
        if (tags.size() % 2 != 0) {
            throw new IllegalArgumentException("meter " + name + ": tags must be key/value pairs, got " + tags);
        }
    }
}
