package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutTest {

    private static final String SETTING = "cache.default.timeout";

    // ---- factories ---------------------------------------------------------------------------

    @Test
    void defaultTimeoutIsSharedAndOnlyDefault() {
        Timeout t = Timeout.defaultTimeout();
        assertThat(t).isSameAs(Timeout.defaultTimeout());
        assertThat(t.isDefault()).isTrue();
        assertThat(t.isNever()).isFalse();
        assertThat(t.duration()).isNull();
        assertThat(t.toMillis()).isEqualTo(-1L);
        assertThat(t.expiresImmediately()).isFalse();
        assertThat(t).hasToString("Timeout[default]");
    }

    @Test
    void neverIsSharedAndOnlyNever() {
        Timeout t = Timeout.never();
        assertThat(t).isSameAs(Timeout.never());
        assertThat(t.isNever()).isTrue();
        assertThat(t.isDefault()).isFalse();
        assertThat(t.duration()).isNull();
        assertThat(t.toMillis()).isEqualTo(-1L);
        assertThat(t.expiresImmediately()).isFalse();
        assertThat(t).hasToString("Timeout[never]");
        assertThat(t).isNotEqualTo(Timeout.defaultTimeout());
    }

    @Test
    void ofKeepsTheDuration() {
        Timeout t = Timeout.of(Duration.ofSeconds(30));
        assertThat(t.isDefault()).isFalse();
        assertThat(t.isNever()).isFalse();
        assertThat(t.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.toMillis()).isEqualTo(30_000L);
        assertThat(t.expiresImmediately()).isFalse();
    }

    @Test
    void ofNullIsRejectedWithAMessage() {
        assertThatThrownBy(() -> Timeout.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null")
                .hasMessageContaining("never");
    }

    @Test
    void ofSecondsAndOfMillis() {
        assertThat(Timeout.ofSeconds(5).toMillis()).isEqualTo(5_000L);
        assertThat(Timeout.ofMillis(250).toMillis()).isEqualTo(250L);
        assertThat(Timeout.ofMillis(250).duration()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void equalDurationsAreEqual() {
        assertThat(Timeout.ofSeconds(1)).isEqualTo(Timeout.ofMillis(1000));
        assertThat(Timeout.ofSeconds(1)).hasSameHashCodeAs(Timeout.ofMillis(1000));
        assertThat(Timeout.ofSeconds(1)).isNotEqualTo(Timeout.ofSeconds(2));
        assertThat(Timeout.ofSeconds(1)).isNotEqualTo(Timeout.never());
    }

    // ---- expiresImmediately / toMillis -------------------------------------------------------

    @Test
    void zeroAndNegativeExpireImmediately() {
        assertThat(Timeout.ofSeconds(0).expiresImmediately()).isTrue();
        assertThat(Timeout.ofSeconds(-1).expiresImmediately()).isTrue();
        assertThat(Timeout.ofMillis(-1).expiresImmediately()).isTrue();
        assertThat(Timeout.ofMillis(1).expiresImmediately()).isFalse();
    }

    @Test
    void positiveSubMillisecondDurationLastsOneMillisecond() {
        assertThat(Timeout.of(Duration.ofNanos(999_999)).expiresImmediately()).isFalse();
        assertThat(Timeout.of(Duration.ofNanos(1)).expiresImmediately()).isFalse();
        assertThat(Timeout.of(Duration.ofNanos(1)).toMillis()).isEqualTo(1L);
        assertThat(Timeout.of(Duration.ofNanos(999_999)).toMillis()).isEqualTo(1L);
        assertThat(Timeout.of(Duration.ofNanos(1_000_000)).toMillis()).isEqualTo(1L);
        assertThat(Timeout.of(Duration.ofNanos(-1)).expiresImmediately()).isTrue();
        assertThat(Timeout.of(Duration.ofNanos(-1)).toMillis()).isLessThanOrEqualTo(0L);
    }

    @Test
    void subSecondKeepsMillisecondPrecision() {
        assertThat(Timeout.of(Duration.ofMillis(1500)).toMillis()).isEqualTo(1500L);
        assertThat(Timeout.of(Duration.ofNanos(1_999_999)).toMillis()).isEqualTo(1L);
    }

    @Test
    void toMillisSaturates() {
        Timeout huge = Timeout.of(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(huge.toMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(huge.expiresImmediately()).isFalse();
        Timeout hugeNegative = Timeout.of(Duration.ofSeconds(Long.MIN_VALUE));
        assertThat(hugeNegative.toMillis()).isEqualTo(Long.MIN_VALUE);
        assertThat(hugeNegative.expiresImmediately()).isTrue();
    }

    // ---- parse -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"none", "never", "forever", "NONE", " None ", "Forever"})
    void parseNoExpiry(String text) {
        assertThat(Timeout.parse(text, SETTING)).isSameAs(Timeout.never());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "DEFAULT", " default "})
    void parseDefault(String text) {
        assertThat(Timeout.parse(text, SETTING)).isSameAs(Timeout.defaultTimeout());
    }

    @ParameterizedTest
    @CsvSource({
            "300, 300000",
            "0.5, 500",
            "1.25, 1250",
            "250ms, 250",
            "250MS, 250",
            "30s, 30000",
            "'30 s', 30000",
            "' 300 ', 300000",
            "5m, 300000",
            "2h, 7200000",
            "1d, 86400000",
            "0.5m, 30000",
            "PT5M, 300000",
            "pt5m, 300000",
            "PT0.5S, 500",
            "P1D, 86400000",
    })
    void parseDurations(String text, long millis) {
        Timeout t = Timeout.parse(text, SETTING);
        assertThat(t.isDefault()).isFalse();
        assertThat(t.isNever()).isFalse();
        assertThat(t.toMillis()).isEqualTo(millis);
        assertThat(t.expiresImmediately()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "-5, -5000",
            "-0.5, -500",
            "-250ms, -250",
            "-1m, -60000",
            "0ms, 0",
            "0.0001, 0",
    })
    void parseZeroOrNegativeExpiresImmediately(String text, long millis) {
        Timeout t = Timeout.parse(text, SETTING);
        assertThat(t.toMillis()).isEqualTo(millis);
        assertThat(t.expiresImmediately()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "5x", "5min", "1.2.3", "ms", "s", "pizza", "P", "PTXM",
            "3 0", "five", "0x10", "--1", "1,5", "NaN", "Infinity"})
    void parseRejectsGarbageNamingSettingAndText(String text) {
        assertThatThrownBy(() -> Timeout.parse(text, SETTING))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("not a timeout");
    }

    @Test
    void parseErrorKeepsTheCause() {
        assertThatThrownBy(() -> Timeout.parse("abc", SETTING))
                .isInstanceOf(CacheConfigurationException.class)
                .hasCauseInstanceOf(RuntimeException.class);
    }
}
