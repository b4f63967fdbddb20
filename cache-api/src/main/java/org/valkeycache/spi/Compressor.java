package org.valkeycache.spi;

/**
 * Compresses serialized bytes on the way to the server and restores them on the way back.
 *
 * <p>Implementations are chosen by class name (or alias) in
 * {@link org.valkeycache.config.CacheConfig} and need a public constructor taking a
 * {@link org.valkeycache.config.CacheConfig} or a public no-argument constructor; one that reads
 * {@code options.<name>} settings declares them with {@link PluginOptions}. They must be
 * thread-safe.
 *
 * <p>A compressor may leave small payloads uncompressed; {@link #decompress(byte[])} must then
 * recognise and return such payloads unchanged, including values written before compression was
 * switched on.
 */
public interface Compressor {

    /**
     * Compresses a payload (or returns it unchanged when compressing would not pay).
     *
     * @param data serialized bytes
     * @return the bytes to store
     */
    byte[] compress(byte[] data);

    /**
     * Restores a payload written by {@link #compress(byte[])}; returns uncompressed payloads
     * unchanged.
     *
     * @param data stored bytes
     * @return the serialized bytes
     * @throws org.valkeycache.CacheCompressionException when the data looks compressed but is corrupt
     *     or truncated
     */
    byte[] decompress(byte[] data);
}
