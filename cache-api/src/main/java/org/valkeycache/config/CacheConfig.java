package org.valkeycache.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Timeout;

/**
 * Everything a cache needs to know, immutable and validated when built.
 *
 * <p>Build it in code with {@link #builder()}, or from text with {@link #fromProperties} /
 * {@link #fromMap} so that a topology switch is a configuration-file edit:
 *
 * <pre>{@code
 * location=valkey://127.0.0.1:6379/0,valkey://127.0.0.1:6380/0
 * clientClass=default
 * serializer=java
 * compressor=identity
 * keyPrefix=shop
 * version=1
 * timeout=300
 * scanItersize=10
 * ignoreExceptions=false
 * options.serializer.allowlist=com.example.model.**
 * }</pre>
 *
 * Unknown setting names are rejected here, so a typo fails loudly; option names
 * ({@code options.<name>}) are checked against the plugins that read them when the cache is
 * opened or its {@link org.valkeycache.Caches} registry is created (see
 * {@link org.valkeycache.spi.PluginOptions}). A location list splits only between URLs
 * ({@link ValkeyLocation#parseList}), so passwords may contain commas. {@link #toString()} masks
 * passwords. Instances are thread-safe.
 */
public final class CacheConfig {

    /** Client strategy used unless configured: {@code default} (one primary plus read replicas). */
    public static final String DEFAULT_CLIENT_CLASS = "default";
    /** Serializer used unless configured: {@code java} (Java serialization with an allow-list). */
    public static final String DEFAULT_SERIALIZER = "java";
    /** Compressor used unless configured: {@code identity} (no compression). */
    public static final String DEFAULT_COMPRESSOR = "identity";
    /** Key version used unless configured: 1. */
    public static final int DEFAULT_VERSION = 1;
    /** Timeout used by writes that do not name one: 300 seconds. */
    public static final Timeout DEFAULT_TIMEOUT = Timeout.ofSeconds(300);
    /** SCAN {@code COUNT} used by pattern operations unless given: 10. */
    public static final int DEFAULT_SCAN_ITERSIZE = 10;
    /** How long establishing a connection may take: 2 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long one request may take before it fails with a timeout: 2 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** Window of the ignored-failure log (one full line, then a count): 10 seconds. */
    public static final Duration DEFAULT_LOG_IGNORED_EXCEPTIONS_INTERVAL = Duration.ofSeconds(10);

    private final String name;
    private final List<ValkeyLocation> locations;
    private final String clientClass;
    private final String serializer;
    private final String compressor;
    private final String keyPrefix;
    private final int version;
    private final KeyFunction keyFunction;
    private final Timeout defaultTimeout;
    private final int scanItersize;
    private final boolean ignoreExceptions;
    private final boolean logIgnoredExceptions;
    private final Duration logIgnoredExceptionsInterval;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Map<String, String> options;

    private CacheConfig(Builder b) {
        this.name = b.name;
        this.locations = List.copyOf(b.locations);
        this.clientClass = b.clientClass;
        this.serializer = b.serializer;
        this.compressor = b.compressor;
        this.keyPrefix = b.keyPrefix;
        this.version = b.version;
        this.keyFunction = b.keyFunction;
        this.defaultTimeout = b.defaultTimeout;
        this.scanItersize = b.scanItersize;
        this.ignoreExceptions = b.ignoreExceptions;
        this.logIgnoredExceptions = b.logIgnoredExceptions;
        this.logIgnoredExceptionsInterval = b.logIgnoredExceptionsInterval;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    }

    /**
     * A new builder with every default in place (no location yet).
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with this configuration, to derive a variant.
     *
     * @return the builder
     */
    public Builder mutate() {
        Builder b = new Builder();
        b.name = name;
        b.locations.addAll(locations);
        b.clientClass = clientClass;
        b.serializer = serializer;
        b.compressor = compressor;
        b.keyPrefix = keyPrefix;
        b.version = version;
        b.keyFunction = keyFunction;
        b.defaultTimeout = defaultTimeout;
        b.scanItersize = scanItersize;
        b.ignoreExceptions = ignoreExceptions;
        b.logIgnoredExceptions = logIgnoredExceptions;
        b.logIgnoredExceptionsInterval = logIgnoredExceptionsInterval;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.options.putAll(options);
        return b;
    }

