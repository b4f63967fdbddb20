/**
 * Valkey in Docker for tests, on Testcontainers: {@link org.valkeycache.testcontainers.ValkeyContainer}
 * (one server, image {@code valkey/valkey:8.0} unless given, password or ACL user, replica of
 * another), the topologies {@link org.valkeycache.testcontainers.PrimaryReplicaContainers},
 * {@link org.valkeycache.testcontainers.SentinelContainers} and
 * {@link org.valkeycache.testcontainers.ClusterContainers}, each with a {@code config()} for the
 * matching {@code clientClass}, the JUnit 5 extension
 * {@link org.valkeycache.testcontainers.ValkeyContainerExtension}, and
 * {@link org.valkeycache.testcontainers.ContainerTopology}, which runs the behaviour contracts of
 * {@code org.valkeycache.testsupport.contract} against containers.
 *
 * <p>Every container uses host networking and listens on 127.0.0.1 only, on a port the fixture
 * picks free; containers are removed on stop and at JVM exit, without Testcontainers' reaper.
 */
package org.valkeycache.testcontainers;
