package org.valkeycache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValkeyServerTest {

    @Test
    void startsOnAFreeLoopbackPortAndStopsCleanly() throws Exception {
        ValkeyServer server = ValkeyServer.start();
        try {
            assertThat(server.port()).isPositive().isNotEqualTo(6379);
            assertThat(server.url()).isEqualTo("valkey://127.0.0.1:" + server.port());
            assertThat(server.call("SET", "k", "v")).isEqualTo("OK");
            assertThat(server.call("GET", "k")).isEqualTo("v");
            assertThat(server.dbSize()).isEqualTo(1);
            server.flushAll();
            assertThat(server.dbSize()).isZero();
        } finally {
            server.close();
        }
        assertThat(server.isRunning()).isFalse();
        assertThat(server.dir()).doesNotExist();
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void twoServersGetDifferentPorts() {
        try (ValkeyServer a = ValkeyServer.start(); ValkeyServer b = ValkeyServer.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            a.call("SET", "only-in-a", "1");
            assertThat(b.call("EXISTS", "only-in-a")).isEqualTo(0L);
        }
    }

    @Test
    void killAndRestartOnTheSamePort() {
        try (ValkeyServer server = ValkeyServer.start()) {
            int port = server.port();
            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> server.call("PING")).isInstanceOf(ValkeyServerException.class);
            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void errorRepliesAreRaised() {
        try (ValkeyServer server = ValkeyServer.start()) {
            assertThatThrownBy(() -> server.call("NOSUCHCOMMAND"))
                    .isInstanceOf(ValkeyServerException.class).hasMessageContaining("unknown command");
        }
    }

    @Test
    void badArgumentsFailTheStartWithTheServerLog() {
        assertThatThrownBy(() -> ValkeyServer.builder().arg("--no-such-setting", "1").start())
                .isInstanceOf(ValkeyServerException.class)
                .hasMessageContaining("exited at start")
                .hasMessageContaining("no-such-setting");
    }

    @Test
    void passwordAndAclUser() {
        try (ValkeyServer server = ValkeyServer.builder().requirePass("pw1").start()) {
            assertThat(server.url()).isEqualTo("valkey://:pw1@127.0.0.1:" + server.port());
            assertThat(server.call("PING")).isEqualTo("PONG");
        }
        try (ValkeyServer server = ValkeyServer.builder().aclUser("app", "pw2").start()) {
            assertThat(server.url()).isEqualTo("valkey://app:pw2@127.0.0.1:" + server.port());
            assertThat(server.call("ACL", "WHOAMI")).isEqualTo("app");
        }
    }

    @Test
    void replicaFollowsItsPrimary() {
        try (ValkeyServer primary = ValkeyServer.builder().requirePass("pw").start();
                ValkeyServer replica = ValkeyServer.builder().replicaOf(primary).requirePass("pw").start()) {
            primary.call("SET", "r", "1");
            primary.call("WAIT", "1", "5000");
            replica.awaitReplicaCaughtUp(Duration.ofSeconds(5));
            assertThat(replica.call("GET", "r")).isEqualTo("1");
            assertThat(String.valueOf(replica.call("INFO", "replication"))).contains("role:slave");
        }
    }

    @Test
    void aReplicaCatchesUpWithEveryWriteOfItsPrimary() {
        try (ValkeyServer primary = ValkeyServer.start();
                ValkeyServer replica = ValkeyServer.builder().replicaOf(primary).start()) {
            // a big MSET takes the replica a moment to apply, and WAIT on a fresh connection would not wait for it
            String[] mset = new String[1 + 2 * 20_000];
            mset[0] = "MSET";
            for (int i = 0; i < 20_000; i++) {
                mset[1 + 2 * i] = "k" + i;
                mset[2 + 2 * i] = "v" + i;
            }
            primary.call(mset);
            replica.awaitReplicaCaughtUp(Duration.ofSeconds(5));
            assertThat(replica.dbSize()).isEqualTo(20_000L);
            assertThatThrownBy(() -> primary.awaitReplicaCaughtUp(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a replica");
        }
    }

    @Test
    void sentinelSeesThePrimary() {
        try (ValkeyServer primary = ValkeyServer.start();
                ValkeySentinel sentinel = ValkeySentinel.start("mymaster", primary)) {
            assertThat(sentinel.currentPrimary()).isEqualTo("127.0.0.1:" + primary.port());
            assertThat(sentinel.url()).isEqualTo("valkey://127.0.0.1:" + sentinel.port());
            Object masters = sentinel.call("SENTINEL", "MASTERS");
            assertThat(masters).isInstanceOf(List.class);
        }
    }

    @Test
    void tlsServerWritesItsCa() {
        try (ValkeyServer server = ValkeyServer.builder().tls().startTimeout(Duration.ofSeconds(30)).start()) {
            assertThat(server.caCertificate()).exists();
            assertThat(server.tlsUrl()).isEqualTo("valkeys://localhost:" + server.tlsPort());
            assertThat(server.call("CONFIG", "GET", "tls-port")).isEqualTo(List.of("tls-port", Integer.toString(server.tlsPort())));
        }
    }
}
