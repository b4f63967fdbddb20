/**
 * Spring Cache over valkey-cache: {@link org.valkeycache.spring.ValkeyCacheManager},
 * {@link org.valkeycache.spring.ValkeySpringCache} and their settings
 * ({@link org.valkeycache.spring.SpringCacheSettings}, {@link org.valkeycache.spring.TtlPolicy},
 * {@link org.valkeycache.spring.KeyConverter}), and a ready
 * {@link org.valkeycache.spring.ValkeyCacheErrorHandler}. Built on Spring Framework 6.1+ APIs only,
 * so it runs in Spring 6.2 and 7.0 applications.
 */
package org.valkeycache.spring;
