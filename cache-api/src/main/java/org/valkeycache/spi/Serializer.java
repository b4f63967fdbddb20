package org.valkeycache.spi;

import org.valkeycache.CacheSerializationException;

/**
 * Turns values into bytes and back. Sits between the cache and the compressor.
 *
 * <p>Implementations are chosen by class name (or alias) in
 * {@link org.valkeycache.config.CacheConfig} and need a public constructor taking a
 * {@link org.valkeycache.config.CacheConfig} or a public no-argument constructor; one that reads
 * {@code options.<name>} settings declares them with {@link PluginOptions}. They must be
 * thread-safe. Numbers never reach a serializer: the cache stores integers ({@code Byte},
 * {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}) raw as decimal text and
 * {@code Double}/{@code Float} as Python {@code repr(float)} text, as django-valkey does, so that
 * {@code incr} works on the server (see {@link org.valkeycache.codec.internal.ValueCodec}).
 */
public interface Serializer {

    /**
     * Encodes a value.
     *
     * @param value the value, may be {@code null} if the format can represent it
     * @return the encoded bytes
     * @throws CacheSerializationException when the value cannot be encoded; nothing
     *     has been written at that point
     */
    byte[] serialize(Object value);

    /**
     * Decodes bytes written by {@link #serialize(Object)}.
     *
     * @param bytes the stored bytes
     * @return the value
     * @throws CacheSerializationException when the bytes are corrupt, truncated or name
     *     a type this serializer refuses
     */
    Object deserialize(byte[] bytes);

    /**
     * Decodes bytes into a requested type. The default decodes with {@link #deserialize(byte[])}
     * and checks the type; formats that need the type to decode (JSON into a class) override it.
     *
     * @param bytes the stored bytes
     * @param type the expected type
     * @param <T> the expected type
     * @return the value
     * @throws CacheSerializationException when the bytes cannot be decoded or the value
     *     is not of the requested type
     */
    default <T> T deserialize(byte[] bytes, Class<T> type) {
        Object value = deserialize(bytes);
        if (value != null && !type.isInstance(value)) {
            throw new CacheSerializationException(
                    "stored value is a " + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
    }
}
