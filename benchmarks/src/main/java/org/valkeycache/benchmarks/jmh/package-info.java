/**
 * JMH microbenchmarks of the pure hot path (key making, serializers, compressors), with no
 * server. Run by JMH, not called; classes are public only because JMH requires it.
 */
package org.valkeycache.benchmarks.jmh;
