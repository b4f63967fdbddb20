package org.valkeycache;

import org.valkeycache.internal.Arguments;

/**
 * The rules for the text of keys and patterns before they are made into stored keys: not null,
 * not empty, well-formed UTF-16 (an unpaired surrogate would silently collide with another key),
 * and glob escaping of a literal prefix. Static and pure.
 */
final class KeyText {

    private KeyText() {
    }

    static String requireKey(String key) {
        Arguments.notNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return requireWellFormed(key, "key");
    }

    static String requirePattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern must not be " + (pattern == null ? "null" : "empty"));
        }
        return requireWellFormed(pattern, "pattern");
    }

    /**
     * Rejects text with an unpaired surrogate: UTF-8 cannot carry it, the encoder would send
     * {@code ?} instead, and {@code "x"} followed by a lone high surrogate would silently be the
     * same stored key as {@code "x?"}.
     *
     * @param text the text to check
     * @param what what the text is, for the message ({@code key}, {@code hash field}, ...)
     * @return {@code text}
     * @throws IllegalArgumentException naming the text (surrogates escaped) and the index
     */
    static String requireWellFormed(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            throw new IllegalArgumentException(what + " '" + escapeSurrogates(text) + "' is not well-formed UTF-16:"
                    + " unpaired surrogate at index " + i + " (it cannot be stored without colliding with another " + what + ")");
        }
        return text;
    }

    private static String escapeSurrogates(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Escapes the glob characters {@code * ? [ ] \} so that a prefix matches only itself.
     *
     * @param text literal text
     * @return the text as a glob matching only itself
     */
    static String escapeGlob(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                sb.append('\\');
            }
            if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
