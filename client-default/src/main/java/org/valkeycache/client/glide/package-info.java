/**
 * The {@code default} topology strategy on valkey-glide. Application code names
 * {@link org.valkeycache.client.glide.DefaultValkeyClient} (alias {@code default}) in
 * configuration and does not call it.
 *
 * <p>The glide pieces every glide strategy composes live in
 * {@code org.valkeycache.client.glide.internal}, which is not API.
 */
package org.valkeycache.client.glide;
