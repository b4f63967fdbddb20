/**
 * The default value codec, so that a cache opens without optional modules:
 * {@link org.valkeycache.codec.JavaSerializer} (alias {@code java}: Java serialization behind an
 * allow-list) and {@link org.valkeycache.codec.IdentityCompressor} (alias {@code identity}: no
 * compression). Both are named in configuration, not called directly.
 *
 * <p>{@link org.valkeycache.codec.ValueCodec}, the pipeline value to serializer to compressor to
 * bytes with numbers stored raw (integers as decimal text, floats as Python {@code repr} text),
 * is public for the facade and the benchmarks; it is internal
 * and may change in any release.
 */
package org.valkeycache.codec;
