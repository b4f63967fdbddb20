package org.valkeycache.nearcache;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.internal.TlsTrust;

/**
 * One socket of our own to the primary, on a daemon thread: {@code HELLO 3} (with the location's
 * credentials, over TLS for {@code valkeys://}), {@code CLIENT TRACKING ON BCAST PREFIX <prefix>},
 * then only reading {@code invalidate} pushes. BCAST tracks by prefix, so it does not matter which
 * glide connection read a key, and glide's silent reconnects stop mattering.
 *
 * <p>On any error, EOF, unexpected frame or silence longer than the idle limit the connection is
 * dropped ({@link Events#lost}), and re-opened with a growing pause (at most
 * {@value #MAX_BACKOFF_MILLIS} ms) to whatever the target supplier names then (after a sentinel
 * failover, the new primary). If the server refuses {@code HELLO 3} or {@code CLIENT TRACKING}
 * (an ACL without the permission, a managed service that disables it), the listener stops for
 * good ({@link Events#refused}).
 */
final class InvalidationListener implements AutoCloseable {

    static final int MAX_BACKOFF_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationListener.class);

    /** What the listener reports; called on its thread, in the order the server sent things. */
    interface Events {
        /** Tracking is on (again): everything the server changes from now on will be reported. */
        void tracking(ValkeyLocation node);

        /** The connection was lost: invalidations may have been missed. */
        void lost(String why);

        /** The server says these made keys changed. */
        void invalidated(List<byte[]> keys);

        /** The server says everything changed (FLUSHDB, FLUSHALL). */
        void flushed();

        /** The server refused tracking: the listener stops for good. */
        void refused(String why);
    }

    private final Supplier<ValkeyLocation> target;
    private final String prefix;
    private final String clientName;
    private final CacheConfig config;
    private final int idleMillis;
    private final Events events;
    private final Thread thread;
    private final SSLSocketFactory tls;
    private volatile boolean closed;
    private volatile Socket socket;
    private volatile ValkeyLocation node;
    private boolean warnedAuth;

    /**
     * @param target the node to connect to, asked again before every connection
     * @param threadName the name of the listener's thread
     */
    InvalidationListener(CacheConfig config, Supplier<ValkeyLocation> target, String prefix, int idleMillis,
            Events events, String threadName) {
        this.config = config;
        this.target = target;
        this.prefix = prefix;
        this.idleMillis = idleMillis;
        this.events = events;
        this.clientName = "valkey-cache-near-" + config.name().replaceAll("[^A-Za-z0-9._-]", "_");
        ValkeyLocation first = target.get();
        this.tls = first != null && first.tls() ? tlsFactory(config) : null;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return the node the listener is connected to, or null while it is not */
    ValkeyLocation node() {
        return node;
    }

    /** @return the client name the listener's connection carries ({@code CLIENT LIST name=...}) */
    String clientName() {
        return clientName;
    }

    /** Drops the connection now (a stale proof, a new primary); the listener reconnects. */
    void restart() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the reader thread sees the close and reconnects
            }
        }
    }

    /** Writes a raw command on the listener's connection (tests: {@code CLIENT TRACKING OFF}). */
    void sendForTest(String... args) throws IOException {
        Socket s = socket;
        if (s == null) {
            throw new IOException("the listener is not connected");
        }
        s.getOutputStream().write(Resp3.command(args));
        s.getOutputStream().flush();
    }

    private void run() {
        long backoff = 20;
        while (!closed) {
            ValkeyLocation location = target.get();
            boolean tracking = false;
            try {
                if (location == null) {
                    throw new IOException("the client names no primary yet");
                }
                try (Socket s = open(location)) {
                    socket = s;
                    if (closed) {
                        return;
                    }
                    Resp3 in = new Resp3(new BufferedInputStream(s.getInputStream()));
                    handshake(location, s.getOutputStream(), in);
                    s.setSoTimeout(idleMillis);
                    node = location;
                    tracking = true;
                    events.tracking(location);
                    backoff = 20;
                    listen(in);
                }
            } catch (Resp3.ErrorReply e) {
                if (refusal(e.getMessage())) {
                    events.refused(location.address() + " refused " + e.getMessage());
                    return;
                }
                if (!warnedAuth) {
                    warnedAuth = true;
                    LOG.warn("near cache '{}': the listener's handshake with {} failed: {}", config.name(),
                            location == null ? "?" : location.address(), e.getMessage());
                }
                backoff = MAX_BACKOFF_MILLIS;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.debug("near cache '{}': listener lost: {}", config.name(), e.toString());
            } finally {
                socket = null;
                node = null;
            }
            if (closed) {
                return;
            }
            if (tracking) {
                events.lost("listener connection lost");
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** Whether an error reply means "this server will never track for us", not "try again". */
    static boolean refusal(String message) {
        String m = message == null ? "" : message.toUpperCase(Locale.ROOT);
        return m.startsWith("NOPERM") || m.startsWith("NOPROTO") || m.contains("UNKNOWN COMMAND")
                || m.contains("UNKNOWN SUBCOMMAND") || m.contains("TRACKING");
    }

    private Socket open(ValkeyLocation location) throws IOException {
        if (location.isUnixSocket()) {
            throw new CacheConfigurationException("near cache: unix-socket locations are not supported");
        }
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(location.host(), location.port()),
                    (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            plain.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis()));
            if (!location.tls()) {
                return plain;
            }
            SSLSocket s = (SSLSocket) (tls != null ? tls : tlsFactory(config))
                    .createSocket(plain, location.host(), location.port(), true);
            if (!config.booleanOption("tls.insecure", false)) {
                SSLParameters params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(params);
            }
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private void handshake(ValkeyLocation location, OutputStream out, Resp3 in) throws IOException {
        List<String> hello = new ArrayList<>(List.of("HELLO", "3"));
        if (location.password() != null) {
            String user = location.username() == null || location.username().isEmpty() ? "default" : location.username();
            hello.addAll(List.of("AUTH", user, location.password()));
        }
        hello.addAll(List.of("SETNAME", clientName));
        out.write(Resp3.command(hello.toArray(String[]::new)));
        out.write(Resp3.command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", prefix));
        out.flush();
        in.read();
        Object ok = in.read();
        if (!"OK".equals(ok)) {
            throw new IOException("CLIENT TRACKING answered " + ok);
        }
    }

    private void listen(Resp3 in) throws IOException {
        while (!closed) {
            Object frame = in.read();
            if (!(frame instanceof Resp3.Push push)) {
                throw new IOException("unexpected reply on the tracking connection: " + frame);
            }
            if (!"invalidate".equals(push.kind()) || push.items().isEmpty()) {
                continue;
            }
            Object keys = push.items().get(0);
            if (keys == null) {
                events.flushed();
            } else if (keys instanceof List<?> list) {
                List<byte[]> made = new ArrayList<>(list.size());
                for (Object k : list) {
                    if (k instanceof byte[] b) {
                        made.add(b);
                    }
                }
                events.invalidated(made);
            }
        }
    }

    /** Trust as glide is told to: the PEM file of {@code tls.ca_file}, the system's, or anything ({@code tls.insecure}). */
    private static SSLSocketFactory tlsFactory(CacheConfig config) {
        return TlsTrust.socketFactory(config.option("tls.ca_file", null), config.booleanOption("tls.insecure", false),
                "options.tls.ca_file", "for the near cache listener of cache '" + config.name() + "'");
    }

    @Override
    public void close() {
        closed = true;
        restart();
        thread.interrupt();
    }
}
