/**
 * The compatibility kit of {@code test-support} ({@code org.valkeycache.testsupport.contract}) run
 * on every built-in topology ({@code DefaultClientTest}, {@code DefaultClientPrimaryReplicaTest}),
 * plus topology-only and configuration tests. Tests only; nothing here is published.
 */
package org.valkeycache.it;
