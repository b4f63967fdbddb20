package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.Timeout;

/**
 * The core behaviours for every serializer x compressor pairing, as django-valkey's test settings
 * do: round trips of the values each serializer supports, raw integers with server-side incr,
 * pipelined and atomic bulk calls, a compressible value over 1 MiB stored smaller than it is, and
 * corrupt bytes from the server raising a typed error that names the key. The pairings default to
 * every built-in codec (the {@code serializers} and {@code compressors} modules must be on the
 * test classpath); override {@link #serializers()} / {@link #compressors()} to narrow them.
 * Extended through {@link ValkeyCacheCompatibilityKit} or on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CodecContract extends ContractSupport {

    /** Every built-in serializer alias. */
    public static final List<String> SERIALIZERS = List.of("java", "json", "msgpack", "pickle", "string");
    /** Every built-in compressor alias. */
    public static final List<String> COMPRESSORS = List.of("identity", "zlib", "gzip", "lzma", "lz4", "zstd", "brotli", "bz2");

    /** Subclassed by topologies. */
    protected CodecContract() {
    }

    /** @return the serializer aliases or class names to pair; {@link #SERIALIZERS} by default */
    protected List<String> serializers() {
        return SERIALIZERS;
    }

    /** @return the compressor aliases or class names to pair; {@link #COMPRESSORS} by default */
    protected List<String> compressors() {
        return COMPRESSORS;
    }

    /** @return every serializer x compressor pairing, the source of the parameterized tests */
    protected Stream<Arguments> pairings() {
        List<Arguments> out = new ArrayList<>();
        for (String s : serializers()) {
            for (String c : compressors()) {
                out.add(Arguments.of(s, c));
            }
        }
        return out.stream();
    }

    private BackendCommands open(String serializer, String compressor) {
        return open(config().keyPrefix(serializer + "-" + compressor).serializer(serializer).compressor(compressor));
    }

    /** A value each serializer supports: structured data, or text for the string serializer. */
    private static Object structured(String serializer) {
        if (serializer.equals("string")) {
            return "plain text ✓ 日本語";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "héllo 🚀");
        m.put("list", new ArrayList<>(List.of("a", "b")));
        m.put("flag", true);
        m.put("ratio", 0.25d);
        return serializer.equals("java") ? new HashMap<>(m) : m;
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("pairings")
    void coreBehaviours(String serializer, String compressor) {
        BackendCommands cache = open(serializer, compressor);
        Object value = structured(serializer);
        assertThat(cache.set("v", value)).isTrue();
        settle();
        assertThat((Object) cache.get("v")).isEqualTo(value);

        cache.set("n", 41);
        assertThat(cache.incr("n")).isEqualTo(42);
        settle();
        assertThat((Object) cache.get("n")).isEqualTo(42L);
        assertThat(raw("GET", cache.makeKey("n"))).isEqualTo("42");

        // floats are raw as django-valkey stores them: repr text both ways, INCRBYFLOAT on the server
        String f = cache.makeKey("f");
        cache.set("f", 2.5);
        assertThat(raw("GET", f)).isEqualTo("2.5");
        assertThat(raw("INCRBYFLOAT", f, "0.25")).isEqualTo("2.75");
        settle();
        assertThat((Object) cache.get("f")).isEqualTo(2.75);
        assertThat(raw("INCRBYFLOAT", f, "0.25")).isEqualTo("3");
        settle();
        assertThat(cache.get("f", Double.class)).isEqualTo(3.0);
        for (String django : List.of("1e+20", "-0.0", "inf", "nan", "1.345620002")) {
            raw("SET", f, django);
            settle();
            assertThat((Object) cache.get("f")).as(django).isEqualTo(Double.valueOf(django.replace("inf", "Infinity")
                    .replace("nan", "NaN")));
        }

        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("m" + i, serializer.equals("string") ? "text-" + i : (Object) ("text-" + i));
        }
        assertThat(cache.setMany(many, Timeout.of(Duration.ofSeconds(60)))).isEmpty();
        settle();
        assertThat(cache.getMany(many.keySet())).containsExactlyInAnyOrderEntriesOf(many);
        cache.mset(many);
        settle();
        assertThat(cache.mget(many.keySet())).containsExactlyInAnyOrderEntriesOf(many);

        String big = "compressible line of text\n".repeat(45_000); // ~1.2 MB
        assertThat(cache.set("big", big)).isTrue();
        settle();
        assertThat((Object) cache.get("big")).isEqualTo(big);
        long stored = (Long) raw("STRLEN", cache.makeKey("big"));
        if (compressor.equals("identity")) {
            assertThat(stored).isGreaterThanOrEqualTo(big.length());
        } else {
            assertThat(stored).as("stored compressed").isLessThan(big.length() / 10);
        }

        cache.sadd("set", "member");
        settle();
        assertThat(cache.smembers("set")).containsExactly("member");
        cache.hset("hash", "f", "field value");
        settle();
        assertThat((Object) cache.hget("hash", "f")).isEqualTo("field value");
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("pairings")
    void corruptBytesRaiseATypedErrorNamingTheKey(String serializer, String compressor) {
        BackendCommands cache = open(serializer, compressor);
        // bytes no serializer or compressor writes: a lone 0xC1 is invalid msgpack and invalid UTF-8,
        // and not a frame of any compressor
        byte[] garbage = {(byte) 0xC1, (byte) 0xFF, 0x00, (byte) 0xAC};
        String k = cache.makeKey("corrupt");
        assertThat(topology().nodeOf(k).callBinary("SET".getBytes(StandardCharsets.US_ASCII),
                k.getBytes(StandardCharsets.UTF_8), garbage)).isEqualTo("OK");
        settle();
        assertThatThrownBy(() -> cache.get("corrupt")).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("corrupt");
    }
}
