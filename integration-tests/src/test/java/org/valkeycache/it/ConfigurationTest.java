package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glide.api.GlideClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Caches;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.ValkeyServerExtension;

/** Caches opened from a properties file: named caches, topology switches and clear errors. */
class ConfigurationTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("cache.properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void namedCachesFromOnePropertiesFile() throws Exception {
        ValkeyServer server = VALKEY.server();
        Path file = write(String.join("\n",
                "cache.default.location=" + server.url(),
                "cache.default.keyPrefix=app",
                "cache.sessions.location=" + server.url(1),
                "cache.sessions.keyPrefix=sess",
                "cache.sessions.timeout=30s",
                "cache.sessions.version=3",
                ""));
        try (Caches caches = Caches.load(file)) {
            assertThat(caches.names()).containsExactlyInAnyOrder("default", "sessions");
            caches.getDefault().set("k", "default-value");
            caches.get("sessions").set("k", "session-value");
            assertThat((Object) caches.get("default").get("k")).isEqualTo("default-value");
            assertThat(caches.get("sessions").makeKey("k")).isEqualTo("sess:3:k");
            assertThat(caches.get("sessions").ttl("k")).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
            assertThat(server.call("EXISTS", "app:1:k")).isEqualTo(1L);
            assertThat(caches.get("default")).isSameAs(caches.getDefault());
            Object raw = caches.getValkeyConnection("default");
            assertThat(raw).isInstanceOf(GlideClient.class);
            assertThat(((GlideClient) raw).exists(new String[] {"app:1:k"}).get()).isEqualTo(1L);
            assertThatThrownBy(() -> caches.get("nope")).isInstanceOf(CacheConfigurationException.class)
                    .hasMessageContaining("nope");
        }
    }

    @Test
    void switchingTopologyIsAPropertiesEditNotACodeChange() throws Exception {
        ValkeyServer primary = VALKEY.server();
        try (ValkeyServer replica = ValkeyServer.builder().replicaOf(primary).start()) {
            Path file = write("cache.default.location=" + primary.url() + "\ncache.default.keyPrefix=topo\n");
            try (Caches caches = Caches.load(file)) {
                useTheCache(caches.getDefault());
                assertThat(caches.getDefault().getValkeyConnection(GlideClient.class, false).info().get())
                        .contains("role:master");
            }
            // the edit: add a read replica and name the client class explicitly
            write("cache.default.location=" + primary.url() + "," + replica.url()
                    + "\ncache.default.keyPrefix=topo\ncache.default.clientClass=org.valkeycache.client.glide.DefaultValkeyClient\n");
            try (Caches caches = Caches.load(file)) {
                useTheCache(caches.getDefault());
                assertThat(caches.getDefault().getValkeyConnection(GlideClient.class, false).info().get())
                        .contains("role:slave");
            }
        }
    }

    /** Application code, unchanged across topologies. */
    private static void useTheCache(BackendCommands cache) {
        cache.set("greeting", "hello");
        assertThat(cache.hasKey("greeting") || cache.getOrDefault("greeting", null) == null).isTrue();
        cache.delete("greeting");
    }

    @Test
    void anUnknownClientClassIsAClearConfigurationErrorWhenTheRegistryLoads() throws Exception {
        Path file = write("cache.default.location=" + VALKEY.server().url() + "\ncache.default.clientClass=com.example.NoSuchClient\n");
        assertThatThrownBy(() -> Caches.load(file)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'default'")
                .hasMessageContaining("clientClass")
                .hasMessageContaining("com.example.NoSuchClient")
                .hasMessageContaining("known aliases");
        assertThatThrownBy(() -> ValkeyCache.open(CacheConfig.builder().location(VALKEY.server().url())
                .clientClass("java.lang.String").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> ValkeyCache.open(CacheConfig.builder().location(VALKEY.server().url())
                .serializer("nosuch").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("serializer");
    }

    @Test
    void everyLoadedPluginsOptionsAreAcceptedAndATypoFailsAtLoad() throws Exception {
        String base = "cache.default.location=" + VALKEY.server().url() + "\ncache.default.serializer=json\n"
                + "cache.default.compressor=zstd\n";
        Path file = write(base + "cache.default.options.compressor.level=5\n"
                + "cache.default.options.serializer.failonunknownproperties=false\n"
                + "cache.default.options.tls.insecure=false\ncache.default.options.dispatch.max_batch=64\n"
                + "cache.default.options.blocking.pool_size=2\ncache.default.options.client_name=config-test\n");
        try (Caches caches = Caches.load(file)) {
            caches.getDefault().set("k", Map.of("a", 1));
            assertThat((Object) caches.getDefault().get("k")).isEqualTo(Map.of("a", 1));
        }
        assertThatThrownBy(() -> Caches.load(write(base + "cache.default.options.compressor.levle=5\n")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("unknown option 'options.compressor.levle'")
                .hasMessageContaining("did you mean 'options.compressor.level'?");
        assertThatThrownBy(() -> Caches.load(write(base + "cache.default.options.serializer.allowlist=x.**\n")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("read by serializer 'java', not by this cache's serializer 'json'");
        assertThatThrownBy(() -> Caches.load(write(base + "cache.default.options.compressor.level=99\n")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'default'").hasMessageContaining("options.compressor.level");
        assertThatThrownBy(() -> ValkeyCache.open(CacheConfig.builder().location(VALKEY.server().url())
                .option("dispatch.coalesse", "false").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("did you mean 'options.dispatch.coalesce'?");
    }

    @Test
    void badSettingsFailNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> Caches.load(write("cache.default.location=valkey://h:notaport\n")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> Caches.load(write("cache.default.location=valkey://h\ncache.default.timeout=soon\n")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Caches.load(write("cache.default.location=valkey://h\ncache.default.colour=blue\n")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> Caches.load(write("cache.default.keyPrefix=x\n")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("location");
        assertThatThrownBy(() -> Caches.load(dir.resolve("missing.properties")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("missing.properties");
        assertThatThrownBy(() -> Caches.load(write("cache.default.location=valkey://u:sekrit@h:bad\n")))
                .isInstanceOf(CacheConfigurationException.class).message().doesNotContain("sekrit");
        assertThatThrownBy(() -> Caches.load(write("cache.default.location=valkey://h\ncache.default.timeout=-300\n")))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("negative");
    }

    @Test
    void setManyReportsTheKeysTheServerRefused() {
        // an ACL user that may write only keys starting with ":1:ok"
        try (ValkeyServer server = ValkeyServer.builder()
                .arg("--user", "limited", "on", ">pw", "%R~*", "%W~:1:ok*", "+@all").start();
                BackendCommands cache = ValkeyCache.open(CacheConfig.builder()
                        .location("valkey://limited:pw@127.0.0.1:" + server.port()).build())) {
            assertThat(cache.setMany(Map.of("ok1", 1, "denied", 2, "ok2", 3))).containsExactly("denied");
            assertThat((Object) cache.get("ok1")).isEqualTo(1L);
            assertThat((Object) cache.get("ok2")).isEqualTo(3L);
            assertThat(cache.hasKey("denied")).isFalse();
        }
    }
}
