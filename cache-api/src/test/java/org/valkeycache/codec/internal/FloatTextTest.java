package org.valkeycache.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.codec.IdentityCompressor;
import org.valkeycache.spi.Serializer;

/**
 * Raw floats agree with django-valkey byte for byte: the expected text of every double is
 * produced at test time by python3's own {@code repr(float)}, for edge values, every power of two
 * (where the rounding interval is lopsided), short decimals and random bit patterns.
 */
class FloatTextTest {

    /** Fails the test if anything reaches the serializer: raw floats must not. */
    private static final Serializer NO_SERIALIZER = new Serializer() {
        @Override
        public byte[] serialize(Object value) {
            throw new AssertionError("serializer called for " + value);
        }

        @Override
        public Object deserialize(byte[] bytes) {
            throw new AssertionError("serializer called for " + new String(bytes, StandardCharsets.UTF_8));
        }
    };

    private final ValueCodec codec = new ValueCodec(NO_SERIALIZER, new IdentityCompressor());

    private static final double[] EDGES = {
        0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 0.1, 0.2, 0.1 + 0.2, 0.3, 1.1, 1.345620002, 4.35, 100.0, 123.456,
        1e15, 1e16, 9999999999999998.0, 12345678901234567.0, 123456789012345678.0, 1e20, 1e22, 1e23, 2e23,
        1e100, 1.5e300, 1e-4, 1.2345e-4, 1e-5, 1e-7, 1.5e-7, 5e-324, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Math.PI, Math.E, 1 / 3.0, 2 / 3.0, 0x1p53, 0x1p53 + 2, 0x1p54, 0x1p63, 0x1p64,
        Math.nextUp(1.0), Math.nextDown(1.0), Math.nextUp(0.0), Math.nextDown(Double.MIN_NORMAL),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
    };

