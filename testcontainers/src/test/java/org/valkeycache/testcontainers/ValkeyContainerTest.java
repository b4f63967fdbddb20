package org.valkeycache.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;
import org.valkeycache.BackendCommands;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.Resp;
import org.valkeycache.testsupport.ValkeyServerException;

/** One server in a container: addresses, credentials, host networking, kill/restart and removal. */
class ValkeyContainerTest {

    @Test
    void aPlainServerServesACacheOnLoopbackWithHostNetworking() {
        try (ValkeyContainer valkey = new ValkeyContainer(TestImage.name())) {
            valkey.start();
            assertThat(valkey.url()).isEqualTo("valkey://127.0.0.1:" + valkey.port());
            assertThat(valkey.call("PING")).isEqualTo("PONG");
            try (BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(valkey.url()).build())) {
                cache.set("greeting", "hello");
                assertThat(cache.get("greeting", String.class)).isEqualTo("hello");
            }
            InspectContainerResponse inspect = inspect(valkey.getContainerId());
            assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo("host");
            assertThat(inspect.getConfig().getLabels()).containsEntry(ValkeyContainer.FIXTURE_LABEL, "true");
            assertThat(String.valueOf(valkey.call("CONFIG", "GET", "bind"))).contains("127.0.0.1");
        }
    }

    @Test
    void aPasswordWithAwkwardCharactersTravelsInTheUrlAndNeverOnTheCommandLine() {
        String password = "p@ss w:rd/,valkey://%25\"\\é";
        try (ValkeyContainer valkey = new ValkeyContainer(TestImage.name()).withPassword(password)) {
            valkey.start();
            try (BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(valkey.url()).build())) {
                cache.set("k", 1);
                assertThat((Object) cache.get("k")).isEqualTo(1L);
            }
            String wrong = valkey.url().replace(Urls.encode(password), "wrong");
            assertThatThrownBy(() -> {
                try (BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(wrong).build())) {
                    cache.get("k");
                }
            }).isInstanceOf(CacheAuthenticationException.class);
            InspectContainerResponse inspect = inspect(valkey.getContainerId());
            assertThat(String.join(" ", inspect.getConfig().getCmd())).doesNotContain("p@ss");
        }
    }

    @Test
    void anAclUserReplacesTheDefaultUser() {
        try (ValkeyContainer valkey = new ValkeyContainer(TestImage.name()).withUser("app", "s3cret")) {
            valkey.start();
            assertThat(valkey.url()).startsWith("valkey://app:s3cret@127.0.0.1:");
            assertThat(valkey.call("ACL", "WHOAMI")).isEqualTo("app");
            try (BackendCommands cache = ValkeyCache.open(CacheConfig.builder().location(valkey.url(2)).build())) {
                cache.set("k", "v");
            }
            assertThat(String.valueOf(valkey.call("INFO", "keyspace"))).contains("db2:keys=1");
            try (Resp anonymous = new Resp(
                    ValkeyContainer.HOST, valkey.port(), 2000)) {
                assertThatThrownBy(() -> anonymous.call("GET", "x")).hasMessageContaining("NOAUTH");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void killAndRestartKeepTheAddress() {
        try (ValkeyContainer valkey = new ValkeyContainer(TestImage.name()).withPassword("pw")) {
            valkey.start();
            int port = valkey.port();
            valkey.kill();
            assertThat(valkey.isRunning()).isFalse();
            assertThatThrownBy(() -> valkey.call("PING")).isInstanceOf(ValkeyServerException.class);
            valkey.restart();
            assertThat(valkey.port()).isEqualTo(port);
            assertThat(valkey.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void stopRemovesTheContainer() {
        ValkeyContainer valkey = new ValkeyContainer(TestImage.name());
        valkey.start();
        String id = valkey.getContainerId();
        valkey.stop();
        assertThatThrownBy(() -> inspect(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aServerThatCannotStartFailsWithItsLogAndLeavesNoContainer() {
        List<String> before = fixtureContainers();
        ValkeyContainer broken = new ValkeyContainer(TestImage.name()).withConfig("no-such-directive", "1")
                .withStartupTimeout(Duration.ofSeconds(10));
        assertThatThrownBy(broken::start).isInstanceOf(ContainerLaunchException.class)
                .satisfies(e -> assertThat(causes(e)).contains("no-such-directive"));
        broken.stop();
        assertThat(fixtureContainers()).isEqualTo(before);
    }

    @Test
    void aReplicaFollowsItsPrimary() {
        try (PrimaryReplicaContainers servers = new PrimaryReplicaContainers(TestImage.name(), 1).withPassword("pw")) {
            servers.start();
            ValkeyContainer primary = servers.primary();
            ValkeyContainer replica = servers.replicas().get(0);
            primary.call("SET", "k", "v");
            replica.awaitCaughtUpWith(primary, Duration.ofSeconds(5));
            assertThat(replica.call("GET", "k")).isEqualTo("v");
            assertThat(servers.locations()).containsExactly(primary.url(), replica.url());
            assertThat(servers.config().build().locations()).hasSize(2);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    static InspectContainerResponse inspect(String id) {
        return DockerClientFactory.instance().client().inspectContainerCmd(id).exec();
    }

    static List<String> fixtureContainers() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(ValkeyContainer.FIXTURE_LABEL)).exec().stream()
                .map(c -> c.getId()).sorted().toList();
    }
}
