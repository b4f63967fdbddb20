package org.valkeycache.nearcache;

import java.time.Duration;
import java.util.Locale;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.config.CacheConfig;

/**
 * The near cache's settings, read once from {@code options.near_cache.*} and checked.
 *
 * @param maxBytes the bound on what the entries weigh (keys, values and a fixed overhead each)
 * @param maxStaleness the staleness bound: a hit is served only while the proof is this fresh
 * @param entryCap the longest an entry lives, whatever the key's own expiry
 * @param heartbeat how often a heartbeat is written
 * @param loadTimeout how long a placeholder of a load in flight lives at most
 */
record NearCacheSettings(long maxBytes, Duration maxStaleness, Duration entryCap, Duration heartbeat,
        Duration loadTimeout) {

    /** Default of {@link NearCacheValkeyClient#MAX_BYTES}: 64 MiB. */
    static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Default of {@link NearCacheValkeyClient#MAX_STALENESS}. */
    static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(1);
    /** Default of {@link NearCacheValkeyClient#ENTRY_CAP}. */
    static final Duration DEFAULT_ENTRY_CAP = Duration.ofMinutes(5);
    /** The heartbeat interval unless {@code max_staleness / 4} is shorter. */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(250);

    static NearCacheSettings from(CacheConfig config) {
        long maxBytes = bytes(config.option(NearCacheValkeyClient.MAX_BYTES, null), DEFAULT_MAX_BYTES);
        Duration staleness = positive(config, NearCacheValkeyClient.MAX_STALENESS, DEFAULT_MAX_STALENESS);
        Duration cap = positive(config, NearCacheValkeyClient.ENTRY_CAP, DEFAULT_ENTRY_CAP);
        Duration heartbeat = positive(config, NearCacheValkeyClient.HEARTBEAT_INTERVAL,
                min(DEFAULT_HEARTBEAT, staleness.dividedBy(4)));
        if (heartbeat.compareTo(staleness) >= 0) {
            throw new CacheConfigurationException("cache '" + config.name() + "': options."
                    + NearCacheValkeyClient.HEARTBEAT_INTERVAL + " (" + heartbeat.toMillis() + " ms) must be shorter than"
                    + " options." + NearCacheValkeyClient.MAX_STALENESS + " (" + staleness.toMillis() + " ms),"
                    + " or no hit could ever be proven fresh");
        }
        return new NearCacheSettings(maxBytes, staleness, cap, heartbeat,
                config.requestTimeout().plus(config.requestTimeout()));
    }

    private static Duration positive(CacheConfig config, String option, Duration defaultValue) {
        Duration d = config.durationOption(option, defaultValue);
        if (d.isNegative() || d.isZero() || d.toMillis() < 1) {
            throw new CacheConfigurationException("cache '" + config.name() + "': options." + option
                    + " must be at least 1 ms, got " + config.option(option, ""));
        }
        return d;
    }

    private static Duration min(Duration a, Duration b) {
        Duration m = a.compareTo(b) <= 0 ? a : b;
        return m.toMillis() < 1 ? Duration.ofMillis(1) : m;
    }

    /**
     * Parses a size: bytes ({@code 1048576}), or with a unit {@code KiB MiB GiB} (also {@code k m g},
     * {@code KB MB GB}, all powers of 1024).
     */
    static long bytes(String raw, long defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] u : new String[][] {{"kib", "10"}, {"mib", "20"}, {"gib", "30"}, {"kb", "10"}, {"mb", "20"},
                {"gb", "30"}, {"k", "10"}, {"m", "20"}, {"g", "30"}, {"b", "0"}}) {
            if (s.endsWith(u[0])) {
                unit = 1L << Integer.parseInt(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException("out of range");
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new CacheConfigurationException("options." + NearCacheValkeyClient.MAX_BYTES + ": '" + raw
                    + "' is not a positive size (bytes, or a number with KiB, MiB or GiB)", e);
        }
    }
}
