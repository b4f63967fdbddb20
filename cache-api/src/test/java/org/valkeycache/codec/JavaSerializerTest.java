package org.valkeycache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.SerializationException;
import org.valkeycache.config.CacheConfig;

class JavaSerializerTest {

    /** A user type, allowed only when configured. */
    record Person(String name, int age) implements Serializable {
    }

    /** Counts instantiations: a refused class must never be constructed. */
    static final class Tracked implements Serializable {
        static final AtomicInteger READS = new AtomicInteger();
        private static final long serialVersionUID = 1L;

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            READS.incrementAndGet();
            in.defaultReadObject();
        }
    }

    static final class NotSerializable {
    }

    private final JavaSerializer serializer = new JavaSerializer();

    private Object roundTrip(JavaSerializer s, Object value) {
        return s.deserialize(s.serialize(value));
    }

    @Test
    void jdkValueTypesAndCollectionsAreAllowedByDefault() {
        List<Object> values = List.of("text", "ünïcødé ✓", 3.5d, 2.5f, true, 'c', new BigDecimal("1.10"),
                Instant.parse("2026-11-25T10:00:00Z"), LocalDate.of(2026, 1, 2), Duration.ofMillis(1500),
                UUID.randomUUID(), new ArrayList<>(List.of(1, 2)), new HashMap<>(Map.of("a", 1)),
                new TreeMap<>(Map.of("b", List.of("x"))), List.of("immutable"), Set.of(1), Map.of("k", "v"),
                Collections.unmodifiableList(new ArrayList<>(List.of("u"))), Arrays.asList("a", "b"),
                new byte[] {1, 2, 3}, new int[] {4, 5});
        for (Object v : values) {
            Object back = roundTrip(serializer, v);
            if (v instanceof byte[] b) {
                assertThat((byte[]) back).isEqualTo(b);
            } else if (v instanceof int[] i) {
                assertThat((int[]) back).isEqualTo(i);
            } else {
                assertThat(back).as(v.getClass().getName()).isEqualTo(v);
            }
        }
    }

    @Test
    void aClassOutsideTheAllowListIsRefusedOnWriteNamingTheClassAndTheOption() {
        assertThatThrownBy(() -> serializer.serialize(new Person("ann", 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Person.class.getName())
                .hasMessageContaining("serializer.allowlist");
        assertThatThrownBy(() -> serializer.serialize(List.of(new Person("nested", 1))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Person.class.getName());
    }

    @Test
    void aClassOutsideTheAllowListIsRefusedOnReadWithoutBeingInstantiated() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Tracked()); // written by someone else, bypassing our checks
        }
        int before = Tracked.READS.get();
        assertThatThrownBy(() -> serializer.deserialize(bytes.toByteArray()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("refused");
        assertThat(Tracked.READS.get()).isEqualTo(before);
    }

    @Test
    void userPackagesCanBeAllowedInConfig() {
        CacheConfig config = CacheConfig.builder().location("valkey://localhost")
                .option("serializer.allowlist", "org.valkeycache.codec.JavaSerializerTest$Person, org.example.**")
                .build();
        JavaSerializer configured = new JavaSerializer(config);
        assertThat(roundTrip(configured, new Person("ann", 3))).isEqualTo(new Person("ann", 3));
        assertThat(roundTrip(configured, List.of(new Person("bob", 4)))).isEqualTo(List.of(new Person("bob", 4)));
        assertThat(configured.toString()).contains("org.example.**");
    }

    @Test
    void malformedOptionsAreConfigurationErrors() {
        CacheConfig bad = CacheConfig.builder().location("valkey://localhost")
                .option("serializer.allowlist", "!java.lang.Runtime").build();
        assertThatThrownBy(() -> new JavaSerializer(bad)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("serializer.allowlist");
        CacheConfig badDepth = CacheConfig.builder().location("valkey://localhost")
                .option("serializer.maxdepth", "-3").build();
        assertThatThrownBy(() -> new JavaSerializer(badDepth)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("serializer.maxdepth");
    }

    @Test
    void unserializableValuesAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> serializer.serialize(new NotSerializable()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(NotSerializable.class.getName())
                .hasMessageContaining("Serializable");
    }

    @Test
    void corruptTruncatedAndForeignBytesAreTypedErrors() {
        byte[] good = serializer.serialize(new ArrayList<>(List.of("a", "b", "c")));
        assertThatThrownBy(() -> serializer.deserialize(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(SerializationException.class);
        byte[] flipped = good.clone();
        flipped[10] ^= 0x5A;
        assertThatThrownBy(() -> serializer.deserialize(flipped)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serializer.deserialize("{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not Java-serialized");
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> serializer.deserialize(trailing))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
    }

    @Test
    void deeplyNestedGraphsHitTheDepthLimit() {
        JavaSerializer shallow = new JavaSerializer(List.of(), 5, 1000, 1000);
        List<Object> nested = new ArrayList<>();
        List<Object> cur = nested;
        for (int i = 0; i < 20; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        byte[] bytes = serializer.serialize(nested);
        assertThatThrownBy(() -> shallow.deserialize(bytes)).isInstanceOf(SerializationException.class);
    }
}