    private static List<Double> values() {
        List<Double> out = new ArrayList<>();
        for (double d : EDGES) {
            out.add(d);
        }
        for (int e = -1074; e <= 1023; e++) { // powers of two and their neighbours
            double p = Math.scalb(1.0, e);
            out.add(p);
            out.add(Math.nextUp(p));
            out.add(-Math.nextDown(p));
        }
        Random random = new Random(20261127);
        for (int i = 0; i < 5_000; i++) { // short decimals, as people write them
            out.add(random.nextInt(2_000_000) / Math.pow(10, random.nextInt(12)) * (random.nextBoolean() ? 1 : -1));
        }
        while (out.size() < 20_000) { // anything at all
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** python3's repr of each double, sent as its IEEE-754 bits so nothing is lost on the way. */
    private static List<String> pythonRepr(List<Double> values) throws Exception {
        StringBuilder in = new StringBuilder();
        for (double d : values) {
            in.append(Long.toHexString(Double.doubleToRawLongBits(d))).append('\n');
        }
        String script = "import struct, sys\n"
                + "for line in sys.stdin:\n"
                + "    print(repr(struct.unpack('>d', int(line, 16).to_bytes(8, 'big'))[0]))\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed for this test and is not installed; "
                    + "run scripts/install-valkey.sh (it installs python3 with the other test tools)", e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reader.start();
        try (OutputStream os = p.getOutputStream()) {
            os.write(in.toString().getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(p.exitValue()).as("python output: %s", text).isZero();
        return List.of(text.split("\n"));
    }

    @Test
    void javaWritesWhatPythonReprWritesAndReadsItBack() throws Exception {
        List<Double> values = values();
        List<String> expected = pythonRepr(values);
        assertThat(expected).hasSameSizeAs(values);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double d = values.get(i);
            String python = expected.get(i);
            byte[] written = codec.encode(d);
            if (!new String(written, StandardCharsets.US_ASCII).equals(python)) {
                mismatches.add(d + ": java " + new String(written, StandardCharsets.US_ASCII) + ", python " + python);
                continue;
            }
            byte[] pythonBytes = python.getBytes(StandardCharsets.US_ASCII);
            assertThat(ValueCodec.isRawFloatText(pythonBytes)).as(python).isTrue();
            Object read = codec.decode(pythonBytes);
            assertThat(read).as(python).isInstanceOf(Double.class);
            assertThat(Double.doubleToLongBits((Double) read)).as(python).isEqualTo(Double.doubleToLongBits(d));
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theReferenceEdgeTexts() {
        assertThat(codec.encode(2.5)).asString(StandardCharsets.US_ASCII).isEqualTo("2.5");
        assertThat(codec.encode(1e20)).asString(StandardCharsets.US_ASCII).isEqualTo("1e+20");
        assertThat(codec.encode(1.0)).asString(StandardCharsets.US_ASCII).isEqualTo("1.0");
        assertThat(codec.encode(-0.0)).asString(StandardCharsets.US_ASCII).isEqualTo("-0.0");
        assertThat(codec.encode(Double.POSITIVE_INFINITY)).asString(StandardCharsets.US_ASCII).isEqualTo("inf");
        assertThat(codec.encode(Double.NEGATIVE_INFINITY)).asString(StandardCharsets.US_ASCII).isEqualTo("-inf");
        assertThat(codec.encode(Double.NaN)).asString(StandardCharsets.US_ASCII).isEqualTo("nan");
        assertThat(codec.encode(1e16)).asString(StandardCharsets.US_ASCII).isEqualTo("1e+16");
        assertThat(codec.encode(1e-5)).asString(StandardCharsets.US_ASCII).isEqualTo("1e-05");
        assertThat(codec.encode(0.0001)).asString(StandardCharsets.US_ASCII).isEqualTo("0.0001");
        // Java 17's Double.toString gives 2.0000000000000002E23 here; the shortest is 2e+23
        assertThat(codec.encode(2e23)).asString(StandardCharsets.US_ASCII).isEqualTo("2e+23");
    }

    @Test
    void floatsAreWidenedToTheDoubleTheyStandFor() {
        assertThat(codec.encode(2.5f)).asString(StandardCharsets.US_ASCII).isEqualTo("2.5");
        assertThat(codec.encode(0.1f)).asString(StandardCharsets.US_ASCII).isEqualTo("0.10000000149011612");
        assertThat(codec.decode(codec.encode(0.1f), Float.class)).isEqualTo(0.1f);
        assertThat(codec.decode(codec.encode(Float.NaN), Float.class)).isNaN();
        assertThat(codec.decode(codec.encode(Float.NEGATIVE_INFINITY), float.class)).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0", "-0.0", "1.5", "10.6", "0.30000000000000004", "1e5", "1E5", "1e+20", "1e-05",
        "2.5E-3", "0e0", "-1.5e+300", "5e-324", "1e400", "123456789012345678901234567890.5", "inf", "-inf", "nan"})
    void floatText(String text) {
        assertThat(FloatText.isFloatText(text.getBytes(StandardCharsets.US_ASCII))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1", "-1", "007", "1.", ".5", "01.5", "-01.5", "00.0", "1.5.", "1e", "1e+",
        "1e+-5", "1.5e5.0", "+1.5", " 1.5", "1.5 ", "1_000.0", "1,5", "Infinity", "-Infinity", "NaN", "-nan", "+inf",
        "INF", "infinity", "nan ", "in", "0x1p3", "1.5d", "1.5f", "١.٥", "\"1.5\"", "--1.5"})
    void notFloatText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(FloatText.isFloatText(bytes)).isFalse();
    }

    @Test
    void typedReadsOfRawFloats() {
        assertThat(codec.decode(bytes("2.5"), Double.class)).isEqualTo(2.5);
        assertThat(codec.decode(bytes("2.5"), double.class)).isEqualTo(2.5);
        assertThat(codec.decode(bytes("2.5"), Number.class)).isEqualTo(2.5);
        assertThat(codec.decode(bytes("2.5"), Object.class)).isEqualTo(2.5);
        assertThat(codec.decode(bytes("2.5"), Float.class)).isEqualTo(2.5f);
        assertThat(codec.decode(bytes("inf"), Float.class)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(codec.decode(bytes("0.1"), BigDecimal.class)).isEqualTo(new BigDecimal("0.1"));
        assertThat(codec.decode(bytes("1e+20"), BigDecimal.class)).isEqualByComparingTo("100000000000000000000");
        assertThatThrownBy(() -> codec.decode(bytes("1e+300"), Float.class)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("1e+300").hasMessageContaining("does not fit in a java.lang.Float");
        assertThatThrownBy(() -> codec.decode(bytes("nan"), BigDecimal.class)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("nan").hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> codec.decode(bytes("2.5"), Long.class)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("float 2.5, not a java.lang.Long");
        assertThatThrownBy(() -> codec.decode(bytes("2.5"), String.class)).isInstanceOf(CacheSerializationException.class)
                .hasMessageContaining("java.lang.String");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
