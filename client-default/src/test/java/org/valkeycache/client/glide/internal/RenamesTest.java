package org.valkeycache.client.glide.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheCommandException;
import org.valkeycache.client.glide.DefaultValkeyClient;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.testsupport.ValkeyServer;

/**
 * {@link Renames#acrossNodes} between two real servers, with other writers stepping in between
 * its steps: a write to the source after the {@code DUMP} must move too, never be deleted.
 */
class RenamesTest {

    static ValkeyServer sourceServer;
    static ValkeyServer targetServer;
    static DefaultValkeyClient source;
    static DefaultValkeyClient target;

    private static final byte[] FROM = "r:1:k".getBytes(UTF_8);
    private static final byte[] TO = "r:2:k".getBytes(UTF_8);

    @BeforeAll
    static void start() {
        sourceServer = ValkeyServer.start();
        targetServer = ValkeyServer.start();
        source = new DefaultValkeyClient(CacheConfig.builder().location(sourceServer.url()).build());
        target = new DefaultValkeyClient(CacheConfig.builder().location(targetServer.url()).build());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {source, target, sourceServer, targetServer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void empty() {
        sourceServer.flushAll();
        targetServer.flushAll();
    }

    /** {@code real}, with {@code before} run before each of its DUMP scripts and {@code after} once each answered (1, 2, ...). */
    private static ValkeyClient aroundDumps(ValkeyClient real, IntConsumer before, IntConsumer after) {
        AtomicInteger dumps = new AtomicInteger();
        return (ValkeyClient) Proxy.newProxyInstance(ValkeyClient.class.getClassLoader(), new Class<?>[] {ValkeyClient.class},
                (proxy, method, args) -> {
                    boolean dump = method.getName().equals("eval") && args[0] == Renames.DUMP_WITH_PTTL;
                    int n = dump ? dumps.incrementAndGet() : 0;
                    if (dump) {
                        before.accept(n);
                    }
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return dump ? ((CompletableFuture<?>) result).thenApply(r -> {
                        after.accept(n);
                        return r;
                    }) : result;
                });
    }

    private static IntConsumer nothing() {
        return n -> { };
    }

    @Test
    void movesTheValueWithItsTtlAndDeletesTheSource() {
        sourceServer.call("SET", "r:1:k", "v", "PX", "60000");
        assertThat(Renames.acrossNodes(source, target, FROM, TO).join()).isTrue();
        assertThat(targetServer.call("GET", "r:2:k")).isEqualTo("v");
        assertThat((Long) targetServer.call("PTTL", "r:2:k")).isBetween(1L, 60_000L);
        assertThat(sourceServer.call("EXISTS", "r:1:k")).isEqualTo(0L);
    }

    @Test
    void aMissingSourceMovesNothing() {
        assertThat(Renames.acrossNodes(source, target, FROM, TO).join()).isFalse();
        assertThat(targetServer.call("EXISTS", "r:2:k")).isEqualTo(0L);
    }

    @Test
    void aWriteToTheSourceAfterTheDumpIsMovedInsteadOfDeleted() {
        sourceServer.call("SET", "r:1:k", "older", "PX", "60000");
        ValkeyClient racing = aroundDumps(source, nothing(), n -> {
            if (n == 1) {
                sourceServer.call("SET", "r:1:k", "newer");
            }
        });
        assertThat(Renames.acrossNodes(racing, target, FROM, TO).join()).isTrue();
        assertThat(targetServer.call("GET", "r:2:k")).isEqualTo("newer");
        assertThat(targetServer.call("PTTL", "r:2:k")).as("the newer value is persistent").isEqualTo(-1L);
        assertThat(sourceServer.call("EXISTS", "r:1:k")).isEqualTo(0L);
    }

    @Test
    void aSourceThatChangesDuringEveryAttemptFailsNamingBothKeysAndKeepsTheNewestValue() {
        sourceServer.call("SET", "r:1:k", "v0");
        ValkeyClient racing = aroundDumps(source, nothing(), n -> sourceServer.call("SET", "r:1:k", "v" + n));
        assertThatThrownBy(() -> Renames.acrossNodes(racing, target, FROM, TO).join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(CacheCommandException.class)
                .hasMessageContaining("'r:1:k'").hasMessageContaining("'r:2:k'")
                .hasMessageContaining(Renames.MAX_ATTEMPTS + " times");
        assertThat(sourceServer.call("GET", "r:1:k")).isEqualTo("v" + Renames.MAX_ATTEMPTS);
        assertThat(targetServer.call("GET", "r:2:k")).isEqualTo("v" + (Renames.MAX_ATTEMPTS - 1));
    }

    @Test
    void aSourceDeletedAfterAnEarlierAttemptMovedItStillCountsAsMoved() {
        sourceServer.call("SET", "r:1:k", "older");
        ValkeyClient racing = aroundDumps(source, n -> {
            if (n == 2) {
                sourceServer.call("DEL", "r:1:k");
            }
        }, n -> {
            if (n == 1) {
                sourceServer.call("SET", "r:1:k", "newer");
            }
        });
        assertThat(Renames.acrossNodes(racing, target, FROM, TO).join()).isTrue();
        assertThat(targetServer.call("GET", "r:2:k")).isEqualTo("older");
        assertThat(sourceServer.call("EXISTS", "r:1:k")).isEqualTo(0L);
    }
}
