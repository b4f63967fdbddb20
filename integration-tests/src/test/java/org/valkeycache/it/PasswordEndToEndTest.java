package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.valkeycache.testsupport.SecretLeaks.assertNoLeak;
import static org.valkeycache.testsupport.SecretLeaks.percentEncode;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheException;
import org.valkeycache.Caches;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.SecretLeaks;
import org.valkeycache.testsupport.ValkeyProcess;
import org.valkeycache.testsupport.ValkeyServerExtension;

/**
 * Issue 9.1 end to end: an ACL password holding every ASCII punctuation character, a space and
 * non-ASCII letters authenticates against a real server whether it is written raw or
 * percent-encoded in a properties file; and no log line or exception shows any part of it when
 * the server cannot be reached or the password is wrong.
 */
class PasswordEndToEndTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ";
    private static final String PASSWORD = SecretLeaks.secret(PUNCTUATION + "\u00e9\u4e2d\ud83d\ude00");

    @TempDir
    Path dir;

    private SecretLeaks logs;

    @BeforeEach
    void setUp() {
        VALKEY.server().call("ACL", "SETUSER", "app", "reset", "on", ">" + PASSWORD, "~*", "+@all");
        logs = SecretLeaks.captureLogs();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        VALKEY.server().call("ACL", "DELUSER", "app");
    }

    @Test
    void thePasswordAuthenticatesRawAndPercentEncodedFromAPropertiesFile() throws Exception {
        String hostPort = "127.0.0.1:" + VALKEY.server().port();
        for (String inUrl : List.of(PASSWORD, percentEncode(PASSWORD))) {
            Properties p = new Properties();
            p.setProperty("cache.default.location", "valkey://app:" + inUrl + "@" + hostPort + "/0");
            p.setProperty("cache.other.location", "valkey://app:" + inUrl + "@" + hostPort + "/1, valkey://app:"
                    + inUrl + "@" + hostPort + "/1");
            Path file = dir.resolve("caches.properties");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            try (Caches caches = Caches.load(file)) {
                caches.getDefault().set("k", "v");
                assertThat((Object) caches.getDefault().get("k")).isEqualTo("v");
                caches.get("other").set("k", "w");
                assertThat((Object) caches.get("other").get("k")).isEqualTo("w");
                assertThat(caches.config("other").locations()).hasSize(2);
                assertNoLeak(caches.config("other").toString());
            }
        }
        logs.assertNoLogLineLeaks();
    }

    @Test
    void noLogLineOrExceptionShowsThePasswordWhenTheServerIsDownOrThePasswordWrong() {
        CacheConfig down = CacheConfig.builder()
                .location("valkey://app:" + PASSWORD + "@127.0.0.1:" + ValkeyProcess.freePort())
                .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofMillis(300))
                .ignoreExceptions(true).logIgnoredExceptions(true).build();
        try (BackendCommands cache = ValkeyCache.open(down)) {
            assertThat((Object) cache.get("k")).isNull();
            assertThat(cache.set("k", "v")).isFalse();
        }
        assertThat(logs.events()).as("the swallowed failures are logged").isNotEmpty();

        CacheConfig wrong = down.mutate().locations(List.of("valkey://app:" + PASSWORD.replace("Zk9", "Zk8") + "@127.0.0.1:"
                + VALKEY.server().port())).ignoreExceptions(false).build();
        try (BackendCommands cache = ValkeyCache.open(wrong)) {
            Throwable t = catchThrowable(() -> cache.get("k"));
            assertThat(t).isInstanceOf(CacheException.class);
            assertNoLeak(t);
            assertNoLeak(cache.toString());
        }
        logs.assertNoLogLineLeaks();
    }

}
