/**
 * Spring Boot auto-configuration of valkey-cache: {@link org.valkeycache.spring.boot.ValkeyCacheAutoConfiguration},
 * its {@code valkey-cache.*} properties ({@link org.valkeycache.spring.boot.ValkeyCacheProperties}) and
 * {@link org.valkeycache.spring.boot.ValkeyCacheManagerCustomizer}.
 */
package org.valkeycache.spring.boot;
