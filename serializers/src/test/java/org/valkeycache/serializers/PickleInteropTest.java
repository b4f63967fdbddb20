package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;

/**
 * Pickles exchanged with python3's standard library, both ways, under every compressor, through
 * the cache's value codec: the checked-in fixtures of {@code interop/pickle_fixtures.py} (protocols
 * 2-5), the same made live by python3 and compressed as django-valkey does, and Java's bytes
 * decompressed and unpickled by python3. lz4, zstd and brotli are not in Python's standard
 * library, so those bytes pass through the reference command-line tools (the C libraries
 * Python's bindings use).
 */
class PickleInteropTest {

    static final List<String> COMPRESSORS = List.of("identity", "zlib", "gzip", "lzma", "bz2", "lz4", "zstd", "brotli");
    private static final Set<String> BY_TOOL = Set.of("lz4", "zstd", "brotli");

    static Stream<Arguments> protocolsAndCompressors() {
        List<Arguments> out = new ArrayList<>();
        for (int protocol = 2; protocol <= 5; protocol++) {
            for (String c : COMPRESSORS) {
                out.add(Arguments.of(protocol, c));
            }
        }
        return out.stream();
    }

    private static ValueCodec codec(String compressor) {
        CacheConfig config = CacheConfig.builder().location("valkey://localhost").serializer("pickle")
                .compressor(compressor).build();
        return new ValueCodec(Plugins.serializer(config), Plugins.compressor(config));
    }

