package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.Serializable;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheKeyNotFoundException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.SetArgs;
import org.valkeycache.Timeout;

/**
 * The behaviour every topology must have: each command of the seed page with django-valkey's
 * semantics (and our documented fixes), against real servers. A topology runs it by extending
 * {@link ValkeyCacheCompatibilityKit} (all contracts) or this class (this contract alone) and
 * implementing {@link #topology()}.
 */
public abstract class BackendCommandsContract extends ContractSupport {

    /** The cache under test: key prefix {@code test}, the topology's defaults otherwise. */
    protected BackendCommands cache;

    /** Subclassed by topologies. */
    protected BackendCommandsContract() {
    }

    @BeforeEach
    void openCache() {
        cache = open(config().keyPrefix("test"));
    }

    /** @return how often the primaries ran {@code command} (writes) */
    private long writesOf(String command) {
        return callsOf(command, topology().primaries());
    }

    /** @return how often any server ran {@code command} (reads may go to replicas) */
    private long readsOf(String command) {
        return callsOf(command, topology().nodes());
    }

    /** A user type, allowed through the serializer's allow-list where a test says so. */
    record Point(int x, int y) implements Serializable {
    }

    static final class NotSerializable {
    }

    // ---- set / get / add ---------------------------------------------------------------------

    @Test
    void setAndGetRoundTripValuesOfManyTypes() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("string", "hello");
        values.put("unicode", "héllo wörld ✓ 日本語 🚀");
        values.put("empty-string", "");
        values.put("double", 3.25d);
        values.put("negative-double", -0.5d);
        values.put("boolean", true);
        values.put("list", new ArrayList<>(List.of("a", 1L, 2.5d)));
        values.put("map", new HashMap<>(Map.of("k", List.of(1, 2))));
        values.put("instant", Instant.parse("2026-11-25T12:00:00Z"));
        for (Map.Entry<String, Object> e : values.entrySet()) {
            assertThat(cache.set(e.getKey(), e.getValue())).isTrue();
        }
        settle();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            assertThat((Object) cache.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void integersAreStoredRawAndReadBackAsLongsIncludingNegativeOnes() {
        cache.set("int", 42);
        cache.set("neg", -17L);
        cache.set("big", new BigInteger("123456789012345678901234567890"));
        cache.set("zero", 0);
        assertThat(raw("GET", cache.makeKey("int"))).isEqualTo("42");
        assertThat(raw("GET", cache.makeKey("neg"))).isEqualTo("-17");
        settle();
        assertThat((Object) cache.get("int")).isEqualTo(42L);
        assertThat((Object) cache.get("neg")).isEqualTo(-17L);
        assertThat((Object) cache.get("zero")).isEqualTo(0L);
        assertThat((Object) cache.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(cache.get("int", Long.class)).isEqualTo(42L);
    }

    @Test
    void binaryValuesAndUnusualKeysRoundTrip() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        List<String> keys = List.of("ключ", "键 with spaces", "new\nline", "glob*?[chars]", "colons:in:key",
                "emoji🚀", "tab\tkey", "\u0000nul");
        for (String key : keys) {
            assertThat(cache.set(key, allBytes)).isTrue();
        }
        settle();
        for (String key : keys) {
            assertThat((byte[]) cache.get(key)).as(key).isEqualTo(allBytes);
        }
        assertThat(cache.keys("*")).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aValueLargerThanOneMebibyteRoundTrips() {
        byte[] big = new byte[1024 * 1024 + 4321];
        new Random(7).nextBytes(big);
        assertThat(cache.set("big", big)).isTrue();
        String text = "x".repeat(1_500_000);
        assertThat(cache.set("big-text", text)).isTrue();
        settle();
        assertThat((byte[]) cache.get("big")).isEqualTo(big);
        assertThat((String) cache.get("big-text")).isEqualTo(text);
    }

    @Test
    void getReturnsNullOrTheDefaultForMissingKeys() {
        assertThat((Object) cache.get("missing")).isNull();
        assertThat(cache.getOrDefault("missing", "fallback")).isEqualTo("fallback");
        cache.set("present", "v");
        settle();
        assertThat(cache.getOrDefault("present", "fallback")).isEqualTo("v");
    }

    @Test
    void typedGetRefusesAValueOfAnotherType() {
        cache.set("s", "text");
        settle();
        assertThat(cache.get("s", String.class)).isEqualTo("text");
        assertThatThrownBy(() -> cache.get("s", Integer.class)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("s");
    }

    /** Overridable by a topology whose stored TTL differs by design (the herd client adds its herd timeout). */
    @Test
    protected void nxAndXxReportWhetherTheValueWasStored() {
        assertThat(cache.set("k", "1", SetArgs.xx())).isFalse();
        settle();
        assertThat(cache.hasKey("k")).isFalse();
        assertThat(cache.set("k", "1", SetArgs.nx())).isTrue();
        assertThat(cache.set("k", "2", SetArgs.nx())).isFalse();
        assertThat(cache.set("k", "3", SetArgs.xx())).isTrue();
        settle();
        assertThat((Object) cache.get("k")).isEqualTo("3");
        assertThat(cache.add("k", "4")).isFalse();
        assertThat(cache.add("fresh", "5")).isTrue();
        assertThat(cache.add("fresh-timed", "6", Duration.ofSeconds(30))).isTrue();
        settle();
        assertThat((Object) cache.get("k")).isEqualTo("3");
        assertThat((Object) cache.get("fresh")).isEqualTo("5");
        assertThat(cache.ttl("fresh-timed")).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    @Test
    void getOrSetCallsTheSupplierOnlyOnAMiss() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.<String>getOrSet("g", () -> "computed-" + calls.incrementAndGet())).isEqualTo("computed-1");
        settle();
        assertThat(cache.<String>getOrSet("g", () -> "computed-" + calls.incrementAndGet())).isEqualTo("computed-1");
        assertThat(calls).hasValue(1);
        assertThat(cache.ttl("g")).isGreaterThan(Duration.ofSeconds(290));
        assertThat(cache.<String>getOrSet("g2", () -> "p", Timeout.never())).isEqualTo("p");
        settle();
        assertThat(cache.ttl("g2")).isNull();
    }

    @Test
    void addOrGetAddsOnceAndAnswersWhatTheKeyHeld() {
        Object added = new Object();
        Timeout minute = Timeout.of(Duration.ofSeconds(60));
        assertThat(cache.addOrGet("ag", "first", minute, added)).isSameAs(added);
        assertThat((Object) cache.addOrGet("ag", "second", minute, added)).isEqualTo("first");
        settle();
        assertThat((Object) cache.get("ag")).isEqualTo("first");
        assertThat(cache.ttl("ag")).isNotNull().isPositive();
        assertThat(cache.addOrGet("ag-num", 5, Timeout.never(), added)).isSameAs(added);
        assertThat((Object) cache.addOrGet("ag-num", 6, Timeout.never(), added)).isEqualTo(5L);
        cache.set("ag-null", null);
        assertThat((Object) cache.addOrGet("ag-null", "x", minute, added)).isNull();
        settle();
        assertThat(cache.ttl("ag-num")).isNull();
        // an expire-now timeout only reads
        assertThat((Object) cache.addOrGet("ag", "third", Timeout.of(Duration.ZERO), added)).isEqualTo("first");
        assertThat(cache.addOrGet("ag-none", "x", Timeout.of(Duration.ZERO), added)).isSameAs(added);
        assertThat(cache.hasKey("ag-none")).isFalse();
    }

    @Test
    void getAndTouchReadsAndRestartsTheTimeoutInOneCall() {
        Object missing = new Object();
        cache.set("gt", "v", Duration.ofSeconds(10));
        cache.set("gt-num", 7, Duration.ofSeconds(10));
        assertThat((Object) cache.getAndTouch("gt", Timeout.of(Duration.ofSeconds(100)))).isEqualTo("v");
        assertThat((Object) cache.getAndTouch("gt-num", Timeout.of(Duration.ofSeconds(100)), missing)).isEqualTo(7L);
        settle();
        assertThat(cache.ttl("gt")).isGreaterThan(Duration.ofSeconds(50));
        assertThat(cache.ttl("gt-num")).isGreaterThan(Duration.ofSeconds(50));
        assertThat((Object) cache.getAndTouch("gt", Timeout.never())).isEqualTo("v");
        settle();
        assertThat(cache.ttl("gt")).isNull();
        assertThat(cache.getAndTouch("absent", Timeout.of(Duration.ofSeconds(5)), missing)).isSameAs(missing);
        assertThat((Object) cache.getAndTouch("absent", Timeout.never())).isNull();
        settle();
        assertThat(cache.hasKey("absent")).isFalse();
        // an expire-now timeout reads the value and removes the key
        assertThat((Object) cache.getAndTouch("gt", Timeout.of(Duration.ZERO))).isEqualTo("v");
        settle();
        assertThat(cache.hasKey("gt")).isFalse();
        assertThatThrownBy(() -> cache.getAndTouch("gt", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> cache.getAndTouch("", Timeout.never())).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- timeouts ----------------------------------------------------------------------------

    /** Overridable by a topology whose stored TTL differs by design (the herd client adds its herd timeout). */
    @Test
    protected void noTimeoutArgumentMeansTheConfiguredDefault() {
        cache.set("d", "v");
        settle();
        assertThat(cache.ttl("d")).isBetween(Duration.ofSeconds(295), Duration.ofSeconds(300));
        BackendCommands custom = open(config().keyPrefix("custom").defaultTimeout(Duration.ofSeconds(60)));
        custom.set("d", "v");
        settle();
        assertThat(custom.ttl("d")).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    }

    @Test
    void zeroTimeoutExpiresImmediatelyAndRemovesAnExistingValue() {
        cache.set("z", "old", Timeout.never());
        assertThat(cache.set("z", "new", Duration.ZERO)).isTrue();
        settle();
        assertThat(cache.hasKey("z")).isFalse();
        assertThat(raw("EXISTS", cache.makeKey("z"))).isEqualTo(0L);
        cache.set("z2", "v", Timeout.ofSeconds(0));
        settle();
        assertThat(cache.hasKey("z2")).isFalse();
    }

    @Test
    void negativeTimeoutExpiresImmediately() {
        cache.set("n", "old");
        cache.set("n", "v", Duration.ofSeconds(-5));
        settle();
        assertThat(cache.hasKey("n")).isFalse();
        // an add that would succeed succeeds, and the value expires at once (django-valkey: "not has_key")
        assertThat(cache.add("n2", "v", Duration.ofMillis(-1))).isTrue();
        cache.set("n3", "kept");
        assertThat(cache.add("n3", "v", Duration.ofMillis(-1))).isFalse();
        settle();
        assertThat((Object) cache.get("n3")).isEqualTo("kept");
        assertThat(cache.hasKey("n2")).isFalse();
    }

    @Test
    void neverMeansPersistent() {
        cache.set("p", "v", Timeout.never());
        settle();
        assertThat(cache.ttl("p")).isNull();
        assertThat(cache.pttl("p")).isNull();
        assertThat(raw("PTTL", cache.makeKey("p"))).isEqualTo(-1L);
        BackendCommands forever = open(config().keyPrefix("forever").defaultTimeout(Timeout.never()));
        forever.set("p", "v");
        settle();
        assertThat(forever.ttl("p")).isNull();
    }

    /**
     * Overridable by a topology whose stored TTL differs by design (the herd client adds its herd timeout).
     *
     * @throws Exception when waiting is interrupted
     */
    @Test
    protected void subSecondTimeoutsAreKeptInMilliseconds() throws Exception {
        long since = System.nanoTime();
        cache.set("ms", "v", Duration.ofMillis(250));
        assertRemaining("ms", rawPttl(cache.makeKey("ms")), Duration.ofMillis(250), since);
        settle();
        assertThat(cache.pttl("ms")).isLessThanOrEqualTo(Duration.ofMillis(250));
        Thread.sleep(400);
        assertThat(cache.hasKey("ms")).isFalse();
        since = System.nanoTime();
        cache.set("half", "v", Timeout.parse("0.5", "timeout"));
        assertRemaining("half", rawPttl(cache.makeKey("half")), Duration.ofMillis(500), since);
    }

    /** Overridable by a topology whose stored TTL differs by design (the herd client adds its herd timeout). */
    @Test
    protected void ttlAndPttlFollowTheSeedPageRules() {
        assertThat(cache.ttl("missing")).isEqualTo(Duration.ZERO);
        assertThat(cache.pttl("missing")).isEqualTo(Duration.ZERO);
        cache.set("persistent", "v", Timeout.never());
        settle();
        assertThat(cache.ttl("persistent")).isNull();
        cache.set("timed", "v", Duration.ofSeconds(100));
        settle();
        assertThat(cache.ttl("timed")).isBetween(Duration.ofSeconds(98), Duration.ofSeconds(100));
        assertThat(cache.pttl("timed").toMillis()).isBetween(98_000L, 100_000L);
    }

    @Test
    void persistExpireAndPexpire() {
        cache.set("e", "v", Duration.ofSeconds(100));
        assertThat(cache.persist("e")).isTrue();
        settle();
        assertThat(cache.ttl("e")).isNull();
        assertThat(cache.persist("e")).isFalse();
        assertThat(cache.persist("missing")).isFalse();
        assertThat(cache.expire("e", Duration.ofSeconds(20))).isTrue();
        settle();
        assertThat(cache.ttl("e")).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(20));
        long since = System.nanoTime();
        assertThat(cache.pexpire("e", Duration.ofMillis(1500))).isTrue();
        settle();
        assertRemaining("e", cache.pttl("e"), Duration.ofMillis(1500), since);
        assertThat(cache.expire("missing", Duration.ofSeconds(20))).isFalse();
        assertThat(cache.pexpire("missing", Duration.ofSeconds(20))).isFalse();
        assertThatThrownBy(() -> cache.expire("e", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expireAtAndPexpireAt() {
        cache.set("a", "v", Timeout.never());
        Instant in50s = Instant.now().plusSeconds(50);
        assertThat(cache.expireAt("a", in50s)).isTrue();
        settle();
        assertThat(cache.ttl("a")).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(50));
        long since = System.nanoTime();
        Instant in1500ms = Instant.now().plusMillis(1500);
        assertThat(cache.pexpireAt("a", in1500ms)).isTrue();
        settle();
        assertRemaining("a", cache.pttl("a"), Duration.ofMillis(1500), since);
        assertThat(cache.expireAt("missing", in50s)).isFalse();
        assertThat(cache.pexpireAt("a", Instant.now().minusSeconds(1))).isTrue();
        settle();
        assertThat(cache.hasKey("a")).isFalse();
        assertThatThrownBy(() -> cache.pexpireAt("a", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void touchRefreshesTheTimeout() {
        cache.set("t", "v", Duration.ofSeconds(10));
        assertThat(cache.touch("t", Duration.ofSeconds(100))).isTrue();
        settle();
        assertThat(cache.ttl("t")).isGreaterThan(Duration.ofSeconds(90));
        assertThat(cache.touch("t")).isTrue();
        settle();
        assertThat(cache.ttl("t")).isGreaterThan(Duration.ofSeconds(290));
        assertThat(cache.touch("t", Timeout.never())).isTrue();
        settle();
        assertThat(cache.ttl("t")).isNull();
        assertThat(cache.touch("missing")).isFalse();
        assertThat(cache.touch("t", Duration.ZERO)).isTrue();
        settle();
        assertThat(cache.hasKey("t")).isFalse();
    }

    // ---- delete / clear ----------------------------------------------------------------------

    @Test
    void deleteReportsWhetherAKeyWasDeleted() {
        cache.set("d", "v");
        assertThat(cache.delete("d")).isTrue();
        assertThat(cache.delete("d")).isFalse();
        cache.set("a", 1);
        cache.set("b", 2);
        assertThat(cache.deleteMany(List.of("a", "b", "c"))).isEqualTo(2);
        assertThat(cache.deleteMany(List.of())).isZero();
    }

    @Test
    void clearRemovesOnlyThisCachesKeys() {
        cache.set("mine", "v");
        cache.set("mine2", "v");
        BackendCommands other = open(config().keyPrefix("other"));
        other.set("theirs", "v");
        raw("SET", "unrelated", "v");
        settle();
        assertThat(cache.clear()).isEqualTo(2);
        settle();
        assertThat(cache.hasKey("mine")).isFalse();
        assertThat(other.hasKey("theirs")).isTrue();
        assertThat(raw("EXISTS", "unrelated")).isEqualTo(1L);
    }

    // ---- counters and versions ---------------------------------------------------------------

    @Test
    void incrAndDecrWorkOnTheServer() {
        cache.set("c", 10);
        assertThat(cache.incr("c")).isEqualTo(11);
        assertThat(cache.incr("c", 5)).isEqualTo(16);
        assertThat(cache.decr("c")).isEqualTo(15);
        assertThat(cache.decr("c", 20)).isEqualTo(-5);
        settle();
        assertThat((Object) cache.get("c")).isEqualTo(-5L);
        assertThat(raw("GET", cache.makeKey("c"))).isEqualTo("-5");
    }

    @Test
    void incrKeepsTheTimeout() {
        cache.set("c", 1, Duration.ofSeconds(100));
        cache.incr("c");
        settle();
        assertThat(cache.ttl("c")).isBetween(Duration.ofSeconds(95), Duration.ofSeconds(100));
    }

    @Test
    void incrOfAMissingKeyIsAnErrorAndCreatesNothing() {
        assertThatThrownBy(() -> cache.incr("nope")).isInstanceOf(CacheKeyNotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> cache.decr("nope")).isInstanceOf(CacheKeyNotFoundException.class);
        settle();
        assertThat(cache.hasKey("nope")).isFalse();
    }

    @Test
    void incrOfANonIntegerValueIsACommandError() {
        cache.set("text", "abc");
        assertThatThrownBy(() -> cache.incr("text")).isInstanceOf(CacheCommandException.class)
                .hasMessageContaining("text");
        cache.set("max", Long.MAX_VALUE);
        assertThatThrownBy(() -> cache.incr("max")).isInstanceOf(CacheCommandException.class);
    }

    @Test
    void incrIsAtomicUnderConcurrency() throws Exception {
        cache.set("counter", 0, Timeout.never());
        int threads = 8;
        int per = 250;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < per; i++) {
                    cache.incr("counter");
                }
            });
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) {
            th.join();
        }
        settle();
        assertThat((Object) cache.get("counter")).isEqualTo((long) threads * per);
    }

    /**
     * What a write answers about the caller's own earlier writes comes from the primary, with no
     * wait for replicas: touching a persistent key just written, adding over it with an
     * expire-now timeout, moving it to another version.
     */
    @Test
    void answersAboutTheCallersOwnWritesDoNotWaitForReplicas() {
        for (int i = 0; i < 20; i++) {
            String k = "own" + i;
            cache.set(k, "v", Timeout.never());
            assertThat(cache.touch(k, Timeout.never())).as("touch of a persistent key just written").isTrue();
            assertThat(cache.add(k, "w", Duration.ZERO)).as("expire-now add over a key just written").isFalse();
            assertThat(cache.incrVersion(k)).as("move of a key just written").isEqualTo(2);
        }
    }

    /**
     * The time to live the server reports for a value just written with {@code timeout}: the
     * timeout itself, unless the topology keeps values longer by design (the herd client adds its
     * herd timeout).
     *
     * @param timeout the timeout the value was written with
     * @return the TTL the server starts it with
     */
    protected Duration serverTtl(Duration timeout) {
        return timeout;
    }

    @Test
    void incrVersionMovesTheValueAndKeepsItsTimeout() {
        cache.set("v", "value", Duration.ofSeconds(100));
        assertThat(cache.incrVersion("v")).isEqualTo(2);
        settle();
        assertThat(cache.hasKey("v")).isFalse();
        BackendCommands v2 = cache.withVersion(2);
        settle();
        assertThat((Object) v2.get("v")).isEqualTo("value");
        assertThat(v2.ttl("v")).isBetween(serverTtl(Duration.ofSeconds(95)), serverTtl(Duration.ofSeconds(100)));
        assertThat(v2.decrVersion("v")).isEqualTo(1);
        settle();
        assertThat((Object) cache.get("v")).isEqualTo("value");
        assertThat(cache.ttl("v")).as("moving back keeps it too").isBetween(serverTtl(Duration.ofSeconds(95)),
                serverTtl(Duration.ofSeconds(100)));
        assertThatThrownBy(() -> cache.incrVersion("missing")).isInstanceOf(CacheKeyNotFoundException.class);
        assertThatThrownBy(() -> cache.incrVersion("v", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Every key moves, and keeps its timeout to the second, whichever node or slot its new version
     * lands on (on a shard ring or a cluster most of these cross nodes, the hash-tagged one stays
     * in its slot); a persistent value stays
     * persistent; a move replaces what the new version held.
     */
    @Test
    void incrVersionMovesEveryKeyWhereverItsNewVersionLives() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            values.put("mv" + i, "value-" + i);
        }
        // a hash tag keeps both versions in one cluster slot: the atomic path there
        values.put("{mv}tagged", "tagged");
        cache.setMany(values, Timeout.of(Duration.ofSeconds(100)));
        cache.set("forever", "kept", Timeout.never());
        BackendCommands v2 = cache.withVersion(2);
        v2.set("mv0", "replaced");
        for (String key : values.keySet()) {
            assertThat(cache.incrVersion(key)).as(key).isEqualTo(2);
        }
        assertThat(cache.incrVersion("forever")).isEqualTo(2);
        settle();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            assertThat(cache.hasKey(e.getKey())).as(e.getKey()).isFalse();
            assertThat((Object) v2.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(v2.ttl(e.getKey())).as(e.getKey()).isBetween(serverTtl(Duration.ofSeconds(95)),
                    serverTtl(Duration.ofSeconds(100)));
        }
        assertThat((Object) v2.get("forever")).isEqualTo("kept");
        assertThat(v2.ttl("forever")).as("still persistent").isNull();
    }

    // ---- prefix and version isolation --------------------------------------------------------

    @Test
    void prefixesAndVersionsIsolateKeys() {
        BackendCommands other = open(config().keyPrefix("other"));
        BackendCommands v2 = open(config().keyPrefix("test").version(2));
        cache.set("k", "test-v1");
        other.set("k", "other-v1");
        v2.set("k", "test-v2");
        settle();
        assertThat((Object) cache.get("k")).isEqualTo("test-v1");
        assertThat((Object) other.get("k")).isEqualTo("other-v1");
        assertThat((Object) v2.get("k")).isEqualTo("test-v2");
        assertThat((Object) cache.withVersion(2).get("k")).isEqualTo("test-v2");
        assertThat(cache.makeKey("k")).isEqualTo("test:1:k");
        assertThat(v2.makeKey("k")).isEqualTo("test:2:k");
        assertThat(cache.keys("*")).containsExactly("k");
        assertThat(cache.deletePattern("*")).isEqualTo(1);
        settle();
        assertThat((Object) other.get("k")).isEqualTo("other-v1");
        assertThat((Object) v2.get("k")).isEqualTo("test-v2");
    }

    @Test
    void versionZeroIsAVersionLikeAnyOther() {
        BackendCommands v0 = open(config().keyPrefix("test").version(0));
        v0.set("k", "zero");
        settle();
        assertThat(v0.makeKey("k")).isEqualTo("test:0:k");
        assertThat((Object) v0.get("k")).isEqualTo("zero");
        assertThat((Object) cache.get("k")).isNull();
    }

    @Test
    void globCharactersInThePrefixAreEscaped() {
        BackendCommands star = open(config().keyPrefix("a*b"));
        BackendCommands plain = open(config().keyPrefix("aXb"));
        star.set("k1", 1);
        plain.set("k2", 2);
        settle();
        assertThat(star.keys("*")).containsExactly("k1");
        assertThat(star.iterKeys("*").collect(Collectors.toList())).containsExactly("k1");
        assertThat(star.deletePattern("*")).isEqualTo(1);
        settle();
        assertThat(star.clear()).isZero();
        settle();
        assertThat(plain.hasKey("k2")).isTrue();
    }

    // ---- mget / mset / getMany / setMany -----------------------------------------------------

    @Test
    void mgetAndMsetAreAtomicSingleCommands() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            values.put("m" + i, i % 2 == 0 ? (Object) ("s" + i) : (Object) (long) i);
        }
        long msetBefore = writesOf("mset");
        cache.mset(values);
        // one MSET per atomic group: one server, a shard ring's node, a cluster's hash slot
        List<String> made = values.keySet().stream().map(cache::makeKey).collect(Collectors.toList());
        assertThat(writesOf("mset")).isEqualTo(msetBefore + topology().atomicGroupsOf(made));
        settle();
        assertThat(cache.ttl("m3")).isGreaterThan(Duration.ofSeconds(290));
        settle();
        List<String> wanted = new ArrayList<>(values.keySet());
        wanted.add("absent");
        Map<String, Object> got = cache.mget(wanted);
        assertThat(got).containsExactlyInAnyOrderEntriesOf(values);
        assertThat(got).doesNotContainKey("absent");
        cache.mset(Map.of("timed", "v"), Timeout.ofSeconds(30));
        settle();
        assertThat(cache.ttl("timed")).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
        cache.mset(Map.of("forever", "v"), Timeout.never());
        settle();
        assertThat(cache.ttl("forever")).isNull();
        cache.mset(Map.of("gone", "v", "timed", "v2"), Timeout.ofSeconds(0));
        settle();
        assertThat(cache.hasKey("timed")).isFalse();
        assertThat(cache.mget(List.of())).isEmpty();
    }

    @Test
    void getManyAndSetManyArePipelinedSingleKeyCommands() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            values.put("p" + i, "value-" + i);
        }
        long setBefore = writesOf("set");
        assertThat(cache.setMany(values)).isEmpty();
        assertThat(writesOf("set")).isEqualTo(setBefore + 30);
        settle();
        assertThat(cache.ttl("p7")).isGreaterThan(Duration.ofSeconds(290));
        settle();
        List<String> wanted = new ArrayList<>(values.keySet());
        wanted.add("absent");
        Map<String, Object> got = cache.getMany(wanted);
        assertThat(got).containsExactlyInAnyOrderEntriesOf(values);
        long since = System.nanoTime();
        assertThat(cache.setMany(Map.of("short", 1), Timeout.ofMillis(800))).isEmpty();
        settle();
        assertRemaining("short", cache.pttl("short"), Duration.ofMillis(800), since);
        assertThat(cache.setMany(Map.of("short", 2), Timeout.ofSeconds(0))).isEmpty();
        settle();
        assertThat(cache.hasKey("short")).isFalse();
    }

    @Test
    void bulkWritesEncodeEverythingBeforeSendingAnything() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ok", "fine");
        values.put("bad", new NotSerializable());
        assertThatThrownBy(() -> cache.mset(values)).isInstanceOf(CacheSerializationException.class).hasMessageContaining("bad");
        assertThatThrownBy(() -> cache.setMany(values)).isInstanceOf(CacheSerializationException.class);
        settle();
        assertThat(cache.hasKey("ok")).isFalse();
    }

