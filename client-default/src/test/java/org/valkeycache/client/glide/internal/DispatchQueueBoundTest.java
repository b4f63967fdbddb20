package org.valkeycache.client.glide.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glide.api.GlideClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheQueueFullException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServerExtension;

/**
 * {@code dispatch.max_queued}: while the server does not answer (frozen with SIGSTOP),
 * commands queue up to the bound and those past it fail at once with a
 * {@link CacheQueueFullException}; once the server answers again every queued command completes.
 */
class DispatchQueueBoundTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private static CacheConfig.Builder config() {
        return CacheConfig.builder().location(VALKEY.server().url()).requestTimeout(Duration.ofSeconds(10));
    }

    @Test
    void commandsPastTheBoundFailAtOnceAndTheQueuedOnesComplete() throws Exception {
        CacheConfig config = config().option(GlideClients.DISPATCH_MAX_QUEUED, "100").build();
        try (GlideConnection<GlideClient> c = GlideClients.open(config.primary(), config)) {
            VALKEY.server().call("SET", "q:k", "v");
            assertThat(GlideCommands.get(c, "q:k".getBytes(UTF_8)).get(10, TimeUnit.SECONDS)).isNotNull();
            // frozen (SIGSTOP) until the test lets it go on: a CLIENT PAUSE of fixed length (1.5 s)
            // could end before the 300 calls below on a loaded machine, and then nothing was refused
            VALKEY.server().pause();
            List<CompletableFuture<byte[]>> gets = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    gets.add(GlideCommands.get(c, "q:k".getBytes(UTF_8)));
                    assertThat(c.queued()).isLessThanOrEqualTo(100);
                }
                // two requests on the wire (dispatch.max_in_flight), 100 queued, the rest refused at once
                List<CompletableFuture<byte[]>> refused = gets.subList(102, 300);
                assertThat(refused).allMatch(CompletableFuture::isCompletedExceptionally);
                assertThatThrownBy(() -> refused.get(0).get()).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(CacheQueueFullException.class)
                        .hasMessageContaining("options.dispatch.max_queued=100").hasMessageContaining(c.node());
                assertThat(gets.subList(0, 102)).as("the sent and queued ones wait for the server").noneMatch(CompletableFuture::isDone);
            } finally {
                VALKEY.server().resume();
            }
            for (CompletableFuture<byte[]> sent : gets.subList(0, 102)) {
                assertThat(new String(sent.get(10, TimeUnit.SECONDS), UTF_8)).isEqualTo("v");
            }
            assertThat(c.queued()).isZero();
            // the circuit breaker took no notice: a full queue is a slow node, not a down one
            assertThat(GlideCommands.get(c, "q:k".getBytes(UTF_8)).get(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void theBoundMustBePositive() {
        CacheConfig config = config().option(GlideClients.DISPATCH_MAX_QUEUED, "0").build();
        assertThatThrownBy(() -> GlideClients.open(config.primary(), config).close())
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining(GlideClients.DISPATCH_MAX_QUEUED);
    }
}
