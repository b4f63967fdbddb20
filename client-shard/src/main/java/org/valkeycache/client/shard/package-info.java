/**
 * The {@code shard} topology strategy: a consistent-hash ring over independent servers that
 * places keys exactly as django-valkey's {@code ShardClient} does. Application code names
 * {@link org.valkeycache.client.shard.ShardValkeyClient} (alias {@code shard}) in configuration
 * and does not call it; it may catch {@link org.valkeycache.client.shard.CacheCrossNodeException}.
 * {@link org.valkeycache.client.shard.HashRing} and
 * {@link org.valkeycache.client.shard.RingReport} are public for tools that must agree with the
 * ring's placement (and for the benchmarks).
 */
package org.valkeycache.client.shard;
