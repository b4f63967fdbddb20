package org.valkeycache.config;

import java.util.OptionalInt;

/**
 * {@code prefix:version:key}. Reversal strips exactly the prefix, the version and their two
 * separators, so user keys and prefixes containing {@code :} round-trip (unlike Django's
 * "split on the first two colons").
 */
final class DefaultKeyFunction implements KeyFunction {

    @Override
    public String makeKey(String key, String prefix, int version) {
        String v = Integer.toString(version);
        return new StringBuilder(prefix.length() + v.length() + key.length() + 2)
                .append(prefix).append(':').append(v).append(':').append(key).toString();
    }

    @Override
    public String makePattern(String pattern, String escapedPrefix, String versionPattern) {
        return escapedPrefix + ':' + versionPattern + ':' + pattern;
    }

    @Override
    public String reverseKey(String storedKey, String prefix) {
        int start = storedKey.startsWith(prefix + ":") ? prefix.length() + 1 : 0;
        int sep = storedKey.indexOf(':', start);
        return sep < 0 ? storedKey : storedKey.substring(sep + 1);
    }

    /**
     * Own keys are {@code prefix:V:...} where {@code V} is a version as {@link #makeKey} writes it
     * (canonical decimal, possibly negative) and, when a version is given, that version.
     */
    @Override
    public boolean isOwnKey(String storedKey, String prefix, OptionalInt version) {
        int start = prefix.length() + 1;
        if (!storedKey.startsWith(prefix) || storedKey.length() < start || storedKey.charAt(start - 1) != ':') {
            return false;
        }
        int sep = storedKey.indexOf(':', start);
        if (sep < 0) {
            return false;
        }
        String expected;
        if (version.isPresent()) {
            expected = Integer.toString(version.getAsInt());
        } else {
            try {
                expected = Integer.toString(Integer.parseInt(storedKey, start, sep, 10));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return sep - start == expected.length() && storedKey.startsWith(expected, start);
    }

    @Override
    public String toString() {
        return "prefix:version:key";
    }
}
