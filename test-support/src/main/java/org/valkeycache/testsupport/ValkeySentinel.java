package org.valkeycache.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A real {@code valkey-sentinel} process on a free loopback port, monitoring one primary.
 *
 * <p>Sentinel rewrites its configuration file, so each instance writes its own into its private
 * directory. Failure detection is tuned for tests: the primary is considered down after
 * {@code downAfter} (default 1 s) and a failover may restart after 3 s.
 */
public final class ValkeySentinel extends ValkeyProcess {

    private final String masterName;
    private final ValkeyServer primary;
    private final int quorum;
    private final Duration downAfter;

    private ValkeySentinel(String masterName, ValkeyServer primary, int quorum, Duration downAfter) {
        super("valkey-sentinel", Duration.ofSeconds(20));
        this.masterName = masterName;
        this.primary = primary;
        this.quorum = quorum;
        this.downAfter = downAfter;
    }

    /**
     * Starts a sentinel monitoring {@code primary} under {@code masterName} with quorum 1.
     *
     * @param masterName the service name clients ask for
     * @param primary the running primary to monitor
     * @return the running sentinel
     */
    public static ValkeySentinel start(String masterName, ValkeyServer primary) {
        return start(masterName, primary, 1, Duration.ofSeconds(1));
    }

    /**
     * Starts a sentinel with an explicit quorum and down-after period.
     *
     * @param masterName the service name clients ask for
     * @param primary the running primary to monitor
     * @param quorum sentinels that must agree the primary is down
     * @param downAfter how long the primary must be unreachable to be considered down
     * @return the running sentinel
     */
    public static ValkeySentinel start(String masterName, ValkeyServer primary, int quorum, Duration downAfter) {
        Objects.requireNonNull(masterName, "masterName");
        Objects.requireNonNull(primary, "primary");
        ValkeySentinel sentinel = new ValkeySentinel(masterName, primary, quorum, downAfter);
        sentinel.startOnFreePort();
        return sentinel;
    }

    @Override
    String executable() {
        return "valkey-sentinel";
    }

    @Override
    List<String> command(String exe, int port) throws IOException {
        Path conf = dir().resolve("sentinel.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, String.join("\n",
                    "bind " + HOST,
                    "port " + port,
                    "protected-mode no",
                    "daemonize no",
                    "dir " + dir(),
                    "sentinel resolve-hostnames no",
                    "sentinel monitor " + masterName + " " + HOST + " " + primary.port() + " " + quorum,
                    "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis(),
                    "sentinel failover-timeout " + masterName + " 3000",
                    "sentinel parallel-syncs " + masterName + " 1",
                    ""));
        }
        return List.of(exe, conf.toString());
    }

    /** @return the monitored service name */
    public String masterName() {
        return masterName;
    }

    /** @return {@code valkey://127.0.0.1:<port>}, the address clients give as a sentinel location */
    public String url() {
        return "valkey://" + HOST + ":" + port();
    }

    /**
     * Asks this sentinel for the current primary of the monitored service.
     *
     * @return {@code host:port} of the primary as this sentinel sees it
     */
    public String currentPrimary() {
        Object reply = call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        if (reply instanceof List<?> l && l.size() == 2) {
            return l.get(0) + ":" + l.get(1);
        }
        throw new ValkeyServerException("unexpected SENTINEL GET-MASTER-ADDR-BY-NAME reply: " + reply);
    }
}
