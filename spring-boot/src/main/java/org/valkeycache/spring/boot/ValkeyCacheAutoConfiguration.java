package org.valkeycache.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.valkeycache.Caches;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.micrometer.ValkeyCacheMeterBinder;
import org.valkeycache.spring.ValkeyCacheErrorHandler;
import org.valkeycache.spring.ValkeyCacheManager;

/**
 * Auto-configuration of valkey-cache for Spring Boot: a {@link Caches} registry from
 * {@code valkey-cache.caches.<name>.<setting>} properties (unless the application defines its
 * own {@code Caches} bean) and a {@link ValkeyCacheManager} over it, before Boot's own cache
 * auto-configuration. The manager backs off when the application defines a {@link CacheManager}
 * or chooses a cache type with {@code spring.cache.type}. Both are closed with the context.
 * With Micrometer and the {@code micrometer} module present, every cache's meters go to the
 * application's {@code MeterRegistry}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({CacheManager.class, ValkeyCacheManager.class})
@EnableConfigurationProperties(ValkeyCacheProperties.class)
public class ValkeyCacheAutoConfiguration {

    /**
     * The registry of the configured caches (closed with the context).
     *
     * @param properties the {@code valkey-cache.*} properties
     * @return the registry, every cache's settings checked
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(CachesConfigured.class)
    public Caches valkeyCaches(ValkeyCacheProperties properties) {
        Map<String, CacheConfig> configs = new LinkedHashMap<>();
        properties.getCaches().keySet().forEach(name -> configs.put(name, properties.cacheConfig(name)));
        return Caches.of(configs);
    }

    /**
     * The cache manager: one Spring cache per configured cache, with its Spring settings from
     * properties, refined by every {@link ValkeyCacheManagerCustomizer}.
     *
     * @param caches the registry
     * @param properties the {@code valkey-cache.*} properties
     * @param customizers the customizers, in order
     * @return the manager (closed with the context)
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnBean(Caches.class)
    @ConditionalOnMissingBean(CacheManager.class)
    @Conditional(NoSpringCacheType.class)
    public ValkeyCacheManager cacheManager(Caches caches, ValkeyCacheProperties properties,
            ObjectProvider<ValkeyCacheManagerCustomizer> customizers) {
        ValkeyCacheManager.Builder builder = ValkeyCacheManager.builder(caches)
                .transactionAware(properties.isTransactionAware());
        properties.getCaches().keySet().forEach(name -> builder.cache(name, properties.springSettings(name)));
        if (properties.getRuntimeCacheTemplate() != null) {
            builder.runtimeCaches(properties.getRuntimeCacheTemplate());
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /**
     * With {@code valkey-cache.fail-open=true}: cached methods run uncached through an outage
     * (see {@link ValkeyCacheErrorHandler}), unless the application has a CachingConfigurer.
     *
     * @return the caching configurer
     */
    @Bean
    @ConditionalOnMissingBean(CachingConfigurer.class)
    @ConditionalOnBooleanProperty(ValkeyCacheProperties.PREFIX + ".fail-open")
    public CachingConfigurer valkeyCacheFailOpenConfigurer() {
        CacheErrorHandler handler = ValkeyCacheErrorHandler.failOpen();
        return new CachingConfigurer() {
            @Override
            public CacheErrorHandler errorHandler() {
                return handler;
            }
        };
    }

    /**
     * Publishes the meters of every cache the manager creates, at start and at runtime, to the
     * application's {@link MeterRegistry} (module {@code micrometer}), tagged {@code cache=<name>}
     * and {@code cache.manager=cacheManager} as Boot tags its own cache meters.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, ValkeyCacheMeterBinder.class})
    static class MetricsConfiguration {

        /**
         * Binds each cache's meters when the cache is created.
         *
         * @param registries the application's registry, resolved when a cache is created
         * @return the customizer adding the listener
         */
        @Bean
        ValkeyCacheManagerCustomizer valkeyCacheMeterBinders(ObjectProvider<MeterRegistry> registries) {
            Tags tags = Tags.of("cache.manager", "cacheManager");
            return builder -> builder.onCacheCreated(cache -> registries.ifAvailable(registry ->
                    new ValkeyCacheMeterBinder(cache.getNativeCache(), tags).bindTo(registry)));
        }
    }

    /** Matches when at least one {@code valkey-cache.caches.<name>.*} property is set. */
    static final class CachesConfigured extends SpringBootCondition {
        private static final ConfigurationPropertyName CACHES = ConfigurationPropertyName.of(ValkeyCacheProperties.PREFIX + ".caches");

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean present = false;
            for (var source : ConfigurationPropertySources.get(context.getEnvironment())) {
                present |= source.containsDescendantOf(CACHES) == ConfigurationPropertyState.PRESENT;
            }
            return present ? ConditionOutcome.match("valkey-cache.caches is configured")
                    : ConditionOutcome.noMatch("no valkey-cache.caches.<name>.* property");
        }
    }

    /** Matches unless {@code spring.cache.type} chooses a cache type. */
    static final class NoSpringCacheType extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("spring.cache.type", String.class)
                    .map(type -> ConditionOutcome.noMatch("spring.cache.type=" + type + " chooses another cache"))
                    .orElseGet(() -> ConditionOutcome.match("spring.cache.type is not set"));
        }
    }
}
