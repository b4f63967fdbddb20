/**
 * The {@code cluster} topology strategy: the whole facade on a Valkey Cluster through glide's
 * {@code GlideClusterClient}. Application code names
 * {@link org.valkeycache.client.cluster.ClusterValkeyClient} (alias {@code cluster}) in
 * configuration and does not call it; {@link org.valkeycache.client.cluster.CacheCrossSlotException}
 * is what a same-slot-only command with keys in several slots raises.
 */
package org.valkeycache.client.cluster;
