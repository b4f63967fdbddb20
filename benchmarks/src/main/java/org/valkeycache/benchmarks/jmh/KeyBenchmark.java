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
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.KeyFunction;

/** Cost of turning a user key into the stored key ({@code prefix:version:key}) with the default key function. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyBenchmark {

    @Param({"user:42:profile"})
    public String key;

    private KeyFunction keyFunction;

    @Setup
    public void setup() {
        keyFunction = CacheConfig.builder().location("valkey://127.0.0.1:6379").keyPrefix("b").build().keyFunction();
    }

    @Benchmark
    public String makeKey() {
        return keyFunction.makeKey(key, "b", 1);
    }
}
