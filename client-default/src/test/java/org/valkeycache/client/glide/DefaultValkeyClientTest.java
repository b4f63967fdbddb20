package org.valkeycache.client.glide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import glide.api.GlideClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.client.glide.internal.BlockingPool;
import org.valkeycache.client.glide.internal.GlideClients;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.ValkeyProcess;
import org.valkeycache.testsupport.ValkeyServer;

class DefaultValkeyClientTest {

    static ValkeyServer primary;
    static ValkeyServer replica;

    @BeforeAll
    static void start() {
        primary = ValkeyServer.start();
        replica = ValkeyServer.builder().replicaOf(primary).start();
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    static DefaultValkeyClient client(String... urls) {
        return new DefaultValkeyClient(CacheConfig.builder().locations(List.of(urls)).build());
    }

    @Test
    void setConditionsAndExpiry() throws Exception {
        try (DefaultValkeyClient c = client(primary.url())) {
            assertThat(await(c.set(b("c:a"), b("1"), SetCondition.IF_PRESENT, ValkeyClient.NO_EXPIRY))).isFalse();
            assertThat(await(c.set(b("c:a"), b("1"), SetCondition.IF_ABSENT, ValkeyClient.NO_EXPIRY))).isTrue();
            assertThat(await(c.set(b("c:a"), b("2"), SetCondition.IF_ABSENT, ValkeyClient.NO_EXPIRY))).isFalse();
            assertThat(await(c.set(b("c:a"), b("3"), SetCondition.IF_PRESENT, 5000))).isTrue();
            assertThat(new String(await(c.get(b("c:a"))), UTF_8)).isEqualTo("3");
            assertThat(await(c.pttl(b("c:a")))).isBetween(1L, 5000L);
            assertThat(await(c.pttl(b("c:missing")))).isEqualTo(-2L);
            assertThat(await(c.persist(b("c:a")))).isTrue();
            assertThat(await(c.pttl(b("c:a")))).isEqualTo(-1L);
            assertThatThrownBy(() -> c.set(b("c:a"), b("x"), SetCondition.ALWAYS, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiryMillis");
        }
    }

    @Test
    void incrOnlyIfExistsUsesTheServer() throws Exception {
        try (DefaultValkeyClient c = client(primary.url())) {
            assertThat(await(c.incrBy(b("c:n"), 5, true))).isNull();
            assertThat(await(c.exists(b("c:n")))).isFalse();
            assertThat(await(c.incrBy(b("c:n"), 5, false))).isEqualTo(5L);
            assertThat(await(c.incrBy(b("c:n"), -7, true))).isEqualTo(-2L);
            primary.call("SCRIPT", "FLUSH"); // as after a restart: the script is loaded again on NOSCRIPT
            assertThat(await(c.incrBy(b("c:n"), 2, true))).isEqualTo(0L);
            await(c.set(b("c:text"), b("abc"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY));
            assertThatThrownBy(() -> await(c.incrBy(b("c:text"), 1, true)))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(CacheCommandException.class).hasMessageContaining("not an integer");
        }
    }

    @Test
    void msetWithExpiryIsOneTransactionAndPipelinesReportPerKey() throws Exception {
        try (DefaultValkeyClient c = client(primary.url())) {
            List<byte[]> keys = List.of(b("c:m1"), b("c:m2"));
            await(c.mset(keys, List.of(b("x"), b("y")), 10_000));
            assertThat(await(c.pttl(b("c:m2")))).isBetween(1L, 10_000L);
            assertThat(await(c.mget(keys))).extracting(v -> new String(v, UTF_8)).containsExactly("x", "y");
            List<Boolean> stored = await(c.setMany(List.of(b("c:s1"), b("c:s2")), List.of(b("1"), b("2")), ValkeyClient.NO_EXPIRY));
            assertThat(stored).containsExactly(true, true);
            List<byte[]> got = await(c.getMany(List.of(b("c:s1"), b("c:none"), b("c:s2"))));
            assertThat(got.get(0)).isEqualTo(b("1"));
            assertThat(got.get(1)).isNull();
            assertThat(got.get(2)).isEqualTo(b("2"));
            assertThat(await(c.unlink(List.of(b("c:s1"), b("c:s2"), b("c:none"))))).isEqualTo(2L);
        }
    }

    @Test
    void bulkCallsOverSeveralChunksKeepKeyOrder() throws Exception {
        int n = 2500; // several MGET / MSET / script chunks
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(b("c:bulk:" + i));
            values.add(b("v" + i));
        }
        try (DefaultValkeyClient c = client(primary.url())) {
            assertThat(await(c.setMany(keys, values, ValkeyClient.NO_EXPIRY))).hasSize(n).containsOnly(true);
            assertThat(await(c.pttl(keys.get(n - 1)))).isEqualTo(-1L);
            List<byte[]> withMissing = new ArrayList<>(keys);
            withMissing.add(1500, b("c:bulk:missing"));
            List<byte[]> got = await(c.getMany(withMissing));
            assertThat(got).hasSize(n + 1);
            assertThat(got.get(1500)).isNull();
            for (int i = 0; i < n; i++) {
                assertThat(got.get(i < 1500 ? i : i + 1)).isEqualTo(values.get(i));
            }
            List<byte[]> again = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                again.add(b("w" + i));
            }
            assertThat(await(c.setMany(keys, again, 60_000))).hasSize(n).containsOnly(true);
            assertThat(await(c.pttl(keys.get(0)))).isBetween(1L, 60_000L);
            assertThat(await(c.pttl(keys.get(n - 1)))).isBetween(1L, 60_000L);
            assertThat(await(c.getMany(keys))).containsExactlyElementsOf(again);
            assertThat(await(c.unlink(keys))).isEqualTo(n);
        }
    }

    @Test
    void bulkWritesWithAnExpiryKeepAnyBytesOfAnyLength() throws Exception {
        int[] sizes = {0, 1, 31, 32, 255, 256, 65_535, 65_536, 70_000};
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int s : sizes) {
            byte[] key = new byte[Math.min(s, 300) + 1];
            byte[] value = new byte[s];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (i * 7 + s);
            }
            for (int i = 0; i < s; i++) {
                value[i] = (byte) (i * 31 + 5);
            }
            keys.add(key);
            values.add(value);
        }
        List<byte[]> large = new ArrayList<>(keys); // average over 1 KiB: sent as a pipeline of SETs
        List<byte[]> largeValues = new ArrayList<>(values);
        for (int i = 0; i < 300; i++) { // with these, small on average: one packed script run
            keys.add(b("c:filler:" + i));
            values.add(new byte[] {(byte) i});
        }
        try (DefaultValkeyClient c = client(primary.url())) {
            for (List<List<byte[]>> kv : List.of(List.of(keys, values), List.of(large, largeValues))) {
                await(c.unlink(kv.get(0)));
                assertThat(await(c.setMany(kv.get(0), kv.get(1), 60_000))).hasSize(kv.get(0).size()).containsOnly(true);
                assertThat(await(c.getMany(kv.get(0)))).containsExactlyElementsOf(kv.get(1));
                for (byte[] key : kv.get(0)) {
                    assertThat(await(c.pttl(key))).isBetween(1L, 60_000L);
                }
            }
            assertThat(await(c.unlink(keys))).isEqualTo(keys.size());
        }
    }