    /**
     * Reads a configuration from properties whose names start with {@code prefix} (for example
     * {@code "cache.default."}); pass {@code ""} to read unprefixed names. Setting names:
     * {@code location} (comma-separated URLs), {@code clientClass}, {@code serializer},
     * {@code compressor}, {@code keyPrefix}, {@code version}, {@code keyFunction} (class name),
     * {@code timeout} (see {@link Timeout#parse}), {@code scanItersize},
     * {@code ignoreExceptions}, {@code logIgnoredExceptions}, {@code logIgnoredExceptionsInterval},
     * {@code connectTimeout},
     * {@code requestTimeout}, and {@code options.<name>} for strategy- or codec-specific
     * settings.
     *
     * @param properties the source
     * @param prefix the common name prefix of this cache's settings
     * @param cacheName the name of the cache, used in messages
     * @return the validated configuration
     * @throws CacheConfigurationException naming the first bad or unknown setting
     */
    public static CacheConfig fromProperties(Properties properties, String prefix, String cacheName) {
        Map<String, String> map = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                map.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return Settings.read(map, cacheName, prefix);
    }

    /**
     * Reads a configuration from a map of setting names (as in {@link #fromProperties}) to
     * text values.
     *
     * @param settings the settings
     * @param cacheName the name of the cache, used in messages
     * @return the validated configuration
     * @throws CacheConfigurationException naming the first bad or unknown setting
     */
    public static CacheConfig fromMap(Map<String, String> settings, String cacheName) {
        return Settings.read(settings, cacheName, "");
    }

    /**
     * The cache's name (as registered in {@link org.valkeycache.Caches}), used in messages.
     *
     * @return the name, {@code "default"} unless set
     */
    public String name() { return name; }

    /**
     * Server locations: the first is the primary, the rest are read replicas (strategies such as
     * the shard ring give them their own meaning).
     *
     * @return an unmodifiable, non-empty list
     */
    public List<ValkeyLocation> locations() { return locations; }

    /**
     * The primary location.
     *
     * @return the first location
     */
    public ValkeyLocation primary() { return locations.get(0); }

    /**
     * Client strategy: an alias ({@code default}, {@code sentinel}, {@code shard}, {@code herd},
     * {@code cluster}) or a fully qualified class name.
     *
     * @return the class name or alias
     */
    public String clientClass() { return clientClass; }

    /**
     * Serializer: an alias ({@code java}, {@code json}, {@code msgpack}, {@code string}) or a
     * fully qualified class name.
     *
     * @return the class name or alias
     */
    public String serializer() { return serializer; }

    /**
     * Compressor: an alias ({@code identity}, {@code zlib}, {@code gzip}, {@code lzma},
     * {@code lz4}, {@code zstd}, {@code brotli}, {@code bz2}) or a fully qualified class name.
     *
     * @return the class name or alias
     */
    public String compressor() { return compressor; }

    /**
     * Prefix of every key this cache makes (possibly empty).
     *
     * @return the prefix
     */
    public String keyPrefix() { return keyPrefix; }

    /**
     * Default key version.
     *
     * @return the version
     */
    public int version() { return version; }

    /**
     * The key function.
     *
     * @return the function, {@link KeyFunction#DEFAULT} unless set
     */
    public KeyFunction keyFunction() { return keyFunction; }

    /**
     * Timeout of writes that do not name one: a duration or {@link Timeout#never()}.
     *
     * @return the default timeout, never {@link Timeout#defaultTimeout()}
     */
    public Timeout defaultTimeout() { return defaultTimeout; }

    /**
     * SCAN {@code COUNT} used by pattern operations that do not name one.
     *
     * @return a positive number
     */
    public int scanItersize() { return scanItersize; }

    /**
     * Whether connection failures are swallowed (reads return their default, writes false).
     *
     * @return the flag
     */
    public boolean ignoreExceptions() { return ignoreExceptions; }

    /**
     * Whether swallowed connection failures are logged at ERROR level.
     *
     * @return the flag
     */
    public boolean logIgnoredExceptions() { return logIgnoredExceptions; }

    /**
     * The window of the ignored-failure log: the first swallowed failure logs at once with its
     * exception; the further ones within the window are counted and logged as one line when it
     * ends. Zero logs every failure.
     *
     * @return zero or a positive duration
     */
    public Duration logIgnoredExceptionsInterval() { return logIgnoredExceptionsInterval; }

    /**
     * Bound on establishing a connection.
     *
     * @return a positive duration
     */
    public Duration connectTimeout() { return connectTimeout; }

    /**
     * Bound on one request.
     *
     * @return a positive duration
     */
    public Duration requestTimeout() { return requestTimeout; }

