package org.valkeycache.testcontainers;

import java.io.IOException;
import java.time.Duration;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
import org.valkeycache.testsupport.Resp;
import org.valkeycache.testsupport.ValkeyServerException;

/**
 * Waits until a {@link ValkeyContainer} answers {@code PING} with {@code PONG} on its host port,
 * authenticated as the server requires; fails at once, with the container's log, if the
 * container exits.
 */
final class PingWaitStrategy extends AbstractWaitStrategy {

    @Override
    protected void waitUntilReady() {
        if (!(waitStrategyTarget instanceof ValkeyContainer container)) {
            throw new IllegalStateException("PING wait works on a ValkeyContainer, not " + waitStrategyTarget);
        }
        await(container, container.startupTimeout());
    }

    @Override
    public PingWaitStrategy withStartupTimeout(Duration startupTimeout) {
        super.withStartupTimeout(startupTimeout);
        return this;
    }

    static void await(ValkeyContainer container, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Resp resp = container.open(1000)) {
                if ("PONG".equals(resp.call("PING"))) {
                    return;
                }
            } catch (IOException | ValkeyServerException e) {
                last = e;
            }
            if (!container.isRunning()) {
                throw new ContainerLaunchException(container + " exited at start; its log:\n" + logOf(container));
            }
            ValkeyContainer.sleep(50);
        }
        throw new ContainerLaunchException(container + " did not answer PING within " + timeout + " (last probe: "
                + last + "); its log:\n" + logOf(container), last);
    }

    private static String logOf(WaitStrategyTarget container) {
        try {
            return ((ValkeyContainer) container).getLogs();
        } catch (RuntimeException e) {
            return "(log unavailable: " + e + ")";
        }
    }
}
