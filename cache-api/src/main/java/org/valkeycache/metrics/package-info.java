/**
 * The cache's own meters, always on and cheap: {@link org.valkeycache.metrics.CacheMetrics} holds
 * the standard ones (gets by result, puts, evictions, loads, errors, command latency) and any a
 * plugin registers (a client strategy's dispatch sizes, the near cache's hits). Reading them is
 * API; a metrics system (the {@code micrometer} module) binds them by walking
 * {@link org.valkeycache.metrics.CacheMetrics#meters()} and listening for later registrations.
 */
package org.valkeycache.metrics;