    /**
     * Strategy- and codec-specific settings ({@code options.<name>} in properties).
     *
     * @return an unmodifiable map
     */
    public Map<String, String> options() { return options; }

    /**
     * One option.
     *
     * @param key option name
     * @param defaultValue returned when the option is absent
     * @return the value or the default
     */
    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /**
     * An option holding a positive whole number.
     *
     * @param key option name
     * @param defaultValue returned when the option is absent
     * @return the value or the default
     * @throws CacheConfigurationException naming {@code options.<key>} when it is not a positive number
     */
    public long positiveOption(String key, long defaultValue) {
        String raw = options.get(key);
        return raw == null ? defaultValue : Settings.positiveOption(key, raw);
    }

    /**
     * An option holding {@code true} or {@code false} (any case).
     *
     * @param key option name
     * @param defaultValue returned when the option is absent
     * @return the value or the default
     * @throws CacheConfigurationException naming {@code options.<key>} for anything else
     */
    public boolean booleanOption(String key, boolean defaultValue) {
        String raw = options.get(key);
        return raw == null ? defaultValue : Settings.booleanOption(key, raw);
    }

    /**
     * An option holding a positive duration, in the forms {@link Timeout#parse} accepts
     * ({@code 250ms}, {@code 2s}, {@code PT1M}, ...).
     *
     * @param key option name
     * @param defaultValue returned when the option is absent
     * @return the value or the default
     * @throws CacheConfigurationException naming {@code options.<key>} when it is not a positive duration
     */
    public Duration durationOption(String key, Duration defaultValue) {
        String raw = options.get(key);
        return raw == null ? defaultValue : Settings.durationOption(key, raw);
    }

    @Override
    public String toString() {
        return "CacheConfig[name=" + name + ", locations=" + locations + ", clientClass=" + clientClass
                + ", serializer=" + serializer + ", compressor=" + compressor + ", keyPrefix='" + keyPrefix
                + "', version=" + version + ", keyFunction=" + keyFunction + ", defaultTimeout=" + defaultTimeout
                + ", scanItersize=" + scanItersize + ", ignoreExceptions=" + ignoreExceptions
                + ", logIgnoredExceptions=" + logIgnoredExceptions + ", logIgnoredExceptionsInterval="
                + logIgnoredExceptionsInterval + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", options=" + Settings.masked(options) + "]";
    }

    /** Builds a {@link CacheConfig}; every setter validates its argument at once. Not thread-safe. */
    public static final class Builder {
        private String name = "default";
        private final List<ValkeyLocation> locations = new ArrayList<>();
        private String clientClass = DEFAULT_CLIENT_CLASS;
        private String serializer = DEFAULT_SERIALIZER;
        private String compressor = DEFAULT_COMPRESSOR;
        private String keyPrefix = "";
        private int version = DEFAULT_VERSION;
        private KeyFunction keyFunction = KeyFunction.DEFAULT;
        private Timeout defaultTimeout = DEFAULT_TIMEOUT;
        private int scanItersize = DEFAULT_SCAN_ITERSIZE;
        private boolean ignoreExceptions;
        private boolean logIgnoredExceptions;
        private Duration logIgnoredExceptionsInterval = DEFAULT_LOG_IGNORED_EXCEPTIONS_INTERVAL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Names the cache (used in messages).
         *
         * @param name not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Settings.requireText(name, "name");
            return this;
        }

        /**
         * Adds a location URL, or a comma-separated list of them as in properties (split as
         * {@link ValkeyLocation#parseList} does, never inside a password); the first location
         * added is the primary.
         *
         * @param url {@code valkey://}, {@code valkeys://} or {@code unix://} URL, or a list
         * @return this builder
         * @throws CacheConfigurationException when a URL is blank or malformed (the message masks
         *     passwords)
         */
        public Builder location(String url) {
            List<ValkeyLocation> parsed = ValkeyLocation.parseList(url);
            if (parsed.isEmpty()) {
                ValkeyLocation.parse(url); // throws the message for a null or blank URL
            }
            locations.addAll(parsed);
            return this;
        }

        /**
         * Adds a parsed location; the first added is the primary.
         *
         * @param location the location
         * @return this builder
         */
        public Builder location(ValkeyLocation location) {
            locations.add(Settings.present(location, "location: must not be null"));
            return this;
        }

        /**
         * Replaces all locations.
         *
         * @param urls location URLs, the first being the primary
         * @return this builder
         */
        public Builder locations(List<String> urls) {
            locations.clear();
            urls.forEach(this::location);
            return this;
        }

