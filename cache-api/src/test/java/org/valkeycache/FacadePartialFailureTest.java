package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.valkeycache.RecordingClient.bytes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Multi-key calls that a client over several nodes served in part (its
 * {@link CachePartialFailureException} names made keys): the facade names the caller's keys and hands
 * back the served part, or, under {@code ignoreExceptions}, returns the served part.
 */
class FacadePartialFailureTest {

    /** Keys a and c were served, b's node was down. */
    private static CachePartialFailureException bDown(Object served) {
        return new CachePartialFailureException("node n2 failed for 1 key(s): connection refused", List.of("p:1:b"), served,
                new CacheConnectionException("connection refused"));
    }

    private static ValkeyCache open(boolean ignore, RecordingClient client) {
        return ValkeyCache.open(FacadeCallsTest.config().ignoreExceptions(ignore).build(), client);
    }

    @Test
    void getManyAndMgetNameTheCallersFailedKeysAndCarryTheDecodedServedPart() {
        for (String method : List.of("getMany", "mget")) {
            RecordingClient client = new RecordingClient().reply(method, bDown(Arrays.asList(bytes("1"), null, bytes("3"))));
            try (ValkeyCache cache = open(false, client)) {
                assertThatThrownBy(() -> call(cache, method)).isInstanceOfSatisfying(CachePartialFailureException.class, e -> {
                    assertThat(e.failedKeys()).containsExactly("b");
                    assertThat(e.partialResult()).isEqualTo(Map.of("a", 1L, "c", 3L));
                    assertThat(e.getMessage()).startsWith(method + ": keys [b] failed; node n2 failed");
                });
            }
        }
    }

    private static Map<String, Object> call(ValkeyCache cache, String method) {
        return method.equals("mget") ? cache.mget(List.of("a", "b", "c")) : cache.getMany(List.of("a", "b", "c"));
    }

    @Test
    void underIgnoreExceptionsTheServedPartIsTheAnswer() {
        RecordingClient client = new RecordingClient()
                .reply("getMany", bDown(Arrays.asList(bytes("1"), null, bytes("3"))))
                .reply("delete", bDown(2L))
                .reply("keys", bDown(List.of(bytes("p:1:a"))))
                .reply("mset", bDown(null));
        try (ValkeyCache cache = open(true, client)) {
            assertThat(cache.getMany(List.of("a", "b", "c"))).containsExactly(Map.entry("a", 1L), Map.entry("c", 3L));
            assertThat(cache.deleteMany(List.of("a", "b", "c"))).isEqualTo(2);
            assertThat(cache.keys("*")).containsExactly("a");
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("a", 1);
            values.put("b", 2);
            cache.mset(values);
        }
    }

    @Test
    void anMsetServedInPartCountsThePutsOfTheServedKeys() {
        Map<String, Object> abc = new LinkedHashMap<>();
        abc.put("a", 1);
        abc.put("b", 2);
        abc.put("c", 3);
        for (boolean ignore : List.of(true, false)) {
            RecordingClient client = new RecordingClient().reply("mset", bDown(null));
            try (ValkeyCache cache = open(ignore, client)) {
                if (ignore) {
                    cache.mset(abc);
                } else {
                    assertThatThrownBy(() -> cache.mset(abc)).isInstanceOf(CachePartialFailureException.class);
                }
                assertThat(cache.metrics().puts().count()).as("ignore=" + ignore + ": a and c were stored").isEqualTo(2);
            }
        }
    }

    @Test
    void deleteManyKeysAndMsetRaiseWithTheCallersKeysAndServedPart() {
        RecordingClient client = new RecordingClient()
                .reply("delete", bDown(2L))
                .reply("keys", bDown(List.of(bytes("p:1:a"))))
                .reply("mset", bDown(null));
        try (ValkeyCache cache = open(false, client)) {
            assertThatThrownBy(() -> cache.deleteMany(List.of("a", "b"))).isInstanceOfSatisfying(CachePartialFailureException.class,
                    e -> {
                        assertThat(e.failedKeys()).containsExactly("b");
                        assertThat(e.partialResult()).isEqualTo(2L);
                    });
            assertThatThrownBy(() -> cache.keys("*")).isInstanceOfSatisfying(CachePartialFailureException.class,
                    e -> assertThat(e.partialResult()).isEqualTo(List.of("a")));
            assertThatThrownBy(() -> cache.mset(Map.of("b", 2))).isInstanceOfSatisfying(CachePartialFailureException.class,
                    e -> assertThat(e.failedKeys()).containsExactly("b"));
            client.reply("delete", bDown(1L));
            assertThatThrownBy(() -> cache.mset(Map.of("b", 2), Timeout.ofSeconds(0)))
                    .isInstanceOfSatisfying(CachePartialFailureException.class, e -> assertThat(e.failedKeys()).containsExactly("b"));
        }
    }

    @Test
    void setManyWithAnExpireNowTimeoutListsTheKeysWhoseNodeFailed() {
        for (boolean ignore : List.of(false, true)) {
            RecordingClient client = new RecordingClient().reply("delete", bDown(1L));
            try (ValkeyCache cache = open(ignore, client)) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("a", 1);
                values.put("b", 2);
                assertThat(cache.setMany(values, Timeout.ofSeconds(0))).containsExactly("b");
            }
        }
    }
}
