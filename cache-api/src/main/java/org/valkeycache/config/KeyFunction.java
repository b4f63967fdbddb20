package org.valkeycache.config;

import java.util.OptionalInt;

/**
 * Turns a user key into the key stored on the server, and back.
 *
 * <p>The default ({@link #DEFAULT}) is Django's {@code prefix:version:key}. A custom function is
 * configured by class name (public no-argument constructor) and must keep {@link #makeKey},
 * {@link #makePattern}, {@link #reverseKey} and {@link #isOwnKey} consistent: a key made with a
 * prefix and version must match the pattern made from the same prefix and version, reverse to the
 * user key, and be recognised as its own.
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

    /**
     * Tells whether a stored key that a pattern of {@link #makePattern} matched was really made by
     * {@link #makeKey} with this prefix, at {@code version} or, when it is empty, at any version.
     *
     * <p>A glob cannot say "a version goes here": with the prefixes {@code shop} and
     * {@code shop:sessions} on one database, {@code shop}'s every-version pattern {@code shop:*:*}
     * also matches {@code shop:sessions:1:cart}. Pattern operations ({@code keys}, {@code iterKeys},
     * {@code deletePattern}, {@code clear}) therefore act only on keys this method accepts.
     *
     * @param storedKey a key found on the server
     * @param prefix the cache's key prefix (not escaped)
     * @param version the version the key must carry, or empty for any version
     * @return whether the key belongs to the cache with this prefix (and version)
     */
    boolean isOwnKey(String storedKey, String prefix, OptionalInt version);
}
