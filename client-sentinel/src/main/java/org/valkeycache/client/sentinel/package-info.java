/**
 * The {@code sentinel} topology strategy: {@link org.valkeycache.client.sentinel.SentinelValkeyClient}
 * finds the primary (and optionally the replicas) of a service through Valkey Sentinel and follows
 * it through failovers, composing the {@code default} strategy's glide client for the data nodes.
 * Application code names it in configuration ({@code clientClass=sentinel}) and does not call it;
 * everything else in this package is package-private.
 */
package org.valkeycache.client.sentinel;
