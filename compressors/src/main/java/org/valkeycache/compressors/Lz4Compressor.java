package org.valkeycache.compressors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.valkeycache.config.CacheConfig;

/**
 * LZ4 compression in the LZ4 <em>frame</em> format (lz4-java), the format Python's
 * {@code lz4.frame.compress} / {@code lz4.frame.decompress} (and django-valkey) use.
 *
 * <p>Options: {@code compressor.level} 0-16 with python-lz4's meaning (0-2: fast LZ4, 3-16: LZ4 HC
 * at that level; default 0), {@code compressor.min_length} (default 15). Frames are written with
 * 64 KiB independent blocks, the content size and a content checksum, so corruption is detected.
 * Compressed payloads are recognised by the frame magic {@code 04 22 4D 18}. Frames with linked
 * (dependent) blocks, which python-lz4 writes by default, are decoded with Apache Commons Compress
 * because lz4-java's frame reader does not support them; frames with independent blocks use
 * lz4-java. See {@link BaseCompressor} for the common rules.
 */
public final class Lz4Compressor extends BaseCompressor {

    /** Default level: 0 (fast). */
    public static final int DEFAULT_LEVEL = 0;

    private static final byte[] MAGIC = bytes(0x04, 0x22, 0x4D, 0x18);
    private static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    private static final int FLG_CONTENT_SIZE = 0x08;

    private final LZ4Compressor compressor;

    /** Creates the compressor with default settings. */
    public Lz4Compressor() {
        this(null);
    }

    /**
     * Creates the compressor from {@code options.compressor.*} settings.
     *
     * @param config the configuration (may be null for defaults)
     */
    public Lz4Compressor(CacheConfig config) {
        super(config, "lz4", DEFAULT_LEVEL, 0, 16);
        LZ4Factory factory = LZ4Factory.fastestInstance();
        this.compressor = level < 3 ? factory.fastCompressor() : factory.highCompressor(level);
    }

    @Override
    boolean looksCompressed(byte[] data) {
        return startsWith(data, MAGIC);
    }

    @Override
    byte[] doCompress(byte[] data) throws IOException {
        return writeAll(data, sink -> new LZ4FrameOutputStream(sink, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                data.length, compressor, XXHashFactory.fastestInstance().hash32(),
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE));
    }

    @Override
    byte[] doDecompress(byte[] data) throws IOException {
        long declared = checkDeclared(declaredLength(data));
        long firstChunk = declared >= 0 ? declared : guessLength(data);
        if (data.length > 4 && (data[4] & FLG_BLOCK_INDEPENDENCE) == 0) {
            // Linked blocks (python-lz4's default): lz4-java's frame reader rejects them.
            try (FramedLZ4CompressorInputStream in = new FramedLZ4CompressorInputStream(
                    new ByteArrayInputStream(data), true)) {
                return readAllBounded(in, firstChunk);
            }
        }
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(data),
                LZ4Factory.fastestInstance().safeDecompressor(), XXHashFactory.fastestInstance().hash32())) {
            return readAllBounded(in, firstChunk);
        }
    }

    /** The content size of the first frame's header (FLG bit 3, 8 bytes after BD), or -1. */
    private static long declaredLength(byte[] data) {
        if (data.length < 14 || (data[4] & FLG_CONTENT_SIZE) == 0) {
            return -1;
        }
        long size = 0;
        for (int i = 13; i >= 6; i--) {
            size = size << 8 | (data[i] & 0xFF);
        }
        return size; // negative (over 2^63) reads as "none", and the stream limit still applies
    }
}
