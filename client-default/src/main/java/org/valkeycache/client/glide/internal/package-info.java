/**
 * Not API, may change in any release: the glide pieces every glide strategy (default, sentinel,
 * shard, cluster) composes.
 *
 * <p>{@link org.valkeycache.client.glide.internal.GlideCommands} (how each byte-level command
 * becomes a glide call, written once), {@link org.valkeycache.client.glide.internal.GlideConnection}
 * (the one dispatch point per connection), {@link org.valkeycache.client.glide.internal.GlideClients}
 * (opening glide clients from a configuration, with the connection options),
 * {@link org.valkeycache.client.glide.internal.GlideErrors} (glide failures to cache exceptions),
 * {@link org.valkeycache.client.glide.internal.BlockingCommands} with its
 * {@link org.valkeycache.client.glide.internal.BlockingPool} (dedicated connections for blocking
 * pops), {@link org.valkeycache.client.glide.internal.Scans} (how a SCAN walks a strategy's nodes:
 * the COUNT rule and cursors naming the node), {@link org.valkeycache.client.glide.internal.ClusterScans}
 * (glide's cluster-wide scans, kept open between steps) and
 * {@link org.valkeycache.client.glide.internal.HashSlots} are public only for the
 * strategy modules. Every piece serves both glide client types: a standalone {@code GlideClient}
 * and a {@code GlideClusterClient} (routing by hash slot happens in {@code GlideConnection}).
 * The coalescer and the circuit breaker (with its node probe) are package-private.
 */
package org.valkeycache.client.glide.internal;
