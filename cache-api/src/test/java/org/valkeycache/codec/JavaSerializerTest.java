package org.valkeycache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.config.CacheConfig;

class JavaSerializerTest {

    /** A user type, allowed only when configured. */
    record Person(String name, int age) implements Serializable {
    }

    /** Counts instantiations: a refused class must never be constructed. */
    static final class Tracked implements Serializable {
        static final AtomicInteger READS = new AtomicInteger();
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
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
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining(Person.class.getName())
                .hasMessageContaining("serializer.allowlist");
        assertThatThrownBy(() -> serializer.serialize(List.of(new Person("nested", 1))))
                .isInstanceOf(CacheSerializationException.class)
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
                .isInstanceOf(CacheSerializationException.class)
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
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining(NotSerializable.class.getName())
                .hasMessageContaining("Serializable");
    }

    @Test
    void corruptTruncatedAndForeignBytesAreTypedErrors() {
        byte[] good = serializer.serialize(new ArrayList<>(List.of("a", "b", "c")));
        assertThatThrownBy(() -> serializer.deserialize(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(CacheSerializationException.class);
        byte[] flipped = good.clone();
        flipped[10] ^= 0x5A;
        assertThatThrownBy(() -> serializer.deserialize(flipped)).isInstanceOf(CacheSerializationException.class);
        assertThatThrownBy(() -> serializer.deserialize("{\"json\":1}".getBytes()))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("not Java-serialized");
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> serializer.deserialize(trailing))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("trailing");
    }

    @Test
    void deeplyNestedGraphsHitTheDepthLimitNamingIt() {
        JavaSerializer shallow = new JavaSerializer(List.of(), 5, 1000, 1000);
        byte[] bytes = serializer.serialize(nested(20));
        assertThatThrownBy(() -> shallow.deserialize(bytes)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("options.serializer.maxdepth")
                .hasMessageNotContaining("allow");
    }

    private static List<Object> nested(int depth) {
        List<Object> top = new ArrayList<>();
        List<Object> cur = top;
        for (int i = 1; i < depth; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        return top;
    }

    // ---- array claims are bounded by the bytes the stored value holds (issue 9, item 5) ----

    /** The 27-byte value of the report: a long[] header claiming 99,999,999 elements, and nothing else. */
    static byte[] forgedLongArrayHeader(int claimedLength) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(raw);
        out.writeShort(0xACED); // STREAM_MAGIC
        out.writeShort(5); // STREAM_VERSION
        out.writeByte(0x75); // TC_ARRAY
        out.writeByte(0x72); // TC_CLASSDESC
        out.writeUTF("[J");
        out.writeLong(ObjectStreamClass.lookup(long[].class).getSerialVersionUID());
        out.writeByte(0x02); // SC_SERIALIZABLE
        out.writeShort(0); // no fields
        out.writeByte(0x78); // TC_ENDBLOCKDATA
        out.writeByte(0x70); // TC_NULL: no superclass
        out.writeInt(claimedLength);
        out.flush();
        return raw.toByteArray();
    }

    /**
     * Heap the calling thread allocates while {@code action} runs (test-support's
     * {@code Allocations}, which cache-api cannot depend on: test-support depends on cache-api).
     */
    private static long allocatedBytes(Runnable action) {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void aTinyValueClaimingAHugeArrayIsRefusedWithoutAllocatingIt() throws Exception {
        byte[] forged = forgedLongArrayHeader(99_999_999);
        assertThat(forged).hasSize(27);
        long allocated = allocatedBytes(() -> assertThatThrownBy(() -> serializer.deserialize(forged))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("long[] of 99999999 elements")
                .hasMessageContaining("799999992 bytes")
                .hasMessageContaining("27-byte value")
                .hasMessageNotContaining("allow-list"));
        assertThat(allocated).as("bytes allocated while refusing the forged value").isLessThan(4L * 1024 * 1024);
    }

    @Test
    void everyPrimitiveArrayClaimIsCheckedAgainstItsElementWidth() {
        List<Object> arrays = List.of(new boolean[40], new byte[40], new char[40], new short[40], new int[40],
                new float[40], new long[40], new double[40]);
        for (Object array : arrays) {
            byte[] good = serializer.serialize(array);
            // the array is the whole value, so its elements end exactly at the end of the stream
            assertThat(serializer.deserialize(good)).as(array.getClass().getTypeName()).isNotNull();
            byte[] overclaimed = good.clone();
            int lengthAt = good.length - 40 * elementWidth(array) - 4;
            assertThat(ByteBuffer.wrap(good, lengthAt, 4).getInt()).isEqualTo(40);
            ByteBuffer.wrap(overclaimed, lengthAt, 4).putInt(60);
            assertThatThrownBy(() -> serializer.deserialize(overclaimed)).as(array.getClass().getTypeName())
                    .isInstanceOf(CacheSerializationException.class)
                    .hasMessageContaining(array.getClass().getTypeName() + " of 60 elements")
                    .hasMessageContaining("corrupt or forged");
        }
    }

    private static int elementWidth(Object array) {
        return switch (array.getClass().getComponentType().getName()) {
            case "boolean", "byte" -> 1;
            case "char", "short" -> 2;
            case "int", "float" -> 4;
            default -> 8;
        };
    }

    /** Object[] inside Object[] inside ...: each claim fits the bytes after it, their sum does not. */
    @Test
    void nestedArrayClaimsCannotShareTheSameBytes() throws Exception {
        int levels = 16;
        int claim = 100_000;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(raw);
        out.writeShort(0xACED);
        out.writeShort(5);
        out.writeByte(0x75); // TC_ARRAY
        out.writeByte(0x72); // TC_CLASSDESC
        out.writeUTF("[Ljava.lang.Object;");
        out.writeLong(ObjectStreamClass.lookup(Object[].class).getSerialVersionUID());
        out.writeByte(0x02);
        out.writeShort(0);
        out.writeByte(0x78);
        out.writeByte(0x70);
        out.writeInt(claim);
        for (int i = 1; i < levels; i++) {
            out.writeByte(0x75); // TC_ARRAY
            out.writeByte(0x71); // TC_REFERENCE to the class descriptor
            out.writeInt(0x7E0000);
            out.writeInt(claim);
        }
        for (int i = 0; i < claim; i++) {
            out.writeByte(0x70); // TC_NULL: enough bytes for any one claim, not for all of them
        }
        out.flush();
        byte[] forged = raw.toByteArray();
        long allocated = allocatedBytes(() -> assertThatThrownBy(() -> serializer.deserialize(forged))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("corrupt or forged"));
        assertThat(allocated).isLessThan((long) levels * claim * 2);
    }

    @Test
    void collectionsWhoseReaderPreSizesTablesStillReadBack() {
        HashSet<String> sparseSet = new HashSet<>(16, 0.25f);
        for (int i = 0; i < 300; i++) {
            sparseSet.add(Integer.toString(i));
        }
        HashMap<String, String> sparseMap = new HashMap<>(16, 0.25f);
        for (int i = 0; i < 300; i++) {
            sparseMap.put(Integer.toString(i), null);
        }
        Map<Object, Object> nullMap = new HashMap<>();
        nullMap.put(null, null);
        ArrayList<Object> nulls = new ArrayList<>(Collections.nCopies(1000, null));
        List<Object> values = List.of(sparseSet, sparseMap, nullMap, nulls, Collections.nCopies(100_000, "x"),
                new ArrayDeque<>(List.of("a", "b")), new LinkedHashMap<>(Map.of("k", 1)),
                new ConcurrentHashMap<>(Map.of("k", 2)), new CopyOnWriteArrayList<>(List.of("c")),
                List.of("a", "b", "c"), Set.of("s"), new TreeMap<>(Map.of("t", 3)), new LinkedList<>(List.of(1)));
        for (Object value : values) {
            Object back = roundTrip(serializer, value);
            if (value instanceof ArrayDeque<?> deque) {
                assertThat(back).asInstanceOf(InstanceOfAssertFactories.ITERABLE)
                        .containsExactlyElementsOf(deque);
            } else {
                assertThat(back).as(value.getClass().getName()).isEqualTo(value);
            }
            // and as the last of a list of values, where nothing follows in the stream
            assertThat(roundTrip(serializer, new ArrayList<>(List.of("head", value)))).isNotNull();
        }
    }

    // ---- the configured limits are checked on write, so nothing stored is refused on read ----

    @Test
    void anArrayOverMaxArrayIsRefusedOnWriteNamingTheOption() {
        JavaSerializer limited = new JavaSerializer(config("serializer.maxarray", "1000"));
        assertThat((byte[]) roundTrip(limited, new byte[1000])).hasSize(1000);
        for (Object tooLong : List.of(new byte[1001], new Object[1001], new ArrayList<>(Collections.nCopies(1001, "x")),
                List.of(new long[2000]))) {
            assertThatThrownBy(() -> limited.serialize(tooLong)).as(tooLong.getClass().getName())
                    .isInstanceOf(CacheSerializationException.class)
                    .hasMessageContaining("options.serializer.maxarray")
                    .hasMessageContaining("1000")
                    .hasMessageNotContaining("allow-list");
        }
    }

    @Test
    void aGraphOverMaxDepthIsRefusedOnWriteNamingTheOption() {
        JavaSerializer limited = new JavaSerializer(config("serializer.maxdepth", "10"));
        assertThat(roundTrip(limited, nested(5))).isEqualTo(nested(5));
        assertThatThrownBy(() -> limited.serialize(nested(40)))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("options.serializer.maxdepth")
                .hasMessageNotContaining("allow-list");
    }

    @Test
    void aGraphOverMaxRefsIsRefusedOnWriteNamingTheOption() {
        JavaSerializer limited = new JavaSerializer(config("serializer.maxrefs", "100"));
        List<String> few = new ArrayList<>(Collections.nCopies(20, "x"));
        assertThat(roundTrip(limited, few)).isEqualTo(few);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(1000 + i);
        }
        assertThatThrownBy(() -> limited.serialize(many))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("options.serializer.maxrefs")
                .hasMessageNotContaining("allow-list");
    }

    /** Reading back on write is the fallback for values the bounds cannot clear, not for big strings or arrays. */
    @Test
    void largeStringsAndArraysAreNotReadBackOnWrite() {
        JavaSerializer writer = new JavaSerializer(List.of(Tracked.class.getName()), 64, 1_000_000, Integer.MAX_VALUE);
        int before = Tracked.READS.get();
        writer.serialize(new ArrayList<>(List.of("x".repeat(1_500_000), new byte[1_500_000], new Tracked())));
        assertThat(Tracked.READS.get()).as("instances read back while writing").isEqualTo(before);
        // lists of lists are cleared by the bound; a shallow graph it cannot clear (70 objects with
        // an Object field) is read back, once
        List<Object> wide = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            wide.add(nested(3));
        }
        wide.add(new Tracked());
        writer.serialize(wide);
        assertThat(Tracked.READS.get()).isEqualTo(before);
        JavaSerializer boxes = new JavaSerializer(List.of(Tracked.class.getName(), Box.class.getName()), 64,
                1_000_000, Integer.MAX_VALUE);
        List<Object> unknown = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            unknown.add(new Box("x" + i));
        }
        unknown.add(new Tracked());
        boxes.serialize(unknown);
        assertThat(Tracked.READS.get()).isEqualTo(before + 1);
    }

