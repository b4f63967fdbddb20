package org.valkeycache.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.valkeycache.client.herd.HerdEnvelope;

/**
 * What the herd client adds to every write and read: wrapping an encoded value in its envelope,
 * and reading one back (marker check, soft expiry, copy of the value), per value size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HerdEnvelopeBenchmark {

    @Param({"100", "10240", "1048576"})
    public int size;

    private byte[] value;
    private byte[] envelope;
    private long softExpiry;

    @Setup
    public void setup() {
        value = Payloads.text(size).getBytes(StandardCharsets.US_ASCII);
        softExpiry = System.currentTimeMillis() + 300_000;
        envelope = HerdEnvelope.pack(value, softExpiry);
    }

    @Benchmark
    public byte[] pack() {
        return HerdEnvelope.pack(value, softExpiry);
    }

    @Benchmark
    public void unpack(Blackhole bh) {
        if (HerdEnvelope.isEnvelope(envelope)) {
            bh.consume(HerdEnvelope.softExpiry(envelope));
            bh.consume(HerdEnvelope.value(envelope));
        }
    }
}