    @Test
    void setManyReportsExactlyTheKeysThatWereNotStored() throws Exception {
        primary.call("ACL", "SETUSER", "bulk-limited", "on", ">bulk-pw", "~c:ok:*", "+@all");
        int n = 2500;
        int refused = 1200; // in the second chunk
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(b(i == refused ? "c:no:" + i : "c:ok:" + i));
            values.add(b("v" + i));
        }
        String[] names = new String[n + 1];
        names[0] = "DEL";
        for (int i = 0; i < n; i++) {
            names[i + 1] = new String(keys.get(i), UTF_8);
        }
        try (DefaultValkeyClient c = client("valkey://bulk-limited:bulk-pw@127.0.0.1:" + primary.port())) {
            for (long expiry : new long[] {ValkeyClient.NO_EXPIRY, 60_000}) {
                primary.call(names);
                List<Boolean> stored = await(c.setMany(keys, values, expiry));
                assertThat(stored).hasSize(n);
                for (int i = 0; i < n; i++) {
                    assertThat(stored.get(i)).as("key %d reported stored", i).isEqualTo(i != refused);
                }
                for (int i = 0; i < n; i++) {
                    Object onServer = primary.call("GET", new String(keys.get(i), UTF_8));
                    assertThat(onServer != null).as("key %d stored, reported %s", i, stored.get(i)).isEqualTo(stored.get(i));
                }
            }
        } finally {
            primary.call("ACL", "DELUSER", "bulk-limited");
            primary.call(names);
        }
    }

    @Test
    void readsGoToTheReplicaAndWritesToThePrimary() throws Exception {
        try (DefaultValkeyClient c = client(primary.url(), replica.url())) {
            assertThat(c.describe()).contains("primary=127.0.0.1:" + primary.port())
                    .contains("127.0.0.1:" + replica.port());
            // a key present only on the replica proves where reads go
            replica.call("CONFIG", "SET", "replica-read-only", "no");
            try {
                replica.call("SET", "c:only-on-replica", "r");
                assertThat(await(c.get(b("c:only-on-replica")))).isEqualTo(b("r"));
                assertThat(await(c.exists(b("c:only-on-replica")))).isTrue();
                assertThat(primary.call("EXISTS", "c:only-on-replica")).isEqualTo(0L);
            } finally {
                replica.call("DEL", "c:only-on-replica");
                replica.call("CONFIG", "SET", "replica-read-only", "yes");
            }
            assertThat(await(c.set(b("c:w"), b("v"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY))).isTrue();
            assertThat(primary.call("GET", "c:w")).isEqualTo("v");
            assertThat(c.rawConnection(true)).isInstanceOf(GlideClient.class);
            assertThat(await(c.rawConnection(true).info()).contains("role:master")).isTrue();
            assertThat(await(c.rawConnection(false).info()).contains("role:slave")).isTrue();
        }
    }

    @Test
    void readsFallBackToThePrimaryWhenTheReplicaIsDown() throws Exception {
        int deadPort = ValkeyProcess.freePort();
        try (DefaultValkeyClient c = new DefaultValkeyClient(CacheConfig.builder()
                .locations(List.of(primary.url(), "valkey://127.0.0.1:" + deadPort))
                .connectTimeout(Duration.ofMillis(300)).build())) {
            primary.call("SET", "c:fallback", "p");
            assertThat(await(c.get(b("c:fallback")))).isEqualTo(b("p"));
            assertThat(await(c.get(b("c:fallback")))).isEqualTo(b("p"));
        }
    }

    @Test
    void scanStaysOnOneNodeAcrossPages() throws Exception {
        try (DefaultValkeyClient c = client(primary.url(), replica.url())) {
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                keys.add(b("c:scan:" + i));
                values.add(b("v"));
            }
            await(c.mset(keys, values, ValkeyClient.NO_EXPIRY));
            primary.call("WAIT", "1", "5000");
            Set<String> seen = new HashSet<>();
            ScanCursor cursor = ScanCursor.START;
            int pages = 0;
            while (!cursor.isFinished()) {
                ScanPage page = await(c.scan(cursor, b("c:scan:*"), 20));
                page.keys().forEach(k -> seen.add(new String(k, UTF_8)));
                cursor = page.next();
                pages++;
            }
            assertThat(pages).isGreaterThan(3);
            assertThat(seen).hasSize(300);
            assertThatThrownBy(() -> c.scan(ScanCursor.of("7:12"), b("*"), 10)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anOfflineServerDoesNotFailConstructionButFailsCommandsWithAConnectionError() {
        int deadPort = ValkeyProcess.freePort();
        try (DefaultValkeyClient c = new DefaultValkeyClient(CacheConfig.builder()
                .location("valkey://127.0.0.1:" + deadPort).connectTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofMillis(500)).build())) {
            assertThatThrownBy(() -> await(c.get(b("k"))))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(CacheConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + deadPort);
        }
    }

    @Test
    void aclUserAndDatabaseFromTheUrl() throws Exception {
        try (ValkeyServer secured = ValkeyServer.builder().aclUser("app", "s3cret-pw").start()) {
            try (DefaultValkeyClient c = client(secured.url(3))) {
                await(c.set(b("k"), b("v"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY));
                assertThat(secured.call("SELECT", "3")).isEqualTo("OK");
                assertThat(secured.call("DBSIZE")).isEqualTo(0L); // the fixture connection is a new one, on db 0
                assertThat(await(c.rawConnection(true).customCommand(new String[] {"ACL", "WHOAMI"}))).isEqualTo("app");
                assertThat(c.describe()).doesNotContain("s3cret-pw");
            }
            try (DefaultValkeyClient wrong = new DefaultValkeyClient(CacheConfig.builder()
                    .location("valkey://app:wrong-pw@127.0.0.1:" + secured.port())
                    .connectTimeout(Duration.ofMillis(500)).build())) {
                assertThatThrownBy(() -> await(wrong.get(b("k"))))
                        .isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(CacheAuthenticationException.class)
                        .message().doesNotContain("wrong-pw");
            }
        }
    }

    @Test
    void tlsWithTheServersCa() throws Exception {
        try (ValkeyServer tls = ValkeyServer.builder().tls().start()) {
            CacheConfig config = CacheConfig.builder().location(tls.tlsUrl())
                    .option(GlideClients.TLS_CA_FILE, tls.caCertificate().toString()).build();
            try (DefaultValkeyClient c = new DefaultValkeyClient(config)) {
                await(c.set(b("t"), b("over tls"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY));
                assertThat(await(c.get(b("t")))).isEqualTo(b("over tls"));
            }
            try (DefaultValkeyClient untrusting = new DefaultValkeyClient(CacheConfig.builder().location(tls.tlsUrl())
                    .connectTimeout(Duration.ofMillis(1000)).build())) {
                assertThatThrownBy(() -> await(untrusting.get(b("t")))).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(CacheConnectionException.class);
            }
        }
    }

    /** glide 2.3.1 reports an untrusted certificate as a connect timeout; the check finds the real reason. */
    @Test
    void aTlsHandshakeThatFailsIsReportedAsSuchNamingTheNode() throws Exception {
        try (ValkeyServer tls = ValkeyServer.builder().tls().start(); ValkeyServer other = ValkeyServer.builder().tls().start()) {
            String node = "localhost:" + tls.tlsPort();
            CacheConfig.Builder systemCas = CacheConfig.builder().location(tls.tlsUrl()).connectTimeout(Duration.ofSeconds(5));
            CacheConfig.Builder otherCa = CacheConfig.builder().location(tls.tlsUrl()).connectTimeout(Duration.ofSeconds(5))
                    .option(GlideClients.TLS_CA_FILE, other.caCertificate().toString());
            for (CacheConfig.Builder untrusting : List.of(systemCas, otherCa)) {
                try (DefaultValkeyClient c = new DefaultValkeyClient(untrusting.build())) {
                    assertThatThrownBy(() -> await(c.get(b("t")))).isInstanceOf(ExecutionException.class).cause()
                            .isInstanceOf(CacheConnectionException.class)
                            .hasMessageContaining(node)
                            .hasMessageContaining("TLS handshake failed: the server's certificate is not trusted")
                            .hasMessageContaining("options.tls.ca_file");
                }
            }
            try (DefaultValkeyClient insecure = new DefaultValkeyClient(CacheConfig.builder().location(tls.tlsUrl())
                    .option(GlideClients.TLS_INSECURE, "true").build())) {
                await(insecure.set(b("t"), b("any certificate"), SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY));
            }
        }
    }

    @Test
    void aTlsUrlPointedAtAPlainPortSaysTheServerDoesNotSpeakTlsThere() throws Exception {
        try (ValkeyServer tls = ValkeyServer.builder().tls().start()) {
            String node = "localhost:" + tls.port();
            CacheConfig config = CacheConfig.builder().location("valkeys://" + node).connectTimeout(Duration.ofSeconds(5))
                    .option(GlideClients.TLS_CA_FILE, tls.caCertificate().toString()).build();
            try (DefaultValkeyClient c = new DefaultValkeyClient(config)) {
                // glide's own handshake hangs until its timeout, and so does the JDK's: the reason
                // arrives with the connection check, so calls are repeated until it does
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                Throwable last;
                do {
                    ExecutionException failed = catchThrowableOfType(() -> await(c.get(b("t"))), ExecutionException.class);
                    assertThat(failed).as("a GET over TLS from a plain port").isNotNull();
                    last = failed.getCause();
                    assertThat(last).isInstanceOf(CacheConnectionException.class).hasMessageContaining(node);
                } while (!last.getMessage().contains("does not speak TLS") && System.nanoTime() < deadline);
                assertThat(last).hasMessageContaining("TLS handshake failed: the server does not speak TLS on this port")
                        .hasMessageContaining("valkey://");
            }
        }
    }

    @Test
    void unixSocketsAreRefusedClearly() {
        assertThatThrownBy(() -> client("unix:///tmp/valkey.sock"))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("unix");
    }

    @Test
    void theDefaultStrategyDeclaresEveryOptionItAndItsConnectionsRead() {
        assertThat(Plugins.declaredOptions(DefaultValkeyClient.class)).containsExactlyInAnyOrder(
                GlideClients.TLS_CA_FILE, GlideClients.TLS_INSECURE, GlideClients.CLIENT_NAME,
                GlideClients.DISPATCH_COALESCE, GlideClients.DISPATCH_MAX_IN_FLIGHT, GlideClients.DISPATCH_MAX_BATCH,
                GlideClients.DISPATCH_MAX_QUEUED,
                GlideClients.CONNECT_RETRY_INTERVAL, BlockingPool.POOL_SIZE, BlockingPool.BORROW_TIMEOUT);
        CacheConfig typo = CacheConfig.builder().location("valkey://127.0.0.1:1").option("tls.ca_flie", "x").build();
        assertThatThrownBy(() -> Plugins.validate(typo))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("did you mean 'options.tls.ca_file'?");
    }
}
