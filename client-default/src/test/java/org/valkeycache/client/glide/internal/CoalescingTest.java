package org.valkeycache.client.glide.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import glide.api.GlideClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.CacheCommandException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.ValkeyClient;
import org.valkeycache.spi.ValkeyClient.SetCondition;
import org.valkeycache.testsupport.ValkeyServerExtension;

/** Concurrent single commands are pipelined together, each keeping its own reply and error. */
class CoalescingTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private GlideConnection<GlideClient> open(CacheConfig config) {
        return GlideClients.open(config.primary(), config);
    }

    @Test
    void concurrentCommandsArePipelinedAndEachGetsItsOwnReply() throws Exception {
        CacheConfig config = CacheConfig.builder().location(VALKEY.server().url()).build();
        try (GlideConnection<GlideClient> c = open(config)) {
            List<CompletableFuture<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                writes.add(GlideCommands.set(c, ("co:" + i).getBytes(UTF_8), ("v" + i).getBytes(UTF_8),
                        SetCondition.ALWAYS, ValkeyClient.NO_EXPIRY));
            }
            for (CompletableFuture<Boolean> w : writes) {
                assertThat(w.get(10, TimeUnit.SECONDS)).isTrue();
            }
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                reads.add(GlideCommands.get(c, ("co:" + i).getBytes(UTF_8)));
            }
            for (int i = 0; i < 2000; i++) {
                assertThat(new String(reads.get(i).get(10, TimeUnit.SECONDS), UTF_8)).isEqualTo("v" + i);
            }
            long[] stats = c.coalescingStats();
            assertThat(stats[0]).as("pipelines").isPositive();
            assertThat(stats[1]).as("commands in pipelines").isGreaterThan(stats[0] * 2);
        }
    }

    @Test
    void anErrorInAPipelineFailsOnlyItsOwnCommand() throws Exception {
        CacheConfig config = CacheConfig.builder().location(VALKEY.server().url()).build();
        try (GlideConnection<GlideClient> c = open(config)) {
            VALKEY.server().call("SET", "co:text", "abc");
            VALKEY.server().call("SET", "co:num", "1");
            List<CompletableFuture<Long>> ops = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ops.add(GlideCommands.incrBy(c, (i % 3 == 0 ? "co:text" : "co:num").getBytes(UTF_8), 1, false));
            }
            int failed = 0;
            for (int i = 0; i < ops.size(); i++) {
                if (i % 3 == 0) {
                    try {
                        ops.get(i).get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(CacheCommandException.class).hasMessageContaining("INCRBY");
                        failed++;
                    }
                } else {
                    assertThat(ops.get(i).get(10, TimeUnit.SECONDS)).isPositive();
                }
            }
            assertThat(failed).isEqualTo(100);
            assertThat(VALKEY.server().call("GET", "co:num")).isEqualTo("201");
        }
    }

    @Test
    void coalescingCanBeSwitchedOff() throws Exception {
        CacheConfig config = CacheConfig.builder().location(VALKEY.server().url())
                .option(GlideClients.DISPATCH_COALESCE, "false").build();
        try (GlideConnection<GlideClient> c = open(config)) {
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                reads.add(GlideCommands.get(c, "co:absent".getBytes(UTF_8)));
            }
            for (CompletableFuture<byte[]> r : reads) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isNull();
            }
            assertThat(c.coalescingStats()).containsExactly(0, 0);
        }
    }
}
