/**
 * The near cache (module {@code near-cache}): {@link org.valkeycache.nearcache.NearCacheValkeyClient}
 * keeps recently read values in process memory, kept correct by an invalidation listener of its
 * own and served only while its heartbeat staleness proof holds. Users turn it on with
 * {@code options.near_cache.enabled=true}; they never construct it. Only
 * {@code NearCacheValkeyClient} and its option names are API; the rest of the package is
 * package-private and may change in any release.
 */
package org.valkeycache.nearcache;
