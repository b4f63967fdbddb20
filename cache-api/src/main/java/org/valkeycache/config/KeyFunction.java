package org.valkeycache.config;

/**
 * Turns a user key into the key stored on the server, and back.
 *
 * <p>The default ({@link #DEFAULT}) is Django's {@code prefix:version:key}. A custom function is
 * configured by class name (public no-argument constructor) and must keep {@link #makeKey},
 * {@link #makePattern} and {@link #reverseKey} consistent: a key made with a prefix and version
 * must match the pattern made from the same prefix and version, and reverse to the user key.
 * Implementations must be thread-safe and cheap: they run on every call.
 */
public interface KeyFunction {

    /** Django's format {@code prefix:version:key}. */
    KeyFunction DEFAULT = new DefaultKeyFunction();

    /**
     * Makes the stored key.
     *
     * @param key the user key, not empty
     * @param prefix the cache's key prefix (possibly empty)
     * @param version the key version
     * @return the key to store
     */
    String makeKey(String key, String prefix, int version);

    /**
     * Makes a glob pattern over stored keys. The prefix and version parts arrive already
     * glob-escaped (or as {@code *} for "any version"); the user pattern is passed as written.
     *
     * @param pattern the user's glob pattern
     * @param escapedPrefix the prefix with {@code * ? [ ] \} escaped
     * @param versionPattern the version as text, or {@code *} for every version
     * @return the pattern to send to the server
     */
    String makePattern(String pattern, String escapedPrefix, String versionPattern);

    /**
     * Recovers the user key from a stored key made by {@link #makeKey}.
     *
     * @param storedKey the stored key
     * @param prefix the cache's key prefix
     * @return the user key
     */
    String reverseKey(String storedKey, String prefix);
}
