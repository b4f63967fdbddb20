package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.valkeycache.RecordingClient.bytes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.Lookup;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;

/**
 * The byte-level calls the facade makes, checked without a server through a {@link RecordingClient}:
 * made keys, expiry arithmetic, and zero or negative timeouts becoming deletes. Integers are
 * stored raw as decimal text, so the recorded values read as numbers.
 */
class FacadeCallsTest {

    private final RecordingClient client = new RecordingClient();
    private final ValkeyCache cache = open(config());

    /** No server behind the address: every call goes to the recording client. */
    static CacheConfig.Builder config() {
        return CacheConfig.builder().location("valkey://127.0.0.1:1").keyPrefix("p");
    }

    private ValkeyCache open(CacheConfig.Builder config) {
        return ValkeyCache.open(config.build(), client);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Nested
    class MadeKeys {

        @Test
        void singleKeyCommandsSendPrefixVersionKey() {
            cache.set("k", 1);
            cache.get("k");
            cache.hasKey("k");
            cache.delete("k");
            assertThat(client.calls()).containsExactly(
                    "set p:1:k 1 ALWAYS 300000", "get p:1:k", "exists p:1:k", "delete [p:1:k]");
        }

        @Test
        void aVersionViewMakesKeysAtItsVersion() {
            cache.withVersion(7).get("k");
            assertThat(client.calls()).containsExactly("get p:7:k");
        }

        @Test
        void multiKeyCommandsMakeEveryKeyInOrderAndDropDuplicateReads() {
            client.reply("mget", new ArrayList<>(List.of(bytes("1"), bytes("2"))));
            assertThat(cache.mget(List.of("a", "b", "a"))).containsExactly(entry("a", 1L), entry("b", 2L));
            cache.deleteMany(List.of("a", "b"));
            assertThat(client.calls()).containsExactly("mget [p:1:a, p:1:b]", "delete [p:1:a, p:1:b]");
        }

        @Test
        void patternsEscapeThePrefixAndKeysComeBackAsUserKeys() {
            try (ValkeyCache globby = open(config().keyPrefix("p*[x]"))) {
                client.reply("keys", List.of(bytes("p*[x]:1:apple")));
                assertThat(globby.keys("a*")).containsExactly("apple");
            }
            assertThat(client.calls()).containsExactly("keys p\\*\\[x\\]:1:a*");
        }

        @Test
        void iterKeysScansPageByPageWithTheItersize() {
            client.reply("scan", new ScanPage(List.of(bytes("p:1:a")), ScanCursor.of("17")),
                    new ScanPage(List.of(bytes("p:1:b")), ScanCursor.FINISHED));
            assertThat(cache.iterKeys("*", 50).collect(Collectors.toList())).containsExactly("a", "b");
            assertThat(client.calls()).containsExactly("scan 0 p:1:* 50", "scan 17 p:1:* 50");
        }

        @Test
        void clearUnlinksEveryVersionOfThisPrefixOnly() {
            client.reply("scan", new ScanPage(List.of(bytes("p:1:a"), bytes("p:2:b")), ScanCursor.FINISHED));
            assertThat(cache.clear()).isEqualTo(2);
            assertThat(client.calls()).containsExactly("scan 0 p:*:* 10", "unlink [p:1:a, p:2:b]");
        }

        @Test
        void keysWithAnUnpairedSurrogateAreRefusedBeforeTheyCollide() {
            for (String bad : new String[] {"x\uD800", "\uDC00x", "a\uD800b", "\uDBFF"}) {
                assertThatThrownBy(() -> cache.set(bad, 1)).as(bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
            }
            assertThatThrownBy(() -> cache.get("x\uD800")).hasMessageContaining("key 'x\\uD800'");
            assertThatThrownBy(() -> cache.keys("x\uD800*")).hasMessageContaining("pattern");
            assertThatThrownBy(() -> cache.hset("h", "f\uD800", 1)).hasMessageContaining("hash field");
            cache.set("x\uD83D\uDE00", 1); // a paired surrogate (an emoji) is fine
            assertThat(client.calls()).containsExactly("set p:1:x\uD83D\uDE00 1 ALWAYS 300000");
        }

        @Test
        void patternOperationsSkipKeysOfALongerPrefix() {
            // "p:*:*" also matches the keys of a cache prefixed "p:sessions": only versions are ours
            List<byte[]> found = List.of(bytes("p:1:a"), bytes("p:sessions:1:b"), bytes("p:01:c"), bytes("p:-2:d"));
            client.reply("scan", new ScanPage(found, ScanCursor.FINISHED), new ScanPage(found, ScanCursor.FINISHED),
                    new ScanPage(found, ScanCursor.FINISHED));
            client.reply("keys", List.of(bytes("p:1:a"), bytes("p:1x:b")));
            assertThat(cache.clear()).isEqualTo(2);
            assertThat(cache.keys("*")).containsExactly("a");
            assertThat(cache.iterKeys("*").collect(Collectors.toList())).containsExactly("a");
            assertThat(cache.deletePattern("*")).isEqualTo(1);
            assertThat(client.calls()).containsExactly("scan 0 p:*:* 10", "unlink [p:1:a, p:-2:d]",
                    "keys p:1:*", "scan 0 p:1:* 10", "scan 0 p:1:* 10", "unlink [p:1:a]");
        }

        @Test
        void deletePatternReportsProgressPerBatch() {
            List<byte[]> page = new ArrayList<>();
            for (int i = 0; i < KeyspaceOps.DELETE_BATCH + 1; i++) {
                page.add(bytes("p:1:k" + i));
            }
            client.reply("scan", new ScanPage(page, ScanCursor.FINISHED));
            List<Long> progress = new ArrayList<>();
            assertThat(cache.deletePattern("k*", 10, progress::add)).isEqualTo(KeyspaceOps.DELETE_BATCH + 1);
            assertThat(progress).containsExactly((long) KeyspaceOps.DELETE_BATCH, KeyspaceOps.DELETE_BATCH + 1L);
            assertThat(client.calls()).hasSize(3).first().isEqualTo("scan 0 p:1:k* 10");
        }

        @Test
        void dataStructureCommandsCarryMadeKeysInArgvAndForRouting() {
            cache.hset("h", "f", 1);
            cache.smove("a", "b", 2);
            cache.sinterstore("dest", "a", "b");
            cache.zrangeByScoreWithScores("z", 1, Double.POSITIVE_INFINITY, 0, 5, true);
            assertThat(client.calls()).containsExactly(
                    "execute write [p:1:h] HSET p:1:h f 1",
                    "execute write [p:1:a, p:1:b] SMOVE p:1:a p:1:b 2",
                    "execute write [p:1:dest, p:1:a, p:1:b] SINTERSTORE p:1:dest p:1:a p:1:b",
                    "execute read [p:1:z] ZRANGE p:1:z +inf 1.0 BYSCORE REV LIMIT 0 5 WITHSCORES");
        }

        @Test
        void blockingPopsRunOnTheBlockingPathAndNameTheUserKey() {
            client.reply("executeBlocking", List.of(bytes("p:1:b"), bytes("5")));
            assertThat(cache.blpop(Duration.ofMillis(1500), "a", "b")).isEqualTo(entry("b", 5L));
            assertThat(client.calls()).containsExactly("executeBlocking [p:1:a, p:1:b] BLPOP p:1:a p:1:b 1.500 PT1.5S");
        }

        @Test
        void sscanIterFollowsTheServersCursor() {
            client.reply("execute", List.of(bytes("9"), List.of(bytes("1"))), List.of(bytes("0"), List.of(bytes("2"))));
            assertThat(cache.sscanIter("s", 3).collect(Collectors.toList())).containsExactly(1L, 2L);
            assertThat(client.calls()).containsExactly(
                    "execute read [p:1:s] SSCAN p:1:s 0 COUNT 3", "execute read [p:1:s] SSCAN p:1:s 9 COUNT 3");
        }

        @Test
        void addOrGetIsOneSetNxGetWithTheLifetimeAndDecodesWhatWasThere() {
            Object added = new Object();
            assertThat(cache.addOrGet("k", 5, Timeout.of(Duration.ofMillis(1500)), added)).isSameAs(added); // nil reply
            client.reply("execute", bytes("7"));
            assertThat((Object) cache.addOrGet("k", 6, Timeout.never(), added)).isEqualTo(7L);
            assertThat((Object) cache.addOrGet("k", 6, Timeout.defaultTimeout(), null)).isNull();
            assertThat(client.calls()).containsExactly(
                    "execute write [p:1:k] SET p:1:k 5 NX GET PX 1500",
                    "execute write [p:1:k] SET p:1:k 6 NX GET",
                    "execute write [p:1:k] SET p:1:k 6 NX GET PX 300000");
        }

        @Test
        void addOrGetWithAnExpireNowTimeoutOnlyReads() {
            client.reply("get", bytes("3"));
            assertThat((Object) cache.addOrGet("k", 5, Timeout.of(Duration.ZERO), "added")).isEqualTo(3L);
            assertThat((Object) cache.addOrGet("k", 5, Timeout.of(Duration.ofSeconds(-1)), "added")).isEqualTo("added");
            assertThat(client.calls()).containsExactly("get p:1:k", "get p:1:k");
        }

        @Test
        void addOrGetRefusesANullTimeoutBeforeSending() {
            assertThatThrownBy(() -> cache.addOrGet("k", 1, null, null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(client.calls()).isEmpty();
        }

        @Test
        void getAndTouchIsOneGetexOrGetdelAndDecodesTheValue() {
            client.reply("execute", bytes("7"));
            assertThat((Object) cache.getAndTouch("k", Timeout.of(Duration.ofMillis(1500)))).isEqualTo(7L);
            Object missing = new Object();
            assertThat(cache.getAndTouch("k", Timeout.never(), missing)).isSameAs(missing); // nil reply
            assertThat((Object) cache.getAndTouch("k", Timeout.defaultTimeout())).isNull();
            assertThat((Object) cache.getAndTouch("k", Timeout.of(Duration.ZERO))).isNull();
            assertThat(client.calls()).containsExactly(
                    "execute write [p:1:k] GETEX p:1:k PX 1500",
                    "execute write [p:1:k] GETEX p:1:k PERSIST",
                    "execute write [p:1:k] GETEX p:1:k PX 300000",
                    "execute write [p:1:k] GETDEL p:1:k");
            assertThatThrownBy(() -> cache.getAndTouch("k", null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(client.calls()).hasSize(4);
        }

        @Test
        void aLockIsAKeyOfTheCache() {
            client.reply("execute", "OK");
            assertThat(cache.getLock("job").tryAcquire()).isTrue();
            assertThat(client.calls()).hasSize(1);
            assertThat(client.calls().get(0)).matches("execute write \\[p:1:job\\] SET p:1:job [0-9a-f]{32} NX");
        }
    }

    @Nested
    class ExpiryArithmetic {

        @Test
        void aPositiveTimeoutBelowOneMillisecondLastsOneMillisecond() {
            cache.set("a", 1, Duration.ofNanos(1));
            cache.set("b", 1, Duration.ofNanos(999_999));
            cache.touch("c", Duration.ofNanos(10));
            cache.pexpire("d", Duration.ofNanos(10));
            assertThat(client.calls()).containsExactly("set p:1:a 1 ALWAYS 1", "set p:1:b 1 ALWAYS 1",
                    "pexpire p:1:c 1", "pexpire p:1:d 1");
        }

        @Test
        void anExpiryInstantBeyondEpochMillisecondsIsRefusedBeforeSending() {
            assertThatThrownBy(() -> cache.expireAt("k", Instant.MAX))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'").hasMessageContaining("out of range");
            assertThatThrownBy(() -> cache.pexpireAt("k", Instant.MIN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
            assertThat(client.calls()).isEmpty();
        }

        @Test
        void writesSendMillisecondsWithNoExpiryForNever() {
            cache.set("a", 1, Duration.ofMillis(1500));
            cache.set("b", 1, Timeout.never());
            cache.add("c", 1, Duration.ofSeconds(2));
            cache.set("d", 1, SetArgs.xx().timeout(Timeout.ofSeconds(3)));
            assertThat(client.calls()).containsExactly("set p:1:a 1 ALWAYS 1500", "set p:1:b 1 ALWAYS -1",
                    "set p:1:c 1 IF_ABSENT 2000", "set p:1:d 1 IF_PRESENT 3000");
        }

        @Test
        void theDefaultTimeoutIsTheConfiguredOne() {
            try (ValkeyCache sixty = open(config().defaultTimeout(Duration.ofSeconds(60)))) {
                sixty.set("a", 1);
                sixty.mset(Map.of("b", 2));
                sixty.setMany(Map.of("c", 3), Timeout.never());
            }
            assertThat(client.calls()).containsExactly("set p:1:a 1 ALWAYS 60000", "mset [p:1:b] [2] 60000",
                    "setMany [p:1:c] [3] -1");
        }

        @Test
        void expireAtKeepsSecondsAndPexpireAtMilliseconds() {
            Instant when = Instant.ofEpochMilli(1_700_000_000_999L);
            cache.expireAt("k", when);
            cache.pexpireAt("k", when);
            cache.expire("k", Duration.ofMillis(2500));
            assertThat(client.calls()).containsExactly("pexpireAt p:1:k 1700000000000", "pexpireAt p:1:k 1700000000999",
                    "pexpire p:1:k 2500");
        }

        @Test
        void ttlRoundsTheServersMillisecondsToTheNearestSecond() {
            client.reply("pttl", 1499L, 1500L, -1L, -2L, 250L);
            assertThat(cache.ttl("k")).isEqualTo(Duration.ofSeconds(1));
            assertThat(cache.ttl("k")).isEqualTo(Duration.ofSeconds(2));
            assertThat(cache.ttl("k")).as("persistent").isNull();
            assertThat(cache.ttl("k")).as("missing").isZero();
            assertThat(cache.pttl("k")).isEqualTo(Duration.ofMillis(250));
        }

        @Test
        void touchSetsTheLifetimeOrPersists() {
            client.reply("persist", false).reply("execute", 1L);
            assertThat(cache.touch("k", Duration.ofSeconds(3))).isTrue();
            assertThat(cache.touch("k", Timeout.never())).as("already persistent, but present").isTrue();
            cache.touch("k");
            // the existence check asks the primary: a replica may not have the caller's write yet
            assertThat(client.calls()).containsExactly("pexpire p:1:k 3000", "persist p:1:k",
                    "execute write [p:1:k] EXISTS p:1:k", "pexpire p:1:k 300000");
        }

        @Test
        void incrVersionCarriesTheRemainingLifetime() {
            client.reply("get", bytes("5"), bytes("6")).reply("pttl", 4321L, -1L);
            assertThat(cache.incrVersion("k")).isEqualTo(2);
            assertThat(cache.decrVersion("k")).isEqualTo(0);
            assertThat(client.calls()).containsExactly(
                    "get p:1:k", "pttl p:1:k", "set p:2:k 5 ALWAYS 4321", "delete [p:1:k]",
                    "get p:1:k", "pttl p:1:k", "set p:0:k 6 ALWAYS -1", "delete [p:1:k]");
        }
    }

    @Nested
    class ZeroOrNegativeTimeouts {

        @Test
        void setDeletesInsteadOfWritingAndNeverEncodesTheValue() {
            Object unserializable = new Object();
            assertThat(cache.set("a", unserializable, Duration.ZERO)).isTrue();
            assertThat(cache.set("b", unserializable, Timeout.ofSeconds(-1))).isTrue();
            assertThat(client.calls()).containsExactly("delete [p:1:a]", "delete [p:1:b]");
        }

        @Test
        void conditionalWritesReportWhatTheConditionWouldHaveDone() {
            client.reply("execute", 1L, 0L).reply("delete", 1L, 0L);
            assertThat(cache.add("a", 1, Duration.ZERO)).as("add over an existing key").isFalse();
            assertThat(cache.add("a", 1, Duration.ZERO)).as("add over a missing key").isTrue();
            assertThat(cache.set("b", 1, SetArgs.xx().timeout(Duration.ZERO))).as("xx over an existing key").isTrue();
            assertThat(cache.set("b", 1, SetArgs.xx().timeout(Duration.ZERO))).as("xx over a missing key").isFalse();
            assertThat(client.calls()).containsExactly("execute write [p:1:a] EXISTS p:1:a",
                    "execute write [p:1:a] EXISTS p:1:a", "delete [p:1:b]", "delete [p:1:b]");
        }

        @Test
        void bulkWritesDelete() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("a", 1);
            values.put("b", new Object());
            cache.mset(values, Timeout.of(Duration.ZERO));
            assertThat(cache.setMany(values, Timeout.ofSeconds(-5))).isEmpty();
            assertThat(client.calls()).containsExactly("delete [p:1:a, p:1:b]", "delete [p:1:a, p:1:b]");
        }

        @Test
        void touchDeletes() {
            client.reply("delete", 1L, 0L);
            assertThat(cache.touch("a", Duration.ZERO)).isTrue();
            assertThat(cache.touch("a", Duration.ofMillis(-1))).isFalse();
            assertThat(client.calls()).containsExactly("delete [p:1:a]", "delete [p:1:a]");
        }

        @Test
        void getOrSetReturnsTheComputedValueWithoutStoringIt() {
            assertThat(cache.<Object>getOrSet("a", () -> 42, Timeout.ofSeconds(0))).isEqualTo(42);
            assertThat(client.calls()).containsExactly("get p:1:a", "execute write [p:1:a] EXISTS p:1:a");
        }
    }

    @Nested
    class GetOrSetHooks {

        @Test
        void aMissAddsTheComputedValueAndAHitSkipsTheSupplier() {
            assertThat(cache.<Object>getOrSet("a", () -> 5L, Timeout.ofSeconds(9))).isEqualTo(5L);
            client.reply("get", (Object) bytes("7"));
            assertThat(cache.<Object>getOrSet("a", () -> { throw new AssertionError("not called"); })).isEqualTo(7L);
            assertThat(client.calls()).containsExactly("get p:1:a", "set p:1:a 5 IF_ABSENT 9000", "get p:1:a");
        }

        @Test
        void aRecomputeOverwritesThroughStoreComputedWithTheLookup() {
            Lookup lease = Lookup.recompute("lease");
            client.lookupAnswers(lease);
            assertThat(cache.<Object>getOrSet("a", () -> 5L, Timeout.ofSeconds(9))).isEqualTo(5L);
            assertThat(client.calls()).containsExactly("lookup p:1:a", "storeComputed p:1:a 5 9000 " + lease);
        }

        @Test
        void aFailingSupplierOrAnUnencodableValueAbandonsTheLease() {
            Lookup lease = Lookup.recompute("lease");
            client.lookupAnswers(lease);
            assertThatThrownBy(() -> cache.getOrSet("a", () -> { throw new IllegalStateException("boom"); }))
                    .isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThatThrownBy(() -> cache.getOrSet("b", Object::new)).isInstanceOf(CacheSerializationException.class);
            assertThat(client.calls()).containsExactly("lookup p:1:a", "abandonComputed p:1:a " + lease,
                    "lookup p:1:b", "abandonComputed p:1:b " + lease);
        }

        @Test
        void anExpireNowTimeoutAbandonsTheLeaseAndStoresNothing() {
            Lookup lease = Lookup.recompute(null);
            client.lookupAnswers(lease);
            assertThat(cache.<Object>getOrSet("a", () -> 5L, Timeout.ofSeconds(0))).isEqualTo(5L);
            assertThat(client.calls()).containsExactly("lookup p:1:a", "abandonComputed p:1:a " + lease,
                    "execute write [p:1:a] EXISTS p:1:a");
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void aVersionViewSharesTheClientAndClosingItClosesNothing() {
            BackendCommands view = cache.withVersion(2);
            assertThat(cache.withVersion(1)).isSameAs(cache);
            view.close();
            view.get("k");
            assertThat(client.closes()).isZero();
            assertThat(client.calls()).containsExactly("get p:2:k");
        }

        @Test
        void aClosedCacheClosesItsClientOnceAndRefusesCalls() {
            BackendCommands view = cache.withVersion(2);
            cache.close();
            cache.close();
            assertThat(client.closes()).isEqualTo(1);
            assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> view.hget("h", "f")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }
}
