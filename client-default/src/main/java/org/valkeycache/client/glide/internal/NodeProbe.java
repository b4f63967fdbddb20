package org.valkeycache.client.glide.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.client.glide.internal.CircuitBreaker.Fault;

/**
 * Finds out why a node does not answer, for the {@link CircuitBreaker}. glide 2.3.1 cannot tell:
 * its lazy connect retries a refused port or a bad database index until the connection timeout
 * and then reports "Request timed out", and its eager connect reports every cause as "Connection
 * refused". So a check asks in two steps:
 * <ol>
 *   <li>a plain TCP connect to the node (bounded by the connect timeout) tells a refused port
 *       or an unreachable host at once; for a {@code valkeys://} node a TLS handshake by the JDK
 *       on that socket, trusting what glide was told to trust, follows: glide 2.3.1 reports a
 *       certificate it does not trust (or one for another host name) only as a connect timeout,
 *       the JDK says which it is;</li>
 *   <li>until the connection has answered once, a handshake through glide: {@code PING} on the
 *       connection itself (glide reports refused credentials and ACL denials of its connect
 *       quickly), or for a database other than 0, {@code SELECT <db>} on a throw-away client
 *       connected to database 0, which names an index beyond the server's {@code databases}
 *       instead of timing out.</li>
 * </ol>
 * A check that finds nothing definite reports no fault: a slow server is not a down one.
 */
final class NodeProbe {

    /** Checks block on TCP connects: they run here, never on glide's callback threads. */
    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "valkey-cache-check-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private final String host;
    private final int port;
    private final String node;
    private final int connectMillis;
    private final Supplier<CompletableFuture<Object>> ping;
    private final Supplier<CompletableFuture<Object>> selectDatabase;
    private final Supplier<SSLSocketFactory> tls;
    private volatile SSLSocketFactory tlsFactory;
    private volatile boolean answered;

    /**
     * @param host the node's host
     * @param port the node's port
     * @param connectTimeout bound on the TCP connect
     * @param ping sends {@code PING} on the connection being checked
     * @param selectDatabase sends {@code SELECT <db>} on a throw-away client connected to database
     *     0 and closes it; {@code null} for database 0
     * @param tls makes (once, on the first check) the JDK socket factory trusting what glide
     *     trusts; {@code null} when the node is not reached over TLS or any certificate is accepted
     */
    NodeProbe(String host, int port, Duration connectTimeout, Supplier<CompletableFuture<Object>> ping,
            Supplier<CompletableFuture<Object>> selectDatabase, Supplier<SSLSocketFactory> tls) {
        this.host = host;
        this.port = port;
        this.node = host + ":" + port;
        this.connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        this.ping = ping;
        this.selectDatabase = selectDatabase;
        this.tls = tls;
    }

    /** @return the fault found, or {@code null} when nothing definite is wrong */
    CompletableFuture<Fault> check() {
        return CompletableFuture.supplyAsync(this::connect, CHECKS).thenCompose(reached -> {
            if (reached.tcp != null) {
                return CompletableFuture.completedFuture(reached.tcp);
            }
            if (reached.tls != null) {
                // glide's trust may differ from the JDK's (it reads the system's CA store, the JDK
                // its own): the JDK's verdict stands only when glide cannot get a PING through either
                return ask("PING", ping, reached.tls);
            }
            return answered ? CompletableFuture.completedFuture(null) : handshake();
        });
    }

    /** What connecting found: a fault of the TCP connect, or else of the JDK's TLS handshake. */
    private record Reached(Fault tcp, Fault tls) {
    }

