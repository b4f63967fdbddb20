package org.valkeycache.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command in the Valkey wire protocol (RESP), for the few places that talk to a server without
 * glide: the sentinel connections, the near cache's invalidation listener and the test fixture.
 * Replies differ per place (RESP2 or RESP3, what an error becomes), so only the encoding is shared.
 */
public final class RespCommand {

    private static final byte[] CRLF = {'\r', '\n'};

    private RespCommand() {
    }

    /**
     * Encodes a command as a RESP array of bulk strings.
     *
     * @param args the command and its arguments: a {@code byte[]} is sent as it is, anything else
     *     as the UTF-8 text of {@link String#valueOf(Object)}
     * @return the bytes to send
     */
    public static byte[] encode(Object... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Object arg : args) {
            byte[] bytes = arg instanceof byte[] b ? b : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
            buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(bytes);
            buf.writeBytes(CRLF);
        }
        return buf.toByteArray();
    }
}
