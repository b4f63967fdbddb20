package org.valkeycache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ValkeyServerExtensionTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    @Test
    void injectsTheRunningServer(ValkeyServer server) {
        assertThat(server).isSameAs(VALKEY.server());
        assertThat(server.isRunning()).isTrue();
        assertThat(server.call("PING")).isEqualTo("PONG");
    }
}
