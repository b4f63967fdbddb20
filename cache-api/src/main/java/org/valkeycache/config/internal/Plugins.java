package org.valkeycache.config.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.Compressor;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.Serializer;
import org.valkeycache.spi.ValkeyClient;

/**
 * Turns the class names and aliases of a {@link CacheConfig} into instances, and checks a
 * configuration against its plugins ({@link #validate(CacheConfig)}): classes usable, every
 * option claimed through {@link PluginOptions}. Reflection runs once, when a cache is opened or a
 * registry created; never per call.
 */
public final class Plugins {

    /** Client strategy aliases and the classes they stand for. */
    public static final Map<String, String> CLIENT_ALIASES = Map.of(
            "default", "org.valkeycache.client.glide.DefaultValkeyClient",
            "sentinel", "org.valkeycache.client.sentinel.SentinelValkeyClient",
            "shard", "org.valkeycache.client.shard.ShardValkeyClient",
            "herd", "org.valkeycache.client.herd.HerdValkeyClient",
            "cluster", "org.valkeycache.client.cluster.ClusterValkeyClient");

    /** Serializer aliases and the classes they stand for. */
    public static final Map<String, String> SERIALIZER_ALIASES = Map.of(
            "java", "org.valkeycache.codec.JavaSerializer",
            "json", "org.valkeycache.serializers.JsonSerializer",
            "msgpack", "org.valkeycache.serializers.MsgPackSerializer",
            "pickle", "org.valkeycache.serializers.PickleSerializer",
            "string", "org.valkeycache.serializers.StringSerializer");

    /** Compressor aliases and the classes they stand for. */
    public static final Map<String, String> COMPRESSOR_ALIASES = Map.of(
            "identity", "org.valkeycache.codec.IdentityCompressor",
            "zlib", "org.valkeycache.compressors.ZlibCompressor",
            "gzip", "org.valkeycache.compressors.GzipCompressor",
            "lzma", "org.valkeycache.compressors.LzmaCompressor",
            "lz4", "org.valkeycache.compressors.Lz4Compressor",
            "zstd", "org.valkeycache.compressors.ZstdCompressor",
            "brotli", "org.valkeycache.compressors.BrotliCompressor",
            "bz2", "org.valkeycache.compressors.Bz2Compressor");

    /** Option switching a cache's near cache on (module {@code near-cache}); read here, default false. */
    public static final String NEAR_CACHE_ENABLED = "near_cache.enabled";

    /** The near cache's decorator, loaded by name: cache-api does not depend on its module. */
    public static final String NEAR_CACHE_CLASS = "org.valkeycache.nearcache.NearCacheValkeyClient";

    private Plugins() {
    }

