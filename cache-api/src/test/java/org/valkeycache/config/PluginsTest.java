package org.valkeycache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.codec.IdentityCompressor;
import org.valkeycache.spi.Compressor;
import org.valkeycache.spi.Serializer;

class PluginsTest {

    public static final class NoArgSerializer implements Serializer {
        public NoArgSerializer() {
        }

        @Override
        public byte[] serialize(Object value) {
            return new byte[0];
        }

        @Override
        public Object deserialize(byte[] bytes) {
            return null;
        }
    }

    public static final class ConfigCompressor implements Compressor {
        final CacheConfig config;
        final boolean viaConfig;

        public ConfigCompressor(CacheConfig config) {
            this.config = config;
            this.viaConfig = true;
        }

        public ConfigCompressor() {
            this.config = null;
            this.viaConfig = false;
        }

        @Override
        public byte[] compress(byte[] data) {
            return data;
        }

        @Override
        public byte[] decompress(byte[] data) {
            return data;
        }
    }

    public static final class NeedsString implements Compressor {
        public NeedsString(String s) {
        }

        @Override
        public byte[] compress(byte[] data) {
            return data;
        }

        @Override
        public byte[] decompress(byte[] data) {
            return data;
        }
    }

    public static final class PrivateCtor implements Compressor {
        private PrivateCtor() {
        }

        @Override
        public byte[] compress(byte[] data) {
            return data;
        }

        @Override
        public byte[] decompress(byte[] data) {
            return data;
        }
    }

    public abstract static class AbstractCompressor implements Compressor {
        public AbstractCompressor() {
        }
    }

    public static final class Throwing implements Compressor {
        public Throwing() {
            throw new IllegalStateException("boom in constructor");
        }

        @Override
        public byte[] compress(byte[] data) {
            return data;
        }

        @Override
        public byte[] decompress(byte[] data) {
            return data;
        }
    }

    public static final class ThrowingCacheException implements Compressor {
        public ThrowingCacheException() {
            throw new CacheConnectionException("cannot reach node");
        }

        @Override
        public byte[] compress(byte[] data) {
            return data;
        }

        @Override
        public byte[] decompress(byte[] data) {
            return data;
        }
    }

    private static CacheConfig config(String serializer, String compressor) {
        return CacheConfig.builder().location("valkey://h").serializer(serializer).compressor(compressor).build();
    }

    @Test
    void aliasTablesNameTheDocumentedAliases() {
        assertThat(Plugins.CLIENT_ALIASES).containsOnlyKeys("default", "sentinel", "shard", "herd", "cluster");
        assertThat(Plugins.SERIALIZER_ALIASES).containsOnlyKeys("java", "json", "msgpack", "pickle", "string");
        assertThat(Plugins.COMPRESSOR_ALIASES).containsOnlyKeys("identity", "zlib", "gzip", "lzma", "lz4", "zstd", "brotli", "bz2");
        assertThat(Plugins.COMPRESSOR_ALIASES).containsEntry("identity", IdentityCompressor.class.getName());
    }

    @Test
    void identityAliasResolves() {
        Compressor c = Plugins.compressor(config(NoArgSerializer.class.getName(), "identity"));
        assertThat(c).isInstanceOf(IdentityCompressor.class);
    }

    @Test
    void fullyQualifiedClassNamesWork() {
        CacheConfig cfg = config(NoArgSerializer.class.getName(), IdentityCompressor.class.getName());
        assertThat(Plugins.serializer(cfg)).isInstanceOf(NoArgSerializer.class);
        assertThat(Plugins.compressor(cfg)).isInstanceOf(IdentityCompressor.class);
    }

    @Test
    void configConstructorIsPreferredAndReceivesTheConfig() {
        CacheConfig cfg = config(NoArgSerializer.class.getName(), ConfigCompressor.class.getName());
        ConfigCompressor c = (ConfigCompressor) Plugins.compressor(cfg);
        assertThat(c.viaConfig).isTrue();
        assertThat(c.config).isSameAs(cfg);
    }

