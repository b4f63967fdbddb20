package org.valkeycache.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.valkeycache.client.shard.HashRing;

/**
 * Lookups per second of the shard ring (django-valkey's placement: SHA-256 of the made key, then
 * a binary search over 128 points per node), for a plain made key and one with a hash tag.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HashRingBenchmark {

    @Param({"3", "10"})
    public int nodes;

    private HashRing ring;
    private byte[][] plain;
    private byte[][] tagged;
    private int next;

    @Setup
    public void setup() {
        String[] names = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            names[i] = "valkey://10.0.0." + (i + 1) + ":6379/0";
        }
        ring = HashRing.of(List.of(names));
        plain = new byte[1024][];
        tagged = new byte[1024][];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = ("shop:1:user:" + i + ":profile").getBytes(StandardCharsets.UTF_8);
            tagged[i] = ("shop:1:{user" + i + "}:cart").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public int lookup() {
        return ring.nodeOf(plain[next++ & 1023]);
    }

    @Benchmark
    public int lookupHashTag() {
        return ring.nodeOf(tagged[next++ & 1023]);
    }
}
