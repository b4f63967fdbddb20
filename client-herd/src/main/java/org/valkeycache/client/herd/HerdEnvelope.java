package org.valkeycache.client.herd;

import org.valkeycache.CacheSerializationException;

/**
 * The bytes the herd client stores around an encoded value: a marker with the format version,
 * the soft (logical) expiry, then the value exactly as the codec encoded it.
 *
 * <pre>
 * offset  0   4 bytes  marker   0xC1 'v' 'k' 'h'
 * offset  4   1 byte   format version (1)
 * offset  5   8 bytes  soft expiry, Unix epoch milliseconds, big-endian
 * offset 13   rest     the encoded value
 * </pre>
 *
 * <p>The marker starts with {@code 0xC1}, a byte no value of this library's codecs can start
 * with: it is the one byte MessagePack never uses, it never occurs in UTF-8 (so in JSON or
 * {@code string} output), Java serialization starts with {@code 0xAC 0xED}, pickle protocols 2-5
 * with {@code 0x80}, raw numbers are ASCII, and the compressed formats start with their own magic
 * ({@code zlib 0x78}, {@code gzip 0x1F 0x8B}, {@code xz 0xFD '7zXZ'}, {@code lz4 0x04 0x22 0x4D 0x18},
 * {@code zstd 0x28 0xB5 0x2F 0xFD}, {@code bz2 'BZh'}). Brotli streams have no magic; one with a
 * 4 KiB window can start with {@code 0xC1}, but its second byte would then announce a metadata
 * block ({@code 'v'} = {@code 0x76}), which an encoder of data never writes first. The test
 * {@code EnvelopeMarkerTest} encodes values of every size and shape with every serializer and
 * compressor and checks that none is taken for an envelope. Stateless; all methods are static.
 */
public final class HerdEnvelope {

    /** The format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** Length of the header in front of the value: marker, version, soft expiry. */
    public static final int HEADER_LENGTH = 13;

    private static final byte M0 = (byte) 0xC1;
    private static final byte M1 = 'v';
    private static final byte M2 = 'k';
    private static final byte M3 = 'h';

    private HerdEnvelope() {
    }

    /**
     * Wraps an encoded value.
     *
     * @param value the encoded value, not null
     * @param softExpiryMillis when the value becomes stale, Unix epoch milliseconds
     * @return the envelope bytes
     */
    public static byte[] pack(byte[] value, long softExpiryMillis) {
        byte[] out = new byte[HEADER_LENGTH + value.length];
        out[0] = M0;
        out[1] = M1;
        out[2] = M2;
        out[3] = M3;
        out[4] = FORMAT_VERSION;
        for (int i = 0; i < 8; i++) {
            out[5 + i] = (byte) (softExpiryMillis >>> (56 - 8 * i));
        }
        System.arraycopy(value, 0, out, HEADER_LENGTH, value.length);
        return out;
    }

    /**
     * Whether stored bytes start with the envelope marker. Bytes without it are a plain value
     * (written by another client, by {@code mset}, or raw) and are used as they are.
     *
     * @param stored stored bytes, not null
     * @return true when the marker is present
     */
    public static boolean isEnvelope(byte[] stored) {
        return stored.length >= 4 && stored[0] == M0 && stored[1] == M1 && stored[2] == M2 && stored[3] == M3;
    }

    /**
     * The soft expiry of an envelope.
     *
     * @param envelope bytes for which {@link #isEnvelope} holds
     * @return Unix epoch milliseconds
     * @throws CacheSerializationException when the envelope is truncated or of another format version
     */
    public static long softExpiry(byte[] envelope) {
        check(envelope);
        long t = 0;
        for (int i = 0; i < 8; i++) {
            t = (t << 8) | (envelope[5 + i] & 0xFF);
        }
        return t;
    }

    /**
     * The encoded value inside an envelope (a copy).
     *
     * @param envelope bytes for which {@link #isEnvelope} holds
     * @return the encoded value
     * @throws CacheSerializationException when the envelope is truncated or of another format version
     */
    public static byte[] value(byte[] envelope) {
        check(envelope);
        byte[] value = new byte[envelope.length - HEADER_LENGTH];
        System.arraycopy(envelope, HEADER_LENGTH, value, 0, value.length);
        return value;
    }

    private static void check(byte[] envelope) {
        if (envelope.length < HEADER_LENGTH) {
            throw new CacheSerializationException("truncated herd envelope: " + envelope.length + " bytes, the header alone is "
                    + HEADER_LENGTH);
        }
        if (envelope[4] != FORMAT_VERSION) {
            throw new CacheSerializationException("herd envelope of format version " + (envelope[4] & 0xFF)
                    + "; this client reads version " + FORMAT_VERSION + " (written by a newer valkey-cache?)");
        }
    }
}
