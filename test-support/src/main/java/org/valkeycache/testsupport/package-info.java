/**
 * The JUnit 5 fixture for tests against real servers, for this project's tests and for users
 * testing their own code or their own {@code ValkeyClient}:
 * {@link org.valkeycache.testsupport.ValkeyServer} and
 * {@link org.valkeycache.testsupport.ValkeySentinel} start real {@code valkey-server} /
 * {@code valkey-sentinel} processes on free loopback ports (replicas, ACL users, TLS,
 * kill, pause and restart), and {@link org.valkeycache.testsupport.ValkeyServerExtension} runs one per
 * test class. {@link org.valkeycache.testsupport.SentinelTopology} starts a primary, a replica and
 * three sentinels tuned for failovers in seconds; {@link org.valkeycache.testsupport.ValkeyCluster}
 * joins cluster-enabled servers into a real Valkey Cluster ({@code valkey-cli --cluster create};
 * failovers, slot migrations, ACL, TLS); {@link org.valkeycache.testsupport.FailoverDrill}
 * and {@link org.valkeycache.testsupport.FailoverMeter} break it while a writer and a reader loop
 * and measure what the client saw. Never a fixed port, never a mock server.
 * {@link org.valkeycache.testsupport.ValkeyNode} is what the contracts see of a server, whatever
 * runs it (a process here, a container in the {@code testcontainers} module);
 * {@link org.valkeycache.testsupport.Resp} is the fixture's own minimal RESP connection.
 * {@link org.valkeycache.testsupport.SecretLeaks} checks that no part of a password shows in a
 * message, stack trace or log line. The behaviour
 * contracts every topology and every {@code ValkeyClient} must pass live in
 * {@code org.valkeycache.testsupport.contract}.
 */
package org.valkeycache.testsupport;
