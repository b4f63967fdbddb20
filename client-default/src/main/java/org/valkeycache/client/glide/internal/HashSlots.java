package org.valkeycache.client.glide.internal;

/**
 * Valkey Cluster hash slots: CRC16 (XMODEM) of the key, or of its hash tag (the part between the
 * first <code>{</code> and the next <code>}</code>, when that part is not empty), modulo 16384.
 * Keys with the same hash tag ({@code user:{42}:name}, {@code user:{42}:mail}) share a slot, so
 * multi-key commands over them run on one node.
 */
public final class HashSlots {

    /** The number of hash slots of a Valkey Cluster. */
    public static final int SLOTS = 16384;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private HashSlots() {
    }

    /**
     * The slot of a key.
     *
     * @param key the key as stored on the server
     * @return the slot, 0 to 16383
     */
    public static int slot(byte[] key) {
        int start = 0;
        int end = key.length;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '{') {
                for (int j = i + 1; j < key.length; j++) {
                    if (key[j] == '}') {
                        if (j > i + 1) {
                            start = i + 1;
                            end = j;
                        }
                        break;
                    }
                }
                break;
            }
        }
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ key[i]) & 0xFF]) & 0xFFFF;
        }
        return crc & (SLOTS - 1);
    }
}
