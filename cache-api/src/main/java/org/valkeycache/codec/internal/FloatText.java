package org.valkeycache.codec.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Raw float text, as django-valkey stores a Python {@code float}: the text of Python's
 * {@code repr(float)} ({@code 2.5}, {@code 1e+20}, {@code 1e-05}, {@code -0.0}, {@code inf},
 * {@code -inf}, {@code nan}), which the server's {@code INCRBYFLOAT} also reads.
 *
 * <p>{@link #repr(double)} writes exactly what CPython's {@code repr} writes: the shortest
 * digits that read back as the same double (the closest such digits when several qualify),
 * in positional notation for {@code 1e-4 <= |x| < 1e16} (always with a fractional part,
 * {@code 1.0}) and in exponent notation otherwise ({@code 1e+16}, {@code 1.5e-07}).
 *
 * <p>{@link #isFloatText(byte[])} recognises a strict decimal grammar that covers every
 * {@code repr} output and every {@code INCRBYFLOAT} result that is not an integer:
 * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} with a fraction or an exponent
 * present, or exactly {@code inf}, {@code -inf}, {@code nan}. Python's {@code float()} accepts
 * more ({@code " 2 "}, {@code 1_000}, {@code Infinity}, {@code 007}); such text is not raw here
 * and goes to the serializer, like non-canonical integer text.
 */
final class FloatText {

    private static final byte[] INF = {'i', 'n', 'f'};
    private static final byte[] NAN = {'n', 'a', 'n'};

    private FloatText() {
    }

    /**
     * Whether bytes are raw float text (see the class comment for the grammar).
     *
     * @param b bytes, not null
     * @return true for float text
     */
    static boolean isFloatText(byte[] b) {
        int n = b.length;
        int i = n > 0 && b[0] == '-' ? 1 : 0;
        if (i == n) {
            return false;
        }
        byte first = b[i];
        if (first == 'i') {
            return n - i == 3 && regionEquals(b, i, INF);
        }
        if (first == 'n') {
            return i == 0 && n == 3 && regionEquals(b, 0, NAN);
        }
        if (first < '0' || first > '9') {
            return false;
        }
        i = first == '0' ? i + 1 : digits(b, i);
        boolean fraction = false;
        if (i < n && b[i] == '.') {
            int end = digits(b, i + 1);
            if (end == i + 1) {
                return false;
            }
            fraction = true;
            i = end;
        }
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            int start = i + 1 < n && (b[i + 1] == '+' || b[i + 1] == '-') ? i + 2 : i + 1;
            int end = digits(b, start);
            return end == n && end > start;
        }
        return fraction && i == n;
    }

    private static int digits(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean regionEquals(byte[] b, int from, byte[] word) {
        for (int k = 0; k < word.length; k++) {
            if (b[from + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads float text; call only when {@link #isFloatText(byte[])} holds.
     *
     * @param b float text
     * @return the nearest double ({@code 1e400} is infinity, as in Python)
     */
    static double parse(byte[] b) {
        String s = new String(b, StandardCharsets.US_ASCII);
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /**
     * The text of Python's {@code repr(float)} for a double.
     *
     * @param d any double
     * @return its repr text, ASCII
     */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) == 0 ? "0.0" : "-0.0";
        }
        double abs = Math.abs(d);
        // Double.toString round-trips; for a normal double with at most 15 significant digits it
        // is also the shortest (decimals of up to 15 digits map to distinct normal doubles, so no
        // shorter or closer one reads back as this double); subnormals (fewer bits) and 16-17
        // digits need the exact search
        String javaText = Double.toString(abs);
        int e = javaText.indexOf('E');
        String mantissa = e < 0 ? javaText : javaText.substring(0, e);
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int decpt = dot + (e < 0 ? 0 : Integer.parseInt(javaText.substring(e + 1))); // value = 0.<digits> x 10^decpt
        int lead = 0;
        while (digits.charAt(lead) == '0') {
            lead++;
        }
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(lead, end);
        decpt -= lead;
        if (digits.length() > 15 || abs < Double.MIN_NORMAL) {
            BigDecimal shortest = shortest(abs);
            digits = shortest.unscaledValue().toString();
            decpt = digits.length() - shortest.scale();
        }
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (d < 0) {
            out.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            positional(out, digits, decpt);
        } else {
            exponential(out, digits, decpt - 1);
        }
        return out.toString();
    }

    private static void positional(StringBuilder out, String digits, int decpt) {
        if (decpt <= 0) {
            out.append("0.");
            out.append("0".repeat(-decpt));
            out.append(digits);
        } else if (decpt < digits.length()) {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        } else {
            out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        }
    }

    private static void exponential(StringBuilder out, String digits, int exponent) {
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        out.append(abs);
    }

    /**
     * The shortest decimal that reads back as {@code x} (positive, finite), the closest one when
     * two of that length do (ties to an even last digit), with trailing zeros stripped.
     * Round-tripping is monotone in the number of digits, so the search starts at the length of
     * {@link Double#toString(double)} (a round-tripping decimal, on Java 17 sometimes one digit
     * too long) and walks down while a shorter decimal still reads back as {@code x}.
     */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        int precision = new BigDecimal(Double.toString(x)).stripTrailingZeros().precision();
        BigDecimal best = closestRoundTrip(exact, x, precision);
        while (precision > 1) {
            BigDecimal shorter = closestRoundTrip(exact, x, precision - 1);
            if (shorter == null) {
                break;
            }
            best = shorter;
            precision--;
        }
        if (best == null) { // cannot happen: 17 significant digits always round-trip
            best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        return best.stripTrailingZeros();
    }

    /** The {@code p}-digit decimal closest to {@code exact} that reads back as {@code x}, or null. */
    private static BigDecimal closestRoundTrip(BigDecimal exact, double x, int p) {
        BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
        boolean downOk = down.doubleValue() == x;
        boolean upOk = up.doubleValue() == x;
        if (downOk && upOk && down.compareTo(up) != 0) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return down.unscaledValue().testBit(0) ? up : down;
        }
        return downOk ? down : upOk ? up : null;
    }
}
