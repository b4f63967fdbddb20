package org.valkeycache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespCommandTest {

    @Test
    void encodesAnArrayOfBulkStringsWithBytesAsTheyAreAndTextAsUtf8() {
        byte[] raw = {0, (byte) 0xff, '\r', '\n'};
        byte[] wire = RespCommand.encode("SET", "clé", raw, 42);
        byte[] expected = concat("*4\r\n$3\r\nSET\r\n$4\r\nclé\r\n$4\r\n".getBytes(StandardCharsets.UTF_8), raw,
                "\r\n$2\r\n42\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(wire).isEqualTo(expected);
    }

    @Test
    void anEmptyArgumentIsAnEmptyBulkString() {
        assertThat(new String(RespCommand.encode("PING", ""), StandardCharsets.US_ASCII))
                .isEqualTo("*2\r\n$4\r\nPING\r\n$0\r\n\r\n");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
