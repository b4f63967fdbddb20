/**
 * Micrometer support: {@link org.valkeycache.micrometer.ValkeyCacheMeterBinder} publishes a
 * cache's always-on meters (gets by result, puts, evictions, loads, errors, command latency, and
 * what its client strategy registers) to a {@code MeterRegistry};
 * {@link org.valkeycache.micrometer.ValkeyCacheMetrics#monitor} does it in one line.
 */
package org.valkeycache.micrometer;
