package org.valkeycache.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServerExtension;

/**
 * A Spring cache hands back the type that was put, with every built-in serializer and on every
 * read and write path; values the plain facade wrote stay readable.
 */
class SpringValueTypesTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    /** Values whose type the plain facade or a serializer would change, and some it keeps. */
    private static final Map<String, Object> VALUES = values();

    private final List<BackendCommands> opened = new ArrayList<>();

    private static Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("integer", 42);
        v.put("negativeInteger", Integer.MIN_VALUE);
        v.put("short", (short) -7);
        v.put("byte", (byte) 3);
        v.put("long", 42L);
        v.put("bigIntegerSmall", BigInteger.valueOf(5));
        v.put("bigIntegerHuge", new BigInteger("123456789012345678901234567890"));
        v.put("float", 0.1f);
        v.put("floatNaN", Float.NaN);
        v.put("double", 2.5d);
        v.put("bigDecimal", new BigDecimal("1.50"));
        v.put("character", 'x');
        v.put("surrogateHalf", '\uD800');
        v.put("numberText", "42");
        v.put("floatText", "2.5");
        v.put("nanText", "nan");
        v.put("nulText", "\u0000Integer:1");
        v.put("plainText", "Dune");
        v.put("emptyText", "");
        return v;
    }

    @BeforeEach
    void flush() {
        VALKEY.server().flushAll();
    }

    @AfterEach
    void close() {
        opened.forEach(BackendCommands::close);
    }

    private ValkeySpringCache cache(String serializer) {
        BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(VALKEY.server().url())
                .keyPrefix("types").serializer(serializer).build());
        opened.add(cache);
        return new ValkeySpringCache("types", cache, SpringCacheSettings.builder().ttl(Duration.ofMinutes(1)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "json", "msgpack", "pickle", "string"})
    void everyPathHandsBackTheTypeThatWasPut(String serializer) throws Exception {
        ValkeySpringCache cache = cache(serializer);
        for (Map.Entry<String, Object> e : VALUES.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            cache.put(k, v);
            assertSame(serializer + " get " + k, v, cache.get(k).get());
            assertSame(serializer + " typed get " + k, v, cache.get(k, v.getClass()));
            assertSame(serializer + " retrieve " + k, v, cache.retrieve(k).get(5, TimeUnit.SECONDS));
            assertSame(serializer + " putIfAbsent " + k, v, cache.putIfAbsent(k, "other").get());
            cache.evict(k);
            assertSame(serializer + " loaded " + k, v, cache.get(k, () -> v));
            assertSame(serializer + " hit after load " + k, v, cache.get(k, () -> "not loaded"));
            cache.evict(k);
            assertSame(serializer + " retrieved load " + k, v,
                    cache.retrieve(k, () -> CompletableFuture.completedFuture(v)).get(5, TimeUnit.SECONDS));
            assertSame(serializer + " retrieved hit " + k, v,
                    cache.retrieve(k, () -> CompletableFuture.completedFuture("not loaded")).get(5, TimeUnit.SECONDS));
        }
    }

    private static void assertSame(String what, Object expected, Object actual) {
        assertThat(actual).as(what).isInstanceOf(expected.getClass());
        if (expected instanceof Float f && f.isNaN()) {
            assertThat((Float) actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    @Test
    void longsAndDoublesStayRawSoIncrAndOtherReadersStillWork() {
        ValkeySpringCache cache = cache("java");
        cache.put("hits", 41L);
        cache.put("ratio", 2.5d);
        assertThat(VALKEY.server().call("GET", "types:1:hits")).isEqualTo("41");
        assertThat(VALKEY.server().call("GET", "types:1:ratio")).isEqualTo("2.5");
        assertThat(cache.getNativeCache().incr("hits")).isEqualTo(42L);
        assertThat(cache.get("hits").get()).isEqualTo(42L);
    }

    @Test
    void rawIntegersThePlainFacadeWroteStayReadable() {
        ValkeySpringCache cache = cache("json");
        cache.getNativeCache().set("written-by-facade", 7); // an Integer, stored raw
        cache.getNativeCache().set("text-by-facade", "\u0000not a tag");
        assertThat(cache.get("written-by-facade").get()).isEqualTo(7L);
        assertThat(cache.get("text-by-facade").get()).isEqualTo("\u0000not a tag");
    }

    @Test
    void aTagWhoseTextDoesNotParseIsUndecodableSoAMissThatIsEvicted() {
        ValkeySpringCache cache = cache("json");
        cache.getNativeCache().set("forged", "\u0000Integer:forty-two");
        assertThat(cache.get("forged")).isNull();
        assertThat(VALKEY.server().call("EXISTS", "types:1:forged")).isEqualTo(0L);
        cache.getNativeCache().set("forged", "\u0000Character:70000");
        ValkeySpringCache strict = new ValkeySpringCache("types", cache.getNativeCache(),
                SpringCacheSettings.builder().evictUndecodable(false).build());
        assertThatThrownBy(() -> strict.get("forged")).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("Character:70000").hasMessageContaining("'forged'");
    }
}
