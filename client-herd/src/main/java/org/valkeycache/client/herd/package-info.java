/**
 * The herd client ({@code clientClass=herd}): stampede protection as a byte-level decorator over
 * any other strategy. {@link org.valkeycache.client.herd.HerdValkeyClient} is the strategy;
 * {@link org.valkeycache.client.herd.HerdEnvelope} is the stored format (marker, version, soft
 * expiry, encoded value), public for tools that read the server's bytes directly.
 */
package org.valkeycache.client.herd;
