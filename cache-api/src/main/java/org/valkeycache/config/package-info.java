/**
 * Configuration, for application code: {@link org.valkeycache.config.CacheConfig} (immutable,
 * with a builder and a properties/map form), server addresses
 * ({@link org.valkeycache.config.ValkeyLocation}) and the pluggable
 * {@link org.valkeycache.config.KeyFunction}.
 *
 * <p>Turning configured names into plug-in instances happens in
 * {@code org.valkeycache.config.internal}, which is not API.
 */
package org.valkeycache.config;
