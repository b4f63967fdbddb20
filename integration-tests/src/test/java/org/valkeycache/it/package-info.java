/**
 * The behaviour suite on real servers: {@code BackendCommandsContract}, which every topology's
 * test extends, plus topology, codec, configuration and fault tests. Tests only; nothing here is
 * published.
 */
package org.valkeycache.it;