    private Reached connect() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), connectMillis);
            return new Reached(null, tls == null ? null : handshakeTls(socket));
        } catch (ConnectException e) {
            return new Reached(refused("connection refused", e), null);
        } catch (SocketTimeoutException e) {
            return new Reached(refused("no answer to a TCP connect within " + connectMillis
                    + " ms (host down or port filtered)", e), null);
        } catch (NoRouteToHostException e) {
            return new Reached(refused("no route to host", e), null);
        } catch (UnknownHostException e) {
            return new Reached(refused("unknown host '" + host + "'", e), null);
        } catch (IOException | RuntimeException e) {
            return new Reached(refused("cannot connect (" + e + ")", e), null);
        }
    }

    /** A JDK TLS handshake on the connected socket: a fault when it is refused, else nothing definite. */
    private Fault handshakeTls(Socket plain) {
        SSLSocketFactory factory = tlsFactory;
        if (factory == null) {
            try {
                factory = tls.get();
            } catch (CacheConfigurationException e) {
                return new Fault(CacheConfigurationException.class, e.getMessage(), e);
            }
            tlsFactory = factory;
        }
        try (SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, port, false)) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setSoTimeout(connectMillis);
            socket.startHandshake();
            return null;
        } catch (SSLException e) {
            return tlsFault(tlsReason(e), e);
        } catch (SocketTimeoutException e) {
            // a plain port waits for the end of an inline command that a ClientHello never sends
            return answersPlainPing() ? tlsFault("the server does not speak TLS on this port (it answered a plain"
                    + " PING); use valkey:// for it, or the server's tls-port", e) : null;
        } catch (IOException | RuntimeException e) {
            return null; // reset: nothing definite about TLS
        }
    }

    private Fault tlsFault(String reason, Throwable cause) {
        String detail = "TLS handshake failed: " + reason;
        return new Fault(CacheConnectionException.class, detail,
                new CacheConnectionException("TLS connect to " + node + ": " + detail, cause));
    }

    /** Whether the node answers a plain-text {@code PING} as a Valkey server does ({@code +PONG}, or an error). */
    private boolean answersPlainPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), connectMillis);
            socket.setSoTimeout(connectMillis);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            int first = socket.getInputStream().read();
            return first == '+' || first == '-';
        } catch (IOException e) {
            return false;
        }
    }

    /** What a refused TLS handshake most likely means, with the JDK's reason. */
    private String tlsReason(SSLException e) {
        String reason = String.valueOf(e.getMessage());
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return "the server's certificate is outside its validity period (" + reason + ")";
            }
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return "the server's certificate is not trusted (" + reason + "); give the CA that signed it in options."
                        + GlideClients.TLS_CA_FILE;
            }
            String m = String.valueOf(c.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "the server's certificate is not for host '" + host + "' (" + reason + ")";
            }
        }
        return reason;
    }

    private Fault refused(String detail, Throwable cause) {
        return new Fault(CacheConnectionException.class, detail,
                new CacheConnectionException("TCP connect to " + node + ": " + detail, cause));
    }

    private CompletableFuture<Fault> handshake() {
        if (selectDatabase == null) {
            return ask("PING", ping);
        }
        return ask("SELECT", selectDatabase).thenApply(f -> {
            if (f == null) {
                ask("PING", ping); // learns whether the connection itself answers, without waiting
            }
            return f;
        });
    }

    private CompletableFuture<Fault> ask(String command, Supplier<CompletableFuture<Object>> request) {
        return ask(command, request, null);
    }

    /**
     * Sends {@code request} through glide: no fault when it is answered, the fault its failure
     * shows when that is definite (credentials, ACL, database), else {@code otherwise}.
     */
    private CompletableFuture<Fault> ask(String command, Supplier<CompletableFuture<Object>> request, Fault otherwise) {
        CompletableFuture<Object> reply;
        try {
            reply = request.get();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((value, failure) -> {
            if (failure == null) {
                if (request == ping) {
                    answered = true;
                }
                return null;
            }
            String prefix = command + " on " + node + ": ";
            Fault definite = Fault.of(GlideErrors.translate(failure, command, node), prefix);
            return definite != null ? definite : otherwise;
        });
    }
}
