package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.valkeycache.RecordingClient.bytes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.metrics.CacheMetrics;

/**
 * What the facade counts into {@link CacheMetrics}, without a server: which calls are gets
 * (hits and misses per key), puts (values the server stored), evictions (keys deleted on
 * request), loads (getOrSet's supplier) and how every call is timed. Failures are counted by
 * {@link FacadeIgnorePolicyTest}, method by method.
 */
class FacadeMetricsTest {

    /**
     * What the tests call: the blocking facade here, the asynchronous one (joined) in
     * {@link AsyncFacadeMetricsTest}, which must count exactly the same.
     *
     * @param cache the cache under test
     * @return its facade
     */
    BackendCommands facade(ValkeyCache cache) {
        return cache;
    }

    private final RecordingClient client = new RecordingClient();
    private final ValkeyCache cache = ValkeyCache.open(FacadeCallsTest.config().build(), client);
    private final CacheMetrics m = cache.metrics();
    private final BackendCommands c = facade(cache);

    @AfterEach
    void close() {
        cache.close();
    }

    private static List<byte[]> values(String... texts) {
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t == null ? null : bytes(t));
        }
        return out;
    }

    @Test
    void singleKeyReadsCountOneHitOrMissEach() {
        client.reply("get", bytes("1"), bytes("2"), bytes("3"));
        c.get("a");
        c.get("c", Long.class);
        c.getOrDefault("e", 0L);
        c.get("b");
        c.getOrDefault("d", 0L);
        assertThat(m.hits().count()).isEqualTo(3);
        assertThat(m.misses().count()).isEqualTo(2);
        assertThat(m.commands().count()).isEqualTo(5);
    }

    @Test
    void multiKeyReadsCountEveryDistinctKey() {
        client.reply("mget", values("1", null, null));
        client.reply("getMany", values(null, "2"));
        c.mget(List.of("a", "b", "c", "a"));
        c.getMany(List.of("x", "y"));
        assertThat(m.hits().count()).isEqualTo(2);
        assertThat(m.misses().count()).isEqualTo(3);
    }

    @Test
    void hasKeyAndDataStructureReadsAreNotGets() {
        c.hasKey("a");
        c.hget("h", "f");
        c.lrange("l", 0, -1);
        assertThat(m.hits().count() + m.misses().count()).isZero();
        assertThat(m.commands().count()).isEqualTo(3);
    }

    @Test
    void getOrSetCountsTheLookupAndOneLoadAndOnePut() {
        client.reply("get", bytes("9"));
        assertThat((Object) c.getOrSet("a", () -> 2L)).isEqualTo(9L);
        assertThat((Object) c.getOrSet("a", () -> 1L)).isEqualTo(1L);
        assertThat(m.misses().count()).isEqualTo(1);
        assertThat(m.hits().count()).isEqualTo(1);
        assertThat(m.loadSuccesses().count()).isEqualTo(1);
        assertThat(m.puts().count()).isEqualTo(1);
    }

    @Test
    void aSupplierThatThrowsIsAFailedLoadNotAnError() {
        assertThatThrownBy(() -> c.getOrSet("a", () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        assertThat(m.loadFailures().count()).isEqualTo(1);
        assertThat(m.loadSuccesses().count()).isZero();
        assertThat(m.errorsRaised().count() + m.errorsIgnored().count()).isZero();
    }

    @Test
    void putsCountValuesTheServerStored() {
        client.reply("set", true, false);
        c.set("a", 1);
        c.add("b", 1);
        c.set("c", 1, Duration.ZERO);
        Map<String, Object> three = new LinkedHashMap<>(Map.of("x", 1, "y", 2, "z", 3));
        c.mset(three);
        client.reply("setMany", new ArrayList<>(Arrays.asList(true, false, true)));
        c.setMany(three);
        c.hset("h", "f", 1);
        assertThat(m.puts().count()).isEqualTo(1 + 3 + 2);
    }

    @Test
    void addOrGetCountsAPutOnlyWhenItWrote() {
        cache.addOrGet("a", 1, Timeout.never(), "added"); // nil reply: written
        client.reply("execute", bytes("7"));
        cache.addOrGet("a", 2, Timeout.never(), "added"); // held 7: nothing written
        cache.addOrGet("b", 2, Timeout.of(Duration.ZERO), "added"); // expire now: only a read
        assertThat(m.puts().count()).isEqualTo(1);
        assertThat(m.hits().count() + m.misses().count()).isZero();
    }

    @Test
    void evictionsCountKeysTheServerDeleted() {
        client.reply("delete", 1L, 0L, 2L);
        c.delete("a");
        c.delete("b");
        c.deleteMany(List.of("c", "d", "e"));
        client.reply("scan", new org.valkeycache.spi.ScanPage(List.of(bytes("p:1:f"), bytes("p:1:g")),
                org.valkeycache.spi.ScanCursor.FINISHED));
        c.deletePattern("*");
        assertThat(m.evictions().count()).isEqualTo(1 + 2 + 2);
    }

    @Test
    void everyVersionViewCountsIntoTheSameMeters() {
        client.reply("get", bytes("1"));
        c.withVersion(2).get("a");
        assertThat(c.withVersion(2).metrics()).isSameAs(m);
        assertThat(m.hits().count()).isEqualTo(1);
    }

    @Test
    void anUndecodableValueIsARaisedError() {
        client.reply("get", bytes("not a serialized value"));
        assertThatThrownBy(() -> c.get("k")).isInstanceOf(CacheSerializationException.class);
        assertThat(m.errorsRaised().count()).isEqualTo(1);
    }
}
