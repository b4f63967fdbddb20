package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

class JsonSerializerTest {

    /** A record read back through a typed read. */
    public record Person(String name, int age, List<String> tags, Instant born) {
    }

    /** A POJO with a java.time field. */
    public static class Event {
        public String title;
        public LocalDate day;
        public Duration length;
    }

    /** No properties at all: Jackson's FAIL_ON_EMPTY_BEANS. */
    public static class Empty {
    }

    /** A cycle through a property. */
    public static class Node {
        public Node next;
        public String name = "n";
    }

    private final JsonSerializer json = new JsonSerializer();

    private String text(Object value) {
        return new String(json.serialize(value), StandardCharsets.UTF_8);
    }

    @Test
    void plainDataRoundTripsAsNaturalJson() {
        assertThat(text("abc")).isEqualTo("\"abc\"");
        assertThat(text(true)).isEqualTo("true");
        assertThat(text(null)).isEqualTo("null");
        assertThat(text(1.5)).isEqualTo("1.5");
        assertThat(json.deserialize(json.serialize("abc"))).isEqualTo("abc");
        assertThat(json.deserialize(json.serialize(Boolean.FALSE))).isEqualTo(false);
        assertThat(json.deserialize(json.serialize(null))).isNull();
        assertThat(json.deserialize(json.serialize(List.of("x", "y")))).isEqualTo(List.of("x", "y"));
    }

