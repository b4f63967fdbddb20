/**
 * Not API, may change in any release: {@link org.valkeycache.config.internal.Plugins} turns the
 * class names and aliases of a configuration into instances and checks a configuration against
 * its plugins at start-up. It is public only for the facade and the client modules; application
 * code does not need it.
 */
package org.valkeycache.config.internal;
