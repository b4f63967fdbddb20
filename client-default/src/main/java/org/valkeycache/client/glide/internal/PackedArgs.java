package org.valkeycache.client.glide.internal;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Packs many byte strings into one command argument, as a MessagePack array the server's Lua
 * {@code cmsgpack.unpack} reads back into a table of strings.
 *
 * <p>glide's client cost is per argument, not per byte (see DESIGN.md), so a bulk write sends its
 * keys and values as one script argument instead of two arguments per key.
 */
final class PackedArgs {

    private PackedArgs() {
    }

    /**
     * @param keys the keys
     * @param values the values, same order and size
     * @return one MessagePack array {@code [key1, value1, key2, value2, ...]}
     */
    static byte[] pairs(List<byte[]> keys, List<byte[]> values) {
        int size = 5;
        for (int i = 0; i < keys.size(); i++) {
            size += 10 + keys.get(i).length + values.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        int n = 2 * keys.size();
        if (n < 16) {
            out.write(0x90 | n);
        } else if (n < 0x10000) {
            out.write(0xdc);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0xdd);
            writeInt(out, n);
        }
        for (int i = 0; i < keys.size(); i++) {
            write(out, keys.get(i));
            write(out, values.get(i));
        }
        return out.toByteArray();
    }

    /** One byte string as a MessagePack raw string (the server's cmsgpack predates bin; any bytes go). */
    private static void write(ByteArrayOutputStream out, byte[] b) {
        if (b.length < 32) {
            out.write(0xa0 | b.length);
        } else if (b.length < 0x10000) {
            out.write(0xda);
            out.write(b.length >>> 8);
            out.write(b.length);
        } else {
            out.write(0xdb);
            writeInt(out, b.length);
        }
        out.write(b, 0, b.length);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
