package org.valkeycache.compressors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.valkeycache.CacheCompressionException;
import org.valkeycache.config.CacheConfig;

/**
 * zlib (RFC 1950) compression with the JDK's {@link Deflater}; the output is what Python's
 * {@code zlib.compress(data, level)} writes and reads.
 *
 * <p>Options: {@code compressor.level} 0-9 (default 6, zlib's default), {@code compressor.min_length}
 * (default 15). Compressed payloads are recognised by their two-byte header: {@code 0x78}
 * (deflate, 32 KiB window) followed by a byte that makes the header a multiple of 31 and has no
 * preset dictionary. Trailing bytes after the stream and a wrong Adler-32 checksum are errors.
 * See {@link BaseCompressor} for the common rules.
 */
public final class ZlibCompressor extends BaseCompressor {

    /** Default level: 6. */
    public static final int DEFAULT_LEVEL = 6;

    /** Creates the compressor with default settings. */
    public ZlibCompressor() {
        this(null);
    }

    /**
     * Creates the compressor from {@code options.compressor.*} settings.
     *
     * @param config the configuration (may be null for defaults)
     */
    public ZlibCompressor(CacheConfig config) {
        super(config, "zlib", DEFAULT_LEVEL, 0, 9);
    }

    @Override
    boolean looksCompressed(byte[] data) {
        if (data.length < 2 || (data[0] & 0xFF) != 0x78) {
            return false;
        }
        int flg = data[1] & 0xFF;
        return (0x78 * 256 + flg) % 31 == 0 && (flg & 0x20) == 0;
    }

    @Override
    byte[] doCompress(byte[] data) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buf = new byte[Math.min(64 * 1024, Math.max(256, data.length + 64))];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    byte[] doDecompress(byte[] data) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            BoundedBuffer out = newBuffer(guessLength(data));
            while (!inflater.finished()) {
                int n = inflater.inflate(out.array(), out.position(), out.room());
                if (n > 0) {
                    out.advance(n);
                } else if (inflater.needsInput()) {
                    throw new CacheCompressionException("zlib: truncated compressed data (" + data.length + " bytes)");
                } else if (inflater.needsDictionary()) {
                    throw new CacheCompressionException("zlib: compressed data needs a preset dictionary");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new CacheCompressionException("zlib: " + inflater.getRemaining()
                        + " unexpected bytes after the end of the compressed stream");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new CacheCompressionException("zlib: corrupt compressed data (" + data.length + " bytes): "
                    + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
