package org.valkeycache.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheException;
import org.valkeycache.spi.Compressor;
import org.valkeycache.spi.Serializer;
import org.valkeycache.spi.ValkeyClient;

/**
 * Turns the class names and aliases of a {@link CacheConfig} into instances. Reflection runs
 * once, when a cache is opened; never per call.
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

    private Plugins() {
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
        Class<?> cls;
        try {
            cls = Class.forName(className, true, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CacheConfigurationException(setting + ": class '" + className + "' cannot be loaded"
                    + knownAliases(setting) + "; is the module that holds it on the classpath?", e);
        }
        if (!type.isAssignableFrom(cls)) {
            throw new CacheConfigurationException(setting + ": class '" + className + "' does not implement "
                    + type.getName());
        }
        try {
            if (config != null) {
                try {
                    Constructor<?> withConfig = cls.getConstructor(CacheConfig.class);
                    return type.cast(withConfig.newInstance(config));
                } catch (NoSuchMethodException ignored) {
                    // fall through to the no-argument constructor
                }
            }
            return type.cast(cls.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new CacheConfigurationException(setting + ": class '" + className
                    + "' needs a public constructor taking a CacheConfig or no argument", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CacheException ce) {
                throw ce;
            }
            throw new CacheConfigurationException(setting + ": creating '" + className + "' failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new CacheConfigurationException(setting + ": class '" + className + "' cannot be instantiated: " + e, e);
        }
    }

    private static String knownAliases(String setting) {
        switch (setting) {
            case "clientClass": return " (known aliases: " + String.join(", ", new java.util.TreeSet<>(CLIENT_ALIASES.keySet())) + ")";
            case "serializer": return " (known aliases: " + String.join(", ", new java.util.TreeSet<>(SERIALIZER_ALIASES.keySet())) + ")";
            case "compressor": return " (known aliases: " + String.join(", ", new java.util.TreeSet<>(COMPRESSOR_ALIASES.keySet())) + ")";
            default: return "";
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Plugins.class.getClassLoader();
    }
}
