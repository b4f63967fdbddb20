package org.valkeycache.compressors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.valkeycache.config.CacheConfig;

/**
 * gzip (RFC 1952) compression with the JDK's GZIP streams; interoperates with Python's
 * {@code gzip.compress} / {@code gzip.decompress} (the modification time is written as 0, so equal
 * input gives equal output).
 *
 * <p>Options: {@code compressor.level} 0-9 (default 9, Python's and django-valkey's default),
 * {@code compressor.min_length} (default 15). Compressed payloads are recognised by the bytes
 * {@code 1f 8b 08} (deflate) and a flag byte without reserved bits. Concatenated members are
 * decoded as one payload, as Python does; the CRC-32 and length of each member are checked. See
 * {@link BaseCompressor} for the common rules.
 */
public final class GzipCompressor extends BaseCompressor {

    /** Default level: 9. */
    public static final int DEFAULT_LEVEL = 9;

    /** Creates the compressor with default settings. */
    public GzipCompressor() {
        this(null);
    }

    /**
     * Creates the compressor from {@code options.compressor.*} settings.
     *
     * @param config the configuration (may be null for defaults)
     */
    public GzipCompressor(CacheConfig config) {
        super(config, "gzip", DEFAULT_LEVEL, 0, 9);
    }

    @Override
    boolean looksCompressed(byte[] data) {
        return data.length >= 4 && (data[0] & 0xFF) == 0x1f && (data[1] & 0xFF) == 0x8b && data[2] == 8
                && (data[3] & 0xE0) == 0;
    }

    @Override
    byte[] doCompress(byte[] data) throws IOException {
        return writeAll(data, sink -> new LevelGzipOutputStream(sink, level));
    }

    @Override
    byte[] doDecompress(byte[] data) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8 * 1024)) {
            return readAllBounded(in, lengthHint(data));
        }
    }

    /**
     * The last member's ISIZE trailer (its length modulo 2^32): the exact length of a one-member
     * value, so that it decodes into one array. Only a hint, believed up to deflate's largest
     * ratio (1032:1), since corrupt data has anything there.
     */
    private static long lengthHint(byte[] data) {
        int n = data.length;
        long isize = (data[n - 4] & 0xFFL) | (data[n - 3] & 0xFFL) << 8 | (data[n - 2] & 0xFFL) << 16
                | (data[n - 1] & 0xFFL) << 24;
        return isize <= 1032L * n ? isize : guessLength(data);
    }

    private static final class LevelGzipOutputStream extends GZIPOutputStream {
        LevelGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, 8 * 1024);
            def.setLevel(level);
        }
    }
}
