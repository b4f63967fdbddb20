package org.valkeycache.benchmarks.jmh;

import org.openjdk.jmh.annotations.Param;
import org.valkeycache.config.CacheConfig;

/** Value encode/decode per serializer (no compression), for a text value of each size. */
public class SerializerBenchmark extends CodecBenchmark {

    @Param({"java", "json", "msgpack", "string"})
    public String serializer;

    @Override
    CacheConfig.Builder codecConfig() {
        return CacheConfig.builder().serializer(serializer).compressor("identity");
    }
}
