package org.valkeycache;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.valkeycache.codec.internal.ValueCodec;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.KeyFunction;
import org.valkeycache.metrics.CacheMetrics;
import org.valkeycache.spi.ValkeyClient;

/**
 * What every version view of one cache shares: the configuration and what is made from it once
 * (client, codec, key function, the bounded wait), the meters and their {@link Counting}, the
 * lock watchdog and the closed flag. Each {@link CacheCore} holds one; thread-safe.
 */
final class CacheResources {

    /** Extra time granted over the request timeout before a synchronous wait gives up. */
    static final long WAIT_MARGIN_MILLIS = 1000;

    final CacheConfig config;
    final ValkeyClient client;
    final ValueCodec codec;
    final KeyFunction keyFunction;
    final String prefix;
    final String escapedPrefix;
    final long waitMillis;
    final boolean ignoreExceptions;
    /** Null when swallowed failures are not logged. */
    final IgnoredFailureLog ignoredLog;
    final CacheMetrics metrics;
    final Counting counting;
    volatile boolean closed;
    private ScheduledExecutorService watchdog;

    CacheResources(CacheConfig config, ValkeyClient client, ValueCodec codec) {
        this.config = config;
        this.client = client;
        this.codec = codec;
        this.keyFunction = config.keyFunction();
        this.prefix = config.keyPrefix();
        this.escapedPrefix = KeyText.escapeGlob(config.keyPrefix());
        this.waitMillis = config.requestTimeout().toMillis() + WAIT_MARGIN_MILLIS;
        this.ignoreExceptions = config.ignoreExceptions();
        this.ignoredLog = config.ignoreExceptions() && config.logIgnoredExceptions()
                ? new IgnoredFailureLog(config.name(), config.logIgnoredExceptionsInterval()) : null;
        this.metrics = new CacheMetrics(config.name());
        this.counting = new Counting(metrics);
        client.bindMetrics(metrics);
    }

    synchronized ScheduledExecutorService watchdog() {
        if (watchdog == null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "valkey-cache-lock-watchdog-" + config.name());
                t.setDaemon(true);
                return t;
            });
        }
        return watchdog;
    }

    synchronized void stopWatchdog() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    /** Logs what the ignored-failure log counted but has not logged yet. */
    void flushIgnoredLog() {
        if (ignoredLog != null) {
            ignoredLog.close();
        }
    }
}
