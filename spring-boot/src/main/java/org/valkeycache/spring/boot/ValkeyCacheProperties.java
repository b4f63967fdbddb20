package org.valkeycache.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spring.SpringCacheSettings;

/**
 * Spring Boot properties of valkey-cache: {@code valkey-cache.caches.<name>.<setting>}, the
 * settings of the properties file ({@code cache.<name>.<setting>}) plus the Spring ones, and a
 * few manager-wide switches. {@code valkey-cache.defaults.<setting>} (the same settings) applies to
 * every cache that does not set it.
 *
 * <pre>
 * valkey-cache.defaults.location=valkey://127.0.0.1:6379/0
 * valkey-cache.caches.books.key-prefix=books
 * valkey-cache.caches.books.ttl=10m
 * valkey-cache.caches.books.options[serializer.allowlist]=com.example.model.**
 * </pre>
 */
@ConfigurationProperties(prefix = ValkeyCacheProperties.PREFIX)
public class ValkeyCacheProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "valkey-cache";

    /** The caches, by name: each becomes a Spring cache of that name over a valkey-cache cache. */
    private Map<String, Cache> caches = new LinkedHashMap<>();

    /** Settings every cache takes unless it sets them itself (a shared location, say). */
    private Cache defaults = new Cache();

    /** Whether puts and evictions wait for the commit of the current Spring transaction. */
    private boolean transactionAware;

    /**
     * A configured cache to copy for cache names that are not configured (each under the key
     * prefix {@code <template prefix>:<name>}); unset: unknown cache names are refused.
     */
    private String runtimeCacheTemplate;

    /**
     * Whether an outage (refused, unreachable, timed out) makes cached methods run uncached
     * instead of failing: registers a CachingConfigurer with a fail-open error handler unless the
     * application has a CachingConfigurer of its own.
     */
    private boolean failOpen;

    /** @return the caches by name */
    public Map<String, Cache> getCaches() { return caches; }

    /** @param caches the caches by name */
    public void setCaches(Map<String, Cache> caches) { this.caches = caches; }

    /** @return the settings every cache takes unless it sets them */
    public Cache getDefaults() { return defaults; }

    /** @param defaults the settings every cache takes unless it sets them */
    public void setDefaults(Cache defaults) { this.defaults = defaults; }

    /**
     * The valkey-cache configuration of a cache (its settings over {@link #getDefaults()}),
     * checked as the properties file is; errors name the property
     * ({@code valkey-cache.caches.<name>.<setting>}).
     *
     * @param name a cache of {@link #getCaches()}
     * @return the configuration
     */
    public CacheConfig cacheConfig(String name) {
        String prefix = PREFIX + ".caches." + name + ".";
        Properties p = new Properties();
        defaults.core().forEach((k, v) -> p.setProperty(prefix + k, v));
        caches.get(name).core().forEach((k, v) -> p.setProperty(prefix + k, v));
        return CacheConfig.fromProperties(p, prefix, name);
    }

    /**
     * The Spring settings of a cache (its own over {@link #getDefaults()}), to refine in code
     * ({@code mutate()}).
     *
     * @param name a cache of {@link #getCaches()}
     * @return the settings
     */
    public SpringCacheSettings springSettings(String name) {
        Cache c = caches.get(name);
        SpringCacheSettings.Builder b = SpringCacheSettings.builder()
                .ttl(either(c.ttl, defaults.ttl))
                .timeToIdle(either(c.timeToIdle, defaults.timeToIdle))
                .allowNullValues(either(c.allowNullValues, defaults.allowNullValues, true))
                .evictUndecodable(either(c.evictUndecodable, defaults.evictUndecodable, true))
                .leaseTimeout(either(c.leaseTimeout, defaults.leaseTimeout))
                .leaseWait(either(c.leaseWait, defaults.leaseWait, SpringCacheSettings.DEFAULT_LEASE_WAIT));
        Duration jitter = either(c.ttlJitter, defaults.ttlJitter);
        if (jitter != null) {
            b.ttlJitter(jitter);
        }
        return b.build();
    }

    private static <T> T either(T own, T shared) {
        return own != null ? own : shared;
    }

    private static <T> T either(T own, T shared, T builtIn) {
        return own != null ? own : shared != null ? shared : builtIn;
    }

    /** @return whether caches are transaction-aware */
    public boolean isTransactionAware() { return transactionAware; }

    /** @param transactionAware whether caches are transaction-aware */
    public void setTransactionAware(boolean transactionAware) { this.transactionAware = transactionAware; }

    /** @return the runtime cache template, or null */
    public String getRuntimeCacheTemplate() { return runtimeCacheTemplate; }

    /** @param runtimeCacheTemplate the runtime cache template, or null */
    public void setRuntimeCacheTemplate(String runtimeCacheTemplate) { this.runtimeCacheTemplate = runtimeCacheTemplate; }

    /** @return whether outages fail open */
    public boolean isFailOpen() { return failOpen; }

    /** @param failOpen whether outages fail open */
    public void setFailOpen(boolean failOpen) { this.failOpen = failOpen; }

    /** The settings of one cache; unset ones keep valkey-cache's defaults. */
    public static class Cache {

        /** Comma-separated server URLs: valkey://[user[:password]@]host[:port][/db], valkeys:// for TLS. */
        private String location;
        /** Client strategy: default, sentinel, shard, cluster, herd, or a class name. */
        private String clientClass;
        /** Serializer: java, json, msgpack, pickle, string, or a class name. */
        private String serializer;
        /** Compressor: identity, zlib, gzip, lzma, lz4, zstd, brotli, bz2, or a class name. */
        private String compressor;
        /** Prefix of every stored key (prefix:version:key). */
        private String keyPrefix;
        /** Key version. */
        private Integer version;
        /** Class name of an org.valkeycache.config.KeyFunction. */
        private String keyFunction;
        /** The facade's default timeout (300, 0.5, 250ms, 5m, PT5M, none); the Spring cache's ttl unless ttl is set, where 0 and none mean "never expires". */
        private String timeout;
        /** SCAN COUNT of clear and pattern operations. */
        private Integer scanItersize;
        /** Whether outages are swallowed by the facade (reads miss, writes are skipped). */
        private Boolean ignoreExceptions;
        /** Whether swallowed outages are logged at ERROR. */
        private Boolean logIgnoredExceptions;
        /** Window of that log: the first failure logs in full, the rest are counted into one line (default 10s; 0 logs each). */
        private Duration logIgnoredExceptionsInterval;
        /** Bound on establishing a connection. */
        private Duration connectTimeout;
        /** Bound on one request. */
        private Duration requestTimeout;
        /** Strategy and codec options, e.g. options[serializer.allowlist]=com.example.** (brackets keep dots and underscores). */
        private Map<String, String> options = new LinkedHashMap<>();

        /** Lifetime of entries; 0 means "never expires"; unset: the cache's timeout. */
        private Duration ttl;
        /** Time-to-idle: every hit renews the entry's lifetime to this (also the lifetime of writes when ttl is unset). */
        private Duration timeToIdle;
        /** A random extra of up to this much added to each lifetime. */
        private Duration ttlJitter;
        /** Whether null values are cached (default true). */
        private Boolean allowNullValues;
        /** Whether a stored value that cannot be decoded is deleted, counted and read as a miss, else the read fails (default true). */
        private Boolean evictUndecodable;
        /** Coalesce loads of a key across JVMs with a lease of this lifetime; unset: within the JVM only. */
        private Duration leaseTimeout;
        /** How long a load waits for another JVM's lease before it loads anyway (default 5s). */
        private Duration leaseWait;

        /** @return the settings that are set, named as in the properties file, as text */
        Map<String, String> core() {
            Map<String, String> m = new LinkedHashMap<>();
            put(m, "location", location);
            put(m, "clientClass", clientClass);
            put(m, "serializer", serializer);
            put(m, "compressor", compressor);
            put(m, "keyPrefix", keyPrefix);
            put(m, "version", version);
            put(m, "keyFunction", keyFunction);
            put(m, "timeout", timeout);
            put(m, "scanItersize", scanItersize);
            put(m, "ignoreExceptions", ignoreExceptions);
            put(m, "logIgnoredExceptions", logIgnoredExceptions);
            put(m, "logIgnoredExceptionsInterval",
                    logIgnoredExceptionsInterval == null ? null : logIgnoredExceptionsInterval.toMillis() + "ms");
            put(m, "connectTimeout", connectTimeout == null ? null : connectTimeout.toMillis() + "ms");
            put(m, "requestTimeout", requestTimeout == null ? null : requestTimeout.toMillis() + "ms");
            options.forEach((k, v) -> put(m, "options." + k, v));
            return m;
        }

        private static void put(Map<String, String> m, String key, Object value) {
            if (value != null) {
                m.put(key, value.toString());
            }
        }

        /** @return the location */
        public String getLocation() { return location; }
        /** @param location the location */
        public void setLocation(String location) { this.location = location; }
        /** @return the client strategy */
        public String getClientClass() { return clientClass; }
        /** @param clientClass the client strategy */
        public void setClientClass(String clientClass) { this.clientClass = clientClass; }
        /** @return the serializer */
        public String getSerializer() { return serializer; }
        /** @param serializer the serializer */
        public void setSerializer(String serializer) { this.serializer = serializer; }
        /** @return the compressor */
        public String getCompressor() { return compressor; }
        /** @param compressor the compressor */
        public void setCompressor(String compressor) { this.compressor = compressor; }
        /** @return the key prefix */
        public String getKeyPrefix() { return keyPrefix; }
        /** @param keyPrefix the key prefix */
        public void setKeyPrefix(String keyPrefix) { this.keyPrefix = keyPrefix; }
        /** @return the key version */
        public Integer getVersion() { return version; }
        /** @param version the key version */
        public void setVersion(Integer version) { this.version = version; }
        /** @return the key function class */
        public String getKeyFunction() { return keyFunction; }
        /** @param keyFunction the key function class */
        public void setKeyFunction(String keyFunction) { this.keyFunction = keyFunction; }
        /** @return the facade's default timeout */
        public String getTimeout() { return timeout; }
        /** @param timeout the facade's default timeout */
        public void setTimeout(String timeout) { this.timeout = timeout; }
        /** @return the SCAN COUNT */
        public Integer getScanItersize() { return scanItersize; }
        /** @param scanItersize the SCAN COUNT */
        public void setScanItersize(Integer scanItersize) { this.scanItersize = scanItersize; }
        /** @return whether outages are swallowed */
        public Boolean getIgnoreExceptions() { return ignoreExceptions; }
        /** @param ignoreExceptions whether outages are swallowed */
        public void setIgnoreExceptions(Boolean ignoreExceptions) { this.ignoreExceptions = ignoreExceptions; }
        /** @return whether swallowed outages are logged */
        public Boolean getLogIgnoredExceptions() { return logIgnoredExceptions; }
        /** @param logIgnoredExceptions whether swallowed outages are logged */
        public void setLogIgnoredExceptions(Boolean logIgnoredExceptions) { this.logIgnoredExceptions = logIgnoredExceptions; }
        /** @return the window of the ignored-failure log */
        public Duration getLogIgnoredExceptionsInterval() { return logIgnoredExceptionsInterval; }
        /** @param logIgnoredExceptionsInterval the window of the ignored-failure log */
        public void setLogIgnoredExceptionsInterval(Duration logIgnoredExceptionsInterval) {
            this.logIgnoredExceptionsInterval = logIgnoredExceptionsInterval;
        }
        /** @return the connect timeout */
        public Duration getConnectTimeout() { return connectTimeout; }
        /** @param connectTimeout the connect timeout */
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        /** @return the request timeout */
        public Duration getRequestTimeout() { return requestTimeout; }
        /** @param requestTimeout the request timeout */
        public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
        /** @return the options */
        public Map<String, String> getOptions() { return options; }
        /** @param options the options */
        public void setOptions(Map<String, String> options) { this.options = options; }
        /** @return the ttl */
        public Duration getTtl() { return ttl; }
        /** @param ttl the ttl */
        public void setTtl(Duration ttl) { this.ttl = ttl; }
        /** @return the time-to-idle */
        public Duration getTimeToIdle() { return timeToIdle; }
        /** @param timeToIdle the time-to-idle */
        public void setTimeToIdle(Duration timeToIdle) { this.timeToIdle = timeToIdle; }
        /** @return the ttl jitter */
        public Duration getTtlJitter() { return ttlJitter; }
        /** @param ttlJitter the ttl jitter */
        public void setTtlJitter(Duration ttlJitter) { this.ttlJitter = ttlJitter; }
        /** @return whether nulls are cached, or null when unset */
        public Boolean getAllowNullValues() { return allowNullValues; }
        /** @param allowNullValues whether nulls are cached */
        public void setAllowNullValues(Boolean allowNullValues) { this.allowNullValues = allowNullValues; }
        /** @return whether undecodable values are evicted, or null when unset */
        public Boolean getEvictUndecodable() { return evictUndecodable; }
        /** @param evictUndecodable whether undecodable values are evicted */
        public void setEvictUndecodable(Boolean evictUndecodable) { this.evictUndecodable = evictUndecodable; }
        /** @return the lease lifetime, or null */
        public Duration getLeaseTimeout() { return leaseTimeout; }
        /** @param leaseTimeout the lease lifetime, or null */
        public void setLeaseTimeout(Duration leaseTimeout) { this.leaseTimeout = leaseTimeout; }
        /** @return the lease wait */
        public Duration getLeaseWait() { return leaseWait; }
        /** @param leaseWait the lease wait */
        public void setLeaseWait(Duration leaseWait) { this.leaseWait = leaseWait; }
    }
}
