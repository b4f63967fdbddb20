package org.valkeycache.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.valkeycache.internal.RespCommand;

/**
 * A minimal RESP2 connection used by the fixture to probe and administer the servers it starts
 * (PING, INFO, SHUTDOWN, ...). It exists so the fixture does not depend on the client library
 * under test, and the container fixture uses it the same way. Not thread-safe; open one per call
 * site.
 */
public final class Resp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects.
     *
     * @param host the server's address
     * @param port its port
     * @param timeoutMillis the bound on connecting and on each reply
     * @throws IOException if the server cannot be reached
     */
    public Resp(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /**
     * Sends one command and reads its reply.
     *
     * @param args the command and its arguments ({@code byte[]} sent as they are, anything else as UTF-8 text)
     * @return {@code String} for simple and bulk strings, {@code Long} for integers, {@code List}
     *     for arrays, {@code null} for nil
     * @throws ValkeyServerException if the server answered with an error
     * @throws IOException if the connection fails
     */
    public Object call(Object... args) throws IOException {
        out.write(RespCommand.encode(args));
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed by the server");
        }
        String line = readLine();
        switch (type) {
            case '+' -> {
                return line;
            }
            case '-' -> throw new ValkeyServerException(line);
            case ':' -> {
                return Long.parseLong(line);
            }
            case '$' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(len);
                in.readNBytes(2);
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(len);
                for (int i = 0; i < len; i++) {
                    items.add(read());
                }
                return items;
            }
            default -> throw new IOException("unexpected RESP type byte '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
