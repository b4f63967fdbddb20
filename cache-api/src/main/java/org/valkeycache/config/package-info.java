/**
 * Configuration, for application code: {@link org.valkeycache.config.CacheConfig} (immutable,
 * with a builder and a properties/map form), server addresses
 * ({@link org.valkeycache.config.ValkeyLocation}) and the pluggable
 * {@link org.valkeycache.config.KeyFunction}.
 *
 * <p>{@link org.valkeycache.config.Plugins} is public only so that the facade and the client
 * modules can turn configured names into instances and check a configuration against its
 * plugins at start-up; application code does not need it.
 */
package org.valkeycache.config;
