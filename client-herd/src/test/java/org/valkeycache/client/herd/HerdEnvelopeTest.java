package org.valkeycache.client.herd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheSerializationException;

/** The envelope format and django-valkey's staleness draw, without a server. */
class HerdEnvelopeTest {

    @Test
    void packAndUnpackRoundTripTheValueAndTheSoftExpiry() {
        byte[] value = "encoded value ✓".getBytes(StandardCharsets.UTF_8);
        for (long soft : new long[] {0L, 1L, 1_795_000_000_123L, Long.MAX_VALUE, -1L, 0x0102030405060708L}) {
            byte[] envelope = HerdEnvelope.pack(value, soft);
            assertThat(envelope).hasSize(HerdEnvelope.HEADER_LENGTH + value.length);
            assertThat(HerdEnvelope.isEnvelope(envelope)).isTrue();
            assertThat(HerdEnvelope.softExpiry(envelope)).isEqualTo(soft);
            assertThat(HerdEnvelope.value(envelope)).isEqualTo(value);
        }
        byte[] empty = HerdEnvelope.pack(new byte[0], 5);
        assertThat(HerdEnvelope.value(empty)).isEmpty();
    }

    @Test
    void theHeaderIsMarkerVersionAndBigEndianMilliseconds() {
        byte[] envelope = HerdEnvelope.pack(new byte[] {42}, 0x0102030405060708L);
        assertThat(envelope).containsExactly(0xC1, 'v', 'k', 'h', 1, 1, 2, 3, 4, 5, 6, 7, 8, 42);
    }

    @Test
    void bytesWithoutTheWholeMarkerArePlainValues() {
        assertThat(HerdEnvelope.isEnvelope(new byte[0])).isFalse();
        assertThat(HerdEnvelope.isEnvelope(new byte[] {(byte) 0xC1, 'v', 'k'})).isFalse();
        assertThat(HerdEnvelope.isEnvelope(new byte[] {(byte) 0xC1, (byte) 0xFF, 0x00, (byte) 0xAC})).isFalse();
        assertThat(HerdEnvelope.isEnvelope("plain".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void anotherFormatVersionOrATruncatedHeaderIsATypedError() {
        byte[] newer = HerdEnvelope.pack(new byte[] {1}, 1);
        newer[4] = 2;
        assertThatThrownBy(() -> HerdEnvelope.value(newer)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("format version 2").hasMessageContaining("reads version 1");
        byte[] truncated = {(byte) 0xC1, 'v', 'k', 'h', 1, 0, 0};
        assertThat(HerdEnvelope.isEnvelope(truncated)).isTrue();
        assertThatThrownBy(() -> HerdEnvelope.softExpiry(truncated)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void theDrawIsFreshBeforeTheSoftExpiryAndCertainAfterTheHerdTimeout() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(HerdValkeyClient.isStale(1000, 1000, 60_000, random)).isFalse();
            assertThat(HerdValkeyClient.isStale(999, 1000, 60_000, random)).isFalse();
            assertThat(HerdValkeyClient.isStale(61_000, 1000, 60_000, random)).isTrue();
            assertThat(HerdValkeyClient.isStale(1_000_000, 1000, 60_000, random)).isTrue();
        }
    }

    @Test
    void inBetweenTheChanceOfStaleGrowsLinearlyAsInDjangoValkey() {
        // django-valkey: stale when x + randint(1, H) >= H, a chance of (x + 1) / H
        SplittableRandom random = new SplittableRandom(7);
        long herd = 1000;
        for (long x : new long[] {1, 100, 250, 500, 900}) {
            int stale = 0;
            int draws = 200_000;
            for (int i = 0; i < draws; i++) {
                if (HerdValkeyClient.isStale(10_000 + x, 10_000, herd, random)) {
                    stale++;
                }
            }
            double expected = (x + 1) / (double) herd;
            assertThat(stale / (double) draws).as("x=" + x).isCloseTo(expected, within(0.006));
        }
        assertThat(HerdValkeyClient.isStale(10_001, 10_000, 1, random)).isTrue();
    }
}