    @Test
    void noArgConstructorIsUsedWhenConfigIsNull() {
        ConfigCompressor c = (ConfigCompressor) Plugins.instantiate(ConfigCompressor.class.getName(), Compressor.class, null, "compressor");
        assertThat(c.viaConfig).isFalse();
    }

    @Test
    void noArgConstructorIsTheFallback() {
        Serializer s = Plugins.instantiate(NoArgSerializer.class.getName(), Serializer.class,
                config(NoArgSerializer.class.getName(), "identity"), "serializer");
        assertThat(s).isInstanceOf(NoArgSerializer.class);
    }

    @Test
    void unknownClassNamesClassAndSettingAndAliases() {
        assertThatThrownBy(() -> Plugins.compressor(config(NoArgSerializer.class.getName(), "com.example.NoSuchCompressor")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor")
                .hasMessageContaining("com.example.NoSuchCompressor")
                .hasMessageContaining("cannot be loaded")
                .hasMessageContaining("identity")
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void misspelledAliasIsTreatedAsClassNameAndNamed() {
        assertThatThrownBy(() -> Plugins.serializer(config("jsn", "identity")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("serializer")
                .hasMessageContaining("'jsn'")
                .hasMessageContaining("json");
    }

    @Test
    void unknownClientClassIsNamed() {
        CacheConfig cfg = CacheConfig.builder().location("valkey://h").clientClass("com.example.NoClient").build();
        assertThatThrownBy(() -> Plugins.client(cfg))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("clientClass")
                .hasMessageContaining("com.example.NoClient")
                .hasMessageContaining("sentinel");
    }

    @Test
    void aliasOfAModuleNotOnTheClasspathIsNamedByItsClass() {
        // the "zstd" compressor lives in another module, not on this module's test classpath
        assertThatThrownBy(() -> Plugins.compressor(config(NoArgSerializer.class.getName(), "zstd")))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor")
                .hasMessageContaining(Plugins.COMPRESSOR_ALIASES.get("zstd"));
    }

    @Test
    void classOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> Plugins.compressor(config(NoArgSerializer.class.getName(), NoArgSerializer.class.getName())))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor")
                .hasMessageContaining(NoArgSerializer.class.getName())
                .hasMessageContaining("does not implement")
                .hasMessageContaining(Compressor.class.getName());
        assertThatThrownBy(() -> Plugins.instantiate("java.lang.String", KeyFunction.class, null, "keyFunction"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("keyFunction")
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining(KeyFunction.class.getName());
    }

    @Test
    void classWithoutUsableConstructorIsRejected() {
        assertThatThrownBy(() -> Plugins.instantiate(NeedsString.class.getName(), Compressor.class,
                config(NoArgSerializer.class.getName(), "identity"), "compressor"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor")
                .hasMessageContaining(NeedsString.class.getName())
                .hasMessageContaining("constructor");
        assertThatThrownBy(() -> Plugins.instantiate(PrivateCtor.class.getName(), Compressor.class, null, "compressor"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining(PrivateCtor.class.getName())
                .hasMessageContaining("constructor");
    }

    @Test
    void interfaceAndAbstractClassAreRejected() {
        assertThatThrownBy(() -> Plugins.instantiate(Compressor.class.getName(), Compressor.class, null, "compressor"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor")
                .hasMessageContaining(Compressor.class.getName());
        assertThatThrownBy(() -> Plugins.instantiate(AbstractCompressor.class.getName(), Compressor.class, null, "compressor"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor")
                .hasMessageContaining(AbstractCompressor.class.getName());
    }

    @Test
    void constructorFailureIsWrappedNamingClassAndCause() {
        assertThatThrownBy(() -> Plugins.instantiate(Throwing.class.getName(), Compressor.class, null, "compressor"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor")
                .hasMessageContaining(Throwing.class.getName())
                .hasMessageContaining("boom in constructor")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void cacheExceptionFromConstructorIsRethrownAsIs() {
        assertThatThrownBy(() -> Plugins.instantiate(ThrowingCacheException.class.getName(), Compressor.class, null, "compressor"))
                .isInstanceOf(CacheConnectionException.class)
                .hasMessage("cannot reach node");
    }
}
