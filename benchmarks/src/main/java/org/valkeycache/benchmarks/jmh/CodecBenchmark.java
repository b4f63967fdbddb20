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
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;

/**
 * Value encode/decode through {@link ValueCodec} for a JSON-like text value of each size; the
 * subclasses choose the serializer and compressor, by the same aliases a configuration uses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class CodecBenchmark {

    @Param({"100", "10240", "1048576"})
    public int size;

    private ValueCodec codec;
    private String value;
    private byte[] encoded;

    /** @return the configuration naming the serializer and compressor under test */
    abstract CacheConfig.Builder codecConfig();

    @Setup
    public void setup() {
        CacheConfig config = codecConfig().location("valkey://localhost").build();
        codec = new ValueCodec(Plugins.serializer(config), Plugins.compressor(config));
        value = Payloads.text(size);
        encoded = codec.encode(value);
        if (!value.equals(codec.decode(encoded, String.class))) {
            throw new IllegalStateException("round trip failed for " + config.serializer() + " + " + config.compressor());
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
