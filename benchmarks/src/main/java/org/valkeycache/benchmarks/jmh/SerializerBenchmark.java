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
import org.valkeycache.codec.JavaSerializer;
import org.valkeycache.codec.ValueCodec;
import org.valkeycache.serializers.JsonSerializer;
import org.valkeycache.serializers.MsgPackSerializer;
import org.valkeycache.serializers.StringSerializer;
import org.valkeycache.spi.Serializer;

/** Value encode/decode through {@link ValueCodec} per serializer (no compression), for a text value of each size. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SerializerBenchmark {

    @Param({"java", "json", "msgpack", "string"})
    public String serializer;

    @Param({"100", "10240", "1048576"})
    public int size;

    private ValueCodec codec;
    private String value;
    private byte[] encoded;

    static Serializer serializer(String name) {
        return switch (name) {
            case "java" -> new JavaSerializer();
            case "json" -> new JsonSerializer();
            case "msgpack" -> new MsgPackSerializer();
            case "string" -> new StringSerializer();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Setup
    public void setup() {
        codec = new ValueCodec(serializer(serializer), new IdentityCompressor());
        value = Payloads.text(size);
        encoded = codec.encode(value);
        if (!value.equals(codec.decode(encoded, String.class))) {
            throw new IllegalStateException("round trip failed for " + serializer);
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
