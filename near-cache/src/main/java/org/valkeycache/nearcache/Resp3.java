package org.valkeycache.nearcache;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.valkeycache.internal.RespCommand;

/**
 * The RESP3 reader and command writer of the invalidation listener's one socket.
 *
 * <p>Why our own: glide 2.3.1 forwards only pub/sub pushes to Java, so {@code invalidate} pushes
 * cannot travel through it; Lettuce and Jedis read RESP3 but only as whole drivers (a second
 * driver, its event loops and its reconnect logic, for one socket that sends three commands and
 * then only reads). The listener needs every RESP3 type the server may send on a tracking
 * connection, and nothing else; this is about a hundred lines.
 *
 * <p>Frames decode to: {@code byte[]} (blob and verbatim strings), {@code String} (simple
 * strings), {@code Long}, {@code Double}, {@code Boolean}, {@code null}, {@code List<Object>}
 * (arrays, sets, maps flattened to key, value, ...), {@link Push} (push frames) and
 * {@link ErrorReply} (thrown). Attributes are read and dropped. Not thread-safe.
 */
final class Resp3 {

    /** A push frame ({@code >}): its kind (e.g. {@code invalidate}) and the rest of its items. */
    record Push(String kind, List<Object> items) {
    }

    /** An error reply ({@code -} or {@code !}). */
    static final class ErrorReply extends IOException {
        private static final long serialVersionUID = 1L;

        ErrorReply(String message) {
            super(message);
        }
    }

    private final InputStream in;

    Resp3(InputStream in) {
        this.in = in;
    }

    /**
     * Encodes one command as a RESP array of bulk strings.
     *
     * @param args the command and its arguments, as UTF-8 text
     * @return the bytes to send
     */
    static byte[] command(String... args) {
        return RespCommand.encode((Object[]) args);
    }

    /**
     * Reads one frame.
     *
     * @return the decoded frame (see the class comment)
     * @throws ErrorReply when the frame is an error
     * @throws EOFException when the server closed the connection
     * @throws IOException when the connection fails or the frame is malformed
     */
    Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        return frame(type);
    }

    private Object frame(int type) throws IOException {
        return switch (type) {
            case '+', '(' -> line();
            case '-' -> throw new ErrorReply(line());
            case ':' -> Long.parseLong(line());
            case '_' -> {
                line();
                yield null;
            }
            case '#' -> "t".equals(line());
            case ',' -> Double.parseDouble(line().replace("inf", "Infinity"));
            case '$', '=' -> blob(line());
            case '!' -> {
                byte[] message = blob(line());
                throw new ErrorReply(message == null ? "error" : new String(message, StandardCharsets.UTF_8));
            }
            case '*', '~' -> items(length(line()));
            case '%' -> items(length(line()) * 2);
            case '|' -> {
                items(length(line()) * 2);
                yield read();
            }
            case '>' -> {
                List<Object> items = items(length(line()));
                if (items == null || items.isEmpty()) {
                    throw new IOException("malformed push frame");
                }
                Object kind = items.get(0);
                String name = kind instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(kind);
                yield new Push(name, items.subList(1, items.size()));
            }
            default -> throw new IOException("unexpected RESP type byte 0x" + Integer.toHexString(type));
        };
    }

    private static int length(String line) throws IOException {
        try {
            return Integer.parseInt(line);
        } catch (NumberFormatException e) {
            throw new IOException("malformed length '" + line + "'", e);
        }
    }

    private byte[] blob(String lengthLine) throws IOException {
        int len = length(lengthLine);
        if (len < 0) {
            return null;
        }
        byte[] data = in.readNBytes(len);
        if (data.length < len || in.readNBytes(2).length < 2) {
            throw new EOFException("the server closed the connection in the middle of a reply");
        }
        return data;
    }

    private List<Object> items(int count) throws IOException {
        if (count < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int t = in.read();
            if (t < 0) {
                throw new EOFException("the server closed the connection in the middle of a reply");
            }
            items.add(frame(t));
        }
        return items;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(16);
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("the server closed the connection in the middle of a reply");
            }
            sb.append((char) c);
        }
        if (in.read() != '\n') {
            throw new IOException("malformed line ending");
        }
        return sb.toString();
    }
}