    @Test
    void readLimitsNameTheirOption() throws Exception {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(1000 + i);
        }
        byte[] bytes = serializer.serialize(many);
        assertThatThrownBy(() -> new JavaSerializer(config("serializer.maxrefs", "100")).deserialize(bytes))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("options.serializer.maxrefs").hasMessageNotContaining("allow-list");
        assertThatThrownBy(() -> new JavaSerializer(config("serializer.maxarray", "100")).deserialize(bytes))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("options.serializer.maxarray").hasMessageNotContaining("allow-list");
    }

    /** A record whose field may hold anything: its depth is not known from its class. */
    record Box(Object content) implements Serializable {
    }

    /** A record holding another record: its depth is known from its class. */
    record Team(String name, Person lead, Person[] members) implements Serializable {
    }

    /** Feeds DepthBound exactly as the serializer does. */
    private static long depthBound(Object value) throws Exception {
        DepthBound bound = new DepthBound();
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream()) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                bound.add(obj);
                return obj;
            }

            @Override
            protected void annotateClass(Class<?> cl) {
                bound.addDescriptor(cl);
            }
        }) {
            out.writeObject(value);
        }
        return bound.bound(0); // 0: the tightest bound, every container looked into
    }

    /** The write-side depth bound is sound: a reader limited to exactly the bound accepts the value. */
    @Test
    void theDepthBoundOfAWrittenValueIsNeverBelowTheDepthTheReaderSees() throws Exception {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new HashMap<>(Map.of("id", i, "name", "row" + i, "at", Instant.EPOCH)));
        }
        Person ann = new Person("ann", 3);
        TreeMap<String, Object> reversed = new TreeMap<>(Collections.reverseOrder());
        reversed.put("k", List.of(new ArrayList<>(List.of(1))));
        Map<Object, Object> selfNested = new HashMap<>();
        selfNested.put("inner", new HashMap<>(Map.of("x", new ArrayList<>(List.of(new BigDecimal("1.5"))))));
        List<Object> values = List.of("flat", 42, nested(3), nested(30), rows, new ArrayList<>(List.of(ann, ann)),
                new Team("t", ann, new Person[] {ann, new Person("bob", 4)}), new Object[] {new Object[] {List.of(1)}},
                reversed, selfNested, List.of(List.of(List.of("deep"))), Arrays.<Object>asList(new int[] {1}, "x"),
                Collections.unmodifiableList(new ArrayList<>(List.of(List.of(1)))), new ArrayDeque<>(List.of(nested(4))),
                new LinkedHashMap<>(Map.of(UUID.randomUUID(), LocalDate.EPOCH)), new byte[] {1},
                new EnumMap<>(Map.of(DayOfWeek.MONDAY, 1)), new BigDecimal("2.5"),
                new LinkedHashSet<>(List.of(ZonedDateTime.now(), 'c')), Boolean.TRUE,
                new Box(new Box(List.of(new Box(nested(3))))), new ArrayList<>(List.of(List.of(nested(4)), nested(6))),
                new HashMap<>(Map.of("k", new ArrayList<>(List.of(new HashMap<>(Map.of("j", nested(3))))))));
        List<String> allowed = List.of(Person.class.getName(), Team.class.getName(), Box.class.getName());
        JavaSerializer writer = new JavaSerializer(allowed, 1000, 1000000, 1000000);
        for (Object value : values) {
            long bound = depthBound(value);
            JavaSerializer reader = new JavaSerializer(allowed, bound, 1_000_000, 1_000_000);
            byte[] bytes = writer.serialize(value);
            assertThat(reader.deserialize(bytes)).as("%s with bound %d", value, bound).isNotNull();
        }
        assertThat(depthBound(rows)).as("a list of flat maps").isLessThan(10);
        assertThat(depthBound(new ArrayList<>(Collections.nCopies(500, new Team("t", ann, new Person[0])))))
                .as("a list of records").isLessThan(10);
    }

    private static CacheConfig config(String option, String value) {
        return CacheConfig.builder().location("valkey://localhost").option(option, value).build();
    }
}
