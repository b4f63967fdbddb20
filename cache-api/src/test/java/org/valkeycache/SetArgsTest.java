package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.valkeycache.SetArgs.Condition;

class SetArgsTest {

    @Test
    void defaultsAreUnconditionalWithDefaultTimeout() {
        SetArgs a = SetArgs.defaults();
        assertThat(a).isSameAs(SetArgs.defaults());
        assertThat(a.condition()).isEqualTo(Condition.ALWAYS);
        assertThat(a.timeout()).isSameAs(Timeout.defaultTimeout());
    }

    @Test
    void nxAndXx() {
        assertThat(SetArgs.nx().condition()).isEqualTo(Condition.IF_ABSENT);
        assertThat(SetArgs.nx().timeout().isDefault()).isTrue();
        assertThat(SetArgs.xx().condition()).isEqualTo(Condition.IF_PRESENT);
        assertThat(SetArgs.xx().timeout().isDefault()).isTrue();
    }

    @Test
    void timeoutReturnsNewInstanceKeepingCondition() {
        SetArgs nx = SetArgs.nx();
        SetArgs withTimeout = nx.timeout(Duration.ofSeconds(30));
        assertThat(withTimeout).isNotSameAs(nx);
        assertThat(withTimeout.condition()).isEqualTo(Condition.IF_ABSENT);
        assertThat(withTimeout.timeout()).isEqualTo(Timeout.ofSeconds(30));
        assertThat(nx.timeout().isDefault()).isTrue();

        SetArgs never = SetArgs.xx().timeout(Timeout.never());
        assertThat(never.condition()).isEqualTo(Condition.IF_PRESENT);
        assertThat(never.timeout().isNever()).isTrue();
    }

    @Test
    void defaultsAreNotMutatedByTimeout() {
        SetArgs changed = SetArgs.defaults().timeout(Timeout.ofMillis(5));
        assertThat(changed.condition()).isEqualTo(Condition.ALWAYS);
        assertThat(changed.timeout().toMillis()).isEqualTo(5L);
        assertThat(SetArgs.defaults().timeout().isDefault()).isTrue();
    }

    @Test
    void zeroOrNegativeDurationExpiresNow() {
        assertThat(SetArgs.defaults().timeout(Duration.ZERO).timeout().expiresImmediately()).isTrue();
        assertThat(SetArgs.nx().timeout(Duration.ofSeconds(-1)).timeout().expiresImmediately()).isTrue();
    }

    @Test
    void nullTimeoutsAreRejected() {
        assertThatThrownBy(() -> SetArgs.defaults().timeout((Timeout) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> SetArgs.defaults().timeout((Duration) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    @Test
    void toStringShowsConditionAndTimeout() {
        assertThat(SetArgs.nx().timeout(Duration.ofSeconds(30)).toString())
                .contains("IF_ABSENT").contains("PT30S");
        assertThat(SetArgs.defaults()).hasToString("SetArgs[ALWAYS, Timeout[default]]");
    }
}
