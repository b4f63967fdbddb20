package org.valkeycache.client.sentinel;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one sentinel's failover announcements on a daemon thread of its own: a
 * subscription connection that is re-opened (with a growing pause, at most
 * {@value #MAX_BACKOFF_MILLIS} ms) whenever the sentinel goes away. An idle connection is
 * checked with {@code PING} every {@value #HEARTBEAT_MILLIS} ms, so a sentinel that hangs is
 * noticed too. Each sentinel has its own watcher: a failover is seen as long as any one of them
 * is alive.
 *
 * <p>Two announcements matter: {@code +switch-master}, the end of a failover, which every
 * sentinel publishes; and {@code +failover-state-wait-promotion}, which the leading sentinel
 * publishes right after it told the chosen replica to become the primary. Sentinel notices the
 * promotion only at its next {@code INFO} poll (up to a second later), so acting on the earlier
 * announcement (after confirming the role with {@code ROLE}) shortens the outage by that much.
 */
final class SentinelWatcher implements AutoCloseable {

    static final String SWITCH_MASTER = "+switch-master";
    static final String WAIT_PROMOTION = "+failover-state-wait-promotion";
    static final int HEARTBEAT_MILLIS = 3_000;
    static final int MAX_BACKOFF_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(SentinelWatcher.class);

    /** What the watcher reports. */
    interface Listener {
        /** The sentinel announced that the service's primary is now at {@code primary}. */
        void switched(SentinelSettings.HostPort primary, SentinelSettings.HostPort sentinel);

        /** The leading sentinel told {@code replica} to become the service's primary. */
        void promoting(SentinelSettings.HostPort replica, SentinelSettings.HostPort sentinel);

        /** A subscription was re-established after a loss: announcements may have been missed. */
        void resubscribed(SentinelSettings.HostPort sentinel);
    }

    private final SentinelSettings.HostPort sentinel;
    private final SentinelSettings settings;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile SentinelConnection connection;

    SentinelWatcher(SentinelSettings.HostPort sentinel, SentinelSettings settings, Listener listener) {
        this.sentinel = sentinel;
        this.settings = settings;
        this.listener = listener;
        this.thread = new Thread(this::run, "valkey-sentinel-watch-" + settings.service + "@" + sentinel);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        boolean lost = false;
        long backoff = 100;
        while (!closed) {
            try (SentinelConnection c = SentinelConnection.open(sentinel, settings)) {
                connection = c;
                if (closed) {
                    return;
                }
                c.send("SUBSCRIBE", SWITCH_MASTER, WAIT_PROMOTION);
                c.read();
                c.read();
                if (lost) {
                    listener.resubscribed(sentinel);
                }
                backoff = 100;
                listen(c);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!lost) {
                    LOG.warn("sentinel {} (service {}): subscription lost, re-trying: {}", sentinel, settings.service, e.toString());
                }
                lost = true;
            } finally {
                connection = null;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private void listen(SentinelConnection c) throws IOException {
        c.readTimeout(HEARTBEAT_MILLIS);
        boolean pingOutstanding = false;
        while (!closed) {
            Object message;
            try {
                message = c.read();
            } catch (SocketTimeoutException idle) {
                if (pingOutstanding) {
                    throw new IOException("sentinel " + sentinel + " did not answer PING within " + HEARTBEAT_MILLIS + " ms");
                }
                c.send("PING");
                pingOutstanding = true;
                continue;
            }
            pingOutstanding = false;
            if (message instanceof List<?> parts && parts.size() == 3 && "message".equals(parts.get(0))) {
                String payload = String.valueOf(parts.get(2));
                if (SWITCH_MASTER.equals(parts.get(1))) {
                    SentinelSettings.HostPort primary = parseSwitch(payload, settings.service);
                    if (primary != null) {
                        listener.switched(primary, sentinel);
                    }
                } else if (WAIT_PROMOTION.equals(parts.get(1))) {
                    SentinelSettings.HostPort replica = parseInstance(payload, settings.service);
                    if (replica != null) {
                        listener.promoting(replica, sentinel);
                    }
                }
            }
        }
    }

    /**
     * Parses {@code <service> <old-ip> <old-port> <new-ip> <new-port>}.
     *
     * @return the new primary, or null when the message is about another service or malformed
     */
    static SentinelSettings.HostPort parseSwitch(String payload, String service) {
        String[] f = payload.trim().split("\\s+");
        if (f.length != 5 || !f[0].equals(service)) {
            return null;
        }
        try {
            return new SentinelSettings.HostPort(f[3], Integer.parseInt(f[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Parses an instance announcement, {@code <type> <name> <ip> <port> @ <service> <primary-ip> <primary-port>}.
     *
     * @return the instance's address, or null when it is about another service or malformed
     */
    static SentinelSettings.HostPort parseInstance(String payload, String service) {
        String[] f = payload.trim().split("\\s+");
        if (f.length != 8 || !f[4].equals("@") || !f[5].equals(service)) {
            return null;
        }
        try {
            return new SentinelSettings.HostPort(f[2], Integer.parseInt(f[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        SentinelConnection c = connection;
        if (c != null) {
            c.close();
        }
        thread.interrupt();
    }
}
