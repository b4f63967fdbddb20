package org.valkeycache.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers on host networking, picked by the fixture since Docker maps none. They come
 * from 12000-31999, below the kernel's ephemeral range (32768 and up on Linux) that outgoing
 * connections and port-0 binds take, so a port stays free between the check and the server's bind
 * unless another fixture picks the same one at random.
 */
final class FreePorts {

    private static final int LOW = 12_000;
    private static final int SPAN = 10_000;
    private static final int CLUSTER_BUS_OFFSET = 10_000;

    private FreePorts() {
    }

    /** @return a port free on {@value ValkeyContainer#HOST} a moment ago */
    static int any() {
        return pick(false);
    }

    /** @return a port that is free, and whose cluster bus port (port + 10000) is free too */
    static int withClusterBus() {
        return pick(true);
    }

    private static int pick(boolean clusterBus) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = LOW + random.nextInt(SPAN);
            if (bindable(port) && (!clusterBus || bindable(port + CLUSTER_BUS_OFFSET))) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port" + (clusterBus ? " pair (port, port + 10000)" : "")
                + " in " + LOW + "-" + (LOW + SPAN - 1 + (clusterBus ? CLUSTER_BUS_OFFSET : 0))));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(ValkeyContainer.HOST))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
