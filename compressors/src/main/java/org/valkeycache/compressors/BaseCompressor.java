package org.valkeycache.compressors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheCompressionException;
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
 *       completely or a {@link CacheCompressionException} is thrown.</li>
 *   <li>A payload that <em>itself</em> starts with the magic bytes (for example an already
 *       gzip-compressed blob under {@link GzipCompressor}) is always compressed, whatever its
 *       length, so that it can never be mistaken for compressed data on the way back.
 *       Limitation: such a payload written <em>before</em> compression was switched on cannot be
 *       told apart from compressed data and is decoded (or rejected).</li>
 *   <li>Decompression never returns partial data: truncated input raises a
 *       {@link CacheCompressionException}, and so does output larger than
 *       {@code options.compressor.max_decompressed_length} (default
 *       {@value #DEFAULT_MAX_DECOMPRESSED_LENGTH} bytes, 32 MiB), a guard against decompression
 *       bombs. Decoding streams into chunks and stops at the first byte past the limit, so a
 *       refused bomb costs about the limit in heap, never more, and a format that declares its
 *       decoded size (zstd, lz4) is refused from its header alone when the size is too large.
 *       Chunks grow geometrically up to 1 MiB each; a value that decodes completely is copied
 *       once into an array of its exact size (no copy when the header declared it).</li>
 *   <li>The limit holds on write too: {@link #compress(byte[])} refuses a payload larger than the
 *       limit, which no reader with the same configuration would accept.</li>
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
    /**
     * Default bound on one decompressed payload: 32 MiB. Cache values are far smaller (memcached
     * refuses items over 1 MiB by default), and a refused bomb costs about this much heap per
     * concurrent read, so it stays small next to an ordinary heap.
     */
    static final int DEFAULT_MAX_DECOMPRESSED_LENGTH = 32 * 1024 * 1024;

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
                1, MAX_ARRAY_LENGTH);
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

    /** The largest byte array the JVM allocates. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE || max == MAX_ARRAY_LENGTH
                ? " (expected an integer >= " + min + ")"
                : " (expected an integer from " + min + " to " + max + ")";
    }

    @Override
    public byte[] compress(byte[] data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        checkWritable(data);
        boolean ambiguous = looksCompressed(data);
        if (data.length < minLength && !ambiguous) {
            return data;
        }
        byte[] compressed;
        try {
            compressed = doCompress(data);
        } catch (IOException | RuntimeException e) {
            throw new CacheCompressionException(formatName + ": compressing " + data.length + " bytes failed: " + e, e);
        }
        if (compressed.length >= data.length && !ambiguous) {
            return data;
        }
        return compressed;
    }

    /**
     * Refuses a payload that readers with this configuration would refuse to decompress.
     *
     * @param data a payload about to be compressed
     * @throws CacheCompressionException naming the option when {@code data} is over the limit
     */
    final void checkWritable(byte[] data) {
        if (data.length > maxDecompressedLength) {
            throw new CacheCompressionException(formatName + ": a value of " + data.length + " bytes is larger than the"
                    + " limit of " + maxDecompressedLength + " bytes (options." + MAX_DECOMPRESSED_LENGTH
                    + ") that reading it back would enforce; raise the option to store values this large");
        }
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
        } catch (CacheCompressionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CacheCompressionException(formatName + ": corrupt or truncated compressed data ("
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

    /** Opens a compressing stream that writes into {@code sink}. */
    @FunctionalInterface
    interface StreamEncoder {
        OutputStream over(OutputStream sink) throws IOException;
    }

    /**
     * Writes {@code data} through a compressing stream and returns what came out (the mirror of
     * {@link #readAllBounded}); the output buffer starts at half the input.
     *
     * @param data the bytes to compress
     * @param encoder opens the compressing stream
     * @return the compressed bytes
     * @throws IOException from the stream
     */
    static byte[] writeAll(byte[] data, StreamEncoder encoder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (OutputStream out = encoder.over(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads {@code in} to its end, failing once more than {@link #maxDecompressedLength} bytes
     * come out.
     *
     * @param in a decoding stream
     * @param firstChunk bytes to allocate first: the expected decoded length if known, else
     *     {@link #guessLength(byte[])}
     * @return all bytes
     * @throws IOException from the stream
     * @throws CacheCompressionException past the limit
     */
    final byte[] readAllBounded(InputStream in, long firstChunk) throws IOException {
        BoundedBuffer out = newBuffer(firstChunk);
        int n;
        while ((n = in.read(out.array(), out.position(), out.room())) != -1) {
            out.advance(n);
        }
        return out.toByteArray();
    }

    /**
     * A buffer for one payload's decoded bytes, bounded by the limit.
     *
     * @param firstChunk bytes to allocate first (capped at the limit)
     * @return a new buffer
     */
    final BoundedBuffer newBuffer(long firstChunk) {
        return new BoundedBuffer(maxDecompressedLength, formatName, firstChunk);
    }

    /**
     * A first chunk for a payload whose decoded length is unknown.
     *
     * @param compressed the payload
     * @return a few times its length, at most one chunk
     */
    static long guessLength(byte[] compressed) {
        return Math.min(BoundedBuffer.MAX_CHUNK, 4L * compressed.length);
    }

    /**
     * Refuses a payload whose header declares a decoded length over the limit, before decoding.
     *
     * @param declaredLength the length the header declares, or a negative number when it declares none
     * @return {@code declaredLength}
     * @throws CacheCompressionException naming the option when it is over the limit
     */
    final long checkDeclared(long declaredLength) {
        if (declaredLength > maxDecompressedLength) {
            throw overLimit("the compressed data declares " + declaredLength + " decompressed bytes, more than",
                    maxDecompressedLength, formatName);
        }
        return declaredLength;
    }

    private static CacheCompressionException overLimit(String what, int limit, String formatName) {
        return new CacheCompressionException(formatName + ": " + what + " the limit of " + limit + " bytes (options."
                + MAX_DECOMPRESSED_LENGTH + ")");
    }

    /**
     * Decoded bytes gathered in chunks, never more than the limit plus one byte: the first byte
     * past the limit fails the read. Chunks double up to {@link #MAX_CHUNK}, so growth copies
     * nothing and a refused bomb holds about the limit; {@link #toByteArray()} copies once, or not
     * at all when the first chunk was sized exactly (the second chunk, a small probe, then only
     * sees the end of the stream).
     */
    static final class BoundedBuffer {
        /** Largest chunk: the most a buffer over-allocates. */
        static final int MAX_CHUNK = 1024 * 1024;
        private static final int MIN_CHUNK = 256;

        private final int limit;
        private final String formatName;
        private final List<byte[]> full = new ArrayList<>(0);
        private byte[] current;
        private int position;
        private long before;

        BoundedBuffer(int limit, String formatName, long firstChunk) {
            this.limit = limit;
            this.formatName = formatName;
            // one byte more than the limit at most: that byte, if written, fails the read
            this.current = new byte[(int) Math.min((long) limit + 1, Math.max(MIN_CHUNK, firstChunk))];
        }

        /**
         * The chunk to write into at {@link #position()}, with at least one byte of {@link #room()}.
         *
         * @return the current chunk
         */
        byte[] array() {
            if (position == current.length) {
                full.add(current);
                before += current.length;
                // The first chunk is often exactly the decoded length (declared or hinted): the
                // second is a small probe for the end of the stream; later ones double.
                long next = full.size() == 1 ? MIN_CHUNK : Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, before));
                current = new byte[(int) Math.min(next, limit + 1L - before)];
                position = 0;
            }
            return current;
        }

        int position() {
            return position;
        }

        /** Free bytes in the chunk {@link #array()} returned. */
        int room() {
            return current.length - position;
        }

        /**
         * Accounts for {@code n} bytes written into {@link #array()} at {@link #position()}.
         *
         * @param n bytes written
         * @throws CacheCompressionException once the limit is passed
         */
        void advance(int n) {
            position += n;
            if (before + position > limit) {
                throw overLimit("decompressed data exceeds", limit, formatName);
            }
        }

        /**
         * Appends what remains in {@code source}.
         *
         * @param source decoded bytes
         * @throws CacheCompressionException once the limit is passed
         */
        void write(ByteBuffer source) {
            while (source.hasRemaining()) {
                byte[] into = array();
                int n = Math.min(room(), source.remaining());
                source.get(into, position, n);
                advance(n);
            }
        }

        long size() {
            return before + position;
        }

        byte[] toByteArray() {
            if (full.isEmpty() && position == current.length) {
                return current;
            }
            if (full.size() == 1 && position == 0) {
                return full.get(0); // the first chunk held it all
            }
            byte[] out = new byte[(int) size()];
            int at = 0;
            for (byte[] chunk : full) {
                System.arraycopy(chunk, 0, out, at, chunk.length);
                at += chunk.length;
            }
            System.arraycopy(current, 0, out, at, position);
            return out;
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
