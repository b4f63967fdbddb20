package org.valkeycache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ports are reserved across threads and JVMs (surefire forks run test classes side by side), also
 * while a killed server waits for its restart on the same port.
 */
class PortReservationsTest {

    /**
     * Run in a second JVM by {@link #aPortAnotherJvmReservedIsRefusedUntilThatJvmExits}: reserves
     * the port given, says whether it could, and holds it until its standard input closes.
     *
     * @param args the port
     * @throws IOException never in practice
     */
    public static void main(String[] args) throws IOException {
        System.out.println(PortReservations.reserve(Integer.parseInt(args[0])) ? "reserved" : "refused");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the reservation until the parent closes our input
        }
    }

    @Test
    void aPortIsHandedOutOnceInThisJvmUntilReleased() {
        int port = ValkeyProcess.freePort();
        assertThat(PortReservations.reserve(port)).as("freePort reserved it").isFalse();
        PortReservations.release(port);
        assertThat(PortReservations.reserve(port)).isTrue();
        assertThat(PortReservations.reserve(port)).isFalse();
        PortReservations.release(port);
    }

    @Test
    void aPortAnotherJvmReservedIsRefusedUntilThatJvmExits() throws Exception {
        int port = ValkeyProcess.freePort();
        PortReservations.release(port);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PortReservationsTest.class.getName(), Integer.toString(port))).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("reserved");
            assertThat(PortReservations.reserve(port)).as("held by the other JVM").isFalse();
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(PortReservations.reserve(port)).as("free once the other JVM exited").isTrue();
            PortReservations.release(port);
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aKilledServerKeepsItsPortUntilItIsClosed() {
        ValkeyServer server = ValkeyServer.start();
        int port = server.port();
        try {
            server.kill();
            assertThat(PortReservations.reserve(port)).as("reserved while down, for the restart").isFalse();
            server.restart();
            assertThat(server.port()).isEqualTo(port);
        } finally {
            server.close();
        }
        assertThat(PortReservations.reserve(port)).as("given back on close").isTrue();
        PortReservations.release(port);
    }

    @Test
    void aClusterNodeReservesItsBusPortToo() {
        try (ValkeyServer node = ValkeyServer.builder().clusterNode(Duration.ofSeconds(5)).start()) {
            node.kill();
            assertThat(PortReservations.reserve(node.port())).isFalse();
            assertThat(PortReservations.reserve(node.port() + 10_000)).isFalse();
        }
    }
}
