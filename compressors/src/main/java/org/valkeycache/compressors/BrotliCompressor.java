package org.valkeycache.compressors;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheCompressionException;
import org.valkeycache.config.CacheConfig;

/**
 * Brotli compression (brotli4j, native); streams interoperate with Python's {@code brotli}
 * package.
 *
 * <p>Options: {@code compressor.level} 0-11, the brotli quality (default 11, as django-valkey),
 * {@code compressor.min_length} (default 15).
 *
 * <p><b>Limitation.</b> Brotli streams have no magic bytes, so compressed and uncompressed
 * payloads cannot be told apart by a header. {@link #decompress(byte[])} therefore tries to decode
 * every payload: when the whole payload decodes as one complete brotli stream the decoded bytes
 * are returned, otherwise (or when it decodes to nothing, as the one-byte values {@code ";"} and
 * {@code 0x06} do) the payload is taken to be uncompressed and returned unchanged. To keep
 * this unambiguous for values it writes, {@link #compress(byte[])} never stores a payload
 * uncompressed if that payload happens to be a complete brotli stream itself. Consequences:
 * <ul>
 *   <li>corrupt or truncated brotli data cannot be detected: it is returned unchanged (as if it
 *       were uncompressed) instead of raising a {@link CacheCompressionException}, and a corrupted
 *       stream that still decodes (brotli has no checksum) returns wrong bytes;</li>
 *   <li>an uncompressed value written before compression was switched on that happens to be a
 *       complete brotli stream would be decoded;</li>
 *   <li>every uncompressed payload costs a decode attempt on read (usually failing within a few
 *       bytes).</li>
 * </ul>
 * Prefer {@link ZstdCompressor} or {@link Lz4Compressor} where corruption must be detected. Output
 * larger than {@code options.compressor.max_decompressed_length} raises a
 * {@link CacheCompressionException}.
 */
public final class BrotliCompressor extends BaseCompressor {

    /** Default quality: 11. */
    public static final int DEFAULT_LEVEL = 11;

    private final Encoder.Parameters parameters;

    /** Creates the compressor with default settings. */
    public BrotliCompressor() {
        this(null);
    }

    /**
     * Creates the compressor from {@code options.compressor.*} settings.
     *
     * @param config the configuration (may be null for defaults)
     * @throws CacheConfigurationException when an option is bad or the native library is
     *     unavailable on this platform
     */
    public BrotliCompressor(CacheConfig config) {
        super(config, "brotli", DEFAULT_LEVEL, 0, 11);
        try {
            Brotli4jLoader.ensureAvailability();
        } catch (Throwable t) {
            throw new CacheConfigurationException("compressor: brotli is unavailable on this platform"
                    + " (brotli4j native library could not be loaded): " + t, t);
        }
        this.parameters = new Encoder.Parameters().setQuality(level);
    }

    /** Brotli has no magic bytes: see the class comment. */
    @Override
    boolean looksCompressed(byte[] data) {
        return data.length > 0 && tryDecode(data) != null;
    }

    @Override
    public byte[] compress(byte[] data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        checkWritable(data);
        byte[] compressed = null;
        if (data.length >= minLength) {
            compressed = encode(data);
            if (compressed.length < data.length) {
                return compressed;
            }
        }
        // Storing uncompressed: only safe when the raw payload does not decode as brotli itself.
        if (!looksCompressed(data)) {
            return data;
        }
        return compressed != null ? compressed : encode(data);
    }

    @Override
    public byte[] decompress(byte[] data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        if (data.length == 0) {
            return data;
        }
        byte[] decoded = tryDecode(data);
        return decoded != null ? decoded : data;
    }

    private byte[] encode(byte[] data) {
        try {
            return Encoder.compress(data, parameters);
        } catch (IOException | RuntimeException e) {
            throw new CacheCompressionException("brotli: compressing " + data.length + " bytes failed: " + e, e);
        }
    }

    @Override
    byte[] doCompress(byte[] data) {
        return encode(data);
    }

    @Override
    byte[] doDecompress(byte[] data) {
        byte[] decoded = tryDecode(data);
        if (decoded == null) {
            throw new CacheCompressionException("brotli: not a complete brotli stream");
        }
        return decoded;
    }

    /**
     * Decodes {@code data} as one complete brotli stream.
     *
     * @return the decoded bytes, or null when {@code data} is not a complete, valid stream or
     *     decodes to nothing
     * @throws CacheCompressionException when the output exceeds the size limit
     */
    private byte[] tryDecode(byte[] data) {
        DecoderJNI.Wrapper decoder;
        try {
            decoder = new DecoderJNI.Wrapper(data.length);
        } catch (IOException e) {
            throw new CacheCompressionException("brotli: cannot create a decoder: " + e, e);
        }
        try {
            decoder.getInputBuffer().put(data);
            decoder.push(data.length);
            BoundedBuffer out = newBuffer(guessLength(data));
            while (true) {
                switch (decoder.getStatus()) {
                    case DONE -> {
                        while (decoder.hasOutput()) {
                            out.write(decoder.pull());
                        }
                        // compress() never writes a stream that decodes to nothing, while short raw
                        // values such as ";" or "\u0006" are complete empty streams: keep them raw.
                        return out.size() == 0 ? null : out.toByteArray();
                    }
                    case OK -> decoder.push(0);
                    case NEEDS_MORE_OUTPUT -> out.write(decoder.pull());
                    case NEEDS_MORE_INPUT -> {
                        decoder.push(0);
                        if (decoder.getStatus() == DecoderJNI.Status.NEEDS_MORE_INPUT) {
                            return null; // truncated, or not brotli
                        }
                    }
                    default -> {
                        return null; // ERROR: not brotli
                    }
                }
            }
        } finally {
            decoder.destroy();
        }
    }
}
