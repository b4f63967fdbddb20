package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheSerializationException;

class MsgPackSerializerTest {

    /** A record read back through a typed read. */
    public record Item(String sku, double price, List<Integer> sizes, LocalDate since) {
    }

    /** No properties at all. */
    public static class Empty {
    }

    private final MsgPackSerializer msgpack = new MsgPackSerializer();

    static byte[] hex(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    @Test
    void plainDataRoundTrips() {
        assertThat(msgpack.deserialize(msgpack.serialize("abc"))).isEqualTo("abc");
        assertThat(msgpack.deserialize(msgpack.serialize(true))).isEqualTo(true);
        assertThat(msgpack.deserialize(msgpack.serialize(null))).isNull();
        assertThat(msgpack.deserialize(msgpack.serialize(1.0))).isInstanceOf(Double.class).isEqualTo(1.0);
        assertThat(msgpack.deserialize(msgpack.serialize(List.of("x", 2.5)))).isEqualTo(List.of("x", 2.5));
        assertThat(msgpack.deserialize(msgpack.serialize(List.of(7, 5_000_000_000L))))
                .isEqualTo(List.of(7, 5_000_000_000L));
        assertThat(msgpack.serialize("abc")).isEqualTo(hex("A3 61 62 63"));
        assertThat(msgpack.serialize(null)).isEqualTo(hex("C0"));
    }

    @Test
    void unicodeAndBinaryRoundTrip() {
        String s = "Zoë ☕ 😀 \u0000";
        assertThat(msgpack.deserialize(msgpack.serialize(s))).isEqualTo(s);
        byte[] blob = {0, 1, (byte) 0xFF};
        assertThat(msgpack.serialize(blob)).isEqualTo(hex("C4 03 00 01 FF"));
        assertThat(msgpack.deserialize(msgpack.serialize(blob))).isEqualTo(blob);
    }

    @Test
    void nestedCollectionsRoundTrip() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("b", Arrays.asList(true, null, List.of(1.5, "z"), Map.of("k", List.of())));
        Object back = msgpack.deserialize(msgpack.serialize(value));
        assertThat(back).isInstanceOf(LinkedHashMap.class).isEqualTo(value);
    }

