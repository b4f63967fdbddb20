package org.valkeycache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A lock's fencing counter lives in the lock key's hash slot, so a cluster runs the lock script on one node. */
class FenceKeyTest {

    private static String fence(String lockKey) {
        return new String(ValkeyLock.fenceKeyOf(lockKey.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aPlainLockKeyBecomesTheHashTagOfItsFence() {
        assertThat(fence("lk:1:orders")).isEqualTo("{lk:1:orders}:fence");
    }

    @Test
    void aLockKeyWithAHashTagKeepsItForItsFence() {
        assertThat(fence("lk:1:{order:7}:lock")).isEqualTo("lk:1:{order:7}:lock:fence");
    }

    @Test
    void anEmptyOrStrayBraceCannotBePairedAndKeepsTheSuffix() {
        assertThat(fence("lk:1:a{}b")).isEqualTo("lk:1:a{}b:fence");
        assertThat(fence("lk:1:a}b")).isEqualTo("lk:1:a}b:fence");
        assertThat(fence("lk:1:a{b")).isEqualTo("{lk:1:a{b}:fence");
    }
}
