package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.valkeycache.serializers.MsgPackSerializerTest.hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.valkeycache.CacheException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;

class PickleSerializerTest {

    private final PickleSerializer pickle = new PickleSerializer();

    static byte[] resource(String name) throws IOException {
        try (InputStream in = PickleSerializerTest.class.getResourceAsStream("/interop/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private Object roundTrip(Object value) {
        return pickle.deserialize(pickle.serialize(value));
    }

    @Test
    void aliasAndProtocol() {
        assertThat(Plugins.serializer(CacheConfig.builder().location("valkey://localhost").serializer("pickle").build()))
                .isInstanceOf(PickleSerializer.class);
        byte[] bytes = pickle.serialize("x");
        assertThat(bytes[0] & 0xFF).isEqualTo(0x80);
        assertThat(bytes[1]).isEqualTo((byte) 4);
        assertThat(pickle.toString()).contains("protocol 4");
    }

    @Test
    void scalarsRoundTripWithTheStatedMapping() {
        assertThat(roundTrip(null)).isNull();
        assertThat(roundTrip(true)).isEqualTo(true);
        assertThat(roundTrip(false)).isEqualTo(false);
        for (long n : new long[] {0, 1, 255, 256, 65535, 65536, -1, -256, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(roundTrip(n)).as("%d", n).isEqualTo(n);
        }
        assertThat(roundTrip(7)).isEqualTo(7L);
        assertThat(roundTrip((short) -3)).isEqualTo(-3L);
        assertThat(roundTrip((byte) -128)).isEqualTo(-128L);
        assertThat(roundTrip(BigInteger.ONE.shiftLeft(100))).isEqualTo(BigInteger.ONE.shiftLeft(100));
        assertThat(roundTrip(BigInteger.valueOf(5))).isEqualTo(5L);
        BigInteger huge = BigInteger.valueOf(-3).pow(2000); // LONG4: more than 255 bytes
        assertThat(roundTrip(huge)).isEqualTo(huge);
        assertThat(roundTrip(2.5)).isEqualTo(2.5);
        assertThat(roundTrip(-0.0)).isEqualTo(-0.0);
        assertThat(roundTrip(Double.NaN)).isEqualTo(Double.NaN);
        assertThat(roundTrip(0.5f)).isEqualTo(0.5);
        assertThat(roundTrip("")).isEqualTo("");
        assertThat(roundTrip("Zoë ☕ 😀")).isEqualTo("Zoë ☕ 😀");
        assertThat(roundTrip("ü".repeat(300))).isEqualTo("ü".repeat(300));
        assertThat(roundTrip('c')).isEqualTo("c");
        assertThat((byte[]) roundTrip(new byte[] {0, -1})).containsExactly(0, -1);
        byte[] big = new byte[70_000];
        new Random(1).nextBytes(big);
        assertThat((byte[]) roundTrip(big)).isEqualTo(big);
        assertThat(roundTrip(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(roundTrip(new BigDecimal("-1.2E+5"))).isEqualTo(new BigDecimal("-1.2E+5"));
    }

    @Test
    void containersRoundTripWithTheStatedMapping() {
        assertThat(roundTrip(Arrays.asList(1, "a", null, List.of()))).isEqualTo(Arrays.asList(1L, "a", null, List.of()))
                .isInstanceOf(ArrayList.class);
        Object[] tuple = (Object[]) roundTrip(new Object[] {1, "a", new Object[] {}, new Object[] {1, 2, 3, 4}});
        assertThat(tuple).hasSize(4);
        assertThat(tuple[0]).isEqualTo(1L);
        assertThat((Object[]) tuple[2]).isEmpty();
        assertThat((Object[]) tuple[3]).containsExactly(1L, 2L, 3L, 4L);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", Map.of("nested", true));
        assertThat(roundTrip(map)).isInstanceOf(LinkedHashMap.class).isEqualTo(Map.of("z", 1L, "a", Map.of("nested", true)));
        assertThat(new ArrayList<Object>(((Map<?, ?>) roundTrip(map)).keySet())).containsExactly("z", "a");
        assertThat(roundTrip(new HashSet<>(List.of(1, 2)))).isInstanceOf(LinkedHashSet.class).isEqualTo(Set.of(1L, 2L));
        assertThat(roundTrip(Set.of())).isEqualTo(Set.of());
        // Python needs hashable keys and set elements: a List there is a tuple, a Set a frozenset
        Map<Object, Object> keyed = new HashMap<>();
        keyed.put(List.of(1, "a"), "pair");
        keyed.put(Set.of(2), "frozen");
        keyed.put(new Object[] {3}, "tuple");
        Map<?, ?> back = (Map<?, ?>) roundTrip(keyed);
        assertThat(back.get(List.of(1L, "a"))).isEqualTo("pair");
        assertThat(back.get(Set.of(2L))).isEqualTo("frozen");
        assertThat(back.get(List.of(3L))).isEqualTo("tuple");
        Set<?> nested = (Set<?>) roundTrip(Set.of(Set.of(1)));
        Object inner = nested.iterator().next();
        assertThat(inner).isEqualTo(Set.of(1L));
        assertThatThrownBy(() -> ((Set<Object>) inner).add(2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> pickle.serialize(Map.of(Map.of(), 1))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("dict key");
    }

    @Test
    void timeValuesRoundTripWithTheStatedMapping() {
        LocalDateTime local = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000);
        assertThat(roundTrip(local)).isEqualTo(local);
        OffsetDateTime offset = OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(-5, -30));
        assertThat(roundTrip(offset)).isEqualTo(offset);
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime first = ZonedDateTime.of(LocalDateTime.of(2024, 10, 27, 2, 30), paris).withEarlierOffsetAtOverlap();
        ZonedDateTime second = first.withLaterOffsetAtOverlap();
        assertThat(second).isNotEqualTo(first);
        assertThat(roundTrip(first)).isEqualTo(first);
        assertThat(roundTrip(second)).isEqualTo(second);
        assertThat(roundTrip(ZonedDateTime.of(local, ZoneOffset.UTC))).isEqualTo(OffsetDateTime.of(local, ZoneOffset.UTC));
        Instant instant = Instant.parse("2024-01-02T03:04:05.000006Z");
        assertThat(roundTrip(instant)).isEqualTo(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        assertThat(roundTrip(LocalDate.of(1, 1, 1))).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(roundTrip(LocalDate.of(9999, 12, 31))).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(roundTrip(LocalTime.of(23, 59, 59, 999_999_000))).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        OffsetTime offsetTime = OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(9));
        assertThat(roundTrip(offsetTime)).isEqualTo(offsetTime);
        for (Duration d : List.of(Duration.ZERO, Duration.ofDays(-1).plusSeconds(5).plusNanos(7000), Duration.ofMillis(-1),
                Duration.ofDays(999_999_999))) {
            assertThat(roundTrip(d)).as("%s", d).isEqualTo(d);
        }
        assertThat(roundTrip(paris)).isEqualTo(paris);
        assertThat(roundTrip(ZoneOffset.ofHours(-3))).isEqualTo(ZoneOffset.ofHours(-3));
    }

    @Test
    void valuesPythonCannotHoldAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> pickle.serialize(new Object())).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.lang.Object").hasMessageContaining("cannot be pickled");
        assertThatThrownBy(() -> pickle.serialize(List.of(Optional.empty()))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.util.Optional");
        assertThatThrownBy(() -> pickle.serialize(Thread.State.NEW)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.lang.Thread$State");
        assertThatThrownBy(() -> pickle.serialize(LocalTime.of(1, 2, 3, 1))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("nanoseconds");
        assertThatThrownBy(() -> pickle.serialize(LocalDate.of(0, 1, 1))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("year 1 to 9999");
        assertThatThrownBy(() -> pickle.serialize(Duration.ofDays(1_000_000_000L))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("999999999 days");
        assertThatThrownBy(() -> pickle.serialize("bad \uD800")).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("unpaired surrogate");
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThatThrownBy(() -> pickle.serialize(cyclic)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("cyclic");
    }

    // ---- reading what Python wrote, and refusing what it must not run ------------------------

    @Test
    void aGlobalOutsideTheAllowListIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> pickle.deserialize(resource("python-pickle-os-system.pickle")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("'posix.system'").hasMessageContaining("allow-list");
        assertThatThrownBy(() -> pickle.deserialize(resource("python-pickle-fraction.pickle")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("'fractions.Fraction'");
        assertThatThrownBy(() -> pickle.deserialize(resource("python-pickle-type.pickle")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("builtins.set itself");
        // protocol 2 spells it with GLOBAL: c django.db.models.base\nmodel_unpickle\n
        byte[] model = ascii("\u0080\u0002cdjango.db.models.base\nmodel_unpickle\n)R.");
        assertThatThrownBy(() -> pickle.deserialize(model)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("'django.db.models.base.model_unpickle'");
        // getattr is only allowed for ZoneInfo._unpickle
        byte[] getattr = ascii("\u0080\u0002c__builtin__\ngetattr\ncdatetime\ndate\nX\u0005\u0000\u0000\u0000today\u0086R.");
        assertThatThrownBy(() -> pickle.deserialize(getattr)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("getattr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "\u0081", "\u0092", "i", "o", "Q", "\u0082", "\u0097", "I", "S", "V"})
    void objectBuildingAndOldOpcodesAreRefused(String opcode) {
        byte[] bytes = ascii("\u0080\u0004N" + opcode + ".");
        assertThatThrownBy(() -> pickle.deserialize(bytes)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("opcode 0x" + Integer.toHexString(opcode.charAt(0)))
                .hasMessageContaining("at byte 3");
    }

    @Test
    void aRecursiveListIsRead() throws IOException {
        List<?> list = (List<?>) pickle.deserialize(resource("python-pickle-recursive.pickle"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isSameAs(list);
    }

    @Test
    void lengthsAreCheckedBeforeAllocating() {
        // BINBYTES claiming 2 GiB, BINUNICODE8 claiming 2^63, LONG4 claiming 2 GiB: 9-12 bytes each
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 42 FF FF FF 7F 00 2E")))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("announces 2147483647 bytes");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 8D FF FF FF FF FF FF FF FF 2E")))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("announces 18446744073709551615 bytes");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 8B FF FF FF 7F 2E")))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 8B FF FF FF FF 2E")))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("negative length");
    }

    @Test
    void malformedStreamsAreTypedErrors() {
        assertThatThrownBy(() -> pickle.deserialize(new byte[0])).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 06 4E 2E"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("protocol 6");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 4E 2E 00"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("1 byte(s) of trailing data");
        assertThatThrownBy(() -> pickle.deserialize(hex("C1 FF 00 AC"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("corrupt").hasMessageContaining("0xc1");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 2E"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("STOP with 0 values");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 68 05 2E"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("memo entry 5");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 4E 61 2E"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("stack is empty");
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 4B 01 4E 61 2E"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("APPEND on a Long");
        // a list as a set element: Python cannot hash it
        assertThatThrownBy(() -> pickle.deserialize(hex("80 04 8F 28 5D 90 2E"))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("cannot hash");
        // Decimal('NaN') has no BigDecimal
        byte[] nan = ascii("\u0080\u0002cdecimal\nDecimal\nX\u0003\u0000\u0000\u0000NaN\u0085R.");
        assertThatThrownBy(() -> pickle.deserialize(nan)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("Decimal('NaN')");
    }

    @Test
    void aKeyWhoseHashWouldWalkExponentiallyManyItemsIsRefused() {
        // t0 = (); t(n+1) = (t(n), t(n)) through the memo: 60 levels are 2^60 items to hash
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(hex("80 04 8F 28 29 94"));
        for (int i = 0; i < 60; i++) {
            b.writeBytes(new byte[] {'h', (byte) i, 'h', (byte) i, (byte) 0x86, (byte) 0x94});
        }
        b.writeBytes(hex("90 2E"));
        assertThatThrownBy(() -> pickle.deserialize(b.toByteArray())).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("more than 10000 nested items");
    }

    @Test
    void aKeyNestedDeeperThanHashingShouldRecurseIsRefused() {
        // a set holding ((((...)))) nested 5000 deep: MARK, then 5000 x TUPLE1 around an EMPTY_TUPLE
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(hex("80 04 8F 28 29"));
        for (int i = 0; i < 5000; i++) {
            b.write(0x85);
        }
        b.writeBytes(hex("90 2E"));
        assertThatThrownBy(() -> pickle.deserialize(b.toByteArray())).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("100 levels");
        // a value may nest that deep: the reader does not recurse
        byte[] deepValue = b.toByteArray();
        deepValue[2] = ']'; // EMPTY_LIST instead of EMPTY_SET, APPENDS instead of ADDITEMS
        deepValue[deepValue.length - 2] = 'e';
        assertThat((List<?>) pickle.deserialize(deepValue)).hasSize(1);
    }

    @Test
    void everyTruncationAndRandomCorruptionIsATypedError() throws IOException {
        byte[] valid = resource("python-pickle-p4.pickle");
        for (int n = 0; n < valid.length; n++) {
            byte[] prefix = Arrays.copyOf(valid, n);
            assertThatThrownBy(() -> pickle.deserialize(prefix)).as("prefix of %d bytes", n)
                    .isInstanceOf(CacheSerializationException.class);
        }
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = valid.clone();
            for (int k = 0; k <= random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                pickle.deserialize(mutated);
            } catch (CacheException e) {
                assertThat(e).isInstanceOf(CacheSerializationException.class);
            }
        }
    }

    private static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) s.charAt(i);
        }
        return b;
    }
}
