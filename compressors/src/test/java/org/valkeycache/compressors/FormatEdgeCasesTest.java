package org.valkeycache.compressors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheCompressionException;
import org.valkeycache.spi.Compressor;

class FormatEdgeCasesTest {

    /** An LZ4 frame like python-lz4's default: linked blocks, no checksums, several blocks. */
    static byte[] linkedLz4Frame(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FramedLZ4CompressorOutputStream.Parameters params = new FramedLZ4CompressorOutputStream.Parameters(
                FramedLZ4CompressorOutputStream.BlockSize.K64, false, false, true);
        try (FramedLZ4CompressorOutputStream out = new FramedLZ4CompressorOutputStream(bytes, params)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void lz4DecodesLinkedBlockFrames() throws IOException {
        byte[] data = CompressorsTest.compressible(300 * 1024, 41);
        byte[] frame = linkedLz4Frame(data);
        assertThat(frame[4] & 0x20).as("block independence flag").isZero();
        Compressor c = new Lz4Compressor();
        assertThat(c.decompress(frame)).isEqualTo(data);
        for (int len : new int[] {frame.length - 1, frame.length - 4, frame.length / 2, 10}) {
            byte[] cut = Arrays.copyOf(frame, len);
            assertThatThrownBy(() -> c.decompress(cut)).as("cut to %d", len).isInstanceOf(CacheCompressionException.class);
        }
    }

    @Test
    void lz4WritesIndependentBlocksWithContentChecksum() {
        byte[] stored = new Lz4Compressor().compress(CompressorsTest.compressible(10_000, 43));
        assertThat(Arrays.copyOf(stored, 4)).isEqualTo(new byte[] {0x04, 0x22, 0x4D, 0x18});
        assertThat(stored[4] & 0x20).as("block independence").isNotZero();
        assertThat(stored[4] & 0x04).as("content checksum").isNotZero();
    }

    @Test
    void magicBytesOfEachFormat() {
        byte[] data = CompressorsTest.compressible(10_000, 47);
        assertThat(new ZlibCompressor().compress(data)[0]).isEqualTo((byte) 0x78);
        assertThat(Arrays.copyOf(new GzipCompressor().compress(data), 3)).isEqualTo(new byte[] {0x1f, (byte) 0x8b, 8});
        assertThat(Arrays.copyOf(new LzmaCompressor().compress(data), 6))
                .isEqualTo(new byte[] {(byte) 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0});
        assertThat(Arrays.copyOf(new ZstdCompressor().compress(data), 4))
                .isEqualTo(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD});
        assertThat(new String(new Bz2Compressor().compress(data), 0, 3, StandardCharsets.US_ASCII)).isEqualTo("BZh");
    }

    @Test
    void zlibHeaderLookalikesAreHandled() {
        Compressor c = new ZlibCompressor();
        // "x^" is a valid zlib header: such values are compressed, never stored raw, so they round-trip.
        byte[] lookalike = "x^2 + y^2".getBytes(StandardCharsets.US_ASCII);
        assertThat(c.compress(lookalike)).isNotEqualTo(lookalike);
        assertThat(c.decompress(c.compress(lookalike))).isEqualTo(lookalike);
        // Trailing bytes after a complete stream are corruption.
        byte[] stored = c.compress(CompressorsTest.compressible(1000, 53));
        byte[] trailing = Arrays.copyOf(stored, stored.length + 1);
        assertThatThrownBy(() -> c.decompress(trailing)).isInstanceOf(CacheCompressionException.class);
    }

    @Test
    void brotliKeepsOneByteEmptyStreamsRaw() {
        Compressor c = new BrotliCompressor();
        for (byte[] raw : new byte[][] {{';'}, {6}}) {
            assertThat(c.decompress(raw)).isEqualTo(raw);
            assertThat(c.compress(raw)).isEqualTo(raw);
        }
        byte[] stored = c.compress(CompressorsTest.compressible(1000, 59));
        byte[] trailing = Arrays.copyOf(stored, stored.length + 2);
        assertThat(c.decompress(trailing)).as("stream with trailing bytes is not brotli").isEqualTo(trailing);
    }
}
