package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.valkeycache.testsupport.SecretLeaks.assertNoLeak;
import static org.valkeycache.testsupport.SecretLeaks.percentEncode;
import static org.valkeycache.testsupport.SecretLeaks.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Caches;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.testsupport.SecretLeaks;

/**
 * Issue 9.1: a password of any character class, raw or percent-encoded, given through the
 * builder, a map, properties or a properties file, parses to itself and never appears, whole or
 * in part, in a message, a cause chain, a {@code toString()} or a log line. No server is needed:
 * registries are validated without creating their client (see {@link PasswordEndToEndTest} for
 * a real server).
 *
 * <p>Every password is a {@link SecretLeaks#secret} around a sample of its character class, so a
 * leak of any part of it shows up as a marker.
 */
class PasswordLeakTest {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private enum Form { BUILDER, MAP, PROPERTIES, FILE }

    @TempDir
    Path dir;

    private final SecretLeaks logs = SecretLeaks.captureLogs();

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    static Stream<Arguments> passwords() {
        List<String> samples = new ArrayList<>();
        for (char c : PUNCTUATION.toCharArray()) {
            samples.add(String.valueOf(c));
        }
        samples.addAll(List.of(" ", "abcXYZ", "0123456789", "\u00e9\u4e2d\u6587\ud83d\ude00\u00df", PUNCTUATION + " ",
                "://", "@@", ",valkey:/", "/0?db=1&x=", "%%"));
        // a raw "%XX" is read as percent-encoding, a raw ",scheme://" separates locations, and a
        // raw "?password=" looks like a query: such passwords can only be given encoded (README)
        List<String> encodedOnly = List.of("%41", ",valkey://", "%e2%82%ac", "?password=", "&PASSWORD=");
        List<Arguments> cases = new ArrayList<>();
        for (String s : samples) {
            String password = secret(s);
            cases.add(Arguments.of(password, password));
            cases.add(Arguments.of(password, percentEncode(password)));
        }
        for (String s : encodedOnly) {
            String password = secret(s);
            cases.add(Arguments.of(password, percentEncode(password)));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("passwords")
    void thePasswordParsesToItselfAndAppearsNowhere(String password, String inUrl) {
        String list = "valkey://app:" + inUrl + "@127.0.0.1:6379/2, valkeys://:" + inUrl + "@replica.example:6380";
        List<String> badLocations = List.of(
                "valkey://app:" + inUrl + "@127.0.0.1:notaport",
                "valkey://app:" + inUrl + "@127.0.0.1/notadb",
                "valkey://:" + inUrl + "@h?db=x",
                "valkey://app:" + inUrl + "@",
                "valkey://app:" + inUrl + "@[::1",
                "valkey://app:" + inUrl + "@h1,h2",
                "ftp://app:" + inUrl + "@h",
                "valkey:/app:" + inUrl + "@h",
                "app:" + inUrl + "@h",
                "valkey://a?p:" + inUrl + "@h",
                "valkey://h1, valkey://app:" + inUrl + "@h2:0");
        for (Form form : Form.values()) {
            CacheConfig c = load(form, list, Map.of());
            assertThat(c.locations()).extracting(ValkeyLocation::password).containsExactly(password, password);
            assertThat(c.locations()).extracting(ValkeyLocation::address)
                    .containsExactly("127.0.0.1:6379", "replica.example:6380");
            assertThat(c.primary().username()).isEqualTo("app");
            assertThat(c.primary().database()).isEqualTo(2);
            assertNoLeak(c.toString());
            c.locations().forEach(l -> assertNoLeak(l.toString()));
            assertNoLeak(ValkeyLocation.mask(list));
            if (form == Form.FILE) {
                continue; // a file differs from properties only in escaping, which the above covers
            }
            for (String bad : badLocations) {
                assertFailsWithoutLeak(() -> load(form, bad, Map.of()));
            }
            // in a query a raw '&' or '@' cuts the password short, but no part of it may show
            String query = "valkey://h:1?password=" + inUrl;
            Throwable t = catchThrowable(() -> load(form, query, Map.of()));
            if (t == null) {
                assertNoLeak(load(form, query, Map.of()).toString());
            } else {
                assertFailsWithoutLeak(() -> load(form, query, Map.of()));
            }
            if (form != Form.BUILDER) {
                assertFailsWithoutLeak(() -> load(form, list, Map.of("options.serializer.alowlist", "x")));
                assertFailsWithoutLeak(() -> load(form, list, Map.of("timeout", "-1")));
                assertFailsWithoutLeak(() -> load(form, list, Map.of("colour", "blue")));
            }
        }
        logs.assertNoLogLineLeaks();
    }

    private CacheConfig load(Form form, String location, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("location", location);
        settings.putAll(extra);
        switch (form) {
            case BUILDER:
                return CacheConfig.builder().location(location).build();
            case MAP:
                CacheConfig config = CacheConfig.fromMap(settings, "default");
                Plugins.validate(config);
                return config;
            case PROPERTIES:
                try (Caches caches = Caches.fromProperties(properties(settings))) {
                    return caches.config("default");
                }
            default:
                Path file = dir.resolve("caches.properties");
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    properties(settings).store(w, null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                try (Caches caches = Caches.load(file)) {
                    return caches.config("default");
                }
        }
    }

    private static Properties properties(Map<String, String> settings) {
        Properties p = new Properties();
        settings.forEach((k, v) -> p.setProperty("cache.default." + k, v));
        return p;
    }

    private static void assertFailsWithoutLeak(Runnable action) {
        Throwable t = catchThrowable(action::run);
        assertThat(t).isInstanceOf(CacheConfigurationException.class);
        assertNoLeak(t);
    }
}
