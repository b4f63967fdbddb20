package org.valkeycache.spring;

import java.util.UUID;

/**
 * Turns a Spring cache key (a method argument, a {@code SimpleKey}, a SpEL result) into the
 * user key of a valkey-cache cache, which the cache then stores as {@code prefix:version:key}.
 * Must be deterministic across JVMs: two applications sharing a cache must make the same key.
 */
@FunctionalInterface
public interface KeyConverter {

    /**
     * The default: strings as they are; numbers, booleans, characters, enums (their name), UUIDs
     * and every type with a {@code toString()} of its own (Spring's {@code SimpleKey} among them)
     * through {@code toString()}. A type that only inherits {@code Object.toString()} (which
     * differs per JVM) is refused with an {@link IllegalArgumentException} naming the type.
     */
    KeyConverter DEFAULT = new DefaultKeyConverter();

    /**
     * The user key of a Spring cache key.
     *
     * @param key the Spring key, not null
     * @return a non-empty key
     * @throws IllegalArgumentException when the key cannot be converted
     */
    String toKey(Object key);

    /** {@link #DEFAULT}; the reflective check runs once per key class. */
    final class DefaultKeyConverter implements KeyConverter {

        private static final ClassValue<Boolean> OWN_TO_STRING = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                try {
                    return type.getMethod("toString").getDeclaringClass() != Object.class;
                } catch (NoSuchMethodException e) {
                    return false;
                }
            }
        };

        private DefaultKeyConverter() {
        }

        @Override
        public String toKey(Object key) {
            if (key instanceof String s) {
                return s;
            }
            if (key instanceof Enum<?> e) {
                return e.name();
            }
            if (key instanceof Number || key instanceof Boolean || key instanceof Character || key instanceof UUID
                    || OWN_TO_STRING.get(key.getClass())) {
                return key.toString();
            }
            throw new IllegalArgumentException("cannot make a cache key of a " + key.getClass().getName()
                    + ": it has no toString() of its own; give it one or configure a KeyConverter");
        }

        @Override
        public String toString() {
            return "KeyConverter.DEFAULT";
        }
    }
}
