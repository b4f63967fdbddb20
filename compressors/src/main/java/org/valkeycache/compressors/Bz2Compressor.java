package org.valkeycache.compressors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.valkeycache.config.CacheConfig;

/**
 * bzip2 compression with Apache Commons Compress; interoperates with Python's
 * {@code bz2.compress} / {@code bz2.decompress} (concatenated streams are decoded as one payload,
 * as Python does).
 *
 * <p>Options: {@code compressor.level} 1-9, the block size in 100 kB units (default 9, Python's
 * default), {@code compressor.min_length} (default 15). Compressed payloads are recognised by
 * {@code "BZh"}, a block-size digit and the first block's (or the empty stream's end-of-stream)
 * 48-bit magic. Block and stream CRCs are checked. See {@link BaseCompressor} for the common
 * rules.
 */
public final class Bz2Compressor extends BaseCompressor {

    /** Default block size: 9 (900 kB). */
    public static final int DEFAULT_LEVEL = 9;

    private static final byte[] BLOCK_MAGIC = bytes(0x31, 0x41, 0x59, 0x26, 0x53, 0x59);
    private static final byte[] END_MAGIC = bytes(0x17, 0x72, 0x45, 0x38, 0x50, 0x90);

    /** Creates the compressor with default settings. */
    public Bz2Compressor() {
        this(null);
    }

    /**
     * Creates the compressor from {@code options.compressor.*} settings.
     *
     * @param config the configuration (may be null for defaults)
     */
    public Bz2Compressor(CacheConfig config) {
        super(config, "bz2", DEFAULT_LEVEL, 1, 9);
    }

    @Override
    boolean looksCompressed(byte[] data) {
        if (data.length < 10 || data[0] != 'B' || data[1] != 'Z' || data[2] != 'h' || data[3] < '1' || data[3] > '9') {
            return false;
        }
        return Arrays.equals(data, 4, 10, BLOCK_MAGIC, 0, 6)
                || Arrays.equals(data, 4, 10, END_MAGIC, 0, 6);
    }

    @Override
    byte[] doCompress(byte[] data) throws IOException {
        return writeAll(data, sink -> new BZip2CompressorOutputStream(sink, level));
    }

    @Override
    byte[] doDecompress(byte[] data) throws IOException {
        try (BZip2CompressorInputStream in = new BZip2CompressorInputStream(new ByteArrayInputStream(data), true)) {
            return readAllBounded(in, guessLength(data));
        }
    }
}
