package org.valkeycache.codec.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.spi.Compressor;
import org.valkeycache.spi.Serializer;

/**
 * The value pipeline: {@code value -> Serializer -> Compressor -> bytes}, except numbers, which
 * are stored raw as text, as django-valkey stores Python {@code int} and {@code float}, so that
 * {@code INCRBY} / {@code INCRBYFLOAT} work on the server and other languages read them:
 * integers ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}) as
 * canonical decimal text ({@code 42}, {@code -7}), {@code Double} and {@code Float} as the text of
 * Python's {@code repr(float)} ({@code 2.5}, {@code 1e+20}, {@code -0.0}, {@code inf},
 * {@code nan}; a {@code Float} is widened to the double it stands for, so {@code 0.1f} is stored
 * as {@code 0.10000000149011612}).
 *
 * <p>Decoding recognises canonical integer text first and returns it as a {@link Long} (or a
 * {@link BigInteger} beyond 64 bits), then float text as a {@link Double}: the strict grammar
 * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} with a fraction or an exponent
 * present, or exactly {@code inf}, {@code -inf}, {@code nan} (every {@code repr} output and every
 * non-integral {@code INCRBYFLOAT} result; other text Python's {@code float()} accepts, such as
 * {@code " 2 "}, {@code 1_000} or {@code Infinity}, is not raw). Everything else is decompressed
 * and deserialized. Thread-safe when its serializer and compressor are.
 */
public final class ValueCodec {

    private final Serializer serializer;
    private final Compressor compressor;

