package org.valkeycache.client.herd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.SetArgs;
import org.valkeycache.Timeout;
import org.valkeycache.ValkeyCache;
import org.valkeycache.client.glide.DefaultValkeyClient;
import org.valkeycache.codec.IdentityCompressor;
import org.valkeycache.codec.JavaSerializer;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;
import org.valkeycache.spi.Lookup;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * The herd rules against a real server, with a clock the test moves: what is stored, when a value
 * reads as stale, and how getOrSet, touch and single flight behave.
 */
class HerdValkeyClientTest {

    static final long HERD = 60_000;
    /** The codec of the caches here (the defaults), for lookups made on the client directly. */
    static final ValueCodec CODEC = new ValueCodec(new JavaSerializer(), new IdentityCompressor());

    static ValkeyServer server;

    final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    DefaultValkeyClient raw;
    HerdValkeyClient herd;
    ValkeyCache cache;

    @BeforeAll
    static void start() {
        server = ValkeyServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static CacheConfig.Builder config() {
        return CacheConfig.builder().location(server.url()).keyPrefix("h");
    }

    @BeforeEach
    void open() {
        server.flushAll();
        raw = new DefaultValkeyClient(config().build());
        herd = new HerdValkeyClient(new DefaultValkeyClient(config().build()), HERD, false, 10_000, now::get);
        cache = ValkeyCache.open(config().build(), herd);
    }

    @AfterEach
    void close() {
        cache.close();
        raw.close();
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    byte[] stored(String userKey) throws Exception {
        return stored(cache, userKey);
    }

    byte[] stored(BackendCommands through, String userKey) throws Exception {
        return await(raw.get(b(through.makeKey(userKey))));
    }

    long pttl(String userKey) {
        return (Long) server.call("PTTL", cache.makeKey(userKey));
    }

    /** Moves the clock past the soft expiry of a value written with {@code timeout} by the whole herd timeout. */
    void makeStale(Duration timeout) {
        now.addAndGet(timeout.toMillis() + HERD);
    }

    @Test
    void aTimedWriteStoresAnEnvelopeThatLivesTimeoutPlusHerdTimeout() throws Exception {
        cache.set("k", "value", Duration.ofSeconds(100));
        byte[] stored = stored("k");
        assertThat(HerdEnvelope.isEnvelope(stored)).isTrue();
        assertThat(HerdEnvelope.softExpiry(stored)).isEqualTo(now.get() + 100_000);
        assertThat(pttl("k")).isBetween(158_000L, 160_000L);
        assertThat((Object) cache.get("k")).isEqualTo("value");
        assertThat(cache.ttl("k")).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void persistentValuesAndRawNumbersAreStoredPlainWithTheirOwnTimeout() throws Exception {
        cache.set("forever", "v", Timeout.never());
        assertThat(HerdEnvelope.isEnvelope(stored("forever"))).isFalse();
        assertThat(pttl("forever")).isEqualTo(-1L);
        cache.set("n", 41, Duration.ofSeconds(100));
        cache.set("f", 2.5, Duration.ofSeconds(100));
        assertThat(server.call("GET", cache.makeKey("n"))).isEqualTo("41");
        assertThat(server.call("GET", cache.makeKey("f"))).isEqualTo("2.5");
        assertThat(pttl("n")).isBetween(98_000L, 100_000L);
        assertThat(cache.incr("n")).isEqualTo(42);
        assertThat(cache.decr("n", 2)).isEqualTo(40);
        makeStale(Duration.ofSeconds(100));
        assertThat((Object) cache.get("n")).as("a raw number has no soft expiry").isEqualTo(40L);
    }

    @Test
    void aValueWithoutTheMarkerIsAFreshPlainValue() throws Exception {
        cache.mset(Map.of("m", "by mset"), Timeout.ofSeconds(100));
        assertThat(HerdEnvelope.isEnvelope(stored("m"))).isFalse();
        assertThat(pttl("m")).as("mset stores plain, as django-valkey").isBetween(98_000L, 100_000L);
        server.call("SET", cache.makeKey("written-by-python"), "7");
        makeStale(Duration.ofSeconds(100));
        assertThat((Object) cache.get("m")).isEqualTo("by mset");
        assertThat((Object) cache.get("written-by-python")).isEqualTo(7L);
    }

    @Test
    void beforeTheSoftExpiryEveryReadIsFreshAndAfterTheHerdTimeoutEveryReadIsStale() {
        cache.set("k", "v", Duration.ofSeconds(10));
        now.addAndGet(10_000);
        for (int i = 0; i < 50; i++) {
            assertThat((Object) cache.get("k")).isEqualTo("v");
        }
        makeStale(Duration.ZERO);
        for (int i = 0; i < 50; i++) {
            assertThat((Object) cache.get("k")).isNull();
            assertThat(cache.getOrDefault("k", "dflt")).isEqualTo("dflt");
        }
        assertThat(cache.hasKey("k")).as("the stale value is still stored").isTrue();
    }

    @Test
    void halfwayThroughTheHerdTimeoutAboutHalfTheReadsAreStale() {
        cache.set("k", "v", Duration.ofSeconds(10));
        now.addAndGet(10_000 + HERD / 2);
        int stale = 0;
        for (int i = 0; i < 400; i++) {
            if (cache.get("k") == null) {
                stale++;
            }
        }
        assertThat(stale).isBetween(140, 260);
    }

    @Test
    void staleKeysAreLeftOutOfBulkReadsLikeMisses() {
        cache.set("old", "o", Duration.ofSeconds(1));
        now.addAndGet(1000 + HERD);
        cache.set("new", "n", Duration.ofSeconds(100));
        cache.set("count", 3, Duration.ofSeconds(100));
        assertThat(cache.getMany(List.of("old", "new", "count", "missing"))).containsExactly(
                Map.entry("new", "n"), Map.entry("count", 3L));
        assertThat(cache.mget(List.of("old", "new", "count", "missing"))).containsExactly(
                Map.entry("new", "n"), Map.entry("count", 3L));
    }

    @Test
    void setManyWrapsValuesAndKeepsRawNumbersRawWithTheirOwnTimeout() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("a", "text");
        values.put("n", 5L);
        values.put("b", List.of("x"));
        values.put("f", 1.5);
        assertThat(cache.setMany(values, Timeout.ofSeconds(100))).isEmpty();
        assertThat(HerdEnvelope.isEnvelope(stored("a"))).isTrue();
        assertThat(HerdEnvelope.isEnvelope(stored("b"))).isTrue();
        assertThat(pttl("a")).isBetween(158_000L, 160_000L);
        assertThat(pttl("n")).isBetween(98_000L, 100_000L);
        assertThat(pttl("f")).isBetween(98_000L, 100_000L);
        assertThat(cache.getMany(values.keySet())).containsExactlyEntriesOf(values);
    }

    @Test
    void addAndXxKeepTheirConditions() throws Exception {
        assertThat(cache.set("k", "1", SetArgs.xx())).as("xx on a missing key (django-valkey drops xx)").isFalse();
        assertThat(cache.add("k", "1")).isTrue();
        assertThat(cache.add("k", "2")).isFalse();
        assertThat(cache.set("k", "3", SetArgs.xx())).isTrue();
        assertThat((Object) cache.get("k")).isEqualTo("3");
        assertThat(HerdEnvelope.isEnvelope(stored("k"))).isTrue();
    }

    @Test
    void getOrSetRecomputesAStaleValueAndOverwritesIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.<String>getOrSet("g", () -> "v" + calls.incrementAndGet(), Timeout.ofSeconds(10))).isEqualTo("v1");
        assertThat(cache.<String>getOrSet("g", () -> "v" + calls.incrementAndGet(), Timeout.ofSeconds(10))).isEqualTo("v1");
        makeStale(Duration.ofSeconds(10));
        // django-valkey's get_or_set adds with NX here, which fails while the stale key exists
        assertThat(cache.<String>getOrSet("g", () -> "v" + calls.incrementAndGet(), Timeout.ofSeconds(10))).isEqualTo("v2");
        assertThat(HerdEnvelope.softExpiry(stored("g"))).isEqualTo(now.get() + 10_000);
        assertThat(cache.<String>getOrSet("g", () -> "v" + calls.incrementAndGet(), Timeout.ofSeconds(10))).isEqualTo("v2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void touchRewrapsAFreshValueAndLeavesAStaleOneAlone() throws Exception {
        cache.set("t", "v", Duration.ofSeconds(10));
        now.addAndGet(5000);
        assertThat(cache.touch("t", Duration.ofSeconds(100))).isTrue();
        assertThat(HerdEnvelope.softExpiry(stored("t"))).isEqualTo(now.get() + 100_000);
        assertThat(pttl("t")).isBetween(158_000L, 160_000L);
        assertThat(cache.expire("t", Duration.ofSeconds(20))).isTrue();
        assertThat(pttl("t")).isBetween(78_000L, 80_000L);
        makeStale(Duration.ofSeconds(20));
        assertThat(cache.touch("t", Duration.ofSeconds(100))).as("stale: nothing changed, as django-valkey").isFalse();
        assertThat(pttl("t")).isBetween(78_000L, 80_000L);
        assertThat(cache.touch("missing", Duration.ofSeconds(100))).isFalse();
        cache.set("plain", "v", Timeout.never());
        assertThat(cache.touch("plain", Duration.ofSeconds(30))).isTrue();
        assertThat(HerdEnvelope.isEnvelope(stored("plain"))).as("a plain value gets PEXPIRE").isFalse();
        assertThat(pttl("plain")).isBetween(28_000L, 30_000L);
    }

    @Test
    void persistStoresAWrappedValuePlainAndPersistent() throws Exception {
        cache.set("p", "v", Duration.ofSeconds(10));
        assertThat(cache.persist("p")).isTrue();
        assertThat(HerdEnvelope.isEnvelope(stored("p"))).isFalse();
        assertThat(pttl("p")).isEqualTo(-1L);
        assertThat((Object) cache.get("p")).isEqualTo("v");
        assertThat(cache.persist("p")).isFalse();
        assertThat(cache.touch("p", Timeout.never())).isTrue();
    }

    @Test
    void incrVersionMovesTheStoredEnvelopeSoBothExpiriesStayExact() throws Exception {
        cache.set("v", "value", Duration.ofSeconds(100));
        long softExpiry = HerdEnvelope.softExpiry(stored("v"));
        assertThat(cache.incrVersion("v")).isEqualTo(2);
        BackendCommands v2 = cache.withVersion(2);
        assertThat((Object) v2.get("v")).isEqualTo("value");
        assertThat(HerdEnvelope.softExpiry(stored(v2, "v"))).isEqualTo(softExpiry);
        // django-valkey re-wraps with the real TTL, so each move adds H; the envelope moves as it is
        assertThat(v2.decrVersion("v")).isEqualTo(1);
        assertThat(cache.ttl("v")).isBetween(Duration.ofSeconds(155), Duration.ofSeconds(160));
        assertThat(HerdEnvelope.softExpiry(stored("v"))).isEqualTo(softExpiry);
        makeStale(Duration.ofSeconds(100));
        assertThat((Object) cache.get("v")).as("stale at the moment it was before the moves").isNull();
    }

    @Test
    void anEnvelopeOfAnotherFormatVersionIsATypedErrorNamingTheKey() throws Exception {
        byte[] newer = HerdEnvelope.pack(b("x"), now.get() + 1000);
        newer[4] = 9;
        await(raw.set(b(cache.makeKey("newer")), newer, SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY));
        assertThatThrownBy(() -> cache.get("newer")).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("h:1:newer").hasMessageContaining("format version 9");
    }

    @Test
    void singleFlightLeasesTheRecomputeToOneCallerAndServesTheOthersTheStaleValue() throws Exception {
        HerdValkeyClient flight = new HerdValkeyClient(new DefaultValkeyClient(config().build()), HERD, true, 5_000, now::get);
        try (ValkeyCache sf = ValkeyCache.open(config().build(), flight)) {
            sf.set("hot", "old", Duration.ofSeconds(10));
            now.addAndGet(10_001);
            byte[] key = b(sf.makeKey("hot"));
            Lookup first = await(flight.lookup(key));
            assertThat(first.recompute()).isTrue();
            assertThat(first.lease()).isNotNull();
            String lockKey = "herd:lock:" + sf.makeKey("hot");
            assertThat((Long) server.call("PTTL", lockKey)).isBetween(1L, 5_000L);
            for (int i = 0; i < 20; i++) {
                Lookup other = await(flight.lookup(key));
                assertThat(other.recompute()).isFalse();
                assertThat(CODEC.decode(other.value())).isEqualTo("old");
            }
            assertThat(await(flight.storeComputed(key, CODEC.encode("new"), 10_000, first))).isTrue();
            awaitGone(lockKey);
            Lookup after = await(flight.lookup(key));
            assertThat(after.recompute()).isFalse();
            assertThat(CODEC.decode(after.value())).isEqualTo("new");
        }
    }

    @Test
    void aLeaseWhoseHolderDiesExpiresAndAnAbandonedOneIsReleasedAtOnce() throws Exception {
        HerdValkeyClient flight = new HerdValkeyClient(new DefaultValkeyClient(config().build()), HERD, true, 300, now::get);
        try (ValkeyCache sf = ValkeyCache.open(config().build(), flight)) {
            sf.set("hot", "old", Duration.ofSeconds(10));
            now.addAndGet(10_001);
            byte[] key = b(sf.makeKey("hot"));
            String lockKey = "herd:lock:" + sf.makeKey("hot");
            assertThat(await(flight.lookup(key)).recompute()).isTrue(); // and its holder never comes back
            assertThat(await(flight.lookup(key)).recompute()).isFalse();
            awaitGone(lockKey);
            Lookup again = await(flight.lookup(key));
            assertThat(again.recompute()).as("after the lock expired another caller recomputes").isTrue();
            flight.abandonComputed(key, again);
            awaitGone(lockKey);
            assertThat(await(flight.lookup(key)).recompute()).isTrue();
        }
    }

    @Test
    void singleFlightGetOrSetWritesTheNewValueAndReleasesTheLock() throws Exception {
        HerdValkeyClient flight = new HerdValkeyClient(new DefaultValkeyClient(config().build()), HERD, true, 5_000, now::get);
        try (ValkeyCache sf = ValkeyCache.open(config().build(), flight)) {
            sf.set("hot", "old", Duration.ofSeconds(10));
            now.addAndGet(10_001);
            assertThat(sf.<String>getOrSet("hot", () -> "new", Timeout.ofSeconds(10))).isEqualTo("new");
            awaitGone("herd:lock:" + sf.makeKey("hot"));
            assertThat(sf.<String>getOrSet("hot", () -> "newer", Timeout.ofSeconds(10))).isEqualTo("new");
        }
    }

    private static void awaitGone(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((Long) server.call("EXISTS", key) == 1L) {
            assertThat(System.nanoTime()).as(key + " still exists").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void configurationPicksTheDelegateAndRefusesBadOptions() {
        try (BackendCommands c = ValkeyCache.open(config().clientClass("herd").option("herd.timeout", "2s")
                .option("herd.single_flight", "true").build())) {
            c.set("k", "v", Duration.ofSeconds(1));
            assertThat(c.pttl("k").toMillis()).isBetween(2_500L, 3_000L);
        }
        assertThatThrownBy(() -> ValkeyCache.open(config().clientClass("herd").option("herd.delegate", "herd").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.herd.delegate");
        assertThatThrownBy(() -> ValkeyCache.open(config().clientClass("herd").option("herd.timeout", "0").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.herd.timeout");
        assertThatThrownBy(() -> ValkeyCache.open(config().clientClass("herd").option("herd.single_flight", "yes").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.herd.single_flight");
        assertThatThrownBy(() -> ValkeyCache.open(config().clientClass("herd").option("herd.delegate", "com.example.Nope").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("com.example.Nope");
        assertThatThrownBy(() -> new HerdValkeyClient(raw, Duration.ZERO, false, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("herdTimeout");
    }

    @Test
    void itDeclaresItsOptionsAndClaimsThoseOfTheStrategyItWraps() {
        assertThat(Plugins.declaredOptions(HerdValkeyClient.class)).containsExactlyInAnyOrder(
                "herd.delegate", "herd.timeout", "herd.single_flight", "herd.lock_timeout");
        Plugins.validate(config().clientClass("herd").option("herd.timeout", "5s").option("dispatch.coalesce", "false")
                .option("tls.insecure", "false").build());
        assertThatThrownBy(() -> Plugins.validate(config().clientClass("herd").option("herd.timeuot", "5s").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("did you mean 'options.herd.timeout'?");
        assertThatThrownBy(() -> Plugins.validate(config().clientClass("herd").option("herd.delegate", "com.example.Nope").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.herd.delegate")
                .hasMessageContaining("com.example.Nope");
        assertThatThrownBy(() -> Plugins.validate(config().option("herd.timeout", "5s").build()))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("clientClass 'herd'");
    }

    @Test
    void describeNamesTheDelegateAndTheSettings() {
        assertThat(herd.describe()).startsWith("herd[default[primary=").contains("herd.timeout=60000ms");
    }
}
