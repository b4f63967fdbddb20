package org.valkeycache.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Timeout;
import org.valkeycache.config.internal.Plugins;

/**
 * The rules of each {@link CacheConfig} setting, kept out of the value class: the properties /
 * map form (setting names to builder calls, text values to typed ones), the typed
 * {@code options.<name>} values and the checks of the builder's setters. Every failure is a
 * {@link CacheConfigurationException} naming the setting as written (with its prefix, if any).
 */
final class Settings {

    /** The setting names of the properties / map form, besides {@code options.<name>}. */
    private static final Set<String> SETTINGS = new LinkedHashSet<>(List.of("location", "clientClass", "serializer",
            "compressor", "keyPrefix", "version", "keyFunction", "timeout", "scanItersize", "ignoreExceptions",
            "logIgnoredExceptions", "logIgnoredExceptionsInterval", "connectTimeout", "requestTimeout"));

    private static final String OPTIONS = "options.";

    private Settings() {
    }

    static CacheConfig read(Map<String, String> settings, String cacheName, String prefix) {
        CacheConfig.Builder b = CacheConfig.builder().name(cacheName);
        for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
            String key = e.getKey();
            String raw = e.getValue() == null ? "" : e.getValue();
            if (key.startsWith(OPTIONS)) {
                b.option(key.substring(OPTIONS.length()), raw.trim());
            } else {
                apply(b, key, raw, prefix + key, cacheName, prefix);
            }
        }
        return b.build();
    }

    private static void apply(CacheConfig.Builder b, String key, String raw, String setting, String cacheName,
            String prefix) {
        String value = raw.trim();
        switch (key) {
            case "location", "locations" -> ValkeyLocation.parseList(value).forEach(b::location);
            case "clientClass" -> b.clientClass(value);
            case "serializer" -> b.serializer(value);
            case "compressor" -> b.compressor(value);
            case "keyPrefix" -> b.keyPrefix(raw);
            case "version" -> b.version(parseInt(value, setting));
            case "keyFunction" -> b.keyFunction(loadKeyFunction(value, setting));
            case "timeout" -> b.defaultTimeout(Timeout.parse(value, setting));
            case "scanItersize" -> b.scanItersize(parseInt(value, setting));
            case "ignoreExceptions" -> b.ignoreExceptions(parseBoolean(value, setting));
            case "logIgnoredExceptions" -> b.logIgnoredExceptions(parseBoolean(value, setting));
            case "logIgnoredExceptionsInterval" -> b.logIgnoredExceptionsInterval(parseDuration(value, setting));
            case "connectTimeout" -> b.connectTimeout(parseDuration(value, setting));
            case "requestTimeout" -> b.requestTimeout(parseDuration(value, setting));
            default -> {
                String nearest = Plugins.nearest(key, SETTINGS);
                throw new CacheConfigurationException("unknown setting '" + setting + "' for cache '" + cacheName
                        + "'" + (nearest == null ? "" : "; did you mean '" + prefix + nearest + "'?")
                        + "; known settings: " + String.join(", ", SETTINGS) + ", options.<name>");
            }
        }
    }

    private static int parseInt(String value, String setting) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CacheConfigurationException(setting + ": '" + value + "' is not an integer");
        }
    }

    private static boolean parseBoolean(String value, String setting) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new CacheConfigurationException(setting + ": '" + value + "' is not a boolean (true/false)");
        };
    }

    private static Duration parseDuration(String value, String setting) {
        Timeout t = Timeout.parse(value, setting);
        if (t.duration() == null) {
            throw new CacheConfigurationException(setting + ": '" + value + "' must be a duration such as 500ms or 2s");
        }
        return t.duration();
    }

    private static KeyFunction loadKeyFunction(String className, String setting) {
        if (className.isEmpty() || className.equals("default")) {
            return KeyFunction.DEFAULT;
        }
        return Plugins.instantiate(className, KeyFunction.class, null, setting);
    }

    /** {@code options.<key>} as a positive whole number; {@code raw} is not null. */
    static long positiveOption(String key, String raw) {
        try {
            long v = Long.parseLong(raw.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CacheConfigurationException(OPTIONS + key + ": expected a positive whole number, got '" + raw + "'");
    }

    /** {@code options.<key>} as {@code true} or {@code false} (any case); {@code raw} is not null. */
    static boolean booleanOption(String key, String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CacheConfigurationException(OPTIONS + key + ": expected true or false, got '" + raw + "'");
        };
    }

    /** {@code options.<key>} as a positive duration; {@code raw} is not null. */
    static Duration durationOption(String key, String raw) {
        Timeout t = Timeout.parse(raw, OPTIONS + key);
        if (t.isNever() || t.isDefault() || t.toMillis() <= 0) {
            throw new CacheConfigurationException(OPTIONS + key + ": expected a positive duration, got '" + raw + "'");
        }
        return Duration.ofMillis(t.toMillis());
    }

    static String requireText(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new CacheConfigurationException(setting + ": must not be empty");
        }
        return value.trim();
    }

    static Duration requirePositive(Duration d, String setting) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new CacheConfigurationException(setting + ": must be a positive duration, got " + d);
        }
        return d;
    }

    static Duration requireNotNegative(Duration d, String setting) {
        if (d == null || d.isNegative()) {
            throw new CacheConfigurationException(setting + ": must be zero or a positive duration, got " + d);
        }
        return d;
    }

    /** A default timeout is a duration of zero or more, or never; {@code cacheName} is for the message. */
    static void checkDefaultTimeout(Timeout timeout, String cacheName) {
        if (timeout == null || timeout.isDefault()) {
            throw new CacheConfigurationException("timeout: the default timeout must be a duration or 'none', got "
                    + timeout);
        }
        if (timeout.duration() != null && timeout.duration().isNegative()) {
            throw new CacheConfigurationException("timeout: the default timeout of cache '" + cacheName
                    + "' must not be negative, got " + timeout.duration()
                    + " (it would make every write without a timeout a no-op); use 0 to switch caching off"
                    + " or 'none' for no expiry");
        }
    }

    /** {@code value} when it is not null, else a {@link CacheConfigurationException} with {@code message}. */
    static <T> T present(T value, String message) {
        if (value == null) {
            throw new CacheConfigurationException(message);
        }
        return value;
    }

    /** The options with every value whose name contains {@code password} masked, for {@code toString()}. */
    static Map<String, String> masked(Map<String, String> options) {
        Map<String, String> m = new LinkedHashMap<>();
        options.forEach((k, v) -> m.put(k, k.toLowerCase(Locale.ROOT).contains("password") ? "***" : v));
        return m;
    }
}
