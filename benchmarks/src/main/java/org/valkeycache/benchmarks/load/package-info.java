/**
 * The end-to-end load driver ({@link org.valkeycache.benchmarks.load.LoadDriver}): valkey-cache
 * against raw glide and the Java peers on one server, written up as a report with charts. An
 * executable, not a library; everything but the entry point is package-private.
 */
package org.valkeycache.benchmarks.load;
