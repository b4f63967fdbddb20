package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;
import org.valkeycache.SetArgs;
import org.valkeycache.Timeout;
import org.valkeycache.client.herd.HerdValkeyClient;
import org.valkeycache.testsupport.contract.AsyncJoiningCommands;
import org.valkeycache.testsupport.contract.BackendCommandsContract;
import org.valkeycache.testsupport.contract.Topology;
import org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit;

/**
 * Every behaviour contract through the herd client, over whichever strategy a subclass's topology
 * names as {@code options.herd.delegate}. Where herd differs by design, the test is replaced (same name, so it shadows the kit's) with the
 * documented herd expectation: a value written with timeout {@code T} lives {@code T + H} on the
 * server ({@code H} = {@code options.herd.timeout}, 60 s), so {@code ttl}/{@code pttl} report
 * {@code T + H} ({@link BackendCommandsTests#serverTtl}, which the contract's own TTL checks of
 * {@code incrVersion} use). Everything else in those tests is asserted as in the contract.
 */
abstract class HerdContracts extends ValkeyCacheCompatibilityKit {

    /** The herd timeout the caches use (the default). */
    static final long H = HerdValkeyClient.DEFAULT_TIMEOUT.toSeconds();

    /** {@link BackendCommandsContract} with the TTL expectations of herd. */
    @Nested
    class BackendCommandsTests extends BackendCommandsContract {

        @Override
        protected Topology topology() {
            return HerdContracts.this.topology();
        }

        private Duration seconds(long s) {
            return Duration.ofSeconds(s);
        }

        /** A wrapped value lives its timeout plus the herd timeout on the server. */
        @Override
        protected Duration serverTtl(Duration timeout) {
            return timeout.plusSeconds(H);
        }

        @Override
        @Test
        protected void nxAndXxReportWhetherTheValueWasStored() {
            assertThat(cache.set("k", "1", SetArgs.xx())).isFalse();
            assertThat(cache.hasKey("k")).isFalse();
            assertThat(cache.set("k", "1", SetArgs.nx())).isTrue();
            assertThat(cache.set("k", "2", SetArgs.nx())).isFalse();
            assertThat(cache.set("k", "3", SetArgs.xx())).isTrue();
            assertThat((Object) cache.get("k")).isEqualTo("3");
            assertThat(cache.add("k", "4")).isFalse();
            assertThat(cache.add("fresh", "5")).isTrue();
            assertThat(cache.add("fresh-timed", "6", Duration.ofSeconds(30))).isTrue();
            assertThat((Object) cache.get("k")).isEqualTo("3");
            assertThat((Object) cache.get("fresh")).isEqualTo("5");
            assertThat(cache.ttl("fresh-timed")).isBetween(seconds(1 + H), seconds(30 + H));
        }

        @Override
        @Test
        protected void noTimeoutArgumentMeansTheConfiguredDefault() {
            cache.set("d", "v");
            assertThat(cache.ttl("d")).isBetween(seconds(295 + H), seconds(300 + H));
            BackendCommands custom = open(config().keyPrefix("custom").defaultTimeout(Duration.ofSeconds(60)));
            custom.set("d", "v");
            assertThat(custom.ttl("d")).isBetween(seconds(55 + H), seconds(60 + H));
        }

        /**
         * With a 200 ms herd timeout: the real expiry is the timeout plus 200 ms, kept in
         * milliseconds, and the key is gone once both have passed.
         */
        @Override
        @Test
        protected void subSecondTimeoutsAreKeptInMilliseconds() throws Exception {
            BackendCommands shortHerd = open(config().keyPrefix("short").option("herd.timeout", "200ms"));
            long since = System.nanoTime();
            shortHerd.set("ms", "v", Duration.ofMillis(250));
            assertRemaining("ms", rawPttl(shortHerd.makeKey("ms")), Duration.ofMillis(450), since);
            assertThat(shortHerd.pttl("ms")).isLessThanOrEqualTo(Duration.ofMillis(450));
            Thread.sleep(600);
            assertThat(shortHerd.hasKey("ms")).isFalse();
            since = System.nanoTime();
            shortHerd.set("half", "v", Timeout.parse("0.5", "timeout"));
            assertRemaining("half", rawPttl(shortHerd.makeKey("half")), Duration.ofMillis(700), since);
        }

        @Override
        @Test
        protected void ttlAndPttlFollowTheSeedPageRules() {
            assertThat(cache.ttl("missing")).isEqualTo(Duration.ZERO);
            assertThat(cache.pttl("missing")).isEqualTo(Duration.ZERO);
            cache.set("persistent", "v", Timeout.never());
            assertThat(cache.ttl("persistent")).isNull();
            cache.set("timed", "v", Duration.ofSeconds(100));
            assertThat(cache.ttl("timed")).isBetween(seconds(98 + H), seconds(100 + H));
            assertThat(cache.pttl("timed").toMillis()).isBetween((98 + H) * 1000, (100 + H) * 1000);
        }

    }

    /** {@link BackendCommandsTests} (herd's expectations) through the async facade; shadows the kit's. */
    @Nested
    class AsyncBackendCommandsTests extends BackendCommandsTests {

        @Override
        protected BackendCommands facade(BackendCommands cache) {
            return AsyncJoiningCommands.over(cache);
        }
    }
}
