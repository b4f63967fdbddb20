package org.valkeycache.config;

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

    @Override
    public String toString() {
        return "prefix:version:key";
    }
}
