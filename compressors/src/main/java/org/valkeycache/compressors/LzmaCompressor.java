package org.valkeycache.compressors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;
import org.valkeycache.CompressionException;
import org.valkeycache.config.CacheConfig;

/**
 * LZMA2 compression in the <em>xz</em> container (XZ for Java), the format Python's
 * {@code lzma.compress} writes by default ({@code FORMAT_XZ}, CRC-64 check).
 *
 * <p>Options: {@code compressor.level} 0-9, the xz preset (default 6, xz's default),
 * {@code compressor.min_length} (default 15). The dictionary is shrunk to the payload's size, so
 * small values do not pay for a preset's multi-megabyte buffers; the output is still standard
 * xz. Compressed payloads are recognised by the stream magic {@code FD 37 7A 58 5A 00}.
 * Decoding is limited to 256 MiB of decoder memory. Legacy {@code .lzma} ("alone") data is not
 * recognised. See {@link BaseCompressor} for the common rules.
 */
public final class LzmaCompressor extends BaseCompressor {

    /** Default preset: 6. */
    public static final int DEFAULT_LEVEL = 6;

    private static final byte[] MAGIC = bytes(0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00);
    private static final int MEMORY_LIMIT_KIB = 256 * 1024;

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
            throw new CompressionException("lzma: unsupported preset " + level, e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (XZOutputStream xz = new XZOutputStream(bytes, options, XZ.CHECK_CRC64, BasicArrayCache.getInstance())) {
            xz.write(data);
        }
        return bytes.toByteArray();
    }

    @Override
    byte[] doDecompress(byte[] data) throws IOException {
        try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(data), MEMORY_LIMIT_KIB, true,
                BasicArrayCache.getInstance())) {
            return readAllBounded(in);
        }
    }
}
