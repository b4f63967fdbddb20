/**
 * Not API, may change in any release: how the facade turns values into bytes.
 *
 * <p>{@link org.valkeycache.codec.internal.ValueCodec} is the pipeline value to serializer to
 * compressor to bytes, with numbers stored raw (integers as decimal text, floats as Python
 * {@code repr} text, written by the package-private {@code FloatText}). It is public only for the
 * facade, the herd client, the Spring adapter (which asks which text reads back as a number) and
 * the benchmarks; application code and plug-ins do not use it.
 */
package org.valkeycache.codec.internal;
