package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.UncalledClient;

/** A registry validates every cache when it is created, without creating any client (issue 9.7, 9.9). */
class CachesTest {

    private static final String CLIENT = UncalledClient.class.getName();

    @TempDir
    Path dir;

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        p.setProperty("cache.default.location", "valkey://127.0.0.1:1");
        p.setProperty("cache.default.clientClass", CLIENT);
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private Path file(Properties p) throws IOException {
        Path f = dir.resolve("caches.properties");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        return f;
    }

    @Test
    void aValidRegistryLoadsWithoutCreatingAnyClient() throws IOException {
        Properties p = props("cache.default.options.uncalled.endpoint", "e",
                "cache.default.options.serializer.allowlist", "com.example.**",
                "cache.sessions.location", "valkey://127.0.0.1:2", "cache.sessions.clientClass", CLIENT);
        try (Caches caches = Caches.load(file(p))) {
            assertThat(caches.names()).containsExactly("default", "sessions");
        }
    }

    @Test
    void anUnknownClientClassFailsAtLoadNamingTheCacheAndSetting() throws IOException {
        Properties p = props("cache.sessions.location", "valkey://h", "cache.sessions.clientClass", "com.example.NoSuchClient");
        assertThatThrownBy(() -> Caches.load(file(p)))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'sessions'")
                .hasMessageContaining("clientClass")
                .hasMessageContaining("com.example.NoSuchClient");
        assertThatThrownBy(() -> Caches.fromProperties(props("cache.default.clientClass", "java.lang.String")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'default'").hasMessageContaining("does not implement");
    }

    @Test
    void unknownSerializerAndCompressorNamesFailAtLoad() {
        assertThatThrownBy(() -> Caches.fromProperties(props("cache.default.serializer", "jsonn")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'default'").hasMessageContaining("serializer")
                .hasMessageContaining("'jsonn'").hasMessageContaining("did you mean 'json'?");
        assertThatThrownBy(() -> Caches.fromProperties(props("cache.default.compressor", "zip")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor").hasMessageContaining("'zip'");
    }

    @Test
    void anUnclaimedOptionFailsAtLoadWithASuggestion() {
        assertThatThrownBy(() -> Caches.fromProperties(props("cache.default.options.serializer.alowlist", "x")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'default'")
                .hasMessageContaining("unknown option 'options.serializer.alowlist'")
                .hasMessageContaining("did you mean 'options.serializer.allowlist'?");
    }

    @Test
    void aBadOptionValueFailsAtLoadNamingTheCacheAndOption() {
        assertThatThrownBy(() -> Caches.fromProperties(props("cache.default.options.serializer.maxdepth", "-3")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'default'")
                .hasMessageContaining("options.serializer.maxdepth");
    }

    @Test
    void aNegativeDefaultTimeoutFailsAtLoad() {
        assertThatThrownBy(() -> Caches.fromProperties(props("cache.default.timeout", "-5")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("timeout").hasMessageContaining("negative").hasMessageContaining("'default'");
    }

    @Test
    void ofValidatesAndNamesEachConfigurationByItsKey() {
        CacheConfig config = CacheConfig.builder().location("valkey://h").clientClass(CLIENT).build();
        try (Caches caches = Caches.of(Map.of("reports", config))) {
            assertThat(caches.config("reports").name()).isEqualTo("reports");
        }
        CacheConfig typo = config.mutate().option("uncalled.retires", "2").build();
        assertThatThrownBy(() -> Caches.of(Map.of("reports", typo)))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'reports'")
                .hasMessageContaining("did you mean 'options.uncalled.retries'?");
    }
}
