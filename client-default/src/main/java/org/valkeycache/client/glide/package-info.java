/**
 * The {@code default} topology strategy on valkey-glide, and the glide pieces every other glide
 * strategy composes. Application code names {@link org.valkeycache.client.glide.DefaultValkeyClient}
 * (alias {@code default}) in configuration and does not call it.
 *
 * <p>{@link org.valkeycache.client.glide.GlideCommands} (how each byte-level command becomes a
 * glide call, written once), {@link org.valkeycache.client.glide.GlideConnection} (the one
 * dispatch point per connection), {@link org.valkeycache.client.glide.GlideClients} and
 * {@link org.valkeycache.client.glide.GlideErrors}, {@link org.valkeycache.client.glide.BlockingCommands}
 * and {@link org.valkeycache.client.glide.HashSlots} are public for the other strategy modules
 * (sentinel, shard, cluster); they are internal to valkey-cache and may change in any release.
 * Every piece serves both glide client types: a standalone {@code GlideClient} and a
 * {@code GlideClusterClient} (routing by hash slot happens in {@code GlideConnection}).
 * The coalescer, the blocking-connection pool and the circuit breaker (with its node probe) are
 * package-private.
 */
package org.valkeycache.client.glide;
