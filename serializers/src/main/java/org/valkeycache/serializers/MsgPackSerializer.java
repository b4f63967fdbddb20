package org.valkeycache.serializers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.time.DateTimeException;
import java.time.Instant;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageStringCodingException;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.jackson.dataformat.ExtensionTypeCustomDeserializers;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.value.ValueType;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.config.CacheConfig;

/**
 * MessagePack via Jackson ({@code org.msgpack:jackson-dataformat-msgpack}), alias
 * {@code msgpack}.
 *
 * <p>Plain data is stored as natural MessagePack that other languages read directly (Python:
 * {@code msgpack.unpackb(data)}): maps, arrays, {@code str} (UTF-8) strings, integers in the
 * smallest encoding, {@code float64} for {@code Double} ({@code float32} for {@code Float}),
 * {@code bin} for {@code byte[]}, {@code nil}. {@code Map.of("a", 1)} is stored as the four bytes
 * {@code 81 A1 61 01}. {@code java.time} values are written as ISO-8601 strings.
 *
 * <p>Otherwise it behaves like {@link JsonSerializer}: {@link #deserialize(byte[])} returns
 * natural types ({@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Boolean},
 * {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double}, {@code byte[]} for
 * {@code bin}, {@link Instant} for the timestamp extension, type -1); no type information is stored (default typing is off), so records, POJOs and
 * {@code java.time} values come back only through a typed read, {@code cache.get(key, Type.class)};
 * typed reads are strict, and the option {@code serializer.failonunknownproperties} (default
 * {@code true}) controls unknown properties.
 *
 * <p>Of the extension types only the spec's timestamp (type -1, 32/64/96-bit forms) is read; any
 * other extension value (an application-defined type such as Python's {@code ExtType(5, ...)}) is
 * refused with a {@link org.valkeycache.CacheSerializationException} naming its type code and position
 * rather than handed out as an opaque Jackson object.
 *
 * <p>Unserializable values are refused by {@link #serialize(Object)}, corrupt, truncated or
 * mismatching bytes by the {@code deserialize} methods, both with a
 * {@link org.valkeycache.CacheSerializationException}. Thread-safe: one {@link ObjectMapper} is
 * shared by all calls.
 */
public final class MsgPackSerializer extends JacksonSerializer {

    /** The MessagePack spec's timestamp extension type. */
    static final byte TIMESTAMP_EXT = -1;

    /** Deepest nesting of arrays and maps accepted when reading. */
    public static final int MAX_DEPTH = 1000;

    /** Strings must be well-formed UTF-8 (Python's msgpack refuses them too, with raw=False). */
    private static final MessagePack.UnpackerConfig UNPACKER_CONFIG = new MessagePack.UnpackerConfig()
            .withActionOnMalformedString(CodingErrorAction.REPORT)
            .withActionOnUnmappableString(CodingErrorAction.REPORT);

    /** A MessagePack serializer with the default options. */
    public MsgPackSerializer() {
        this(true);
    }

    /**
     * A MessagePack serializer configured from {@code options.serializer.*} of a cache config.
     *
     * @param config the cache configuration
     * @throws CacheConfigurationException if {@code options.serializer.failonunknownproperties}
     *     is neither {@code true} nor {@code false}
     */
    public MsgPackSerializer(CacheConfig config) {
        this(failOnUnknown(config));
    }