    // ---- keys / iterKeys / deletePattern -----------------------------------------------------

    @Test
    void keysMatchesPatternsWithinThePrefix() {
        cache.set("user:1", 1);
        cache.set("user:2", 2);
        cache.set("session:1", 3);
        settle();
        assertThat(cache.keys("user:*")).containsExactlyInAnyOrder("user:1", "user:2");
        assertThat(cache.keys("*")).hasSize(3);
        assertThat(cache.keys("nomatch*")).isEmpty();
        assertThat(cache.makePattern("user:*")).isEqualTo("test:1:user:*");
    }

    @Test
    void iterKeysStreamsOverManyScanPagesLazily() {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            values.put("it:" + i, i);
        }
        cache.mset(values);
        raw("SET", "it:outside-prefix", "x");
        settle();
        long scansBefore = readsOf("scan");
        try (Stream<String> stream = cache.iterKeys("it:*", 10)) {
            assertThat(stream.collect(Collectors.toSet())).isEqualTo(values.keySet());
        }
        long scans = readsOf("scan") - scansBefore;
        assertThat(scans).as("several SCAN pages").isGreaterThan(10);

        long lazyBefore = readsOf("scan");
        try (Stream<String> stream = cache.iterKeys("it:*", 10)) {
            assertThat(stream.limit(5).count()).isEqualTo(5);
        }
        assertThat(readsOf("scan") - lazyBefore).as("a short stream reads only a few pages").isLessThan(5);

