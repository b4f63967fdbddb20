package org.valkeycache.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the {@code options.<name>} settings a plugin reads: put it on every
 * {@link ValkeyClient}, {@link Serializer} or {@link Compressor} class that reads
 * {@link org.valkeycache.config.CacheConfig#options()}.
 *
 * <pre>{@code
 * @PluginOptions({"compressor.level", "compressor.min_length"})
 * public final class MyCompressor implements Compressor { ... }
 * }</pre>
 *
 * <p>When a cache is opened, and when a {@link org.valkeycache.Caches} registry is created,
 * every option of the configuration must be claimed by one of that cache's plugins (its
 * serializer, compressor and client strategy); any other option fails with a
 * {@link org.valkeycache.CacheConfigurationException} that names it and suggests the nearest
 * claimed name, so a typo such as {@code compressor.levle} fails at start-up. The check reads the
 * annotations once, without creating the client; it costs nothing per call.
 *
 * <p>A class claims the names in {@link #value()} of this annotation on itself and on each of
 * its superclasses, plus, recursively, every name claimed by the classes in {@link #includes()}
 * (for a plugin that builds another one: a strategy that opens {@code DefaultValkeyClient}
 * connections includes it and so accepts its {@code tls.*} and {@code dispatch.*} options). A
 * plugin without the annotation claims no option.
 *
 * <p>A client strategy that wraps another one chosen by an option (the herd client's
 * {@code options.herd.delegate}) names that option in {@link #delegateOption()} and its default in
 * {@link #delegateDefault()}: the check then resolves the wrapped strategy (an alias or a class
 * name) from the configuration, checks that it is a usable {@link ValkeyClient}, and claims its
 * options too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PluginOptions {

    /**
     * The option names this class reads, without the {@code options.} prefix
     * ({@code "compressor.level"}, {@code "tls.ca_file"}).
     *
     * @return the names
     */
    String[] value() default {};

    /**
     * Classes whose claimed options this class reads too, because it creates or configures them
     * from the same {@link org.valkeycache.config.CacheConfig}.
     *
     * @return the classes
     */
    Class<?>[] includes() default {};

    /**
     * For a client strategy that wraps another: the option (without {@code options.}) naming the
     * wrapped strategy, an alias or a class name; empty for none.
     *
     * @return the option name, or empty
     */
    String delegateOption() default "";

    /**
     * The wrapped strategy when {@link #delegateOption()} is not set in the configuration.
     *
     * @return an alias or a class name
     */
    String delegateDefault() default "default";
}