    /**
     * A MessagePack serializer.
     *
     * @param failOnUnknownProperties whether typed reads fail on properties the target class lacks
     */
    public MsgPackSerializer(boolean failOnUnknownProperties) {
        super(new ObjectMapper(factory()), "MessagePack", failOnUnknownProperties);
        // the MessagePack parser reports "Unexpected EOF" instead of end-of-input after the last
        // value, so trailing data is checked by checkFraming instead
        mapper().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Walks the bytes once with msgpack-core to check that they hold exactly one complete
     * MessagePack value, so truncation, never-used type bytes and trailing data are reported
     * with their position before data binding starts. Also refuses maps with array or map keys
     * (valid MessagePack, e.g. a Python tuple key, but Jackson's parser would silently drop such
     * entries), strings that are not well-formed UTF-8 (which Jackson would silently repair) and
     * nesting deeper than {@value #MAX_DEPTH} levels.
     *
     * @param bytes the stored bytes
     * @throws CacheSerializationException when the bytes are truncated, corrupt or have trailing data
     */
    @Override
    void checkFraming(byte[] bytes) {
        MessageUnpacker unpacker = UNPACKER_CONFIG.newUnpacker(bytes);
        try {
            walk(unpacker, 0);
            long end = unpacker.getTotalReadBytes();
            if (end != bytes.length) {
                throw new CacheSerializationException("stored MessagePack has " + (bytes.length - end)
                        + " byte(s) of trailing data after the value (which ends at byte " + end + ")");
            }
        } catch (MessageInsufficientBufferException e) {
            throw new CacheSerializationException("stored bytes are truncated MessagePack: the value needs more than the "
                    + bytes.length + " bytes stored", e);
        } catch (MessagePackException | IOException e) {
            throw new CacheSerializationException("stored bytes are corrupt MessagePack (near byte "
                    + unpacker.getTotalReadBytes() + "): " + e.getMessage(), e);
        } finally {
            try {
                unpacker.close();
            } catch (IOException ignored) {
                // an in-memory unpacker has nothing to release
            }
        }
    }

    private static void walk(MessageUnpacker unpacker, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new CacheSerializationException("stored MessagePack is nested deeper than " + MAX_DEPTH
                    + " levels (at byte " + unpacker.getTotalReadBytes() + ")");
        }
        ValueType type = nextType(unpacker);
        if (type == ValueType.ARRAY) {
            int n = unpacker.unpackArrayHeader();
            for (int i = 0; i < n; i++) {
                walk(unpacker, depth + 1);
            }
        } else if (type == ValueType.MAP) {
            int n = unpacker.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                long at = unpacker.getTotalReadBytes();
                ValueType keyType = nextType(unpacker);
                if (keyType == ValueType.ARRAY || keyType == ValueType.MAP) {
                    throw new CacheSerializationException("stored MessagePack has a map key that is "
                            + (keyType == ValueType.ARRAY ? "an array" : "a map") + " (at byte " + at
                            + "); only scalar keys (strings, numbers, booleans) can be read");
                }
                scalar(unpacker, keyType);
                walk(unpacker, depth + 1);
            }
        } else {
            scalar(unpacker, type);
        }
    }

    private static ValueType nextType(MessageUnpacker unpacker) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        if (format == MessageFormat.NEVER_USED) {
            throw new CacheSerializationException("stored bytes are corrupt MessagePack: never-used type byte 0xC1 at byte "
                    + unpacker.getTotalReadBytes());
        }
        return format.getValueType();
    }

    private static void scalar(MessageUnpacker unpacker, ValueType type) throws IOException {
        if (type == ValueType.EXTENSION) {
            long at = unpacker.getTotalReadBytes();
            ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
            if (header.getType() != TIMESTAMP_EXT) {
                throw new CacheSerializationException("stored MessagePack holds an extension value of type " + header.getType()
                        + " (" + header.getLength() + " bytes, at byte " + at + "); only the timestamp extension (type "
                        + TIMESTAMP_EXT + ") can be read");
            }
            timestamp(unpacker.readPayload(header.getLength()), at);
        } else if (type == ValueType.STRING) {
            long at = unpacker.getTotalReadBytes();
            try {
                unpacker.unpackString();
            } catch (MessageStringCodingException e) {
                throw new CacheSerializationException("stored MessagePack holds a string that is not valid UTF-8 (at byte "
                        + at + ")", e);
            }
        } else {
            unpacker.skipValue();
        }
    }

    /**
     * Decodes the payload of a timestamp extension value (the spec's 32-, 64- and 96-bit forms).
     *
     * @param data the payload
     * @param at position of the value, for messages
     * @return the instant
     * @throws CacheSerializationException when the payload is not a valid timestamp
     */
    static Instant timestamp(byte[] data, long at) {
        ByteBuffer in = ByteBuffer.wrap(data);
        long seconds;
        long nanos;
        switch (data.length) {
            case 4 -> {
                seconds = Integer.toUnsignedLong(in.getInt());
                nanos = 0;
            }
            case 8 -> {
                long data64 = in.getLong();
                nanos = data64 >>> 34;
                seconds = data64 & 0x3_FFFF_FFFFL;
            }
            case 12 -> {
                nanos = Integer.toUnsignedLong(in.getInt());
                seconds = in.getLong();
            }
            default -> throw new CacheSerializationException("stored MessagePack timestamp (at byte " + at + ") has "
                    + data.length + " bytes; the spec allows 4, 8 or 12");
        }
        if (nanos > 999_999_999L) {
            throw new CacheSerializationException("stored MessagePack timestamp (at byte " + at + ") has " + nanos
                    + " nanoseconds; at most 999999999 are allowed");
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new CacheSerializationException("stored MessagePack timestamp (at byte " + at + ") of " + seconds
                    + " seconds is outside the range of java.time.Instant", e);
        }
    }

    private static MessagePackFactory factory() {
        MessagePackFactory factory = new MessagePackFactory();
        ExtensionTypeCustomDeserializers extensions = new ExtensionTypeCustomDeserializers();
        // checkFraming has validated every extension value before data binding sees it
        extensions.addCustomDeser(TIMESTAMP_EXT, data -> timestamp(data, -1));
        factory.setExtTypeCustomDesers(extensions);
        // no thread-local buffer reuse: each call gets its own buffers (simpler, and no state
        // shared between calls on one thread)
        factory.setReuseResourceInGenerator(false);
        factory.setReuseResourceInParser(false);
        return factory;
    }
}
