package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.Serializer;
import org.valkeycache.spi.ValkeyClient;

/** Glob escaping of the prefix (KeyText.escapeGlob and makePattern); no server involved. */
class KeyPatternTest {

    /** A serializer loadable by class name (the "java" alias lives in another module). */
    public static final class Utf8Serializer implements Serializer {
        public Utf8Serializer() {
        }

        @Override
        public byte[] serialize(Object value) {
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static ValkeyClient stubClient() {
        return (ValkeyClient) Proxy.newProxyInstance(KeyPatternTest.class.getClassLoader(),
                new Class<?>[] {ValkeyClient.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close", "bindMetrics": return null;
                        case "describe": return "stub";
                        case "toString": return "stub";
                        case "hashCode": return 0;
                        case "equals": return proxy == args[0];
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static ValkeyCache cache(String prefix, int version) {
        CacheConfig config = CacheConfig.builder().location("valkey://localhost")
                .serializer(Utf8Serializer.class.getName()).compressor("identity")
                .keyPrefix(prefix).version(version).build();
        return ValkeyCache.open(config, stubClient());
    }

    @ParameterizedTest
    @CsvSource({
            "plain, plain",
            "'', ''",
            "a*b, a\\*b",
            "a?b, a\\?b",
            "[x], \\[x\\]",
            "back\\slash, back\\\\slash",
            "*?[]\\, \\*\\?\\[\\]\\\\",
            "a:b-c_d.e, a:b-c_d.e",
    })
    void escapeGlobEscapesGlobCharacters(String text, String escaped) {
        assertThat(KeyText.escapeGlob(text)).isEqualTo(escaped);
    }

    @Test
    void escapeGlobReturnsSameInstanceWhenNothingToEscape() {
        String s = "nothing-special";
        assertThat(KeyText.escapeGlob(s)).isSameAs(s);
    }

    @Test
    void makePatternEscapesPrefixButNotPattern() {
        try (ValkeyCache c = cache("sh*p?[1]", 2)) {
            assertThat(c.makePattern("user:*")).isEqualTo("sh\\*p\\?\\[1\\]:2:user:*");
            assertThat(c.makePattern("a?[bc]*")).isEqualTo("sh\\*p\\?\\[1\\]:2:a?[bc]*");
            assertThat(c.makeKey("user:1")).isEqualTo("sh*p?[1]:2:user:1");
        }
    }

    @Test
    void makePatternWithPlainPrefix() {
        try (ValkeyCache c = cache("shop", 1)) {
            assertThat(c.makePattern("*")).isEqualTo("shop:1:*");
            assertThat(c.makeKey("k")).isEqualTo("shop:1:k");
        }
    }

    @Test
    void makePatternAndMakeKeyRejectEmpty() {
        try (ValkeyCache c = cache("p", 1)) {
            assertThatThrownBy(() -> c.makePattern("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern");
            assertThatThrownBy(() -> c.makePattern(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern");
            assertThatThrownBy(() -> c.makeKey("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
            assertThatThrownBy(() -> c.makeKey(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        }
    }
}
