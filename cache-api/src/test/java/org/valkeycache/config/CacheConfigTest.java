package org.valkeycache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Timeout;

class CacheConfigTest {

    private static final String SECRET = "hunter2secret";

    /** A key function loadable by class name. */
    public static final class ReversedKeyFunction implements KeyFunction {
        public ReversedKeyFunction() {
        }

        @Override
        public String makeKey(String key, String prefix, int version) {
            return key + ":" + version + ":" + prefix;
        }

        @Override
        public String makePattern(String pattern, String escapedPrefix, String versionPattern) {
            return pattern + ":" + versionPattern + ":" + escapedPrefix;
        }

        @Override
        public String reverseKey(String storedKey, String prefix) {
            return storedKey.substring(0, storedKey.indexOf(':'));
        }

        @Override
        public boolean isOwnKey(String storedKey, String prefix, OptionalInt version) {
            return storedKey.endsWith(":" + prefix);
        }
    }

    private static CacheConfig.Builder minimal() {
        return CacheConfig.builder().location("valkey://localhost:6379");
    }

    // ---- builder defaults ----------------------------------------------------------------------

    @Test
    void builderDefaults() {
        CacheConfig c = minimal().build();
        assertThat(c.name()).isEqualTo("default");
        assertThat(c.defaultTimeout()).isEqualTo(Timeout.ofSeconds(300));
        assertThat(c.defaultTimeout().toMillis()).isEqualTo(300_000L);
        assertThat(c.scanItersize()).isEqualTo(10);
        assertThat(c.clientClass()).isEqualTo("default");
        assertThat(c.serializer()).isEqualTo("java");
        assertThat(c.compressor()).isEqualTo("identity");
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.keyPrefix()).isEmpty();
        assertThat(c.keyFunction()).isSameAs(KeyFunction.DEFAULT);
        assertThat(c.ignoreExceptions()).isFalse();
        assertThat(c.logIgnoredExceptions()).isFalse();
        assertThat(c.logIgnoredExceptionsInterval()).isEqualTo(Duration.ofSeconds(10))
                .isEqualTo(CacheConfig.DEFAULT_LOG_IGNORED_EXCEPTIONS_INTERVAL);
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.options()).isEmpty();
        assertThat(c.locations()).hasSize(1);
        assertThat(c.primary().host()).isEqualTo("localhost");
    }

    @Test
    void constantsMatchDocumentedDefaults() {
        assertThat(CacheConfig.DEFAULT_TIMEOUT.toMillis()).isEqualTo(300_000L);
        assertThat(CacheConfig.DEFAULT_SCAN_ITERSIZE).isEqualTo(10);
        assertThat(CacheConfig.DEFAULT_CLIENT_CLASS).isEqualTo("default");
        assertThat(CacheConfig.DEFAULT_SERIALIZER).isEqualTo("java");
        assertThat(CacheConfig.DEFAULT_COMPRESSOR).isEqualTo("identity");
        assertThat(CacheConfig.DEFAULT_VERSION).isEqualTo(1);
    }

    @Test
    void buildWithoutLocationFailsNamingLocationAndCache() {
        assertThatThrownBy(() -> CacheConfig.builder().name("sessions").build())
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("location")
                .hasMessageContaining("sessions");
    }

    @Test
    void builderSettersAreApplied() {
        CacheConfig c = minimal()
                .location("valkey://replica:6380")
                .name(" shop ")
                .clientClass("sentinel")
                .serializer("json")
                .compressor("zstd")
                .keyPrefix("p")
                .version(7)
                .defaultTimeout(Duration.ofSeconds(60))
                .scanItersize(500)
                .ignoreExceptions(true)
                .logIgnoredExceptions(true)
                .connectTimeout(Duration.ofMillis(750))
                .requestTimeout(Duration.ofSeconds(9))
                .option("a", "b")
                .build();
        assertThat(c.name()).isEqualTo("shop");
        assertThat(c.locations()).extracting(ValkeyLocation::host).containsExactly("localhost", "replica");
        assertThat(c.primary().host()).isEqualTo("localhost");
        assertThat(c.clientClass()).isEqualTo("sentinel");
        assertThat(c.serializer()).isEqualTo("json");
        assertThat(c.compressor()).isEqualTo("zstd");
        assertThat(c.keyPrefix()).isEqualTo("p");
        assertThat(c.version()).isEqualTo(7);
        assertThat(c.defaultTimeout().toMillis()).isEqualTo(60_000L);
        assertThat(c.scanItersize()).isEqualTo(500);
        assertThat(c.ignoreExceptions()).isTrue();
        assertThat(c.logIgnoredExceptions()).isTrue();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.option("a", "z")).isEqualTo("b");
        assertThat(c.option("missing", "z")).isEqualTo("z");
    }

    @Test
    void neverIsAValidDefaultTimeout() {
        assertThat(minimal().defaultTimeout(Timeout.never()).build().defaultTimeout().isNever()).isTrue();
    }

    @Test
    void builderRejectsInvalidValuesNamingTheSetting() {
        assertThatThrownBy(() -> minimal().name(" ")).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> minimal().clientClass("")).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("clientClass");
        assertThatThrownBy(() -> minimal().serializer(null)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("serializer");
        assertThatThrownBy(() -> minimal().compressor("  ")).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("compressor");
        assertThatThrownBy(() -> minimal().keyPrefix(null)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> minimal().keyFunction(null)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("keyFunction");
        assertThatThrownBy(() -> minimal().defaultTimeout(Timeout.defaultTimeout()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> minimal().defaultTimeout((Timeout) null))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> minimal().scanItersize(0)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("scanItersize");
        assertThatThrownBy(() -> minimal().scanItersize(-3)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("scanItersize");
        assertThatThrownBy(() -> minimal().connectTimeout(Duration.ZERO)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> minimal().connectTimeout(null)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> minimal().requestTimeout(Duration.ofSeconds(-1))).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> minimal().option("", "v")).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("option");
        assertThatThrownBy(() -> minimal().option("k", null)).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.k");
        assertThatThrownBy(() -> minimal().location("http://x")).isInstanceOf(CacheConfigurationException.class).hasMessageContaining("location");
    }

    @Test
    void locationsReplacesAll() {
        CacheConfig c = minimal().locations(List.of("valkey://a", "valkey://b")).build();
        assertThat(c.locations()).extracting(ValkeyLocation::host).containsExactly("a", "b");
    }

    @Test
    void locationsAndOptionsAreUnmodifiable() {
        CacheConfig c = minimal().option("k", "v").build();
        assertThatThrownBy(() -> c.locations().add(ValkeyLocation.of("x", 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.options().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builtConfigIsNotAffectedByLaterBuilderChanges() {
        CacheConfig.Builder b = minimal().option("k", "v");
        CacheConfig c = b.build();
        b.location("valkey://other").option("k", "changed");
        assertThat(c.locations()).hasSize(1);
        assertThat(c.option("k", null)).isEqualTo("v");
    }

    // ---- mutate --------------------------------------------------------------------------------

    @Test
    void mutateCopiesEverythingAndLeavesOriginalAlone() {
        KeyFunction kf = new ReversedKeyFunction();
        CacheConfig original = minimal().name("orig").keyPrefix("pre").version(3).serializer("json")
                .compressor("gzip").clientClass("shard").keyFunction(kf).defaultTimeout(Timeout.never())
                .scanItersize(42).ignoreExceptions(true).logIgnoredExceptions(true)
                .logIgnoredExceptionsInterval(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(6))
                .option("x", "1").build();
        CacheConfig copy = original.mutate().build();
        assertThat(copy.toString()).isEqualTo(original.toString());
        assertThat(copy.keyFunction()).isSameAs(kf);
        assertThat(copy.locations()).isEqualTo(original.locations());

        CacheConfig variant = original.mutate().version(4).option("y", "2").location("valkey://r2").build();
        assertThat(variant.version()).isEqualTo(4);
        assertThat(variant.options()).containsEntry("x", "1").containsEntry("y", "2");
        assertThat(variant.locations()).hasSize(2);
        assertThat(variant.name()).isEqualTo("orig");
        assertThat(original.version()).isEqualTo(3);
        assertThat(original.options()).containsOnlyKeys("x");
        assertThat(original.locations()).hasSize(1);
    }

    @Test
    void theIgnoredFailureLogWindowIsZeroOrPositive() {
        assertThat(minimal().logIgnoredExceptionsInterval(Duration.ZERO).build().logIgnoredExceptionsInterval()).isZero();
        assertThatThrownBy(() -> minimal().logIgnoredExceptionsInterval(Duration.ofMillis(-1)))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("logIgnoredExceptionsInterval");
        assertThatThrownBy(() -> minimal().logIgnoredExceptionsInterval(null))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("logIgnoredExceptionsInterval");
        assertThatThrownBy(() -> CacheConfig.fromMap(Map.of("location", "valkey://h",
                "logIgnoredExceptionsInterval", "often"), "c"))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("logIgnoredExceptionsInterval");
        assertThatThrownBy(() -> CacheConfig.fromMap(Map.of("location", "valkey://h",
                "logIgnoredExceptionsInterval", "-5s"), "c"))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("logIgnoredExceptionsInterval");
    }

    // ---- toString ------------------------------------------------------------------------------

    @Test
    void toStringHasNoPassword() {
        CacheConfig c = CacheConfig.builder()
                .location("valkey://user:" + SECRET + "@h1:6379/0")
                .location("valkeys://h2?password=" + SECRET)
                .option("sentinelPassword", SECRET)
                .option("sentinel.password", SECRET)
                .option("plain", "visible")
                .build();
        assertThat(c.toString()).doesNotContain(SECRET).contains("visible").contains("h1").contains("h2");
        assertThat(c.options()).containsEntry("sentinelPassword", SECRET);
    }

    // ---- fromProperties / fromMap --------------------------------------------------------------

    @Test
    void fromPropertiesReadsOnlyPrefixedSettings() {
        Properties p = new Properties();
        p.setProperty("cache.default.location", "valkey://127.0.0.1:6379/0, valkey://127.0.0.1:6380/0");
        p.setProperty("cache.default.clientClass", "herd");
        p.setProperty("cache.default.serializer", "msgpack");
        p.setProperty("cache.default.compressor", "lz4");
        p.setProperty("cache.default.keyPrefix", "shop");
        p.setProperty("cache.default.version", "2");
        p.setProperty("cache.default.timeout", "5m");
        p.setProperty("cache.default.scanItersize", "100");
        p.setProperty("cache.default.ignoreExceptions", "true");
        p.setProperty("cache.default.logIgnoredExceptions", "yes");
        p.setProperty("cache.default.logIgnoredExceptionsInterval", "1m");
        p.setProperty("cache.default.connectTimeout", "500ms");
        p.setProperty("cache.default.requestTimeout", "3s");
        p.setProperty("cache.default.options.serializer.allowlist", "com.example.model.**");
        p.setProperty("cache.other.bogus", "ignored");
        p.setProperty("unrelated", "ignored");

        CacheConfig c = CacheConfig.fromProperties(p, "cache.default.", "default");
        assertThat(c.name()).isEqualTo("default");
        assertThat(c.locations()).extracting(ValkeyLocation::port).containsExactly(6379, 6380);
        assertThat(c.clientClass()).isEqualTo("herd");
        assertThat(c.serializer()).isEqualTo("msgpack");
        assertThat(c.compressor()).isEqualTo("lz4");
        assertThat(c.keyPrefix()).isEqualTo("shop");
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.defaultTimeout().toMillis()).isEqualTo(300_000L);
        assertThat(c.scanItersize()).isEqualTo(100);
        assertThat(c.ignoreExceptions()).isTrue();
        assertThat(c.logIgnoredExceptions()).isTrue();
        assertThat(c.logIgnoredExceptionsInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.options()).containsExactly(Map.entry("serializer.allowlist", "com.example.model.**"));
    }

    @Test
    void fromPropertiesWithEmptyPrefixAndDefaults() {
        Properties p = new Properties();
        p.setProperty("location", "valkey://h");
        CacheConfig c = CacheConfig.fromProperties(p, "", "c1");
        assertThat(c.name()).isEqualTo("c1");
        assertThat(c.defaultTimeout()).isEqualTo(CacheConfig.DEFAULT_TIMEOUT);
        assertThat(c.scanItersize()).isEqualTo(10);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.serializer()).isEqualTo("java");
    }

    @Test
    void fromPropertiesUnknownSettingIsNamedWithItsPrefix() {
        Properties p = new Properties();
        p.setProperty("cache.default.location", "valkey://h");
        p.setProperty("cache.default.tiemout", "30");
        assertThatThrownBy(() -> CacheConfig.fromProperties(p, "cache.default.", "default"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("unknown setting 'cache.default.tiemout'")
                .hasMessageContaining("'default'");
    }

    @Test
    void fromPropertiesBadValueIsNamedWithItsPrefix() {
        Properties p = new Properties();
        p.setProperty("cache.x.location", "valkey://h");
        p.setProperty("cache.x.version", "two");
        assertThatThrownBy(() -> CacheConfig.fromProperties(p, "cache.x.", "x"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("cache.x.version")
                .hasMessageContaining("'two'");
    }

    @Test
    void fromMapBasic() {
        Map<String, String> m = new HashMap<>();
        m.put("locations", "valkey://a,,valkey://b ,");
        m.put("timeout", "none");
        m.put("keyPrefix", " spaced ");
        m.put("options.foo", "  bar  ");
        m.put("keyFunction", "default");
        CacheConfig c = CacheConfig.fromMap(m, "m");
        assertThat(c.locations()).extracting(ValkeyLocation::host).containsExactly("a", "b");
        assertThat(c.defaultTimeout().isNever()).isTrue();
        assertThat(c.keyPrefix()).isEqualTo(" spaced ");
        assertThat(c.option("foo", null)).isEqualTo("bar");
        assertThat(c.keyFunction()).isSameAs(KeyFunction.DEFAULT);
    }

    @Test
    void fromMapLoadsKeyFunctionByClassName() {
        CacheConfig c = CacheConfig.fromMap(Map.of("location", "valkey://h",
                "keyFunction", ReversedKeyFunction.class.getName()), "kf");
        assertThat(c.keyFunction()).isInstanceOf(ReversedKeyFunction.class);
    }

    @Test
    void fromMapUnknownKeyFunctionClassIsNamed() {
        assertThatThrownBy(() -> CacheConfig.fromMap(Map.of("location", "valkey://h",
                "keyFunction", "com.example.Missing"), "kf"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("keyFunction")
                .hasMessageContaining("com.example.Missing");
    }

    @Test
    void fromMapUnknownSettingIsNamed() {
        assertThatThrownBy(() -> CacheConfig.fromMap(Map.of("location", "valkey://h", "serialiser", "java"), "m"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("'serialiser'")
                .hasMessageContaining("'m'");
    }

    @Test
    void fromMapWithoutLocationFails() {
        assertThatThrownBy(() -> CacheConfig.fromMap(Map.of("version", "2"), "noloc"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("location")
                .hasMessageContaining("noloc");
    }

    @ParameterizedTest
    @CsvSource({
            "version, x1, version",
            "version, 1.5, version",
            "scanItersize, many, scanItersize",
            "scanItersize, 0, scanItersize",
            "scanItersize, -1, scanItersize",
            "timeout, soon, timeout",
            "timeout, default, timeout",
            "ignoreExceptions, maybe, ignoreExceptions",
            "logIgnoredExceptions, 2, logIgnoredExceptions",
            "connectTimeout, fast, connectTimeout",
            "connectTimeout, none, connectTimeout",
            "connectTimeout, 0, connectTimeout",
            "requestTimeout, -1s, requestTimeout",
            "requestTimeout, default, requestTimeout",
            "clientClass, '', clientClass",
            "serializer, ' ', serializer",
            "location, ftp://h, location",
    })
    void fromMapInvalidValuesNameTheSetting(String setting, String value, String named) {
        Map<String, String> m = new HashMap<>();
        if (!setting.equals("location")) {
            m.put("location", "valkey://h");
        }
        m.put(setting, value);
        assertThatThrownBy(() -> CacheConfig.fromMap(m, "bad"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining(named);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "YES, true", "on, true", "1, true", "false, false", "No, false", "off, false", "0, false"})
    void booleanForms(String text, boolean expected) {
        CacheConfig c = CacheConfig.fromMap(Map.of("location", "valkey://h", "ignoreExceptions", text), "b");
        assertThat(c.ignoreExceptions()).isEqualTo(expected);
    }

    @Test
    void fromMapNullValueIsTreatedAsEmpty() {
        Map<String, String> m = new HashMap<>();
        m.put("location", "valkey://h");
        m.put("keyPrefix", null);
        assertThat(CacheConfig.fromMap(m, "n").keyPrefix()).isEmpty();
        m.put("serializer", null);
        assertThatThrownBy(() -> CacheConfig.fromMap(m, "n"))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("serializer");
    }

    @Test
    void fromMapToStringHasNoPassword() {
        CacheConfig c = CacheConfig.fromMap(Map.of("location", "valkey://u:" + SECRET + "@h",
                "options.password", SECRET), "pw");
        assertThat(c.primary().password()).isEqualTo(SECRET);
        assertThat(c.toString()).doesNotContain(SECRET);
    }

    // ---- location lists (issue 9.1) ----------------------------------------------------------

    @Test
    void aCommaInAPasswordSurvivesEveryForm() {
        String list = "valkey://u:a,b" + SECRET + "@h1:1,valkey://:c," + SECRET + "@h2:2";
        Properties p = new Properties();
        p.setProperty("cache.x.location", list);
        for (CacheConfig c : List.of(
                CacheConfig.builder().location(list).build(),
                CacheConfig.fromMap(Map.of("location", list), "x"),
                CacheConfig.fromProperties(p, "cache.x.", "x"))) {
            assertThat(c.locations()).extracting(ValkeyLocation::address).containsExactly("h1:1", "h2:2");
            assertThat(c.locations()).extracting(ValkeyLocation::password)
                    .containsExactly("a,b" + SECRET, "c," + SECRET);
            assertThat(c.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void builderLocationTakesAListAndStillRejectsBlank() {
        assertThat(minimal().location("valkey://b, valkey://c").build().locations())
                .extracting(ValkeyLocation::host).containsExactly("localhost", "b", "c");
        assertThatThrownBy(() -> minimal().location(" ")).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("location").hasMessageContaining("blank");
    }

    // ---- default timeout (issue 9.9) ---------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"-1", "-0.5", "-1s", "-250ms", "PT-5S"})
    void aNegativeDefaultTimeoutIsRejectedInEveryForm(String text) {
        Timeout negative = Timeout.parse(text, "t");
        assertThatThrownBy(() -> CacheConfig.fromMap(Map.of("location", "valkey://h", "timeout", text), "neg"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("timeout").hasMessageContaining("negative").hasMessageContaining("'neg'");
        assertThatThrownBy(() -> minimal().defaultTimeout(negative)).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("timeout").hasMessageContaining("negative");
        assertThatThrownBy(() -> minimal().defaultTimeout(negative.duration()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("negative");
    }

    @Test
    void aZeroDefaultTimeoutIsAllowedAsInDjango() {
        assertThat(CacheConfig.fromMap(Map.of("location", "valkey://h", "timeout", "0"), "z").defaultTimeout())
                .isEqualTo(Timeout.ofSeconds(0));
        assertThat(minimal().defaultTimeout(Duration.ZERO).build().defaultTimeout().expiresImmediately()).isTrue();
    }

    @Test
    void aMisspelledSettingGetsASuggestion() {
        assertThatThrownBy(() -> CacheConfig.fromMap(Map.of("location", "valkey://h", "keyprefix", "x"), "s"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("unknown setting 'keyprefix'")
                .hasMessageContaining("did you mean 'keyPrefix'?");
    }
}
