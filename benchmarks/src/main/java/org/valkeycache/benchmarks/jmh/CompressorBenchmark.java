package org.valkeycache.benchmarks.jmh;

import org.openjdk.jmh.annotations.Param;
import org.valkeycache.config.CacheConfig;

/**
 * Value encode/decode with the string serializer and each compressor (default settings), for a
 * JSON-like text value of each size. {@code identity} is the baseline.
 */
public class CompressorBenchmark extends CodecBenchmark {

    @Param({"identity", "zlib", "gzip", "lzma", "lz4", "zstd", "brotli", "bz2"})
    public String compressor;

    @Override
    CacheConfig.Builder codecConfig() {
        return CacheConfig.builder().serializer("string").compressor(compressor);
    }
}
