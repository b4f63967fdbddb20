package org.valkeycache.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.codec.IdentityCompressor;
import org.valkeycache.codec.JavaSerializer;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.KeyFunction;
import org.valkeycache.config.UncalledClient;
import org.valkeycache.spi.Compressor;
import org.valkeycache.spi.PluginOptions;
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

    // ---- option declarations and validation (issue 9.7, 9.9) ---------------------------------

    @PluginOptions({"base.a", "shared.x"})
    public abstract static class BaseCodec implements Compressor {
        @Override
        public byte[] compress(byte[] data) {
            return data;
        }

        @Override
        public byte[] decompress(byte[] data) {
            return data;
        }
    }

    @PluginOptions("helper.h")
    static final class Helper {
    }

    @PluginOptions(value = {"compressor.level", "compressor.min_length"}, includes = {Helper.class, DeclaringCompressor.class})
    public static final class DeclaringCompressor extends BaseCodec {
        public DeclaringCompressor(CacheConfig config) {
        }
    }

    /** A strategy wrapping another, chosen by {@code options.wrap.inner}. */
    @PluginOptions(value = {"wrap.level", "wrap.inner"}, delegateOption = "wrap.inner",
            delegateDefault = "org.valkeycache.config.internal.PluginsTest$InnerClient")
    public static class WrappingClient extends UncalledClient {
        public WrappingClient(CacheConfig config) {
            super(config);
        }
    }

    @PluginOptions("inner.x")
    public static class InnerClient extends UncalledClient {
        public InnerClient(CacheConfig config) {
            super(config);
        }
    }

    @Test
    void aWrappingStrategyAlsoClaimsTheOptionsOfTheStrategyItsOptionNames() {
        CacheConfig.Builder wrapping = CacheConfig.builder().name("shop").location("valkey://h")
                .clientClass(WrappingClient.class.getName());
        Plugins.validate(wrapping.option("wrap.level", "1").option("inner.x", "2").option("uncalled.retries", "3").build());
        assertThatThrownBy(() -> Plugins.validate(CacheConfig.builder().name("shop").location("valkey://h")
                .clientClass(WrappingClient.class.getName()).option("inner.y", "2").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("did you mean 'options.inner.x'?")
                .hasMessageContaining("options.wrap.inner '" + InnerClient.class.getName() + "'");
        assertThatThrownBy(() -> Plugins.validate(CacheConfig.builder().name("shop").location("valkey://h")
                .clientClass(WrappingClient.class.getName()).option("wrap.inner", "com.example.Nope").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("options.wrap.inner").hasMessageContaining("com.example.Nope");
        // a wrapper named as its own delegate: checked once, no loop
        Plugins.validate(CacheConfig.builder().name("shop").location("valkey://h").clientClass(WrappingClient.class.getName())
                .option("wrap.inner", WrappingClient.class.getName()).option("wrap.level", "1").build());
    }

    private static CacheConfig.Builder declaring() {
        return CacheConfig.builder().name("shop").location("valkey://h").clientClass(UncalledClient.class.getName())
                .serializer("java").compressor(DeclaringCompressor.class.getName());
    }

    @Test
    void aClassClaimsItsOwnItsSuperclassesAndItsIncludedClassesOptions() {
        assertThat(Plugins.declaredOptions(DeclaringCompressor.class))
                .containsExactly("base.a", "compressor.level", "compressor.min_length", "helper.h", "shared.x");
        assertThat(Plugins.declaredOptions(NoArgSerializer.class)).isEmpty();
        assertThat(Plugins.declaredOptions(JavaSerializer.class))
                .contains("serializer.allowlist", "serializer.maxdepth", "serializer.maxrefs", "serializer.maxarray");
    }

    @Test
    void optionsClaimedByAnyOfTheCachesPluginsPass() {
        Plugins.validate(declaring().option("compressor.level", "3").option("helper.h", "x")
                .option("serializer.allowlist", "com.example.**").option("uncalled.retries", "2").build());
        Plugins.validate(declaring().build());
    }

    @Test
    void aMisspelledOptionFailsNamingItAndTheNearestClaimedName() {
        assertThatThrownBy(() -> Plugins.validate(declaring().option("compressor.levle", "3").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'shop'")
                .hasMessageContaining("unknown option 'options.compressor.levle'")
                .hasMessageContaining("did you mean 'options.compressor.level'?")
                .hasMessageContaining("serializer 'java', compressor '" + DeclaringCompressor.class.getName())
                .hasMessageContaining("@PluginOptions");
        assertThatThrownBy(() -> Plugins.validate(declaring().option("serializer.alowlist", "x").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("did you mean 'options.serializer.allowlist'?");
        assertThatThrownBy(() -> Plugins.validate(declaring().option("colour", "blue").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("unknown option 'options.colour'")
                .hasMessageNotContaining("did you mean")
                .hasMessageContaining("uncalled.endpoint");
    }

    @Test
    void anOptionOfAPluginTheCacheDoesNotUseNamesThatPlugin() {
        CacheConfig cfg = CacheConfig.builder().location("valkey://h").clientClass(UncalledClient.class.getName())
                .serializer(NoArgSerializer.class.getName()).option("serializer.allowlist", "com.example.**").build();
        assertThatThrownBy(() -> Plugins.validate(cfg))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("'options.serializer.allowlist'")
                .hasMessageContaining("read by serializer 'java', not by this cache's serializer '"
                        + NoArgSerializer.class.getName() + "'");
    }

    @Test
    void validateChecksEveryPluginClassWithoutCreatingTheClient() {
        Plugins.validate(declaring().build()); // UncalledClient's constructor would throw
        assertThatThrownBy(() -> Plugins.validate(declaring().clientClass("com.example.NoClient").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache 'shop'").hasMessageContaining("clientClass")
                .hasMessageContaining("com.example.NoClient").hasMessageContaining("cannot be loaded");
        assertThatThrownBy(() -> Plugins.validate(declaring().clientClass(NoArgSerializer.class.getName()).build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("clientClass").hasMessageContaining("does not implement");
        assertThatThrownBy(() -> Plugins.validate(declaring().compressor(BaseCodec.class.getName()).build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor").hasMessageContaining("abstract");
        assertThatThrownBy(() -> Plugins.validate(declaring().compressor(NeedsString.class.getName()).build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("compressor").hasMessageContaining("constructor");
        assertThatThrownBy(() -> Plugins.validate(declaring().serializer("jsno").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("serializer").hasMessageContaining("did you mean 'json'?");
    }

    @Test
    void validateWithABuiltClientUsesThatClientsOptions() {
        CacheConfig cfg = declaring().clientClass("com.example.Ignored").option("uncalled.endpoint", "e").build();
        Plugins.validate(cfg, UncalledClient.class);
        assertThatThrownBy(() -> Plugins.validate(cfg.mutate().option("uncalled.endpoit", "e").build(), UncalledClient.class))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("did you mean 'options.uncalled.endpoint'?")
                .hasMessageContaining("client " + UncalledClient.class.getName());
    }

    @Test
    void editDistanceCountsASwapOfNeighboursAsOneEdit() {
        assertThat(Plugins.editDistance("levle", "level")).isEqualTo(1);
        assertThat(Plugins.editDistance("alowlist", "allowlist")).isEqualTo(1);
        assertThat(Plugins.editDistance("", "abc")).isEqualTo(3);
        assertThat(Plugins.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(Plugins.nearest("zzzzzz", Set.of("compressor.level"))).isNull();
    }
}