        /**
         * Sets the client strategy (alias or class name).
         *
         * @param clientClass not blank
         * @return this builder
         */
        public Builder clientClass(String clientClass) {
            this.clientClass = Settings.requireText(clientClass, "clientClass");
            return this;
        }

        /**
         * Sets the serializer (alias or class name).
         *
         * @param serializer not blank
         * @return this builder
         */
        public Builder serializer(String serializer) {
            this.serializer = Settings.requireText(serializer, "serializer");
            return this;
        }

        /**
         * Sets the compressor (alias or class name).
         *
         * @param compressor not blank
         * @return this builder
         */
        public Builder compressor(String compressor) {
            this.compressor = Settings.requireText(compressor, "compressor");
            return this;
        }

        /**
         * Sets the key prefix.
         *
         * @param keyPrefix may be empty, not null
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Settings.present(keyPrefix, "keyPrefix: must not be null (use \"\" for none)");
            return this;
        }

        /**
         * Sets the default key version.
         *
         * @param version any integer
         * @return this builder
         */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /**
         * Sets the key function.
         *
         * @param keyFunction not null
         * @return this builder
         */
        public Builder keyFunction(KeyFunction keyFunction) {
            this.keyFunction = Settings.present(keyFunction, "keyFunction: must not be null");
            return this;
        }

        /**
         * Sets the timeout of writes that do not name one. Zero is allowed and means what it
         * means in Django: every write without its own timeout expires at once (caching off).
         *
         * @param timeout a duration of zero or more, or {@link Timeout#never()}; not
         *     {@link Timeout#defaultTimeout()}
         * @return this builder
         * @throws CacheConfigurationException for a negative duration, which would silently turn
         *     every default write into a delete
         */
        public Builder defaultTimeout(Timeout timeout) {
            Settings.checkDefaultTimeout(timeout, name);
            this.defaultTimeout = timeout;
            return this;
        }

        /**
         * Sets the timeout of writes that do not name one.
         *
         * @param timeout a duration of zero or more; zero makes every default write expire at once
         * @return this builder
         * @throws CacheConfigurationException for a negative duration
         */
        public Builder defaultTimeout(Duration timeout) {
            return defaultTimeout(Timeout.of(timeout));
        }

        /**
         * Sets the SCAN {@code COUNT} of pattern operations.
         *
         * @param itersize positive
         * @return this builder
         */
        public Builder scanItersize(int itersize) {
            if (itersize <= 0) {
                throw new CacheConfigurationException("scanItersize: must be positive, got " + itersize);
            }
            this.scanItersize = itersize;
            return this;
        }

        /**
         * Turns the ignore-exceptions policy on or off.
         *
         * @param ignore true to swallow connection failures
         * @return this builder
         */
        public Builder ignoreExceptions(boolean ignore) {
            this.ignoreExceptions = ignore;
            return this;
        }

        /**
         * Turns logging of swallowed failures on or off.
         *
         * @param log true to log at ERROR level
         * @return this builder
         */
        public Builder logIgnoredExceptions(boolean log) {
            this.logIgnoredExceptions = log;
            return this;
        }

        /**
         * Sets the window of the ignored-failure log (default
         * {@link #DEFAULT_LOG_IGNORED_EXCEPTIONS_INTERVAL}); see
         * {@link CacheConfig#logIgnoredExceptionsInterval()}.
         *
         * @param interval zero (log every failure) or positive
         * @return this builder
         * @throws CacheConfigurationException for null or a negative duration
         */
        public Builder logIgnoredExceptionsInterval(Duration interval) {
            this.logIgnoredExceptionsInterval = Settings.requireNotNegative(interval, "logIgnoredExceptionsInterval");
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Settings.requirePositive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the request timeout.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Settings.requirePositive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Sets a strategy- or codec-specific option.
         *
         * @param key option name, not blank
         * @param value option value, not null
         * @return this builder
         */
        public Builder option(String key, String value) {
            Settings.requireText(key, "option name");
            options.put(key, Settings.present(value, "options." + key + ": value must not be null"));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws CacheConfigurationException when no location is set
         */
        public CacheConfig build() {
            if (locations.isEmpty()) {
                throw new CacheConfigurationException("location: cache '" + name
                        + "' needs at least one location, e.g. valkey://127.0.0.1:6379");
            }
            return new CacheConfig(this);
        }
    }
}
