package org.valkeycache.serializers;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.spi.Serializer;

/**
 * Text as plain UTF-8 bytes, alias {@code string}: the value {@code "héllo"} is stored as the
 * bytes of {@code héllo}, with no quotes or framing, so any client reads it as a string.
 *
 * <p>Accepts any {@link CharSequence} (stored as its UTF-8 encoding) and refuses every other
 * value, including {@code null} and {@code byte[]}, with a
 * {@link CacheSerializationException} naming the type; so does a string holding an unpaired surrogate,
 * which UTF-8 cannot represent. Numbers never reach a serializer (the cache stores integers and
 * floats as text itself, as django-valkey does), so a cache using this serializer holds strings
 * and numbers, and a string that is exactly number text ({@code "42"}, {@code "2.5"},
 * {@code "nan"}) reads back as the number.
 * {@link #deserialize(byte[])} returns a {@link String}; bytes that are not well-formed UTF-8 are
 * refused with the position of the first bad byte rather than silently replaced.
 *
 * <p>Stateless and thread-safe: encoders and decoders are created per call.
 */
public final class StringSerializer implements Serializer {

    /** Creates the serializer; it has no options. */
    public StringSerializer() {
    }

    @Override
    public byte[] serialize(Object value) {
        if (!(value instanceof CharSequence text)) {
            throw new CacheSerializationException((value == null ? "null" : "value of type " + value.getClass().getName())
                    + " cannot be stored by the string serializer, which accepts only text (CharSequence);"
                    + " use the json, msgpack or java serializer for other values");
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        try {
            ByteBuffer out = encoder.encode(in);
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new CacheSerializationException("value of type " + value.getClass().getName()
                    + " cannot be encoded as UTF-8: unpaired surrogate at char index " + firstBadChar(text), e);
        }
    }

    @Override
    public Object deserialize(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new CacheSerializationException("stored bytes are not valid UTF-8: "
                    + (result.isMalformed() ? "malformed" : "unmappable") + " sequence of " + result.length()
                    + " byte(s) at byte " + in.position() + " of " + bytes.length);
        }
        if (result.isOverflow()) { // cannot happen: the buffer fits the worst case
            throw new CacheSerializationException("stored bytes could not be decoded as UTF-8 (output overflow)");
        }
        out.flip();
        return out.toString();
    }

    private static int firstBadChar(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "StringSerializer[UTF-8]";
    }
}
