package org.valkeycache.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.valkeycache.codec.IdentityCompressor;
import org.valkeycache.codec.ValueCodec;
import org.valkeycache.compressors.BrotliCompressor;
import org.valkeycache.compressors.Bz2Compressor;
import org.valkeycache.compressors.GzipCompressor;
import org.valkeycache.compressors.Lz4Compressor;
import org.valkeycache.compressors.LzmaCompressor;
import org.valkeycache.compressors.ZlibCompressor;
import org.valkeycache.compressors.ZstdCompressor;
import org.valkeycache.serializers.StringSerializer;
import org.valkeycache.spi.Compressor;

/**
 * Value encode/decode through {@link ValueCodec} with the string serializer and each compressor
 * (default settings), for a JSON-like text value of each size. {@code identity} is the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompressorBenchmark {

    @Param({"identity", "zlib", "gzip", "lzma", "lz4", "zstd", "brotli", "bz2"})
    public String compressor;

    @Param({"100", "10240", "1048576"})
    public int size;

    private ValueCodec codec;
    private String value;
    private byte[] encoded;

    static Compressor compressor(String name) {
        return switch (name) {
            case "identity" -> new IdentityCompressor();
            case "zlib" -> new ZlibCompressor();
            case "gzip" -> new GzipCompressor();
            case "lzma" -> new LzmaCompressor();
            case "lz4" -> new Lz4Compressor();
            case "zstd" -> new ZstdCompressor();
            case "brotli" -> new BrotliCompressor();
            case "bz2" -> new Bz2Compressor();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Setup
    public void setup() {
        codec = new ValueCodec(new StringSerializer(), compressor(compressor));
        value = Payloads.text(size);
        encoded = codec.encode(value);
        if (!value.equals(codec.decode(encoded, String.class))) {
            throw new IllegalStateException("round trip failed for " + compressor);
        }
    }


    @Benchmark
    public byte[] encode() {
        return codec.encode(value);
    }

    @Benchmark
    public Object decode() {
        return codec.decode(encoded, String.class);
    }
}
