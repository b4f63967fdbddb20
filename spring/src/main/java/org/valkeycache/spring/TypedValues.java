package org.valkeycache.spring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.codec.internal.ValueCodec;

/**
 * What a Spring cache stores for a value, so that a hit hands back the type that was put, whatever
 * the serializer. The facade stores integers and floats raw (as django-valkey does, so that
 * {@code INCR} works) and reads them back as {@code Long} and {@code Double}; JSON, MessagePack
 * and pickle turn a {@code Character} into a {@code String} and a {@code BigDecimal} into a
 * {@code Double} or refuse it; the string serializer refuses both and reads a string of number
 * text ({@code "42"}) back as a number. A Spring method returning {@code Integer} would then get
 * a {@code Long} from a hit: a {@code ClassCastException} at its call site.
 *
 * <p>So the values whose type the store would not keep are stored as tagged text, a string that
 * every serializer keeps: a NUL, the simple type name, a colon, the value's canonical text
 * ({@code "\0Integer:42"}, {@code "\0Float:0.1"}, {@code "\0BigDecimal:1.50"},
 * {@code "\0Character:97"} as the UTF-16 code unit). Tagged are {@code Integer}, {@code Short},
 * {@code Byte}, {@code BigInteger}, {@code Float}, {@code BigDecimal}, {@code Character}, and
 * the strings that would not read back as themselves: number text and text starting with NUL
 * ({@code "\0String:42"}). {@code Long}, {@code Double} and every other value are stored as the
 * facade stores them, so they stay readable by other applications and {@code INCR} still works
 * on a {@code Long}. Reading, a tagged string becomes its value again; anything else (including
 * raw integers written by the plain facade, read as {@code Long}) is returned as decoded.
 */
final class TypedValues {

    /** Starts every tagged string; text a Spring cache stores never starts with it untagged. */
    static final char MARK = '\u0000';

    private TypedValues() {
    }

    /**
     * The value to hand to the facade for {@code value}.
     *
     * @param value any value, or null
     * @return {@code value} itself, or its tagged text
     */
    static Object encode(Object value) {
        if (value instanceof String s) {
            return needsTag(s) ? tag("String", s) : s;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof Float || value instanceof BigDecimal) {
            return tag(value.getClass().getSimpleName(), value.toString());
        }
        if (value instanceof Character c) {
            return tag("Character", Integer.toString(c));
        }
        return value;
    }

    /**
     * The value a Spring cache hands back for what the facade decoded.
     *
     * @param key the stored key, for the message of a failure
     * @param stored the decoded stored value, or null
     * @return the value that was put
     * @throws CacheSerializationException when a tag is known but its text does not parse
     */
    static Object decode(String key, Object stored) {
        if (!(stored instanceof String s) || s.isEmpty() || s.charAt(0) != MARK) {
            return stored;
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return s;
        }
        String text = s.substring(colon + 1);
        try {
            return switch (s.substring(1, colon)) {
                case "String" -> text;
                case "Integer" -> Integer.valueOf(text);
                case "Short" -> Short.valueOf(text);
                case "Byte" -> Byte.valueOf(text);
                case "BigInteger" -> new BigInteger(text);
                case "Float" -> Float.valueOf(text);
                case "BigDecimal" -> new BigDecimal(text);
                case "Character" -> character(text);
                default -> s; // not one of ours: text another writer stored
            };
        } catch (NumberFormatException e) {
            throw new CacheSerializationException("the value of key '" + key + "' is tagged as a "
                    + s.substring(1, colon) + " but its text '" + s.substring(1, colon) + ":" + text
                    + "' does not parse: " + e.getMessage(), e);
        }
    }

    private static Character character(String text) {
        int code = Integer.parseInt(text);
        if (code < Character.MIN_VALUE || code > Character.MAX_VALUE) {
            throw new NumberFormatException("not a UTF-16 code unit: " + code);
        }
        return (char) code;
    }

    private static String tag(String type, String text) {
        return MARK + type + ":" + text;
    }

    /** Text starting with NUL, or number text, which the string serializer would read back as a number. */
    private static boolean needsTag(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        if (first == MARK) {
            return true;
        }
        // every raw number starts with a digit, '-', 'i' (inf) or 'n' (nan); other text needs no bytes
        boolean candidate = first == '-' || first == 'i' || first == 'n' || (first >= '0' && first <= '9');
        return candidate && ValueCodec.isRawNumber(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
