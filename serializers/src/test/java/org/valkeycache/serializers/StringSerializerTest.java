package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheSerializationException;

class StringSerializerTest {

    private final StringSerializer strings = new StringSerializer();

    @Test
    void stringsAreStoredAsPlainUtf8() {
        assertThat(strings.serialize("abc")).isEqualTo(new byte[] {'a', 'b', 'c'});
        assertThat(strings.serialize("")).isEmpty();
        String s = "Zoë ☕ 😀 \u0000";
        byte[] bytes = strings.serialize(s);
        assertThat(bytes).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        assertThat(strings.deserialize(bytes)).isInstanceOf(String.class).isEqualTo(s);
        assertThat(strings.deserialize(new byte[0])).isEqualTo("");
    }

    @Test
    void anyCharSequenceIsAccepted() {
        assertThat(strings.deserialize(strings.serialize(new StringBuilder("sb ü")))).isEqualTo("sb ü");
    }

    @Test
    void otherValuesAreRefusedNamingTheType() {
        assertThatThrownBy(() -> strings.serialize(new byte[] {1}))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("[B");
        assertThatThrownBy(() -> strings.serialize(List.of("a")))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.util.ImmutableCollections");
        assertThatThrownBy(() -> strings.serialize(1.5))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.lang.Double");
        assertThatThrownBy(() -> strings.serialize(null))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("null");
    }

    @Test
    void unpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> strings.serialize("ab\uD83D"))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("index 2");
    }

    @Test
    void malformedUtf8IsRefusedWithPosition() {
        assertThatThrownBy(() -> strings.deserialize(new byte[] {'o', 'k', (byte) 0xC3, 0x28}))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("UTF-8")
                .hasMessageContaining("at byte 2");
        assertThatThrownBy(() -> strings.deserialize(new byte[] {(byte) 0xFF}))
                .isInstanceOf(CacheSerializationException.class);
        // Java-serialized bytes are not text
        assertThatThrownBy(() -> strings.deserialize(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}))
                .isInstanceOf(CacheSerializationException.class);
    }

    @Test
    void truncatedUtf8IsRefused() {
        byte[] full = "a😀".getBytes(StandardCharsets.UTF_8);
        for (int len = 2; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> strings.deserialize(cut)).as("prefix of %d bytes", len)
                    .isInstanceOf(CacheSerializationException.class)
                    .hasMessageContaining("at byte 1");
        }
    }

    @Test
    void typedReads() {
        byte[] bytes = strings.serialize("x");
        assertThat(strings.deserialize(bytes, String.class)).isEqualTo("x");
        assertThat(strings.deserialize(bytes, CharSequence.class)).isEqualTo("x");
        assertThatThrownBy(() -> strings.deserialize(bytes, Integer.class))
                .isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.lang.Integer");
    }
}
