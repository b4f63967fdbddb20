package org.valkeycache.compressors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CompressionException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.Compressor;
import org.valkeycache.spi.PluginOptions;

/**
 * Shared behaviour of the compressors in this package, modelled on django-valkey.
 *
 * <ul>
 *   <li>Payloads shorter than {@code options.compressor.min_length} (default 15 bytes) are stored
 *       uncompressed, and so are payloads that compression would not make smaller.</li>
 *   <li>{@link #decompress(byte[])} tells compressed from uncompressed payloads by the format's
 *       magic bytes: payloads without them are returned unchanged (values written before
 *       compression was switched on read back as they are); payloads with them must decode
 *       completely or a {@link CompressionException} is thrown.</li>
 *   <li>A payload that <em>itself</em> starts with the magic bytes (for example an already
 *       gzip-compressed blob under {@link GzipCompressor}) is always compressed, whatever its
 *       length, so that it can never be mistaken for compressed data on the way back.
 *       Limitation: such a payload written <em>before</em> compression was switched on cannot be
 *       told apart from compressed data and is decoded (or rejected).</li>
 *   <li>Decompression never returns partial data: truncated input raises a
 *       {@link CompressionException}, and so does output larger than
 *       {@code options.compressor.max_decompressed_length} (default 512 MiB), a guard against
 *       decompression bombs.</li>
 * </ul>
 *
 * <p>Options (read with {@link CacheConfig#option(String, String)}, i.e. {@code options.<key>} in
 * properties): {@code compressor.level}, {@code compressor.min_length},
 * {@code compressor.max_decompressed_length}. A malformed or out-of-range value raises a
 * {@link CacheConfigurationException} naming the option.
 *
 * <p>Instances are immutable and thread-safe; every call uses its own native codec state.
 */
@PluginOptions({BaseCompressor.LEVEL, BaseCompressor.MIN_LENGTH, BaseCompressor.MAX_DECOMPRESSED_LENGTH})
abstract class BaseCompressor implements Compressor {

    /** Option key of the compression level. */
    static final String LEVEL = "compressor.level";
    /** Option key of the minimum length worth compressing. */
    static final String MIN_LENGTH = "compressor.min_length";
    /** Option key of the decompressed-size limit. */
    static final String MAX_DECOMPRESSED_LENGTH = "compressor.max_decompressed_length";

    /** Default minimum length, as in django-valkey. */
    static final int DEFAULT_MIN_LENGTH = 15;
    /** Default bound on one decompressed payload: 512 MiB. */
    static final int DEFAULT_MAX_DECOMPRESSED_LENGTH = 512 * 1024 * 1024;

    private static final int CHUNK = 16 * 1024;

    /** The configured compression level. */
    protected final int level;
    /** Payloads shorter than this are stored uncompressed. */
    protected final int minLength;
    /** Upper bound on one decompressed payload. */
    protected final int maxDecompressedLength;
    private final String formatName;

    BaseCompressor(CacheConfig config, String formatName, int defaultLevel, int minLevel, int maxLevel) {
        this.formatName = formatName;
        this.level = intOption(config, LEVEL, defaultLevel, minLevel, maxLevel);
        this.minLength = intOption(config, MIN_LENGTH, DEFAULT_MIN_LENGTH, 0, Integer.MAX_VALUE);
        this.maxDecompressedLength = intOption(config, MAX_DECOMPRESSED_LENGTH, DEFAULT_MAX_DECOMPRESSED_LENGTH,
                1, Integer.MAX_VALUE - 16);
    }

    /**
     * Reads an integer option.
     *
     * @param config the configuration, or null for defaults
     * @param key option key
     * @param defaultValue used when absent
     * @param min smallest accepted value
     * @param max largest accepted value
     * @return the value
     * @throws CacheConfigurationException naming the option when malformed or out of range
     */
    static int intOption(CacheConfig config, String key, int defaultValue, int min, int max) {
        if (config == null) {
            return defaultValue;
        }
        String raw = config.option(key, null);
        if (raw == null) {
            return defaultValue;
        }
        String text = raw.trim();
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new CacheConfigurationException("options." + key + ": '" + raw + "' is not an integer"
                    + range(min, max), e);
        }
        if (value < min || value > max) {
            throw new CacheConfigurationException("options." + key + ": " + value + " is out of range" + range(min, max));
        }
        return value;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE || max == Integer.MAX_VALUE - 16
                ? " (expected an integer >= " + min + ")"
                : " (expected an integer from " + min + " to " + max + ")";
    }

    @Override
    public byte[] compress(byte[] data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        boolean ambiguous = looksCompressed(data);
        if (data.length < minLength && !ambiguous) {
            return data;
        }
        byte[] compressed;
        try {
            compressed = doCompress(data);
        } catch (IOException | RuntimeException e) {
            throw new CompressionException(formatName + ": compressing " + data.length + " bytes failed: " + e, e);
        }
        if (compressed.length >= data.length && !ambiguous) {
            return data;
        }
        return compressed;
    }

    @Override
    public byte[] decompress(byte[] data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        if (!looksCompressed(data)) {
            return data;
        }
        try {
            return doDecompress(data);
        } catch (CompressionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CompressionException(formatName + ": corrupt or truncated compressed data ("
                    + data.length + " bytes): " + e, e);
        }
    }

    /**
     * Whether {@code data} starts with this format's magic bytes.
     *
     * @param data a payload
     * @return true when it would be decoded by {@link #decompress(byte[])}
     */
    abstract boolean looksCompressed(byte[] data);

    /**
     * Compresses a whole payload.
     *
     * @param data the payload
     * @return the compressed form, which must satisfy {@link #looksCompressed(byte[])}
     * @throws IOException on codec failure
     */
    abstract byte[] doCompress(byte[] data) throws IOException;

    /**
     * Decompresses a whole payload that starts with the magic bytes; must throw (not return
     * partial data) when it is truncated or corrupt.
     *
     * @param data the payload
     * @return the original bytes
     * @throws IOException on corrupt or truncated data
     */
    abstract byte[] doDecompress(byte[] data) throws IOException;

    /**
     * Reads {@code in} to its end, failing once more than {@link #maxDecompressedLength} bytes
     * come out.
     *
     * @param in a decoding stream
     * @return all bytes
     * @throws IOException from the stream
     */
    final byte[] readAllBounded(InputStream in) throws IOException {
        BoundedOutput out = newOutput();
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = in.read(buf, 0, buf.length)) != -1) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * A growable output buffer that throws {@link CompressionException} past
     * {@link #maxDecompressedLength}.
     *
     * @return a new buffer
     */
    final BoundedOutput newOutput() {
        return new BoundedOutput(maxDecompressedLength, formatName);
    }

    /** A byte buffer bounded by the decompressed-size limit. */
    static final class BoundedOutput extends ByteArrayOutputStream {
        private final int limit;
        private final String formatName;

        BoundedOutput(int limit, String formatName) {
            super(256);
            this.limit = limit;
            this.formatName = formatName;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > limit - count) {
                throw new CompressionException(formatName + ": decompressed data exceeds the limit of " + limit
                        + " bytes (options." + MAX_DECOMPRESSED_LENGTH + ")");
            }
            super.write(b, off, len);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    static boolean startsWith(byte[] data, byte[] magic) {
        return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[level=" + level + ", minLength=" + minLength + "]";
    }
}
