/**
 * The failover benchmark ({@link org.valkeycache.benchmarks.failover.FailoverWindows}): how long
 * writes through the {@code sentinel} client fail when the primary of a real Sentinel topology is
 * killed or frozen. An executable, not a library.
 */
package org.valkeycache.benchmarks.failover;
