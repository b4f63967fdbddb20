package org.valkeycache.compressors;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.valkeycache.CacheCompressionException;
import org.valkeycache.config.CacheConfig;

/**
 * Zstandard compression (zstd-jni); frames interoperate with Python's {@code zstandard},
 * {@code pyzstd} and {@code compression.zstd}.
 *
 * <p>Options: {@code compressor.level} from zstd's minimum (negative, fast) to 22 (default 3,
 * zstd's default), {@code compressor.min_length} (default 15). Frames are written with the
 * content size and a checksum; a single frame that declares its size is decoded in one call into
 * an array of that size (others are streamed). Compressed payloads are recognised by the frame magic
 * {@code 28 B5 2F FD}; skippable frames are not. See {@link BaseCompressor} for the common
 * rules.
 */
public final class ZstdCompressor extends BaseCompressor {

    /** Default level: 3. */
    public static final int DEFAULT_LEVEL = 3;

    private static final byte[] MAGIC = bytes(0x28, 0xB5, 0x2F, 0xFD);

    /** Creates the compressor with default settings. */
    public ZstdCompressor() {
        this(null);
    }

    /**
     * Creates the compressor from {@code options.compressor.*} settings.
     *
     * @param config the configuration (may be null for defaults)
     */
    public ZstdCompressor(CacheConfig config) {
        super(config, "zstd", DEFAULT_LEVEL, Zstd.minCompressionLevel(), Zstd.maxCompressionLevel());
    }

    @Override
    boolean looksCompressed(byte[] data) {
        return startsWith(data, MAGIC);
    }

    @Override
    byte[] doCompress(byte[] data) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level);
            ctx.setChecksum(true);
            ctx.setContentSize(true);
            return ctx.compress(data);
        }
    }

    @Override
    byte[] doDecompress(byte[] data) throws IOException {
        // the frame header may state the content size (ours always does): refuse from it, or
        // decode a single frame in one call into an array of exactly that size
        long declared = checkDeclared(Zstd.getFrameContentSize(data));
        if (declared >= 0 && Zstd.findFrameCompressedSize(data) == data.length) {
            byte[] out = new byte[(int) declared];
            long n = Zstd.decompressByteArray(out, 0, out.length, data, 0, data.length);
            if (Zstd.isError(n) || n != declared) {
                throw new CacheCompressionException("zstd: corrupt compressed data (" + data.length + " bytes): "
                        + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes instead of the " + declared + " declared"));
            }
            return out;
        }
        try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(data))) {
            return readAllBounded(in, declared >= 0 ? declared : guessLength(data));
        }
    }
}
