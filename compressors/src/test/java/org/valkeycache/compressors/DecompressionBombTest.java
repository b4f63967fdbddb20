package org.valkeycache.compressors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import org.valkeycache.CacheCompressionException;
import org.valkeycache.testsupport.Allocations;
import org.valkeycache.spi.Compressor;

/**
 * Decompression bombs: small values that expand to far more than the heap. The surefire
 * execution {@code bombs-256m} of this module runs this class alone with {@code -Xmx256m}, so a
 * decoder that materialised a bomb, or grew its buffer past the limit, would die of an
 * {@link OutOfMemoryError} here instead of failing with the typed error.
 */
class DecompressionBombTest {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    /** Larger than the whole 256 MiB heap: a decoder that materialised it would fail. */
    private static final long BOMB = 320 * MIB;
    private static final Map<String, byte[]> BOMBS = new ConcurrentHashMap<>();

    static Stream<String> all() {
        return CompressorsTest.all();
    }

    /** 320 MiB of zeros in the codec's format, made by streaming (the test never holds the zeros). */
    static byte[] bomb(String name) {
        return BOMBS.computeIfAbsent(name, n -> {
            try {
                return zeros(n, BOMB);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static byte[] zeros(String name, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (name.equals("zstd-declared")) {
            return zstdDeclaringItsSize(size);
        }
        try (OutputStream out = encoder(name, bytes, size)) {
            byte[] block = new byte[(int) MIB];
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return bytes.toByteArray();
    }

    private static OutputStream encoder(String name, OutputStream bytes, long size) throws IOException {
        return switch (name) {
            case "zlib" -> new DeflaterOutputStream(bytes, new Deflater(1), 64 * 1024);
            case "gzip" -> new GZIPOutputStream(bytes, 64 * 1024) {
                {
                    def.setLevel(1);
                }
            };
            case "lzma" -> new XZOutputStream(bytes, new LZMA2Options(0));
            // python-lz4 and our writer both state the content size in the frame header
            case "lz4" -> new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB, size,
                    LZ4Factory.fastestInstance().fastCompressor(), XXHashFactory.fastestInstance().hash32(),
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE);
            case "lz4-undeclared" -> new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB);
            case "zstd" -> new ZstdOutputStreamNoFinalizer(bytes, 3); // streamed: no content size in the header
            case "brotli" -> {
                Brotli4jLoader.ensureAvailability();
                yield new BrotliOutputStream(bytes, new Encoder.Parameters().setQuality(5));
            }
            case "bz2" -> new BZip2CompressorOutputStream(bytes, 1);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static byte[] zstdDeclaringItsSize(long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(3);
            ctx.setContentSize(true);
            ctx.setPledgedSrcSize(size);
            ByteBuffer zeros = ByteBuffer.allocate((int) MIB);
            ByteBuffer out = ByteBuffer.allocate((int) MIB);
            for (long written = 0; written < size; written += MIB) {
                zeros.clear();
                EndDirective end = written + MIB >= size ? EndDirective.END : EndDirective.CONTINUE;
                boolean done;
                do {
                    out.clear();
                    done = ctx.compressByteBufferStream(out, zeros, end);
                    bytes.write(out.array(), 0, out.position());
                } while (zeros.hasRemaining() || (end == EndDirective.END && !done));
            }
        }
        return bytes.toByteArray();
    }

    /** Guards the harness: in the bombs-256m execution the heap really is that small. */
    @Test
    void theBombExecutionRunsWithTheHeapItPromises() {
        long promised = Long.getLong("valkeycache.bombs.maxHeap", Runtime.getRuntime().maxMemory());
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(promised);
        assertThat(BOMB).as("bombs are larger than the promised heap").isGreaterThan(Math.min(promised, 256 * MIB));
    }

    @ParameterizedTest
    @MethodSource("all")
    void aBombLargerThanTheHeapIsRefusedWithTheTypedErrorAndCostsAboutTheLimit(String name) {
        byte[] bomb = bomb(name);
        assertThat(bomb.length).as("compressed size").isLessThan((int) (8 * MIB));
        Compressor c = CompressorsTest.create(name);
        long limit = BaseCompressor.DEFAULT_MAX_DECOMPRESSED_LENGTH;
        for (int attempt = 0; attempt < 3; attempt++) { // repeated reads must not accumulate either
            long allocated = Allocations.of(() -> assertThatThrownBy(() -> c.decompress(bomb))
                    .isInstanceOf(CacheCompressionException.class)
                    .hasMessageContaining("options.compressor.max_decompressed_length"));
            assertThat(allocated).as("heap allocated by one refused read").isLessThan(limit + 4 * MIB);
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void aRaisedLimitStillBoundsTheHeapOfARefusedBomb(String name) {
        long limit = 96 * MIB;
        Compressor c = CompressorsTest.create(name, "compressor.max_decompressed_length", Long.toString(limit));
        byte[] bomb = bomb(name);
        long allocated = Allocations.of(() -> assertThatThrownBy(() -> c.decompress(bomb))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("options.compressor.max_decompressed_length"));
        assertThat(allocated).as("heap allocated by one refused read").isLessThan(limit + 4 * MIB);
    }

    /** The report's case: a 16 KB zstd value of 500 MB zeros was returned, peaking at 2 GiB of heap. */
    @Test
    void fiveHundredMegabytesOfZstdZerosAreRefused() throws IOException {
        byte[] value = zeros("zstd", 500_000_000L);
        assertThat(value.length).isLessThan(64 * 1024);
        assertThatThrownBy(() -> new ZstdCompressor().decompress(value))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("options.compressor.max_decompressed_length");
    }

    @Test
    void aDeclaredContentSizeOverTheLimitIsRefusedBeforeDecoding() throws IOException {
        for (String name : new String[] {"zstd-declared", "lz4"}) {
            byte[] value = zeros(name, GIB);
            Compressor c = name.equals("lz4") ? new Lz4Compressor() : new ZstdCompressor();
            long allocated = Allocations.of(() -> assertThatThrownBy(() -> c.decompress(value))
                    .isInstanceOf(CacheCompressionException.class)
                    .hasMessageContaining("declares " + GIB)
                    .hasMessageContaining("options.compressor.max_decompressed_length"));
            assertThat(allocated).as(name).isLessThan(MIB);
        }
        // an lz4 frame without a declared size is still bounded while decoding
        byte[] undeclared = zeros("lz4-undeclared", 300 * MIB);
        assertThatThrownBy(() -> new Lz4Compressor().decompress(undeclared))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("options.compressor.max_decompressed_length");
    }
}
