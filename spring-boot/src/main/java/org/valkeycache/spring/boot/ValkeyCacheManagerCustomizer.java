package org.valkeycache.spring.boot;

import org.valkeycache.spring.ValkeyCacheManager;

/**
 * Refines the {@link ValkeyCacheManager} that the auto-configuration builds from
 * {@code valkey-cache.*} properties, for what properties cannot say (a {@code TtlPolicy}, a
 * {@code KeyConverter}, an executor, a listener). Every bean of this type is applied, in
 * {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * ValkeyCacheManagerCustomizer reportTtl() {
 *     return builder -> builder.cache("reports", builder.settingsOf("reports").mutate()
 *             .ttlPolicy((cache, key, value) -> ((Report) value).isFinal() ? Duration.ofDays(1) : null)
 *             .build());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ValkeyCacheManagerCustomizer {

    /**
     * Refines the builder.
     *
     * @param builder the builder, holding the settings from properties
     */
    void customize(ValkeyCacheManager.Builder builder);
}
