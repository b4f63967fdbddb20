package org.valkeycache.compressors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.valkeycache.CacheCompressionException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.spi.Compressor;
import org.valkeycache.testsupport.Allocations;

class CompressorsTest {

    /** Alias -> constructor. */
    static final Map<String, Function<CacheConfig, Compressor>> ALL = Map.of(
            "zlib", ZlibCompressor::new,
            "gzip", GzipCompressor::new,
            "lzma", LzmaCompressor::new,
            "lz4", Lz4Compressor::new,
            "zstd", ZstdCompressor::new,
            "brotli", BrotliCompressor::new,
            "bz2", Bz2Compressor::new);

    /** Compressors that recognise their data by magic bytes (all but brotli). */
    static Stream<String> withMagic() {
        return ALL.keySet().stream().filter(n -> !n.equals("brotli")).sorted();
    }

    static Stream<String> all() {
        return ALL.keySet().stream().sorted();
    }

    static CacheConfig config(String... options) {
        CacheConfig.Builder b = CacheConfig.builder().location("valkey://127.0.0.1:6379");
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return b.build();
    }

    static Compressor create(String name, String... options) {
        return ALL.get(name).apply(config(options));
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Text-like data: words drawn from a small vocabulary, compresses well but not trivially. */
    static byte[] compressible(int size, long seed) {
        String[] words = {"valkey", "cache", "key", "value", "\"json\":", "{", "}", "[1, 2, 3]", "hello",
            "world", "compress", "zstd", "lz4", " ", ", ", "\n", "0", "42", "true", "null"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[r.nextInt(words.length)]);
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    static Stream<Arguments> roundTripCases() {
        List<Arguments> cases = new ArrayList<>();
        int[] sizes = {0, 1, 14, 100, 10 * 1024, 1024 * 1024, 3 * 1024 * 1024 + 7}; // the last spans several chunks
        for (String name : all().toList()) {
            for (int size : sizes) {
                cases.add(Arguments.of(name, size, "random"));
                cases.add(Arguments.of(name, size, "compressible"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2} {1} bytes")
    @MethodSource("roundTripCases")
    void roundTrips(String name, int size, String kind) {
        Compressor c = create(name);
        byte[] data = kind.equals("random") ? random(size, size) : compressible(size, size);
        byte[] stored = c.compress(data.clone());
        assertThat(c.decompress(stored)).isEqualTo(data);
        if (size < BaseCompressor.DEFAULT_MIN_LENGTH) {
            assertThat(stored).as("below min_length is stored uncompressed").isEqualTo(data);
        } else if (kind.equals("random")) {
            assertThat(stored).as("incompressible data is stored uncompressed").isEqualTo(data);
        } else if (size >= 10 * 1024) {
            assertThat(stored.length).as("compressible data shrinks").isLessThan(data.length);
        } else {
            assertThat(stored.length).as("never stored larger").isLessThanOrEqualTo(data.length);
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void everySingleByteRoundTrips(String name) {
        Compressor c = create(name);
        for (int i = 0; i < 256; i++) {
            byte[] one = {(byte) i};
            assertThat(c.decompress(c.compress(one))).as("byte %d", i).isEqualTo(one);
        }
    }

    @ParameterizedTest
    @MethodSource("withMagic")
    void rawDataPassesThroughDecompressUnchanged(String name) {
        Compressor c = create(name);
        List<byte[]> raws = new ArrayList<>();
        raws.add(new byte[0]);
        raws.add("{\"hello\": \"world\", \"n\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8));
        raws.add("plain text that was stored before compression was switched on".getBytes(StandardCharsets.UTF_8));
        raws.add(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x74, 0, 3, 'a', 'b', 'c'}); // Java serialization
        raws.add("x hello".getBytes(StandardCharsets.US_ASCII)); // 0x78 with FDICT set: not zlib
        raws.add("BZh9 not bzip2 at all".getBytes(StandardCharsets.US_ASCII));
        raws.add(new byte[] {0x1f, (byte) 0x8b, 0x07, 0}); // gzip magic with unknown method
        raws.add(new byte[] {0x28, (byte) 0xB5, 0x2F}); // partial zstd magic
        raws.add(random(1000, 7));
        for (int i = 0; i < 256; i++) {
            raws.add(new byte[] {(byte) i});
        }
        for (byte[] raw : raws) {
            assertThat(c.decompress(raw.clone())).isEqualTo(raw);
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void rawTextPassesThroughDecompressUnchanged(String name) {
        Compressor c = create(name);
        for (String s : List.of("", "a", "42", "{\"hello\": \"world\", \"n\": [1, 2, 3]}",
                "plain text that was stored before compression was switched on")) {
            byte[] raw = s.getBytes(StandardCharsets.UTF_8);
            assertThat(c.decompress(raw.clone())).as(s).isEqualTo(raw);
        }
        byte[] randomRaw = random(4096, 99);
        assertThat(c.decompress(randomRaw.clone())).isEqualTo(randomRaw);
    }

    @ParameterizedTest
    @MethodSource("all")
    void payloadsThatLookCompressedStillRoundTrip(String name) {
        Compressor c = create(name);
        byte[] blob = c.compress(compressible(10 * 1024, 3)); // an already-compressed value
        assertThat(c.decompress(c.compress(blob.clone()))).isEqualTo(blob);
        byte[] shortBlob = Arrays.copyOf(blob, 6); // shorter than min_length, starts with the magic
        assertThat(c.decompress(c.compress(shortBlob.clone()))).isEqualTo(shortBlob);
    }

    @ParameterizedTest
    @MethodSource("withMagic")
    void truncatedDataIsRejected(String name) {
        Compressor c = create(name);
        byte[] stored = c.compress(compressible(10 * 1024, 11));
        assertThat(stored.length).isGreaterThan(20);
        for (int len : new int[] {stored.length - 1, stored.length - 2, stored.length - 8, stored.length / 2, 10}) {
            byte[] cut = Arrays.copyOf(stored, len);
            assertThatThrownBy(() -> c.decompress(cut)).as("cut to %d of %d", len, stored.length)
                    .isInstanceOf(CacheCompressionException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("withMagic")
    void bitFlippedDataIsRejected(String name) {
        Compressor c = create(name);
        byte[] stored = c.compress(compressible(10 * 1024, 13));
        for (int pos : new int[] {stored.length / 3, stored.length / 2, 2 * stored.length / 3}) {
            for (int bit : new int[] {0, 3, 7}) {
                byte[] flipped = stored.clone();
                flipped[pos] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> c.decompress(flipped)).as("bit %d of byte %d", bit, pos)
                        .isInstanceOf(CacheCompressionException.class);
            }
        }
    }

    @Test
    void brotliCannotDetectCorruptionButNeverReturnsPartialData() {
        Compressor c = create("brotli");
        byte[] data = compressible(10 * 1024, 17);
        byte[] stored = c.compress(data);
        byte[] cut = Arrays.copyOf(stored, stored.length / 2);
        // Documented limitation: without magic bytes a truncated stream reads back as raw data.
        assertThat(c.decompress(cut)).isEqualTo(cut);
    }

    @ParameterizedTest
    @MethodSource("all")
    void decompressionBombIsBounded(String name) {
        byte[] zeros = new byte[1024 * 1024];
        byte[] stored = create(name).compress(zeros);
        assertThat(stored.length).isLessThan(zeros.length / 100);
        Compressor limited = create(name, "compressor.max_decompressed_length", "100000");
        assertThatThrownBy(() -> limited.decompress(stored))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("compressor.max_decompressed_length");
    }

    @ParameterizedTest
    @MethodSource("all")
    void theLimitHoldsOnWriteSoNothingStoredIsUnreadable(String name) {
        Compressor limited = create(name, "compressor.max_decompressed_length", "100000");
        byte[] atLimit = compressible(100_000, 61);
        assertThat(limited.decompress(limited.compress(atLimit))).isEqualTo(atLimit);
        byte[] over = compressible(100_001, 61);
        assertThatThrownBy(() -> limited.compress(over))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("100001 bytes")
                .hasMessageContaining("options.compressor.max_decompressed_length");
        byte[] storedElsewhere = create(name).compress(over);
        assertThatThrownBy(() -> limited.decompress(storedElsewhere))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("options.compressor.max_decompressed_length");
    }

    /** XZ for Java allocates the dictionary a stream declares: 256 MiB is refused before it is allocated. */
    @Test
    void anXzStreamDeclaringAHugeDictionaryIsRefusedBeforeAllocatingIt() {
        byte[] stored = create("lzma").compress(compressible(10_000, 67));
        int header = 12; // the block header follows the 12-byte stream header
        int headerSize = ((stored[header] & 0xFF) + 1) * 4;
        assertThat(stored[header + 1]).as("block flags: one filter, no sizes").isEqualTo((byte) 0);
        assertThat(stored[header + 2]).as("LZMA2 filter id").isEqualTo((byte) 0x21);
        byte[] forged = stored.clone();
        forged[header + 4] = 32; // LZMA2 dictionary size byte: 2 << (32 / 2 + 11) = 256 MiB
        CRC32 crc = new CRC32();
        crc.update(forged, header, headerSize - 4);
        ByteBuffer.wrap(forged, header + headerSize - 4, 4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue());
        long allocated = Allocations.of(() -> assertThatThrownBy(
                () -> create("lzma").decompress(forged))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("KiB of decoder memory")
                .hasMessageContaining("options.compressor.max_decompressed_length"));
        assertThat(allocated).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void theDefaultLimitIsThirtyTwoMebibytes() {
        assertThat(BaseCompressor.DEFAULT_MAX_DECOMPRESSED_LENGTH).isEqualTo(32 * 1024 * 1024);
        byte[] over = new byte[BaseCompressor.DEFAULT_MAX_DECOMPRESSED_LENGTH + 1];
        assertThatThrownBy(() -> create("zstd").compress(over))
                .isInstanceOf(CacheCompressionException.class)
                .hasMessageContaining("options.compressor.max_decompressed_length");
    }

    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of("zlib", "1", "9"),
                Arguments.of("gzip", "1", "9"),
                Arguments.of("lzma", "0", "9"),
                Arguments.of("lz4", "0", "12"),
                Arguments.of("zstd", "1", "19"),
                Arguments.of("brotli", "0", "11"),
                Arguments.of("bz2", "1", "9"));
    }

    @ParameterizedTest
    @MethodSource("levels")
    void levelOptionIsHonoured(String name, String low, String high) {
        byte[] data = compressible(200 * 1024, 19);
        byte[] fast = create(name, "compressor.level", low).compress(data);
        byte[] strong = create(name, "compressor.level", high).compress(data);
        assertThat(fast).isNotEqualTo(strong);
        assertThat(strong.length).isLessThanOrEqualTo(fast.length);
        assertThat(create(name).decompress(fast)).isEqualTo(data);
        assertThat(create(name).decompress(strong)).isEqualTo(data);
    }

    @Test
    void zlibLevelZeroStoresUncompressedAndBz2LevelSetsBlockSize() {
        byte[] data = compressible(10 * 1024, 23);
        assertThat(create("zlib", "compressor.level", "0").compress(data)).isEqualTo(data);
        assertThat(create("bz2", "compressor.level", "1").compress(data)[3]).isEqualTo((byte) '1');
        assertThat(create("bz2").compress(data)[3]).isEqualTo((byte) '9');
    }

    @ParameterizedTest
    @MethodSource("all")
    void minLengthOptionIsHonoured(String name) {
        byte[] data = compressible(500, 29);
        assertThat(create(name, "compressor.min_length", "1000").compress(data)).isEqualTo(data);
        assertThat(create(name, "compressor.min_length", "100").compress(data).length).isLessThan(data.length);
    }

    @ParameterizedTest
    @MethodSource("all")
    void badOptionsAreRejectedNamingTheOption(String name) {
        for (String[] bad : new String[][] {
            {"compressor.level", "fast"}, {"compressor.level", "99"}, {"compressor.level", "-200000"},
            {"compressor.min_length", "-1"}, {"compressor.min_length", "ten"},
            {"compressor.max_decompressed_length", "0"}}) {
            CacheConfig cfg = CacheConfig.builder().location("valkey://127.0.0.1:6379").compressor(name)
                    .option(bad[0], bad[1]).build();
            assertThatThrownBy(() -> Plugins.compressor(cfg)).as("%s=%s", bad[0], bad[1])
                    .isInstanceOf(CacheConfigurationException.class)
                    .hasMessageContaining("options." + bad[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void pluginsAliasCreatesTheCompressor(String name) {
        CacheConfig cfg = CacheConfig.fromMap(Map.of("location", "valkey://127.0.0.1:6379", "compressor", name,
                "options.compressor.level", "1", "options.compressor.min_length", "20"), "t");
        Compressor c = Plugins.compressor(cfg);
        assertThat(c).isInstanceOf(ALL.get(name).apply(null).getClass());
        assertThat(c.toString()).contains("level=1", "minLength=20");
        byte[] data = compressible(5000, 31);
        assertThat(c.decompress(c.compress(data))).isEqualTo(data);
    }

    @ParameterizedTest
    @MethodSource("all")
    void noArgConstructorUsesDefaults(String name) throws Exception {
        Compressor c = ALL.get(name).apply(null).getClass().getConstructor().newInstance();
        byte[] data = compressible(5000, 37);
        assertThat(c.decompress(c.compress(data))).isEqualTo(data);
    }

    @ParameterizedTest
    @MethodSource("all")
    void isThreadSafe(String name) throws Exception {
        Compressor c = create(name, "compressor.level", "1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        byte[] data = compressible(1000 + i * 37, seed * 1000L + i);
                        assertThat(c.decompress(c.compress(data))).isEqualTo(data);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void everyCompressorDeclaresTheOptionsItReads(String name) throws Exception {
        assertThat(Plugins.declaredOptions(Class.forName(Plugins.COMPRESSOR_ALIASES.get(name))))
                .containsExactly("compressor.level", "compressor.max_decompressed_length", "compressor.min_length");
    }
}
