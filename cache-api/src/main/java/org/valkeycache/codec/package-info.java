/**
 * The default value codec, so that a cache opens without optional modules:
 * {@link org.valkeycache.codec.JavaSerializer} (alias {@code java}: Java serialization behind an
 * allow-list) and {@link org.valkeycache.codec.IdentityCompressor} (alias {@code identity}: no
 * compression). Both are named in configuration, not called directly.
 *
 * <p>The pipeline that turns a value into bytes lives in {@code org.valkeycache.codec.internal}
 * and is not API.
 */
package org.valkeycache.codec;
