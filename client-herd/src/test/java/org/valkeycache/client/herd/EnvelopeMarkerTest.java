package org.valkeycache.client.herd;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;

/**
 * No value this library's codecs write can be taken for a herd envelope: every serializer x
 * compressor pairing encodes values of every shape and of every size from 0 to 9000 bytes
 * (compressible and not, so each compressor both compresses and stores raw, and brotli picks every
 * window size), including values that themselves begin with the envelope marker, and none of the
 * encoded bytes starts with the marker.
 */
class EnvelopeMarkerTest {

    static final List<String> SERIALIZERS = List.of("java", "json", "msgpack", "pickle", "string");
    static final List<String> COMPRESSORS = List.of("identity", "zlib", "gzip", "lzma", "lz4", "zstd", "brotli", "bz2");

    static Stream<Arguments> pairings() {
        List<Arguments> out = new ArrayList<>();
        for (String s : SERIALIZERS) {
            for (String c : COMPRESSORS) {
                out.add(Arguments.of(s, c));
            }
        }
        return out.stream();
    }

    /** Values of every shape a cache stores, many sizes of text and bytes. */
    static List<Object> corpus() {
        SplittableRandom random = new SplittableRandom(12);
        byte[] marker = HerdEnvelope.pack(new byte[] {1, 2, 3}, 1_800_000_000_000L);
        List<Object> values = new ArrayList<>();
        values.add(null);
        values.add(true);
        values.add("");
        values.add("plain text ✓ 日本語 🚀");
        values.add(new String(marker, StandardCharsets.ISO_8859_1));
        values.add(marker);
        values.add(new byte[0]);
        values.add(42L);
        values.add(new BigInteger("-123456789012345678901234567890"));
        values.add(2.5d);
        values.add(new ArrayList<>(List.of("a", 1L, 2.5d)));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("marker", marker);
        map.put("list", new ArrayList<>(List.of(1L, 2L)));
        values.add(map);
        for (int size = 0; size <= 9000; size += size < 64 ? 1 : 211) {
            StringBuilder text = new StringBuilder(size);
            StringBuilder noise = new StringBuilder(size);
            for (int i = 0; i < size; i++) {
                text.append("compressible line ".charAt(i % 18));
                noise.append((char) (0x21 + random.nextInt(0x5E)));
            }
            values.add(text.toString());
            values.add(noise.toString());
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            if (size >= 4) {
                System.arraycopy(marker, 0, bytes, 0, 4);
            }
            values.add(bytes);
        }
        return values;
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("pairings")
    void noEncodedValueStartsWithTheEnvelopeMarker(String serializer, String compressor) {
        CacheConfig config = CacheConfig.builder().location("valkey://127.0.0.1:1").serializer(serializer)
                .compressor(compressor).build();
        ValueCodec codec = new ValueCodec(Plugins.serializer(config), Plugins.compressor(config));
        int encoded = 0;
        for (Object value : corpus()) {
            byte[] bytes;
            try {
                bytes = codec.encode(value);
            } catch (CacheSerializationException refused) {
                continue; // a value this serializer does not take (byte[] under string, null under json...)
            }
            encoded++;
            assertThat(HerdEnvelope.isEnvelope(bytes)).as("%s encoded by %s + %s", describe(value), serializer, compressor)
                    .isFalse();
        }
        assertThat(encoded).as("values encoded").isGreaterThan(150);
    }

    private static String describe(Object value) {
        if (value instanceof byte[] b) {
            return "byte[" + b.length + "]";
        }
        String text = String.valueOf(value);
        return (value == null ? "null" : value.getClass().getSimpleName()) + " of length " + text.length();
    }
}