    /**
     * Creates a codec.
     *
     * @param serializer turns non-integer values into bytes
     * @param compressor compresses serialized bytes
     */
    public ValueCodec(Serializer serializer, Compressor compressor) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.compressor = Objects.requireNonNull(compressor, "compressor");
    }

    /**
     * The serializer.
     *
     * @return the serializer
     */
    public Serializer serializer() {
        return serializer;
    }

    /**
     * The compressor.
     *
     * @return the compressor
     */
    public Compressor compressor() {
        return compressor;
    }

    /**
     * Whether a value is stored raw as decimal text.
     *
     * @param value any value
     * @return true for {@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}
     */
    public static boolean isRawInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
    }

    /**
     * Whether stored bytes are a raw number, which {@link #decode(byte[])} returns as a number
     * without the serializer: canonical integer text or raw float text (grammar in the class
     * comment). A client that wraps values (the herd client) leaves these bytes as they are, so
     * {@code INCRBY} and {@code INCRBYFLOAT} keep working on the server.
     *
     * @param bytes stored bytes, not null
     * @return true for raw integer or float text
     */
    public static boolean isRawNumber(byte[] bytes) {
        return isCanonicalInteger(bytes) || FloatText.isFloatText(bytes);
    }

    /**
     * Encodes a value for storage.
     *
     * @param value the value (may be null when the serializer supports it)
     * @return the bytes to store
     * @throws CacheSerializationException when the value cannot be serialized
     */
    public byte[] encode(Object value) {
        if (isRawInteger(value)) {
            return value.toString().getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof Double || value instanceof Float) {
            return FloatText.repr(((Number) value).doubleValue()).getBytes(StandardCharsets.US_ASCII);
        }
        return compressor.compress(serializer.serialize(value));
    }

    /**
     * Decodes stored bytes.
     *
     * @param bytes stored bytes, not null
     * @return the value ({@link Long} or {@link BigInteger} for raw integers, {@link Double} for
     *     raw float text)
     * @throws CacheSerializationException when the bytes are corrupt or refused
     */
    public Object decode(byte[] bytes) {
        if (isCanonicalInteger(bytes)) {
            return parseInteger(bytes);
        }
        if (FloatText.isFloatText(bytes)) {
            return FloatText.parse(bytes);
        }
        return serializer.deserialize(compressor.decompress(bytes));
    }

    /**
     * Decodes stored bytes into a requested type. Raw integers convert to any of
     * {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}, {@code Number}
     * or {@code Object} (failing when the value does not fit), and to {@code Double},
     * {@code Float} or {@code BigDecimal} (so a value that the server's {@code INCRBYFLOAT} left
     * integral, {@code 3}, still reads as a {@code Double}). Raw float text converts to
     * {@code Double}, {@code Float} (rounded; failing when a finite value overflows it),
     * {@code BigDecimal} (the exact text; failing for {@code inf} and {@code nan}),
     * {@code Number} or {@code Object}.
     *
     * @param bytes stored bytes, not null
     * @param type the expected type
     * @param <T> the expected type
     * @return the value
     * @throws CacheSerializationException when the bytes are corrupt, refused, or not of that type
     */
    public <T> T decode(byte[] bytes, Class<T> type) {
        if (isCanonicalInteger(bytes)) {
            return convertInteger(parseInteger(bytes), type);
        }
        if (FloatText.isFloatText(bytes)) {
            return convertFloat(bytes, type);
        }
        return serializer.deserialize(compressor.decompress(bytes), type);
    }

    private static <T> T convertFloat(byte[] text, Class<T> type) {
        double d = FloatText.parse(text);
        Object converted;
        if (type == Double.class || type == double.class || type == Number.class || type == Object.class) {
            converted = d;
        } else if (type == Float.class || type == float.class) {
            float f = (float) d;
            if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                throw new CacheSerializationException("stored float " + FloatText.repr(d) + " does not fit in a " + type.getName());
            }
            converted = f;
        } else if (type == BigDecimal.class) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new CacheSerializationException("stored float " + FloatText.repr(d) + " is not a finite number, so not a "
                        + type.getName());
            }
            converted = new BigDecimal(new String(text, StandardCharsets.US_ASCII));
        } else {
            throw new CacheSerializationException("stored value is the float " + FloatText.repr(d) + ", not a " + type.getName());
        }
        @SuppressWarnings("unchecked")
        T result = (T) converted;
        return result;
    }

    private static <T> T convertInteger(Number n, Class<T> type) {
        try {
            BigInteger big = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
            Object converted;
            if (type == Long.class || type == long.class) {
                converted = big.longValueExact();
            } else if (type == Integer.class || type == int.class) {
                converted = big.intValueExact();
            } else if (type == Short.class || type == short.class) {
                converted = big.shortValueExact();
            } else if (type == Byte.class || type == byte.class) {
                converted = big.byteValueExact();
            } else if (type == BigInteger.class) {
                converted = big;
            } else if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
                converted = integerAsFloat(big, type);
            } else if (type == BigDecimal.class) {
                converted = new BigDecimal(big);
            } else if (type.isInstance(n)) {
                converted = n;
            } else {
                throw new CacheSerializationException("stored value is the integer " + n + ", not a " + type.getName());
            }
            @SuppressWarnings("unchecked")
            T result = (T) converted;
            return result;
        } catch (ArithmeticException e) {
            throw new CacheSerializationException("stored integer " + n + " does not fit in a " + type.getName(), e);
        }
    }

    private static Object integerAsFloat(BigInteger big, Class<?> type) {
        boolean single = type == Float.class || type == float.class;
        double d = single ? big.floatValue() : big.doubleValue();
        if (Double.isInfinite(d)) {
            throw new ArithmeticException("overflow");
        }
        return single ? (Object) (float) d : (Object) d;
    }

    /**
     * Whether bytes are raw float text, which {@link #decode(byte[])} returns as a {@link Double}
     * (grammar in the class comment).
     *
     * @param bytes stored bytes
     * @return true for raw float text
     */
    static boolean isRawFloatText(byte[] bytes) {
        return FloatText.isFloatText(bytes);
    }

    /**
     * Whether bytes are canonical decimal integer text: an optional {@code -}, then digits with no
     * leading zero (except {@code 0} itself); {@code -0} is not canonical. Only such text is read
     * as an integer, so {@code "007"} written by another serializer is not mistaken for 7.
     *
     * @param b bytes
     * @return true for canonical decimal text
     */
    static boolean isCanonicalInteger(byte[] b) {
        int n = b.length;
        if (n == 0) {
            return false;
        }
        int i = b[0] == '-' ? 1 : 0;
        if (i == n) {
            return false;
        }
        if (b[i] == '0') {
            return n == 1;
        }
        for (; i < n; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static Number parseInteger(byte[] b) {
        if (b.length <= 18) {
            long v = 0;
            boolean neg = b[0] == '-';
            for (int i = neg ? 1 : 0; i < b.length; i++) {
                v = v * 10 + (b[i] - '0');
            }
            return neg ? -v : v;
        }
        BigInteger big = new BigInteger(new String(b, StandardCharsets.US_ASCII));
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }
}
