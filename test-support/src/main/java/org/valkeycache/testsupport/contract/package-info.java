/**
 * The behaviour contracts every topology and every {@code ValkeyClient} must pass, as abstract
 * JUnit 5 classes: extend {@link org.valkeycache.testsupport.contract.ValkeyCacheCompatibilityKit}
 * (all contracts) or one contract class, and implement
 * {@link org.valkeycache.testsupport.contract.Topology} (or use
 * {@link org.valkeycache.testsupport.contract.ServerTopology}, or
 * {@link org.valkeycache.testsupport.contract.ClusterTopology} for a Valkey Cluster). Public for users who test their own
 * client; the contracts' test methods are not API and may grow.
 */
package org.valkeycache.testsupport.contract;