    /**
     * Wraps a cache's client in the near cache when {@code options.near_cache.enabled=true}, else
     * returns it unchanged. The decorator is loaded by class name once, here, when the cache opens.
     *
     * @param config the configuration
     * @param client the configured client strategy; closed when wrapping it fails
     * @return the client to use
     * @throws CacheConfigurationException when the near cache is enabled but its module is not on
     *     the class path, or it refuses the client's topology
     */
    public static ValkeyClient decorate(CacheConfig config, ValkeyClient client) {
        if (!config.booleanOption(NEAR_CACHE_ENABLED, false)) {
            return client;
        }
        try {
            Constructor<?> constructor = nearCacheClass(config).getConstructor(CacheConfig.class, ValkeyClient.class);
            return (ValkeyClient) constructor.newInstance(config, client);
        } catch (InvocationTargetException e) {
            client.close();
            if (e.getCause() instanceof CacheException ce) {
                throw ce;
            }
            throw new CacheConfigurationException(where(config, "options." + NEAR_CACHE_ENABLED)
                    + ": creating the near cache failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            client.close();
            if (e instanceof CacheException ce) {
                throw ce;
            }
            throw new CacheConfigurationException(where(config, "options." + NEAR_CACHE_ENABLED)
                    + ": the near cache cannot be created: " + e, e);
        }
    }

    /** The near cache's class, or a message naming its module when it is not on the class path. */
    private static Class<?> nearCacheClass(CacheConfig config) {
        try {
            return Class.forName(NEAR_CACHE_CLASS, false, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CacheConfigurationException(where(config, "options." + NEAR_CACHE_ENABLED) + "=true needs the"
                    + " module near-cache (org.valkeycache:near-cache, class " + NEAR_CACHE_CLASS
                    + ") on the class path", e);
        }
    }

    /**
     * Adds the near cache to the plugins whose options are checked: when it is enabled (its module
     * must then be present), or when another {@code near_cache.*} option is set and it is present.
     */
    private static void addNearCache(CacheConfig config, Map<String, Class<?>> plugins) {
        boolean enabled = config.booleanOption(NEAR_CACHE_ENABLED, false);
        boolean otherOptions = config.options().keySet().stream()
                .anyMatch(k -> k.startsWith("near_cache.") && !k.equals(NEAR_CACHE_ENABLED));
        if (!enabled && !otherOptions) {
            return;
        }
        try {
            plugins.put("near cache", nearCacheClass(config));
        } catch (CacheConfigurationException absent) {
            if (enabled) {
                throw absent;
            }
        }
    }

    /**
     * Creates the configured client strategy.
     *
     * @param config the configuration
     * @return a connected client
     * @throws CacheConfigurationException when the class is unknown, unloadable or unsuitable
     */
    public static ValkeyClient client(CacheConfig config) {
        return instantiate(resolve(config.clientClass(), CLIENT_ALIASES), ValkeyClient.class, config, "clientClass");
    }

    /**
     * Creates the configured serializer.
     *
     * @param config the configuration
     * @return the serializer
     * @throws CacheConfigurationException when the class is unknown, unloadable or unsuitable
     */
    public static Serializer serializer(CacheConfig config) {
        return instantiate(resolve(config.serializer(), SERIALIZER_ALIASES), Serializer.class, config, "serializer");
    }

    /**
     * Creates the configured compressor.
     *
     * @param config the configuration
     * @return the compressor
     * @throws CacheConfigurationException when the class is unknown, unloadable or unsuitable
     */
    public static Compressor compressor(CacheConfig config) {
        return instantiate(resolve(config.compressor(), COMPRESSOR_ALIASES), Compressor.class, config, "compressor");
    }

    /**
     * Checks a configuration without creating anything: the configured serializer, compressor and
     * client strategy resolve to loadable classes that implement their SPI and have a usable
     * public constructor, and every {@code options.<name>} is claimed by one of them through
     * {@link PluginOptions}. Called when a cache is opened and when a
     * {@link org.valkeycache.Caches} registry is created; reflection only, no connection.
     *
     * @param config the configuration
     * @throws CacheConfigurationException naming the cache and the setting or option at fault;
     *     for an unclaimed option the message suggests the nearest claimed name
     */
    public static void validate(CacheConfig config) {
        validate(config, "clientClass '" + config.clientClass() + "'",
                pluginClass(resolve(config.clientClass(), CLIENT_ALIASES), ValkeyClient.class, config, "clientClass"));
    }

    /**
     * Checks a configuration whose client strategy is already built: as {@link #validate(CacheConfig)},
     * with the options of {@code clientType} instead of those of the configured {@code clientClass}.
     *
     * @param config the configuration
     * @param clientType the class of the client the cache will use
     * @throws CacheConfigurationException naming the cache and the setting or option at fault
     */
    public static void validate(CacheConfig config, Class<? extends ValkeyClient> clientType) {
        validate(config, "client " + clientType.getName(), clientType);
    }

    private static void validate(CacheConfig config, String clientDescription, Class<?> clientType) {
        Map<String, Class<?>> plugins = new LinkedHashMap<>();
        plugins.put("serializer '" + config.serializer() + "'",
                pluginClass(resolve(config.serializer(), SERIALIZER_ALIASES), Serializer.class, config, "serializer"));
        plugins.put("compressor '" + config.compressor() + "'",
                pluginClass(resolve(config.compressor(), COMPRESSOR_ALIASES), Compressor.class, config, "compressor"));
        plugins.put(clientDescription, clientType);
        addDelegates(config, clientType, plugins);
        addNearCache(config, plugins);
        checkOptions(config, plugins);
    }

    /**
     * The strategies a client wraps through its {@link PluginOptions#delegateOption()}, resolved
     * from the configuration, one after the other (a wrapper of a wrapper); a cycle stops it.
     */
    private static void addDelegates(CacheConfig config, Class<?> clientType, Map<String, Class<?>> plugins) {
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = clientType; c != null && seen.add(c); ) {
            PluginOptions declared = c.getAnnotation(PluginOptions.class);
            if (declared == null || declared.delegateOption().isEmpty()) {
                return;
            }
            String setting = "options." + declared.delegateOption();
            String name = config.option(declared.delegateOption(), declared.delegateDefault()).trim();
            c = pluginClass(resolve(name, CLIENT_ALIASES), ValkeyClient.class, config, setting);
            plugins.put(setting + " '" + name + "'", c);
        }
    }

    /**
     * The option names a plugin class claims: the {@link PluginOptions} names on it and its
     * superclasses, and those claimed by the classes it {@linkplain PluginOptions#includes() includes}.
     *
     * @param pluginClass a serializer, compressor or client class
     * @return the names, sorted; empty when it declares none
     * @throws CacheConfigurationException when an included class cannot be loaded
     */
    public static Set<String> declaredOptions(Class<?> pluginClass) {
        Set<String> names = new TreeSet<>();
        collectOptions(pluginClass, names, new HashSet<>());
        return Collections.unmodifiableSet(names);
    }

    private static void collectOptions(Class<?> cls, Set<String> names, Set<Class<?>> seen) {
        for (Class<?> c = cls; c != null && seen.add(c); c = c.getSuperclass()) {
            PluginOptions declared = c.getDeclaredAnnotation(PluginOptions.class);
            if (declared == null) {
                continue;
            }
            names.addAll(Arrays.asList(declared.value()));
            Class<?>[] includes;
            try {
                includes = declared.includes();
            } catch (TypeNotPresentException e) {
                throw new CacheConfigurationException("@PluginOptions of " + c.getName() + " includes a class that"
                        + " cannot be loaded: " + e.typeName(), e);
            }
            for (Class<?> included : includes) {
                collectOptions(included, names, seen);
            }
        }
    }

    private static void checkOptions(CacheConfig config, Map<String, Class<?>> plugins) {
        if (config.options().isEmpty()) {
            return;
        }
        Set<String> claimed = new TreeSet<>();
        claimed.add(NEAR_CACHE_ENABLED);
        plugins.values().forEach(p -> claimed.addAll(declaredOptions(p)));
        for (String key : config.options().keySet()) {
            if (!claimed.contains(key)) {
                throw unclaimedOption(config, key, claimed, String.join(", ", plugins.keySet()));
            }
        }
    }

    private static CacheConfigurationException unclaimedOption(CacheConfig config, String key, Set<String> claimed,
            String plugins) {
        StringBuilder msg = new StringBuilder("cache '").append(config.name()).append("': unknown option 'options.")
                .append(key).append("'");
        List<String> readers = otherReaders(key);
        if (!readers.isEmpty()) {
            msg.append(": it is read by ").append(String.join(", ", readers)).append(", not by this cache's ")
                    .append(plugins);
            return new CacheConfigurationException(msg.toString());
        }
        String nearest = nearest(key, claimed);
        if (nearest != null) {
            msg.append("; did you mean 'options.").append(nearest).append("'?");
        }
        msg.append(" Options read by this cache's ").append(plugins).append(": ")
                .append(claimed.isEmpty() ? "none" : String.join(", ", claimed))
                .append(" (a plugin declares the options it reads with @").append(PluginOptions.class.getSimpleName())
                .append(")");
        return new CacheConfigurationException(msg.toString());
    }

    /** The known aliases whose plugin claims {@code key}: only computed for an error message. */
    private static List<String> otherReaders(String key) {
        List<String> readers = new ArrayList<>();
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        kinds.put("serializer", SERIALIZER_ALIASES);
        kinds.put("compressor", COMPRESSOR_ALIASES);
        kinds.put("clientClass", CLIENT_ALIASES);
        kinds.forEach((kind, aliases) -> new TreeMap<>(aliases).forEach((alias, className) -> {
            try {
                if (declaredOptions(Class.forName(className, false, classLoader())).contains(key)) {
                    readers.add(kind + " '" + alias + "'");
                }
            } catch (ClassNotFoundException | LinkageError | CacheConfigurationException absent) {
                // a module that is not on the classpath reads nothing here
            }
        }));
        return readers;
    }

    /**
     * The claimed name closest to {@code key} by edit distance, or null when none is close.
     *
     * @param key an option name nobody claimed
     * @param claimed the option names the cache's plugins claim
     * @return the likely intended name, or null
     */
    public static String nearest(String key, Collection<String> claimed) {
        int limit = Math.max(1, Math.min(3, key.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : claimed) {
            int d = editDistance(key, name);
            if (d <= limit && d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String resolve(String nameOrAlias, Map<String, String> aliases) {
        return aliases.getOrDefault(nameOrAlias, nameOrAlias);
    }

    /**
     * Instantiates {@code className}, which must implement {@code type} and have a public
     * constructor taking a {@link CacheConfig} or a public no-argument constructor.
     *
     * @param className fully qualified class name
     * @param type the interface it must implement
     * @param config passed to a {@code (CacheConfig)} constructor; may be null when only a
     *     no-argument constructor makes sense
     * @param setting the setting that named the class, for messages
     * @param <T> the interface
     * @return the instance
     * @throws CacheConfigurationException when the class cannot be used
     */
    public static <T> T instantiate(String className, Class<T> type, CacheConfig config, String setting) {
        Constructor<?> constructor = constructor(pluginClass(className, type, config, setting), config, setting);
        try {
            return type.cast(constructor.getParameterCount() == 1 ? constructor.newInstance(config)
                    : constructor.newInstance());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CacheException ce) {
                throw ce;
            }
            throw new CacheConfigurationException(where(config, setting) + ": creating '" + className + "' failed: "
                    + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new CacheConfigurationException(where(config, setting) + ": class '" + className
                    + "' cannot be instantiated: " + e, e);
        } catch (LinkageError e) {
            throw new CacheConfigurationException(where(config, setting) + ": class '" + className
                    + "' cannot be loaded: " + e, e);
        }
    }

    /**
     * Loads {@code className} without initialising it and checks that it can be a plugin: it
     * implements {@code type}, is concrete and has a usable public constructor.
     */
    private static Class<?> pluginClass(String className, Class<?> type, CacheConfig config, String setting) {
        Class<?> cls;
        try {
            cls = Class.forName(className, false, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CacheConfigurationException(where(config, setting) + ": class '" + className
                    + "' cannot be loaded" + knownAliases(setting, className)
                    + "; is the module that holds it on the classpath?", e);
        }
        if (!type.isAssignableFrom(cls)) {
            throw new CacheConfigurationException(where(config, setting) + ": class '" + className
                    + "' does not implement " + type.getName());
        }
        if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
            throw new CacheConfigurationException(where(config, setting) + ": class '" + className
                    + "' is abstract; name a concrete class implementing " + type.getName());
        }
        constructor(cls, config, setting);
        return cls;
    }

    /** The {@code (CacheConfig)} constructor when {@code config} is given and there is one, else the no-argument one. */
    private static Constructor<?> constructor(Class<?> cls, CacheConfig config, String setting) {
        try {
            if (config != null) {
                try {
                    return cls.getConstructor(CacheConfig.class);
                } catch (NoSuchMethodException ignored) {
                    // fall through to the no-argument constructor
                }
            }
            return cls.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new CacheConfigurationException(where(config, setting) + ": class '" + cls.getName()
                    + "' needs a public constructor taking a CacheConfig or no argument", e);
        } catch (LinkageError e) {
            throw new CacheConfigurationException(where(config, setting) + ": class '" + cls.getName()
                    + "' cannot be loaded: " + e, e);
        }
    }

    private static String where(CacheConfig config, String setting) {
        return config == null ? setting : "cache '" + config.name() + "': " + setting;
    }

    private static String knownAliases(String setting, String className) {
        Map<String, String> aliases = switch (setting) {
            case "clientClass" -> CLIENT_ALIASES;
            case "serializer" -> SERIALIZER_ALIASES;
            case "compressor" -> COMPRESSOR_ALIASES;
            default -> Map.of();
        };
        if (aliases.isEmpty()) {
            return "";
        }
        String nearest = aliases.containsKey(className) ? null : nearest(className, new TreeSet<>(aliases.keySet()));
        return (nearest == null ? "" : "; did you mean '" + nearest + "'?")
                + " (known aliases: " + String.join(", ", new TreeSet<>(aliases.keySet())) + ")";
    }

    private static ClassLoader classLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Plugins.class.getClassLoader();
    }
}
