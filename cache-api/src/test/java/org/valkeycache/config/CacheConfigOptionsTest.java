package org.valkeycache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;

class CacheConfigOptionsTest {

    private static CacheConfig with(String key, String value) {
        return CacheConfig.builder().location("valkey://localhost").option(key, value).build();
    }

    @Test
    void positiveOptions() {
        assertThat(with("n", " 12 ").positiveOption("n", 3)).isEqualTo(12);
        assertThat(with("other", "x").positiveOption("n", 3)).isEqualTo(3);
        for (String bad : new String[] {"0", "-1", "ten", "1.5", ""}) {
            assertThatThrownBy(() -> with("n", bad).positiveOption("n", 3))
                    .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.n");
        }
    }

    @Test
    void booleanOptions() {
        assertThat(with("b", "TRUE").booleanOption("b", false)).isTrue();
        assertThat(with("b", "false").booleanOption("b", true)).isFalse();
        assertThat(with("other", "x").booleanOption("b", true)).isTrue();
        assertThatThrownBy(() -> with("b", "yes").booleanOption("b", false))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.b").hasMessageContaining("yes");
    }

    @Test
    void durationOptions() {
        assertThat(with("d", "250ms").durationOption("d", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(with("d", "2").durationOption("d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(with("d", "PT1M").durationOption("d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
        assertThat(with("other", "x").durationOption("d", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        for (String bad : new String[] {"0", "-5s", "none", "soon"}) {
            assertThatThrownBy(() -> with("d", bad).durationOption("d", Duration.ZERO))
                    .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("options.d");
        }
    }
}
