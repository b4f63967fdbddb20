package org.valkeycache.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.codec.IdentityCompressor;
import org.valkeycache.spi.Compressor;
import org.valkeycache.spi.Serializer;

class ValueCodecTest {

    /** Strings as "S:" + UTF-8 text; anything else is refused. */
    static final class TaggedStringSerializer implements Serializer {
        int serializeCalls;
        int deserializeCalls;

        @Override
        public byte[] serialize(Object value) {
            serializeCalls++;
            if (!(value instanceof String s)) {
                throw new CacheSerializationException("only strings, got " + value);
            }
            return ("S:" + s).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            deserializeCalls++;
            String s = new String(bytes, StandardCharsets.UTF_8);
            if (!s.startsWith("S:")) {
                throw new CacheSerializationException("not a tagged string: " + s);
            }
            return s.substring(2);
        }
    }

    /** Plain UTF-8 text, no tag: an integer-looking string collides with raw integers. */
    static final class Utf8Serializer implements Serializer {
        @Override
        public byte[] serialize(Object value) {
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** "Compresses" by reversing the bytes and prefixing a marker. */
    static final class MarkerCompressor implements Compressor {
        int compressCalls;
        int decompressCalls;

        @Override
        public byte[] compress(byte[] data) {
            compressCalls++;
            byte[] out = new byte[data.length + 1];
            out[0] = '#';
            for (int i = 0; i < data.length; i++) {
                out[i + 1] = data[data.length - 1 - i];
            }
            return out;
        }

        @Override
        public byte[] decompress(byte[] data) {
            decompressCalls++;
            if (data.length == 0 || data[0] != '#') {
                return data;
            }
            byte[] out = new byte[data.length - 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = data[data.length - 1 - i];
            }
            return out;
        }
    }

    private final TaggedStringSerializer serializer = new TaggedStringSerializer();
    private final MarkerCompressor compressor = new MarkerCompressor();
    private final ValueCodec codec = new ValueCodec(serializer, compressor);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void constructorRejectsNulls() {
        assertThatThrownBy(() -> new ValueCodec(null, compressor)).isInstanceOf(NullPointerException.class).hasMessageContaining("serializer");
        assertThatThrownBy(() -> new ValueCodec(serializer, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("compressor");
        assertThat(codec.serializer()).isSameAs(serializer);
        assertThat(codec.compressor()).isSameAs(compressor);
    }

    @Test
    void isRawInteger() {
        assertThat(ValueCodec.isRawInteger(1L)).isTrue();
        assertThat(ValueCodec.isRawInteger(1)).isTrue();
        assertThat(ValueCodec.isRawInteger((short) 1)).isTrue();
        assertThat(ValueCodec.isRawInteger((byte) 1)).isTrue();
        assertThat(ValueCodec.isRawInteger(BigInteger.ONE)).isTrue();
        assertThat(ValueCodec.isRawInteger(1.0)).isFalse();
        assertThat(ValueCodec.isRawInteger(1.0f)).isFalse();
        assertThat(ValueCodec.isRawInteger(new BigDecimal("1"))).isFalse();
        assertThat(ValueCodec.isRawInteger(new AtomicLong(1))).isFalse();
        assertThat(ValueCodec.isRawInteger("1")).isFalse();
        assertThat(ValueCodec.isRawInteger(null)).isFalse();
    }

    @Test
    void integersAreStoredAsCanonicalDecimalWithoutSerializerOrCompressor() {
        assertThat(codec.encode(42L)).isEqualTo(ascii("42"));
        assertThat(codec.encode(-7)).isEqualTo(ascii("-7"));
        assertThat(codec.encode((short) 300)).isEqualTo(ascii("300"));
        assertThat(codec.encode((byte) -128)).isEqualTo(ascii("-128"));
        assertThat(codec.encode(0)).isEqualTo(ascii("0"));
        assertThat(codec.encode(Long.MIN_VALUE)).isEqualTo(ascii("-9223372036854775808"));
        assertThat(codec.encode(new BigInteger("123456789012345678901234567890"))).isEqualTo(ascii("123456789012345678901234567890"));
        assertThat(serializer.serializeCalls).isZero();
        assertThat(compressor.compressCalls).isZero();
    }

    @Test
    void integersDecodeAsLong() {
        assertThat(codec.decode(codec.encode(42))).isEqualTo(42L).isInstanceOf(Long.class);
        assertThat(codec.decode(codec.encode((short) -5))).isEqualTo(-5L);
        assertThat(codec.decode(codec.encode((byte) 7))).isEqualTo(7L);
        assertThat(codec.decode(codec.encode(0L))).isEqualTo(0L);
        assertThat(codec.decode(codec.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(codec.decode(codec.encode(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(codec.decode(ascii("999999999999999999"))).isEqualTo(999_999_999_999_999_999L);
        assertThat(codec.decode(ascii("-999999999999999999"))).isEqualTo(-999_999_999_999_999_999L);
        assertThat(codec.decode(ascii("1000000000000000000"))).isEqualTo(1_000_000_000_000_000_000L);
        assertThat(serializer.deserializeCalls).isZero();
        assertThat(compressor.decompressCalls).isZero();
    }

    @Test
    void smallBigIntegerDecodesAsLongAndLargeOnesAsBigInteger() {
        assertThat(codec.decode(codec.encode(BigInteger.valueOf(12)))).isEqualTo(12L);
        BigInteger twoTo63 = BigInteger.ONE.shiftLeft(63);
        assertThat(codec.decode(codec.encode(twoTo63))).isEqualTo(twoTo63);
        BigInteger belowMin = BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE);
        assertThat(codec.decode(codec.encode(belowMin))).isEqualTo(belowMin);
        BigInteger big = new BigInteger("-123456789012345678901234567890");
        assertThat(codec.decode(codec.encode(big))).isEqualTo(big);
    }

    @Test
    void veryLargeBigIntegerRoundTrips() {
        // encode() writes any BigInteger as raw decimal text, but isCanonicalInteger() refuses text
        // longer than 400 bytes, so decode() hands the digits to the serializer instead.
        BigInteger huge = BigInteger.TEN.pow(400); // 401 digits
        ValueCodec plain = new ValueCodec(new Utf8Serializer(), new IdentityCompressor());
        assertThat(plain.decode(plain.encode(huge))).isEqualTo(huge);
    }

    @Test
    void otherValuesGoThroughSerializerThenCompressor() {
        byte[] stored = codec.encode("héllo");
        assertThat(serializer.serializeCalls).isEqualTo(1);
        assertThat(compressor.compressCalls).isEqualTo(1);
        assertThat(stored[0]).isEqualTo((byte) '#');
        assertThat(codec.decode(stored)).isEqualTo("héllo");
        assertThat(compressor.decompressCalls).isEqualTo(1);
        assertThat(serializer.deserializeCalls).isEqualTo(1);
    }

    @Test
    void numericLookingStringsSurviveWhenTheSerializerTagsThem() {
        assertThat(codec.decode(codec.encode("42"))).isEqualTo("42");
        assertThat(codec.decode(codec.encode("007"))).isEqualTo("007");
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "+1", "-0", " 1", "1 ", "00", "-", "", "0x1", "--1", "-01", "1_000", "١"})
    void nonCanonicalTextIsNotAnInteger(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(ValueCodec.isCanonicalInteger(bytes)).isFalse();
        ValueCodec plain = new ValueCodec(new Utf8Serializer(), new IdentityCompressor());
        assertThat(plain.decode(bytes)).isEqualTo(text).isInstanceOf(String.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1e3", "-0.0", "2.5", "1e+20", "inf", "-inf", "nan"})
    void floatTextIsNotAnIntegerButARawDouble(String text) {
        byte[] bytes = ascii(text);
        assertThat(ValueCodec.isCanonicalInteger(bytes)).isFalse();
        assertThat(ValueCodec.isRawFloatText(bytes)).isTrue();
        assertThat(codec.decode(bytes)).isInstanceOf(Double.class);
        assertThat(serializer.deserializeCalls).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "10", "42", "-9223372036854775808", "9223372036854775808", "1234567890123456789012345"})
    void canonicalTextIsAnInteger(String text) {
        assertThat(ValueCodec.isCanonicalInteger(ascii(text))).isTrue();
        assertThat(codec.decode(ascii(text)).toString()).isEqualTo(text);
    }

    @Test
    void canonicalIntegerHasNoLengthLimit() {
        assertThat(ValueCodec.isCanonicalInteger(ascii("1".repeat(400)))).isTrue();
        assertThat(ValueCodec.isCanonicalInteger(ascii("1".repeat(5000)))).isTrue();
    }

    @Test
    void nonIntegerBytesAreNotCopied() {
        byte[] b = ascii("12a");
        byte[] copy = Arrays.copyOf(b, b.length);
        assertThat(ValueCodec.isCanonicalInteger(b)).isFalse();
        assertThat(b).isEqualTo(copy);
    }

    // ---- typed decode -----------------------------------------------------------------------

    @Test
    void typedDecodeConvertsIntegers() {
        byte[] b = codec.encode(100);
        assertThat(codec.decode(b, Long.class)).isEqualTo(100L);
        assertThat(codec.decode(b, long.class)).isEqualTo(100L);
        assertThat(codec.decode(b, Integer.class)).isEqualTo(100);
        assertThat(codec.decode(b, int.class)).isEqualTo(100);
        assertThat(codec.decode(b, Short.class)).isEqualTo((short) 100);
        assertThat(codec.decode(b, Byte.class)).isEqualTo((byte) 100);
        assertThat(codec.decode(b, BigInteger.class)).isEqualTo(BigInteger.valueOf(100));
        assertThat(codec.decode(b, Number.class)).isEqualTo(100L);
        assertThat(codec.decode(b, Object.class)).isEqualTo(100L);
        BigInteger big = BigInteger.ONE.shiftLeft(100);
        assertThat(codec.decode(codec.encode(big), Number.class)).isEqualTo(big);
        assertThat(codec.decode(codec.encode(big), BigInteger.class)).isEqualTo(big);
    }

    @Test
    void typedDecodeFailsWhenTheIntegerDoesNotFit() {
        assertThatThrownBy(() -> codec.decode(codec.encode(128), Byte.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("128").hasMessageContaining("java.lang.Byte");
        assertThatThrownBy(() -> codec.decode(codec.encode(40_000), Short.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("40000");
        assertThatThrownBy(() -> codec.decode(codec.encode(Long.MAX_VALUE), Integer.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> codec.decode(codec.encode(BigInteger.ONE.shiftLeft(64)), Long.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("18446744073709551616");
    }

    @Test
    void typedDecodeFailsForNonNumericTypes() {
        assertThatThrownBy(() -> codec.decode(codec.encode(5), String.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("5").hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> codec.decode(codec.encode(5), List.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("java.util.List");
    }

    @Test
    void typedDecodeReadsIntegersAsFloatingPoint() {
        // INCRBYFLOAT leaves "3" for 2.5 + 0.5: a Double read must still work
        assertThat(codec.decode(ascii("3"), Double.class)).isEqualTo(3.0);
        assertThat(codec.decode(ascii("-3"), double.class)).isEqualTo(-3.0);
        assertThat(codec.decode(ascii("3"), Float.class)).isEqualTo(3.0f);
        assertThat(codec.decode(ascii("12345678901234567890123"), BigDecimal.class))
                .isEqualTo(new BigDecimal("12345678901234567890123"));
        assertThatThrownBy(() -> codec.decode(codec.encode(BigInteger.TEN.pow(400)), Double.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("does not fit in a java.lang.Double");
        assertThatThrownBy(() -> codec.decode(codec.encode(BigInteger.TEN.pow(39)), Float.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("does not fit in a java.lang.Float");
    }

    @Test
    void typedDecodeOfSerializedValues() {
        byte[] b = codec.encode("text");
        assertThat(codec.decode(b, String.class)).isEqualTo("text");
        assertThat(codec.decode(b, CharSequence.class)).isEqualTo("text");
        assertThatThrownBy(() -> codec.decode(b, Long.class))
                .isInstanceOf(CacheSerializationException.class).hasMessageContaining("java.lang.String").hasMessageContaining("java.lang.Long");
    }

    @Test
    void serializerErrorsPropagate() {
        assertThatThrownBy(() -> codec.encode(List.of(1.5))).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("[1.5]");
        assertThatThrownBy(() -> codec.decode(ascii("garbage"))).isInstanceOf(CacheSerializationException.class);
    }
}
