package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.valkeycache.RecordingClient.bytes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;

/**
 * What only the asynchronous facade has, without a server: argument errors thrown at once with
 * nothing sent, every other failure as a failed future carrying the typed exception, and
 * continuations (suppliers, progress callbacks, decoding) on the facade's executor while the
 * blocking facade runs them on the caller.
 */
class AsyncFacadeTest {

    private final RecordingClient client = new RecordingClient();
    private final ValkeyCache cache = ValkeyCache.open(FacadeCallsTest.config().build(), client);
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> new Thread(r, "decoder"));
    private final AsyncBackendCommands async = cache.async(decoder);

    @AfterEach
    void close() {
        cache.close();
        decoder.shutdownNow();
    }

    @Test
    void argumentErrorsAreThrownAtOnceAndNothingIsSent() {
        assertThatThrownBy(() -> async.get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.set("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.set("k", 1, (Duration) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.getOrSet("k", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.spop("s", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.hset("h", "", 1)).isInstanceOf(IllegalArgumentException.class);
        async.zscore("z", 1);
        assertThatThrownBy(() -> async.blpop(Duration.ZERO, "l")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound");
        assertThatThrownBy(() -> async.deletePattern("*", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> async.decr("k", Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.async(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.calls()).containsExactly("execute read [p:1:z] ZSCORE p:1:z 1");
    }

    @Test
    void aValueThatCannotBeSerializedFailsTheFutureAndSendsNothing() {
        CompletableFuture<Boolean> set = async.set("k", new Object());
        assertThat(set).isCompletedExceptionally();
        assertThatThrownBy(set::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("'k'");
        assertThat(client.calls()).isEmpty();
    }

    @Test
    void aServerErrorFailsTheFutureWithTheTypedExceptionItself() {
        client.reply("execute", new CacheCommandException("WRONGTYPE wrong kind of value"));
        CompletableFuture<Long> hlen = async.hlen("h");
        List<Throwable> seen = new ArrayList<>();
        hlen.whenComplete((v, e) -> seen.add(e)).exceptionally(e -> null).join();
        assertThat(seen).singleElement().isInstanceOf(CacheCommandException.class)
                .extracting(Throwable::getMessage).asString().contains("hlen 'h'").contains("WRONGTYPE");
    }

    @Test
    void aClosedCacheRefusesAtOnce() {
        cache.close();
        assertThatThrownBy(() -> async.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void continuationsRunOnTheExecutorAsynchronouslyAndOnTheCallerWhenBlocking() throws Exception {
        List<String> threads = new ArrayList<>();
        assertThat(async.getOrSet("k", () -> {
            threads.add(Thread.currentThread().getName());
            return "computed";
        }).get(5, TimeUnit.SECONDS)).isEqualTo("computed");
        assertThat(cache.getOrSet("k", () -> {
            threads.add(Thread.currentThread().getName());
            return "computed";
        })).isEqualTo("computed");
        assertThat(threads).containsExactly("decoder", Thread.currentThread().getName());

        client.reply("scan", new ScanPage(List.of(bytes("p:1:a")), ScanCursor.FINISHED));
        client.reply("unlink", 1L);
        List<String> progressThreads = new ArrayList<>();
        assertThat(async.deletePattern("*", 10, n -> progressThreads.add(Thread.currentThread().getName()))
                .get(5, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(progressThreads).containsExactly("decoder");
        assertThat(async.executor()).isSameAs(decoder);
        assertThat(async.blocking()).isSameAs(cache);
    }

    @Test
    void theDefaultExecutorIsTheCommonPoolAndVersionViewsHaveTheirOwnFacade() throws Exception {
        client.reply("get", bytes("7"));
        assertThat(cache.async().executor()).isSameAs(java.util.concurrent.ForkJoinPool.commonPool());
        assertThat(cache.async().get("k").get(5, TimeUnit.SECONDS)).isEqualTo(7L);
        BackendCommands v2 = cache.withVersion(2);
        v2.async().hasKey("k").get(5, TimeUnit.SECONDS);
        assertThat(client.calls()).containsExactly("get p:1:k", "exists p:2:k");
    }

    @Test
    void aClientThatNeverAnswersTimesOutUnderThePolicyOnBothFacades() throws Exception {
        try (ValkeyCache strict = ValkeyCache.open(FacadeCallsTest.config().requestTimeout(Duration.ofMillis(100)).build(),
                    new RecordingClient().reply("get", new CompletableFuture<>(), new CompletableFuture<>()));
                ValkeyCache lenient = ValkeyCache.open(FacadeCallsTest.config().requestTimeout(Duration.ofMillis(100))
                    .ignoreExceptions(true).logIgnoredExceptions(false).build(),
                    new RecordingClient().reply("get", new CompletableFuture<>(), new CompletableFuture<>()))) {
            assertThatThrownBy(() -> strict.get("k")).isInstanceOf(CacheTimeoutException.class)
                    .hasMessageContaining("get 'k'").hasMessageContaining("did not complete within 1100 ms");
            assertThatThrownBy(() -> strict.async().get("k").get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CacheTimeoutException.class).hasMessageContaining("did not complete within 1100 ms");
            assertThat((Object) lenient.get("k")).isNull();
            assertThat(lenient.async().get("k").get(5, TimeUnit.SECONDS)).isNull();
            assertThat(strict.metrics().errorsRaised().count()).isEqualTo(2);
            assertThat(lenient.metrics().errorsIgnored().count()).isEqualTo(2);
        }
    }

    @Test
    void multiStepCommandsRunEveryStepThroughTheFlow() throws Exception {
        client.reply("get", bytes("5"));
        client.reply("pttl", 1500L);
        assertThat(async.incrVersion("k").get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(client.calls()).containsExactly("get p:1:k", "pttl p:1:k", "set p:2:k 5 ALWAYS 1500", "delete [p:1:k]");
        assertThat(async.mget(List.of()).get()).isEqualTo(Map.of());
    }
}
