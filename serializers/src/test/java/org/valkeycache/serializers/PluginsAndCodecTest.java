package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.codec.IdentityCompressor;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.spi.Serializer;

class PluginsAndCodecTest {

    private static CacheConfig config(String serializer) {
        return CacheConfig.builder().location("valkey://localhost").serializer(serializer).build();
    }

    @Test
    void aliasesInstantiateTheRightClasses() {
        assertThat(Plugins.serializer(config("json"))).isInstanceOf(JsonSerializer.class);
        assertThat(Plugins.serializer(config("msgpack"))).isInstanceOf(MsgPackSerializer.class);
        assertThat(Plugins.serializer(config("string"))).isInstanceOf(StringSerializer.class);
        assertThat(Plugins.serializer(config(JsonSerializer.class.getName()))).isInstanceOf(JsonSerializer.class);
    }

    @Test
    void optionIsReadFromTheConfig() {
        CacheConfig lenient = CacheConfig.builder().location("valkey://localhost").serializer("json")
                .option("serializer.failonunknownproperties", "FALSE").build();
        Serializer s = Plugins.serializer(lenient);
        assertThat(s.deserialize("{\"unknown\":1}".getBytes(StandardCharsets.UTF_8), Empty.class)).isNotNull();
        assertThat(s.toString()).contains("failonunknownproperties=false");

        Serializer strict = Plugins.serializer(config("msgpack"));
        assertThatThrownBy(() -> strict.deserialize(strict.serialize(Map.of("unknown", 1)), Empty.class))
                .isInstanceOf(CacheSerializationException.class);
    }

    /** A target with no properties. */
    public static class Empty {
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void badOptionNamesTheOption(String alias) {
        CacheConfig bad = CacheConfig.builder().location("valkey://localhost").serializer(alias)
                .option("serializer.failonunknownproperties", "maybe").build();
        assertThatThrownBy(() -> Plugins.serializer(bad))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("options.serializer.failonunknownproperties")
                .hasMessageContaining("maybe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void mapWithIntegersRoundTripsThroughValueCodec(String alias) {
        ValueCodec codec = new ValueCodec(Plugins.serializer(config(alias)), new IdentityCompressor());
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("small", 1);
        value.put("big", 9_000_000_000L);
        value.put("list", Arrays.asList(1, 2, null, "three", 4.5));
        value.put("nested", Map.of("n", -7));
        assertThat(codec.decode(codec.encode(value))).isEqualTo(value);
        assertThat(codec.decode(codec.encode(value), Map.class)).isEqualTo(value);
        // top-level integers bypass the serializer and come back as Long
        assertThat(codec.encode(42)).isEqualTo("42".getBytes(StandardCharsets.US_ASCII));
        assertThat(codec.decode(codec.encode(42))).isEqualTo(42L);
        assertThat(codec.decode(codec.encode(1.5))).isEqualTo(1.5);
        assertThat(codec.decode(codec.encode("text"))).isEqualTo("text");
        assertThat(codec.decode(codec.encode(List.of()))).isEqualTo(List.of());
    }

    /** The bytes django-valkey stores for a Python float: repr text, whatever the serializer. */
    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "string"})
    void djangoFloatsAreReadAsDoublesWithEverySerializer(String alias) {
        ValueCodec codec = new ValueCodec(Plugins.serializer(config(alias)), new IdentityCompressor());
        Map<String, Double> django = new LinkedHashMap<>();
        django.put("2.5", 2.5);
        django.put("1e+20", 1e20);
        django.put("-0.0", -0.0);
        django.put("1.345620002", 1.345620002);
        django.put("inf", Double.POSITIVE_INFINITY);
        django.put("-inf", Double.NEGATIVE_INFINITY);
        django.put("nan", Double.NaN);
        django.forEach((text, expected) -> {
            byte[] stored = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(codec.decode(stored)).as(text).isEqualTo(expected);
            assertThat(codec.encode(expected)).as(text).isEqualTo(stored);
        });
    }

    @Test
    void jsonStringThatLooksLikeAnIntegerIsNotMistakenForOne() {
        ValueCodec codec = new ValueCodec(new JsonSerializer(), new IdentityCompressor());
        // "42" as a string is stored with quotes, so it is not canonical decimal text
        assertThat(codec.decode(codec.encode("42"))).isEqualTo("42");
    }

    @Test
    void stringSerializerThroughValueCodec() {
        ValueCodec codec = new ValueCodec(Plugins.serializer(config("string")), new IdentityCompressor());
        assertThat(codec.decode(codec.encode("héllo"))).isEqualTo("héllo");
        assertThat(codec.decode(codec.encode(5))).isEqualTo(5L);
        assertThatThrownBy(() -> codec.encode(Map.of("a", 1))).isInstanceOf(CacheSerializationException.class);
    }

    @Test
    void everySerializerDeclaresTheOptionsItReads() throws Exception {
        for (String alias : List.of("json", "msgpack")) {
            assertThat(Plugins.declaredOptions(Class.forName(Plugins.SERIALIZER_ALIASES.get(alias))))
                    .as(alias).containsExactly("serializer.failonunknownproperties");
        }
        assertThat(Plugins.declaredOptions(StringSerializer.class)).isEmpty();
        assertThat(Plugins.declaredOptions(PickleSerializer.class)).isEmpty();
    }
}
