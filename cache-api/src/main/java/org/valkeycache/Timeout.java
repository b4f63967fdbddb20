package org.valkeycache;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import org.valkeycache.internal.Arguments;

/**
 * How long a written key lives. Three cases, as in Django's cache contract, closed so that a
 * {@code switch} or {@code instanceof} over them is exhaustive:
 * <ul>
 *   <li>{@link Default} ({@link #defaultTimeout()}): the cache's configured default (300 s unless
 *       configured);</li>
 *   <li>{@link Never} ({@link #never()}): the key is persistent;</li>
 *   <li>{@link Fixed} ({@link #of(Duration)}): that long. Zero or negative means "expire now": the
 *       key is removed (or, for {@code add}/{@code nx}, nothing is written). Sub-second durations
 *       are kept with millisecond precision.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public sealed interface Timeout permits Timeout.Default, Timeout.Never, Timeout.Fixed {

    /** The cache's configured default timeout, resolved by the cache at each write. */
    record Default() implements Timeout {
        private static final Default INSTANCE = new Default();

        @Override
        public String toString() {
            return "Timeout[default]";
        }
    }

    /** No expiry: the key is persistent. */
    record Never() implements Timeout {
        private static final Never INSTANCE = new Never();

        @Override
        public String toString() {
            return "Timeout[never]";
        }
    }

    /**
     * A fixed lifetime; zero or negative expires the key immediately.
     *
     * @param duration the lifetime, not null
     */
    record Fixed(Duration duration) implements Timeout {
        /**
         * A fixed lifetime.
         *
         * @param duration the lifetime, not null
         * @throws IllegalArgumentException when {@code duration} is null
         */
        public Fixed {
            Arguments.check(duration != null, "timeout duration must not be null; use Timeout.never() for no expiry");
        }

        @Override
        public String toString() {
            return "Timeout[" + duration + "]";
        }
    }

    /**
     * The cache's configured default timeout.
     *
     * @return the shared instance
     */
    static Timeout defaultTimeout() {
        return Default.INSTANCE;
    }

    /**
     * No expiry: the key is persistent.
     *
     * @return the shared instance
     */
    static Timeout never() {
        return Never.INSTANCE;
    }

    /**
     * A fixed lifetime; zero or negative expires the key immediately.
     *
     * @param duration the lifetime, not null
     * @return the timeout
     * @throws IllegalArgumentException when {@code duration} is null
     */
    static Timeout of(Duration duration) {
        return new Fixed(duration);
    }

    /**
     * A fixed lifetime in seconds; zero or negative expires the key immediately.
     *
     * @param seconds the lifetime in seconds
     * @return the timeout
     */
    static Timeout ofSeconds(long seconds) {
        return of(Duration.ofSeconds(seconds));
    }

    /**
     * A fixed lifetime in milliseconds; zero or negative expires the key immediately.
     *
     * @param millis the lifetime in milliseconds
     * @return the timeout
     */
    static Timeout ofMillis(long millis) {
        return of(Duration.ofMillis(millis));
    }

    /**
     * Whether this is the cache's default timeout (to be resolved by the cache).
     *
     * @return true for {@link #defaultTimeout()}
     */
    default boolean isDefault() {
        return this instanceof Default;
    }

    /**
     * Whether this means "no expiry".
     *
     * @return true for {@link #never()}
     */
    default boolean isNever() {
        return this instanceof Never;
    }

    /**
     * The fixed lifetime.
     *
     * @return the duration, or {@code null} for {@link #defaultTimeout()} and {@link #never()}
     */
    default Duration duration() {
        return null;
    }

    /**
     * Whether this lifetime means "expire now": a zero or negative duration.
     *
     * @return true when a write with this timeout removes the key instead
     */
    default boolean expiresImmediately() {
        return this instanceof Fixed f && (f.duration().isZero() || f.duration().isNegative());
    }

    /**
     * The lifetime in whole milliseconds (truncated), saturated at {@link Long#MAX_VALUE}. A
     * positive duration below one millisecond counts as one millisecond, the server's smallest
     * lifetime, so that it never turns into "expire now".
     *
     * @return milliseconds, or {@code -1} when this is not a fixed duration
     */
    default long toMillis() {
        if (!(this instanceof Fixed f)) {
            return -1L;
        }
        Duration d = f.duration();
        long millis;
        try {
            millis = d.toMillis();
        } catch (ArithmeticException overflow) {
            millis = d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return millis == 0 && !d.isZero() && !d.isNegative() ? 1L : millis;
    }

    /**
     * Parses the text form used in properties: {@code none}, {@code never} or {@code forever}
     * for no expiry, {@code default}, a number of seconds ({@code 300}, {@code 0.5}), or a
     * number with a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}), or an
     * ISO-8601 duration ({@code PT5M}).
     *
     * @param text the text
     * @param setting the name of the setting, used in the error message
     * @return the timeout
     * @throws CacheConfigurationException when the text is not one of those forms
     */
    static Timeout parse(String text, String setting) {
        Arguments.notNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "none", "never", "forever" -> {
                return never();
            }
            case "default" -> {
                return defaultTimeout();
            }
            default -> {}
        }
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return of(Duration.parse(text.trim()));
            }
            if (t.endsWith("ms")) {
                return ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            String number = Character.isLetter(unit) ? t.substring(0, t.length() - 1).trim() : t;
            long factorMillis;
            switch (unit) {
                case 's' -> factorMillis = 1_000L;
                case 'm' -> factorMillis = 60_000L;
                case 'h' -> factorMillis = 3_600_000L;
                case 'd' -> factorMillis = 86_400_000L;
                default -> {
                    if (Character.isLetter(unit)) {
                        throw new NumberFormatException("unknown unit");
                    }
                    factorMillis = 1_000L;
                }
            }
            BigDecimal millis = new BigDecimal(number)
                    .multiply(BigDecimal.valueOf(factorMillis));
            return ofMillis(millis.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (RuntimeException e) {
            throw new CacheConfigurationException(setting + ": '" + text + "' is not a timeout; expected"
                    + " seconds (300, 0.5), a number with a unit (250ms, 30s, 5m, 2h, 1d), an ISO-8601"
                    + " duration (PT5M), 'none' for no expiry, or 'default'", e);
        }
    }
}