    @Test
    void smallMapHasExactlyTheExpectedBytes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("b", Arrays.asList(true, null));
        byte[] bytes = json.serialize(value);
        assertThat(bytes).isEqualTo("{\"a\":1,\"b\":[true,null]}".getBytes(StandardCharsets.UTF_8));
        Object back = json.deserialize(bytes);
        assertThat(back).isInstanceOf(LinkedHashMap.class).isEqualTo(value);
        assertThat(((Map<?, ?>) back).get("b")).isInstanceOf(ArrayList.class);
    }

    @Test
    void doublesReadBackAsDoubleAndWholeNumbersAsTheSmallestIntegerType() {
        assertThat(text(1.0)).isEqualTo("1.0");
        assertThat(json.deserialize(json.serialize(1.0))).isInstanceOf(Double.class).isEqualTo(1.0);
        assertThat(json.deserialize(json.serialize(List.of(1.0, 2.5e300)))).isEqualTo(List.of(1.0, 2.5e300));
        assertThat(json.deserialize(json.serialize(List.of(7, 5_000_000_000L))))
                .isEqualTo(List.of(7, 5_000_000_000L));
        assertThat(json.deserialize(json.serialize(1.5f))).isEqualTo(1.5d);
    }

    @Test
    void unicodeRoundTripsAsUtf8() {
        String s = "Zoë ☕ 😀 \u0000 \"quoted\" \\ tab\t";
        byte[] bytes = json.serialize(s);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Zoë ☕ 😀");
        assertThat(json.deserialize(bytes)).isEqualTo(s);
    }

    @Test
    void nestedCollectionsRoundTrip() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", List.of(1, List.of(2, 3), Map.of("k", false)));
        inner.put("empty", List.of());
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("nested", inner);
        value.put("s", "x");
        value.put("n", null);
        assertThat(json.deserialize(json.serialize(value))).isEqualTo(value);
    }

    @Test
    void recordsRoundTripThroughTypedRead() {
        Person p = new Person("Ann", 41, List.of("a", "b"), Instant.parse("1983-02-01T10:15:30Z"));
        byte[] bytes = json.serialize(p);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"Ann\",\"age\":41,\"tags\":[\"a\",\"b\"],\"born\":\"1983-02-01T10:15:30Z\"}");
        assertThat(json.deserialize(bytes, Person.class)).isEqualTo(p);
        // untyped read gives the natural map
        assertThat(json.deserialize(bytes)).isInstanceOf(Map.class);
    }

    @Test
    void javaTimeValuesAreIsoStrings() {
        assertThat(text(Instant.parse("2024-05-01T12:00:00Z"))).isEqualTo("\"2024-05-01T12:00:00Z\"");
        assertThat(text(LocalDate.of(2024, 5, 1))).isEqualTo("\"2024-05-01\"");
        assertThat(text(Duration.ofMinutes(90))).isEqualTo("\"PT1H30M\"");
        LocalDateTime ldt = LocalDateTime.of(2024, 5, 1, 12, 30, 15, 123_000_000);
        assertThat(json.deserialize(json.serialize(ldt), LocalDateTime.class)).isEqualTo(ldt);
        OffsetDateTime odt = OffsetDateTime.of(ldt, ZoneOffset.ofHours(2));
        assertThat(json.deserialize(json.serialize(odt), OffsetDateTime.class).isEqual(odt)).isTrue();

        Event e = new Event();
        e.title = "launch";
        e.day = LocalDate.of(2030, 1, 2);
        e.length = Duration.ofSeconds(5);
        Event back = json.deserialize(json.serialize(e), Event.class);
        assertThat(back.title).isEqualTo("launch");
        assertThat(back.day).isEqualTo(e.day);
        assertThat(back.length).isEqualTo(e.length);
    }

    @Test
    void corruptInputIsRefusedWithPosition() {
        assertThatThrownBy(() -> json.deserialize("{\"a\":1,}x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("JSON")
                .hasMessageContaining("at byte");
        assertThatThrownBy(() -> json.deserialize(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}))
                .isInstanceOf(CacheSerializationException.class);
        assertThatThrownBy(() -> json.deserialize("[1] [2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("Trailing token");
    }

    @Test
    void truncatedInputIsRefused() {
        byte[] full = json.serialize(Map.of("key", List.of("value", 1.5)));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> json.deserialize(cut)).as("prefix of %d bytes", len)
                    .isInstanceOf(CacheSerializationException.class);
        }
        assertThatThrownBy(() -> json.deserialize("\"abc".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void invalidUtf8InsideJsonIsRefused() {
        byte[] bad = {'"', (byte) 0xC3, (byte) 0x28, '"'};
        assertThatThrownBy(() -> json.deserialize(bad)).isInstanceOf(CacheSerializationException.class);
    }

    @Test
    void unserializableValuesAreRefusedBySerialize() {
        assertThatThrownBy(() -> json.serialize(new Empty()))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining(Empty.class.getName());
        Node a = new Node();
        a.next = a;
        assertThatThrownBy(() -> json.serialize(a))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining(Node.class.getName());
        Node b = new Node();
        Node c = new Node();
        b.next = c;
        c.next = b;
        assertThatThrownBy(() -> json.serialize(b)).isInstanceOf(CacheSerializationException.class);
        List<Object> selfList = new ArrayList<>();
        selfList.add(selfList);
        assertThatThrownBy(() -> json.serialize(selfList))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("too deep or cyclic");
        assertThatThrownBy(() -> json.serialize(Map.of("x", new Object())))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void typedReadOfAMismatchingTypeIsRefused() {
        assertThatThrownBy(() -> json.deserialize(json.serialize(List.of(1, 2)), Person.class))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining(Person.class.getName());
        assertThatThrownBy(() -> json.deserialize(json.serialize("12"), Integer.class))
                .isInstanceOf(CacheSerializationException.class);
        assertThatThrownBy(() -> json.deserialize(json.serialize(1.5), Integer.class))
                .isInstanceOf(CacheSerializationException.class);
        assertThatThrownBy(() -> json.deserialize(json.serialize(Map.of("name", "x", "extra", 1)), Person.class))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> json.deserialize(json.serialize("not a date"), Instant.class))
                .isInstanceOf(CacheSerializationException.class);
    }

    @Test
    void unknownPropertiesCanBeIgnored() {
        JsonSerializer lenient = new JsonSerializer(false);
        Person p = lenient.deserialize(
                "{\"name\":\"x\",\"age\":3,\"extra\":1}".getBytes(StandardCharsets.UTF_8), Person.class);
        assertThat(p.name()).isEqualTo("x");
        assertThat(p.age()).isEqualTo(3);
    }

    @Test
    void noDefaultTypingClassNamesInDataAreJustData() {
        byte[] bytes = "[\"java.net.URL\",\"http://example.com\"]".getBytes(StandardCharsets.UTF_8);
        assertThat(json.deserialize(bytes)).isEqualTo(List.of("java.net.URL", "http://example.com"));
        byte[] obj = "{\"@class\":\"java.lang.ProcessBuilder\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(json.deserialize(obj)).isEqualTo(Map.of("@class", "java.lang.ProcessBuilder"));
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
                        Map<String, Object> v = Map.of("t", id, "i", i, "s", "x" + i);
                        assertThat(json.deserialize(json.serialize(v))).isEqualTo(v);
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
}
