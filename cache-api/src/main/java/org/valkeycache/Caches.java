package org.valkeycache;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;

/**
 * A registry of named caches ({@code default}, {@code sessions}, ...) configured from one
 * source, the Java counterpart of Django's {@code CACHES} setting. Caches open lazily on first
 * use and stay open until {@link #close()}.
 *
 * <p>In properties, every setting of a cache is named {@code cache.<name>.<setting>}:
 *
 * <pre>{@code
 * cache.default.location=valkey://127.0.0.1:6379/0
 * cache.default.keyPrefix=shop
 * cache.sessions.location=valkey://127.0.0.1:6379/1
 * cache.sessions.timeout=30m
 * }</pre>
 *
 * Every cache's configuration is validated when the registry is created, so a typo fails at
 * start-up, not on first use: its settings are parsed, its client strategy, serializer and
 * compressor classes are resolved and checked ({@link Plugins#validate}), every
 * {@code options.<name>} must be claimed by one of them, and the serializer and compressor are
 * created once to check their option values. The client strategy itself is created (and
 * connects) on first use. Thread-safe.
 */
public final class Caches implements AutoCloseable {

    /** The name prefix of cache settings in properties. */
    public static final String PROPERTY_PREFIX = "cache.";

    /** The name of the cache most applications use. */
    public static final String DEFAULT = "default";

    private final Map<String, CacheConfig> configs;
    private final Map<String, ValkeyCache> open = new LinkedHashMap<>();
    private boolean closed;

    private Caches(Map<String, CacheConfig> configs) {
        Map<String, CacheConfig> named = new LinkedHashMap<>();
        configs.forEach((name, config) -> {
            CacheConfig c = config.name().equals(name) ? config : config.mutate().name(name).build();
            validate(c);
            named.put(name, c);
        });
        this.configs = Collections.unmodifiableMap(named);
    }

    private static void validate(CacheConfig config) {
        Plugins.validate(config);
        try {
            // codecs are cheap and side-effect free: creating them checks their option values
            Plugins.serializer(config);
            Plugins.compressor(config);
        } catch (CacheConfigurationException e) {
            throw new CacheConfigurationException("cache '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * A registry of already-built configurations. A configuration whose
     * {@linkplain CacheConfig#name() name} differs from its key is renamed to the key.
     *
     * @param configs cache names to configurations
     * @return the registry
     * @throws CacheConfigurationException when no cache is configured or a configuration does not
     *     validate (see the class comment)
     */
    public static Caches of(Map<String, CacheConfig> configs) {
        if (configs == null || configs.isEmpty()) {
            throw new CacheConfigurationException("caches: at least one cache must be configured");
        }
        return new Caches(configs);
    }

    /**
     * A registry from properties named {@code cache.<name>.<setting>}.
     *
     * @param properties the source
     * @return the registry
     * @throws CacheConfigurationException when no cache is configured or a setting, class or
     *     option is bad
     */
    public static Caches fromProperties(Properties properties) {
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PROPERTY_PREFIX)) {
                String rest = key.substring(PROPERTY_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    throw new CacheConfigurationException("'" + key + "' is not of the form cache.<name>.<setting>");
                }
                names.add(rest.substring(0, dot));
            }
        }
        if (names.isEmpty()) {
            throw new CacheConfigurationException("caches: no property starts with '" + PROPERTY_PREFIX
                    + "'; configure at least cache.default.location");
        }
        Map<String, CacheConfig> configs = new LinkedHashMap<>();
        for (String name : names) {
            configs.put(name, CacheConfig.fromProperties(properties, PROPERTY_PREFIX + name + ".", name));
        }
        return new Caches(configs);
    }

    /**
     * A registry from a properties file (UTF-8).
     *
     * @param file the file
     * @return the registry
     * @throws CacheConfigurationException when the file cannot be read or a setting, class or
     *     option is bad
     */
    public static Caches load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new CacheConfigurationException("cannot read cache configuration file " + file + ": " + e.getMessage(), e);
        }
        return fromProperties(p);
    }

    /**
     * A registry from a properties resource on the classpath (UTF-8).
     *
     * @param resource the resource name, e.g. {@code "valkey-cache.properties"}
     * @return the registry
     * @throws CacheConfigurationException when the resource is missing or a setting, class or
     *     option is bad
     */
    public static Caches loadResource(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (cl != null ? cl : Caches.class.getClassLoader()).getResourceAsStream(resource)) {
            if (in == null) {
                throw new CacheConfigurationException("cache configuration resource '" + resource + "' not found on the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return fromProperties(p);
        } catch (IOException e) {
            throw new CacheConfigurationException("cannot read cache configuration resource " + resource, e);
        }
    }

    /**
     * The configured cache names.
     *
     * @return the names, in configuration order
     */
    public Set<String> names() {
        return configs.keySet();
    }

    /**
     * The configuration of a cache.
     *
     * @param name the cache name
     * @return its configuration
     * @throws CacheConfigurationException when no cache has that name
     */
    public CacheConfig config(String name) {
        CacheConfig c = configs.get(name);
        if (c == null) {
            throw new CacheConfigurationException("no cache named '" + name + "'; configured: " + configs.keySet());
        }
        return c;
    }

    /**
     * A cache by name, opened on first use.
     *
     * @param name the cache name
     * @return the cache (owned by this registry: do not close it yourself)
     * @throws CacheConfigurationException when no cache has that name or it cannot be opened
     */
    public synchronized BackendCommands get(String name) {
        if (closed) {
            throw new IllegalStateException("this Caches registry is closed");
        }
        ValkeyCache cache = open.get(name);
        if (cache == null) {
            cache = ValkeyCache.open(config(name));
            open.put(name, cache);
        }
        return cache;
    }

    /**
     * The cache named {@value #DEFAULT}.
     *
     * @return the cache
     */
    public BackendCommands getDefault() {
        return get(DEFAULT);
    }

    /**
     * The raw driver client (primary) of a named cache: Django's
     * {@code get_valkey_connection("default")}.
     *
     * @param name the cache name
     * @return the driver client
     * @throws CacheUnsupportedOperationException on strategies without a single connection (shard)
     */
    public Object getValkeyConnection(String name) {
        return get(name).getValkeyConnection(true);
    }

    /**
     * The raw driver client of a named cache, for writes (primary) or reads (replica).
     *
     * @param name the cache name
     * @param write true for the primary
     * @return the driver client
     */
    public Object getValkeyConnection(String name, boolean write) {
        return get(name).getValkeyConnection(write);
    }

    /** Closes every cache opened through this registry. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (ValkeyCache c : open.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        open.clear();
        if (!failures.isEmpty()) {
            CacheException e = new CacheException("closing " + failures.size() + " cache(s) failed", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
