package org.valkeycache.client.sentinel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.valkeycache.internal.RespCommand;

/**
 * A minimal RESP2 connection to one sentinel, for the few commands the sentinel client needs
 * ({@code AUTH}, {@code SENTINEL get-master-addr-by-name}, {@code SENTINEL replicas},
 * {@code SUBSCRIBE}, {@code PING}).
 *
 * <p>Why not valkey-glide: glide 2.3.1 has no Sentinel support (valkey-io/valkey-glide#2761). Its
 * standalone client refuses to start against a sentinel ("No primary node found": a sentinel has
 * no replication role), and in read-only mode it rejects {@code SENTINEL} as a write command and
 * cannot synchronise its pub/sub subscriptions with a sentinel. So these few commands travel over
 * this small blocking client; the data nodes are still served by glide.
 *
 * <p>Not thread-safe: one owner thread at a time.
 */
final class SentinelConnection implements AutoCloseable {

    /** An error reply of the sentinel ({@code -ERR ...}, {@code -WRONGPASS ...}). */
    static final class ErrorReply extends IOException {
        private static final long serialVersionUID = 1L;

        ErrorReply(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SentinelSettings.HostPort address;

    private SentinelConnection(Socket socket, SentinelSettings.HostPort address) throws IOException {
        this.socket = socket;
        this.address = address;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects (over TLS when configured) and authenticates.
     *
     * @param address the sentinel
     * @param settings connect / request timeouts, TLS, credentials
     * @return the connection
     * @throws IOException when the sentinel cannot be reached, the TLS handshake fails or AUTH is refused
     */
    static SentinelConnection open(SentinelSettings.HostPort address, SentinelSettings settings) throws IOException {
        Socket plain = new Socket();
        SentinelConnection connection = null;
        try {
            plain.connect(new InetSocketAddress(address.host(), address.port()), settings.connectMillis);
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            plain.setSoTimeout(settings.requestMillis);
            Socket socket = plain;
            if (settings.sentinelTls != null) {
                SSLSocket tls = (SSLSocket) settings.sentinelTls.createSocket(plain, address.host(), address.port(), true);
                if (settings.sentinelTlsVerifyHost) {
                    SSLParameters params = tls.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(params);
                }
                tls.startHandshake();
                socket = tls;
            }
            connection = new SentinelConnection(socket, address);
            if (settings.sentinelPassword != null) {
                if (settings.sentinelUser != null) {
                    connection.call("AUTH", settings.sentinelUser, settings.sentinelPassword);
                } else {
                    connection.call("AUTH", settings.sentinelPassword);
                }
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            } else {
                plain.close();
            }
            throw e;
        }
    }

    /** @return the sentinel this connection talks to */
    SentinelSettings.HostPort address() {
        return address;
    }

    /**
     * Sends a command and reads its reply.
     *
     * @return {@code String} (simple and bulk strings), {@code Long}, {@code List<Object>} or null
     * @throws ErrorReply when the sentinel answers with an error
     * @throws IOException when the connection fails or times out
     */
    Object call(String... args) throws IOException {
        send(args);
        return read();
    }

    /** Sends a command without reading its reply (for subscriptions). */
    void send(String... args) throws IOException {
        out.write(RespCommand.encode((Object[]) args));
        out.flush();
    }

    /** @param millis how long a read may wait for the first byte of a reply; 0 waits forever */
    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /**
     * Reads one reply. A {@link SocketTimeoutException} means nothing arrived at all; a timeout in
     * the middle of a reply is reported as a plain {@link IOException} (the connection is unusable).
     */
    Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("sentinel " + address + " closed the connection");
        }
        try {
            return readAfter(type);
        } catch (SocketTimeoutException e) {
            throw new IOException("sentinel " + address + " stopped in the middle of a reply", e);
        }
    }

    private Object readAfter(int type) throws IOException {
        String line = readLine();
        switch (type) {
            case '+' -> {
                return line;
            }
            case '-' -> throw new ErrorReply(line);
            case ':' -> {
                return Long.parseLong(line);
            }
            case '$' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(len);
                if (data.length < len || in.readNBytes(2).length < 2) {
                    throw new IOException("sentinel " + address + " closed the connection in the middle of a reply");
                }
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(len);
                for (int i = 0; i < len; i++) {
                    int t = in.read();
                    if (t < 0) {
                        throw new IOException("sentinel " + address + " closed the connection in the middle of a reply");
                    }
                    items.add(readAfter(t));
                }
                return items;
            }
            default ->
                throw new IOException("sentinel " + address + " sent an unexpected reply type '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("sentinel " + address + " closed the connection in the middle of a reply");
            }
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing left to release
        }
    }
}
