package org.valkeycache;

/**
 * {@link FacadeMetricsTest} through the asynchronous facade: both facades run one code path, so
 * every count (gets, puts, evictions, loads, errors, latency samples) must be the same.
 */
class AsyncFacadeMetricsTest extends FacadeMetricsTest {

    @Override
    BackendCommands facade(ValkeyCache cache) {
        return AsyncJoining.over(cache);
    }
}
