package org.valkeycache.compressors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;
import org.valkeycache.CacheCompressionException;
import org.valkeycache.config.CacheConfig;

/**
 * LZMA2 compression in the <em>xz</em> container (XZ for Java), the format Python's
 * {@code lzma.compress} writes by default ({@code FORMAT_XZ}, CRC-64 check).
 *
 * <p>Options: {@code compressor.level} 0-9, the xz preset (default 6, xz's default),
 * {@code compressor.min_length} (default 15). The dictionary is shrunk to the payload's size, so
 * small values do not pay for a preset's multi-megabyte buffers; the output is still standard
 * xz. Compressed payloads are recognised by the stream magic {@code FD 37 7A 58 5A 00}.
 * XZ for Java decodes into a heap dictionary of the size the stream's header declares, so
 * decoder memory is limited to 64 MiB (the dictionary of xz's and Python's preset 9, so every
 * preset reads) or {@code options.compressor.max_decompressed_length} if that is larger, plus
 * 1 MiB: a stream declaring more is refused before anything is allocated. Legacy {@code .lzma} ("alone") data is not
 * recognised. See {@link BaseCompressor} for the common rules.
 */
public final class LzmaCompressor extends BaseCompressor {

    /** Default preset: 6. */
    public static final int DEFAULT_LEVEL = 6;

    private static final byte[] MAGIC = bytes(0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00);
    /** Dictionary of preset 9, the largest any xz preset uses. */
    private static final int PRESET_9_DICT_KIB = 64 * 1024;
    /** Decoder state besides the dictionary (about 100 KiB). */
    private static final int DECODER_OVERHEAD_KIB = 1024;

    private final int memoryLimitKib;

    /** Creates the compressor with default settings. */
    public LzmaCompressor() {
        this(null);
    }

    /**
     * Creates the compressor from {@code options.compressor.*} settings.
     *
     * @param config the configuration (may be null for defaults)
     */
    public LzmaCompressor(CacheConfig config) {
        super(config, "lzma", DEFAULT_LEVEL, 0, 9);
        this.memoryLimitKib = Math.max(PRESET_9_DICT_KIB, maxDecompressedLength / 1024) + DECODER_OVERHEAD_KIB;
    }

    @Override
    boolean looksCompressed(byte[] data) {
        return startsWith(data, MAGIC);
    }

    @Override
    byte[] doCompress(byte[] data) throws IOException {
        LZMA2Options options;
        try {
            options = new LZMA2Options(level);
            int dict = Math.max(LZMA2Options.DICT_SIZE_MIN, data.length);
            if (dict < options.getDictSize()) {
                options.setDictSize(dict);
            }
        } catch (UnsupportedOptionsException e) {
            throw new CacheCompressionException("lzma: unsupported preset " + level, e);
        }
        LZMA2Options chosen = options;
        return writeAll(data, sink -> new XZOutputStream(sink, chosen, XZ.CHECK_CRC64, BasicArrayCache.getInstance()));
    }

    @Override
    byte[] doDecompress(byte[] data) throws IOException {
        try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(data), memoryLimitKib, true,
                BasicArrayCache.getInstance())) {
            return readAllBounded(in, guessLength(data));
        } catch (MemoryLimitException e) {
            throw new CacheCompressionException("lzma: the stream needs " + e.getMemoryNeeded() + " KiB of decoder memory,"
                    + " more than the limit of " + e.getMemoryLimit() + " KiB (64 MiB, or options."
                    + MAX_DECOMPRESSED_LENGTH + " if larger)", e);
        }
    }
}