    @Test
    void recordsAndJavaTimeRoundTripThroughTypedRead() {
        Item item = new Item("X-1", 9.99, List.of(38, 40), LocalDate.of(2024, 2, 29));
        byte[] bytes = msgpack.serialize(item);
        assertThat(msgpack.deserialize(bytes, Item.class)).isEqualTo(item);
        assertThat(msgpack.deserialize(bytes)).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) msgpack.deserialize(bytes)).get("since")).isEqualTo("2024-02-29");
        Instant now = Instant.parse("2024-05-01T12:00:00.123456789Z");
        assertThat(msgpack.deserialize(msgpack.serialize(now))).isEqualTo("2024-05-01T12:00:00.123456789Z");
        assertThat(msgpack.deserialize(msgpack.serialize(now), Instant.class)).isEqualTo(now);
    }

    @Test
    void corruptInputIsRefused() {
        // 0xC1 is "never used" in the spec
        assertThatThrownBy(() -> msgpack.deserialize(hex("C1")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("MessagePack");
        assertThatThrownBy(() -> msgpack.deserialize(hex("92 01 C1")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("0xC1 at byte 2");
        // map keys that are maps or arrays (valid MessagePack, e.g. a Python tuple key) are
        // refused rather than silently dropped by the Jackson parser
        assertThatThrownBy(() -> msgpack.deserialize(hex("81 81 A1 61 01 01")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("map key that is a map (at byte 1)");
        assertThatThrownBy(() -> msgpack.deserialize(hex("82 A1 62 04 92 01 02 03")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("map key that is an array (at byte 4)");
        // scalar keys other than strings become strings
        assertThat(msgpack.deserialize(hex("81 01 02"))).isEqualTo(Map.of("1", 2));
        // nesting bomb
        byte[] deep = new byte[100_000];
        Arrays.fill(deep, (byte) 0x91);
        assertThatThrownBy(() -> msgpack.deserialize(deep))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("nested deeper");
        // two values where one is expected
        assertThatThrownBy(() -> msgpack.deserialize(hex("01 02")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("1 byte(s) of trailing data");
        // str8 announcing invalid UTF-8
        assertThatThrownBy(() -> msgpack.deserialize(hex("91 A2 C3 28")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("not valid UTF-8 (at byte 1)");
    }

    @Test
    void truncatedInputIsRefused() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("key", List.of("value", 1.5, 300, "ü"));
        byte[] full = msgpack.serialize(value);
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> msgpack.deserialize(cut)).as("prefix of %d bytes", len)
                    .isInstanceOf(CacheSerializationException.class);
        }
    }

    @Test
    void unserializableValuesAreRefusedBySerialize() {
        assertThatThrownBy(() -> msgpack.serialize(new Empty()))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining(Empty.class.getName())
                .hasMessageContaining("MessagePack");
        List<Object> selfList = new ArrayList<>();
        selfList.add(selfList);
        assertThatThrownBy(() -> msgpack.serialize(selfList))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("too deep or cyclic");
    }

    @Test
    void typedReadOfAMismatchingTypeIsRefused() {
        assertThatThrownBy(() -> msgpack.deserialize(msgpack.serialize(List.of(1, 2)), Item.class))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining(Item.class.getName());
        assertThatThrownBy(() -> msgpack.deserialize(msgpack.serialize("12"), Integer.class))
                .isInstanceOf(CacheSerializationException.class);
        assertThatThrownBy(() -> msgpack.deserialize(msgpack.serialize(true), Map.class))
                .isInstanceOf(CacheSerializationException.class);
    }

    @Test
    void isThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        Map<String, Object> v = Map.of("t", id, "i", i, "s", "x" + i, "d", i / 3.0);
                        assertThat(msgpack.deserialize(msgpack.serialize(v))).isEqualTo(v);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- extension types: hand-written from the MessagePack spec's timestamp section ---------

    @Test
    void timestampExtensionReadsAsInstantInAllThreeForms() {
        // timestamp 32: fixext4, type -1, uint32 seconds
        assertThat(msgpack.deserialize(hex("D6 FF 65 53 F1 00"))).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        // timestamp 64: fixext8, type -1, nanoseconds in the upper 30 bits, seconds in the lower 34
        long data64 = (500_000_000L << 34) | 1_700_000_000L;
        byte[] ts64 = ByteBuffer.allocate(10).put((byte) 0xD7).put((byte) 0xFF).putLong(data64).array();
        assertThat(msgpack.deserialize(ts64)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000L));
        // timestamp 96: ext8 of 12 bytes, type -1, uint32 nanoseconds then int64 seconds (before 1970 here)
        byte[] ts96 = ByteBuffer.allocate(15).put(hex("C7 0C FF")).putInt(1).putLong(-1L).array();
        assertThat(msgpack.deserialize(ts96)).isEqualTo(Instant.ofEpochSecond(-1L, 1L));
        // nested, and through a typed read
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("t", Instant.ofEpochSecond(1_700_000_000L));
        assertThat(msgpack.deserialize(hex("81 A1 74 D6 FF 65 53 F1 00"))).isEqualTo(nested);
        assertThat(msgpack.deserialize(hex("D6 FF 65 53 F1 00"), Instant.class)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void otherExtensionTypesAreRefusedByTypeAndPosition() {
        // Python: msgpack.packb(msgpack.ExtType(5, b"\x00")) == b"\xd4\x05\x00"
        assertThatThrownBy(() -> msgpack.deserialize(hex("D4 05 00")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("extension value of type 5").hasMessageContaining("at byte 0")
                .hasMessageContaining("only the timestamp extension");
        assertThatThrownBy(() -> msgpack.deserialize(hex("92 01 C7 02 7F 00 00"), List.class))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("extension value of type 127").hasMessageContaining("at byte 2");
    }

    @Test
    void malformedTimestampsAreRefused() {
        assertThatThrownBy(() -> msgpack.deserialize(hex("C7 03 FF 00 00 00")))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("has 3 bytes");
        byte[] badNanos = ByteBuffer.allocate(15).put(hex("C7 0C FF")).putInt(1_000_000_000).putLong(0).array();
        assertThatThrownBy(() -> msgpack.deserialize(badNanos))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("1000000000 nanoseconds");
        byte[] tooFar = ByteBuffer.allocate(15).put(hex("C7 0C FF")).putInt(0).putLong(Long.MAX_VALUE).array();
        assertThatThrownBy(() -> msgpack.deserialize(tooFar))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("outside the range of java.time.Instant");
    }
}