    private static String script() throws Exception {
        return Path.of(PickleInteropTest.class.getResource("/interop/pickle_fixtures.py").toURI()).toString();
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void javaReadsTheCheckedInFixtures(int protocol) throws Exception {
        Object value = new PickleSerializer().deserialize(PickleSerializerTest.resource("python-pickle-p" + protocol + ".pickle"));
        assertThat(plain(value)).isEqualTo(plain(pythonValue(protocol)));
        assertThat(new ArrayList<Object>(((Map<?, ?>) ((Map<?, ?>) value).get("ordered")).keySet())).containsExactly("b", "a");
    }

    @ParameterizedTest(name = "protocol {0}, {1}")
    @MethodSource("protocolsAndCompressors")
    void javaReadsWhatPythonWrites(int protocol, String compressor) throws Exception {
        byte[] stored = Processes.run(List.of("python3", script(), "dump", String.valueOf(protocol),
                BY_TOOL.contains(compressor) ? "identity" : compressor), new byte[0]);
        if (BY_TOOL.contains(compressor)) {
            stored = Processes.run(List.of(compressor, "-c"), stored);
        }
        Object value = codec(compressor).decode(stored);
        assertThat(plain(value)).isEqualTo(plain(pythonValue(protocol)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressors")
    void pythonReadsWhatJavaWrites(String compressor) throws Exception {
        byte[] stored = codec(compressor).encode(javaValue());
        if (!compressor.equals("identity")) {
            assertThat(stored[0] & 0xFF).as("compressed").isNotEqualTo(0x80);
        }
        if (BY_TOOL.contains(compressor)) {
            stored = Processes.run(List.of(compressor, "-d", "-c"), stored);
        }
        byte[] out = Processes.run(List.of("python3", script(), "check", BY_TOOL.contains(compressor) ? "identity" : compressor),
                stored);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("ok\n");
    }

    static Stream<String> compressors() {
        return COMPRESSORS.stream();
    }

    /** {@code python_value()} of the fixture script, in the Java types of the mapping. */
    static Map<String, Object> pythonValue(int protocol) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("none", null);
        v.put("true", true);
        v.put("false", false);
        v.put("small", 7L);
        v.put("byte", 255L);
        v.put("short", 65535L);
        v.put("neg", -1L);
        v.put("int32", (long) Integer.MIN_VALUE);
        v.put("int64", Long.MAX_VALUE);
        v.put("big", BigInteger.TWO.pow(100));
        v.put("bigneg", BigInteger.valueOf(3).pow(200).negate());
        v.put("float", 2.5);
        v.put("negzero", -0.0);
        v.put("inf", Double.POSITIVE_INFINITY);
        v.put("nan", Double.NaN);
        v.put("tiny", Double.MIN_VALUE);
        v.put("str", "Zoë ☕ 😀");
        v.put("long_str", "ü".repeat(300));
        v.put("empty_str", "");
        v.put("bytes", new byte[] {0, (byte) 0xFF, 'a', 'b'});
        v.put("long_bytes", longBytes());
        v.put("empty_bytes", new byte[0]);
        v.put("bytearray", new byte[] {1, 2});
        v.put("list", Arrays.asList(1L, "two", 3.0, null, List.of(4L, List.of(5L))));
        v.put("empty_list", List.of());
        v.put("tuple", new Object[] {1L, "a"});
        v.put("tuple1", new Object[] {"x"});
        v.put("tuple3", new Object[] {1L, 2L, 3L});
        v.put("tuple5", new Object[] {1L, 2L, 3L, 4L, 5L});
        v.put("empty_tuple", new Object[0]);
        v.put("dict", Map.of("nested", Map.of("k", List.of(1L, Map.of("deep", true)))));
        v.put("int_keys", Map.of(1L, "one", -2L, "minus two"));
        v.put("tuple_keys", Map.of(List.of(1L, "a"), "pair"));
        v.put("empty_dict", Map.of());
        v.put("set", new LinkedHashSet<>(List.of(1L, 2L, 3L)));
        v.put("empty_set", new LinkedHashSet<>());
        v.put("frozenset", frozen("a", "b"));
        v.put("set_of_tuples", new LinkedHashSet<>(List.of(List.of(1L, 2L))));
        v.put("set_of_frozensets", new LinkedHashSet<>(List.of(frozen(1L))));
        v.put("datetime", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000));
        v.put("datetime_utc", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        v.put("datetime_offset", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6_000, ZoneOffset.ofHoursMinutes(-5, -30)));
        v.put("datetime_zone", ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, paris));
        ZonedDateTime fold = ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, paris);
        v.put("datetime_fold", protocol >= 4 ? fold.withLaterOffsetAtOverlap() : fold.withEarlierOffsetAtOverlap());
        v.put("date", LocalDate.of(1, 1, 1));
        v.put("date_max", LocalDate.of(9999, 12, 31));
        v.put("time", LocalTime.of(23, 59, 59, 999_999_000));
        v.put("time_tz", OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(9)));
        v.put("timedelta", Duration.ofDays(-1).plusSeconds(5).plusNanos(7_000));
        v.put("timedelta_max", Duration.ofDays(999_999_999).plusSeconds(86_399).plusNanos(999_999_000));
        v.put("decimal", new BigDecimal("1.50"));
        v.put("decimal_exp", new BigDecimal("-1.2E+5"));
        v.put("ordered", Map.of("b", 1L, "a", 2L));
        return v;
    }

    /** What the fixture script's {@code java_expected()} checks. */
    static Map<String, Object> javaValue() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("none", null);
        v.put("true", true);
        v.put("int", 7);
        v.put("short", (short) -300);
        v.put("byte", (byte) -1);
        v.put("long", Long.MIN_VALUE);
        v.put("big", BigInteger.TWO.pow(100));
        v.put("bigneg", BigInteger.valueOf(3).pow(200).negate());
        v.put("double", 2.5);
        v.put("float", 0.1f);
        v.put("negzero", -0.0);
        v.put("inf", Double.POSITIVE_INFINITY);
        v.put("str", "Zoë ☕ 😀");
        v.put("long_str", "ü".repeat(300));
        v.put("char", 'c');
        v.put("bytes", new byte[] {0, (byte) 0xFF, 'a', 'b'});
        v.put("long_bytes", longBytes());
        v.put("list", List.of(1, "two", 3.0, Arrays.asList(null, List.of(4))));
        v.put("tuple", new Object[] {1, "a"});
        v.put("tuple5", new Object[] {1, 2, 3, 4, 5});
        v.put("empty_tuple", new Object[0]);
        v.put("dict", Map.of("nested", Map.of("k", List.of(1))));
        v.put("int_keys", Map.of(1, "one"));
        v.put("list_keys", Map.of(List.of(1, "a"), "pair"));
        v.put("set", Set.of(1, 2, 3));
        v.put("set_of_sets", Set.of(Set.of(1)));
        v.put("empty_set", Set.of());
        v.put("local_date_time", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000));
        v.put("offset_date_time", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6_000, ZoneOffset.ofHoursMinutes(-5, -30)));
        v.put("zoned", ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris")).withLaterOffsetAtOverlap());
        v.put("instant", Instant.parse("2024-01-02T03:04:05.000006Z"));
        v.put("date", LocalDate.of(9999, 12, 31));
        v.put("time", LocalTime.of(23, 59, 59, 999_999_000));
        v.put("offset_time", OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(9)));
        v.put("duration", Duration.ofDays(-1).plusSeconds(5).plusNanos(7_000));
        v.put("decimal", new BigDecimal("1.50"));
        v.put("decimal_exp", new BigDecimal("-1.2E+5"));
        v.put("zone", ZoneId.of("Europe/Paris"));
        v.put("offset", ZoneOffset.ofHours(2));
        return v;
    }

    private static byte[] longBytes() {
        byte[] b = new byte[512];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static Set<Object> frozen(Object... items) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(items)));
    }

    /** A tuple, compared by its items. */
    record Tuple(List<Object> items) {
    }

    /** A frozenset (an unmodifiable Set), compared by its items. */
    record Frozen(Set<Object> items) {
    }

    /**
     * A comparable form of a value: byte arrays by content, tuples and frozensets tagged so they
     * never equal a list or a set, numbers and everything else as they are (a Long is not an Integer).
     */
    static Object plain(Object v) {
        if (v instanceof byte[] b) {
            return "bytes " + HexFormat.of().formatHex(b);
        }
        if (v instanceof Object[] a) {
            return new Tuple((List<Object>) plain(Arrays.asList(a)));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Set<?> set) {
            Set<Object> out = new LinkedHashSet<>();
            set.forEach(x -> out.add(plain(x)));
            return set instanceof LinkedHashSet ? out : new Frozen(out);
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(plain(k), plain(x)));
            return out;
        }
        return v;
    }
}