        Iterator<String> it = cache.iterKeys("it:1*").iterator();
        int n = 0;
        while (it.hasNext()) {
            assertThat(it.next()).startsWith("it:1");
            n++;
        }
        assertThat(n).isEqualTo(111);
    }

    @Test
    void deletePatternDeletesOnlyMatchingKeysAndCounts() {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            values.put("del:" + i, i);
        }
        cache.mset(values);
        cache.set("keep:1", "k");
        cache.set("dell", "k");
        BackendCommands other = open(config().keyPrefix("other"));
        other.set("del:1", "other");
        AtomicLong progress = new AtomicLong();
        List<Long> reports = new ArrayList<>();
        settle();
        long deleted = cache.deletePattern("del:*", 200, n -> {
            progress.set(n);
            reports.add(n);
        });
        assertThat(deleted).isEqualTo(3000);
        assertThat(progress).hasValue(3000);
        assertThat(reports).isSorted().hasSizeGreaterThan(1);
        settle();
        assertThat(cache.hasKey("keep:1")).isTrue();
        assertThat(cache.hasKey("dell")).isTrue();
        assertThat(other.hasKey("del:1")).isTrue();
        assertThat(cache.deletePattern("del:*")).isZero();
        settle();
        assertThat(cache.deletePattern("keep:?")).isEqualTo(1);
    }

    // ---- bad input ---------------------------------------------------------------------------

    @Test
    void nullAndEmptyKeysAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> cache.set(null, "v")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key must not be null");
        assertThatThrownBy(() -> cache.set("", "v")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key must not be empty");
        assertThatThrownBy(() -> cache.get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.delete("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.incr(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.ttl("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.mget(Arrays.asList("a", null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.mset(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.deleteMany(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.keys(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern");
        assertThatThrownBy(() -> cache.iterKeys("*", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itersize");
        assertThatThrownBy(() -> cache.deletePattern("*", -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itersize");
        assertThatThrownBy(() -> cache.set("k", "v", (Duration) null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> cache.set("k", "v", (SetArgs) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.getOrSet("k", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supplier");
    }

    @Test
    void nullValuesAreStoredAndReadBackAsNull() {
        assertThat(cache.set("nullable", null)).isTrue();
        settle();
        assertThat(cache.hasKey("nullable")).isTrue();
        assertThat((Object) cache.get("nullable")).isNull();
        assertThat(cache.getOrDefault("nullable", "dflt")).isNull();
    }

    @Test
    void unserializableValuesAreRefusedBeforeAnythingIsWritten() {
        cache.set("k", "old");
        assertThatThrownBy(() -> cache.set("k", new NotSerializable()))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("k")
                .hasMessageContaining(NotSerializable.class.getName());
        assertThatThrownBy(() -> cache.set("k", new Point(1, 2)))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("allow");
        settle();
        assertThat((Object) cache.get("k")).isEqualTo("old");
    }

    @Test
    void allowListedUserTypesRoundTrip() {
        BackendCommands allowing = open(config().keyPrefix("allow")
                .option("serializer.allowlist", "org.valkeycache.testsupport.contract.**"));
        allowing.set("pt", new Point(3, 4));
        settle();
        assertThat(allowing.get("pt", Point.class)).isEqualTo(new Point(3, 4));
        assertThatThrownBy(() -> open(config().keyPrefix("allow")).get("pt"))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining(Point.class.getName());
    }

    @Test
    void corruptBytesFromTheServerAreATypedErrorNamingTheKey() {
        raw("SET", cache.makeKey("corrupt"), "\u00ac\u00ed garbage that is not a Java stream");
        raw("SET", cache.makeKey("foreign"), "{\"written\":\"by python json\"}");
        raw("SET", cache.makeKey("numberish"), "007");
        settle();
        assertThatThrownBy(() -> cache.get("corrupt")).isInstanceOf(CacheSerializationException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> cache.get("foreign")).isInstanceOf(CacheSerializationException.class).hasMessageContaining("foreign");
        assertThatThrownBy(() -> cache.get("numberish")).isInstanceOf(CacheSerializationException.class);
        assertThatThrownBy(() -> cache.mget(List.of("corrupt"))).isInstanceOf(CacheSerializationException.class).hasMessageContaining("corrupt");
    }

    @Test
    void floatsAndDoublesKeepTheirType() {
        cache.set("f", 1.0d);
        cache.set("neg", -2.0d);
        settle();
        assertThat((Object) cache.get("f")).isEqualTo(1.0d);
        assertThat((Object) cache.get("neg")).isEqualTo(-2.0d);
        assertThat((double) (Double) cache.get("f")).isCloseTo(1.0, within(0.0));
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailClearly() {
        BackendCommands c = open(config().keyPrefix("closing"));
        c.set("k", "v");
        c.close();
        c.close();
        assertThatThrownBy(() -> c.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }
}
