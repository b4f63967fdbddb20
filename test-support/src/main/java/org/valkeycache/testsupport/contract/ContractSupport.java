package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.valkeycache.BackendCommands;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyNode;

/**
 * What every contract shares: the one hook a topology provides ({@link #topology()}), caches that
 * are closed after each test, servers flushed before each test, and raw access to the servers
 * for checking what a command really did.
 */
public abstract class ContractSupport {

    private final List<BackendCommands> opened = new ArrayList<>();

    /** Subclassed by the contracts only. */
    protected ContractSupport() {
    }

    /**
     * The hook a topology implements: the servers under test and how a cache reaches them.
     *
     * @return the topology, running while the test class runs
     */
    protected abstract Topology topology();

    /** @return a fresh configuration builder for this topology (see {@link Topology#config()}) */
    protected CacheConfig.Builder config() {
        return topology().config();
    }

    /**
     * Opens a cache that is closed after the test.
     *
     * @param builder the configuration, usually {@code config()} plus settings
     * @return the open cache
     */
    protected BackendCommands open(CacheConfig.Builder builder) {
        BackendCommands cache = openUnmanaged(builder.build());
        opened.add(cache);
        return cache;
    }

    /**
     * Opens a cache the test closes itself (in a try-with-resources), through {@link #facade}, and
     * tells the topology about it ({@link Topology#opened}).
     *
     * @param config the configuration
     * @return the open cache
     */
    protected BackendCommands openUnmanaged(CacheConfig config) {
        ValkeyCache cache = ValkeyCache.open(config);
        topology().opened(cache);
        return facade(cache);
    }

    /**
     * How the contract reaches an opened cache: the cache itself (the blocking facade), or for
     * the asynchronous flavour of a contract, {@link AsyncJoiningCommands} over it.
     *
     * @param cache the opened cache
     * @return what the contract's tests call
     */
    protected BackendCommands facade(BackendCommands cache) {
        return cache;
    }

    @BeforeEach
    void flushServers() {
        topology().primaries().forEach(ValkeyNode::flushAll);
        settle();
    }

    @AfterEach
    void closeCaches() {
        opened.forEach(BackendCommands::close);
        opened.clear();
    }

    /** Waits until the writes so far are visible to reads (see {@link Topology#settle()}). */
    protected void settle() {
        topology().settle();
    }

    /**
     * Sends a command about one key straight to the server that holds the key.
     *
     * @param command the command, e.g. {@code "GET"}
     * @param rawKey the key as stored (a made key, or one outside any prefix)
     * @param args the arguments after the key
     * @return the server's reply ({@code String}, {@code Long}, {@code List} or null)
     */
    protected Object raw(String command, String rawKey, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = command;
        full[1] = rawKey;
        System.arraycopy(args, 0, full, 2, args.length);
        return topology().nodeOf(rawKey).call(full);
    }

    /**
     * The PTTL of a key read on the node holding it, as the facade's {@code pttl} answers.
     *
     * @param rawKey the key as stored
     * @return what is left, {@link Duration#ZERO} if the key is missing, null if it is persistent
     */
    protected Duration rawPttl(String rawKey) {
        long pttl = (Long) raw("PTTL", rawKey);
        return pttl == -2 ? Duration.ZERO : pttl == -1 ? null : Duration.ofMillis(pttl);
    }

    /**
     * Checks a time to live read after a write that gave a key {@code expiry}: at most
     * {@code expiry}, and at least what is left of it since the write began, so the expiry was
     * kept as given (neither rounded up to seconds nor cut short). A loaded machine may read so
     * late that all of it has passed: then the key must be gone, not merely close to going.
     *
     * @param what names the key in a failure
     * @param remaining the time to live read ({@link Duration#ZERO} for a missing key)
     * @param expiry the expiry the write gave
     * @param sinceNanos {@link System#nanoTime()} right before the write
     */
    protected static void assertRemaining(String what, Duration remaining, Duration expiry, long sinceNanos) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
        long expiryMillis = expiry.toMillis();
        assertThat(remaining).as("%s: a time to live", what).isNotNull();
        if (remaining.isZero() && elapsed >= expiryMillis) {
            return;
        }
        // 1 ms for the server's rounding to whole milliseconds
        assertThat(remaining.toMillis()).as("%s: time to live of a %d ms expiry, read %d ms after the write began", what,
                expiryMillis, elapsed).isBetween(Math.max(1, expiryMillis - elapsed - 1), expiryMillis);
    }

    /**
     * @param command a command name in lower case, e.g. {@code "mset"}
     * @param servers where to count
     * @return how often the servers ran it so far (INFO commandstats, summed)
     */
    protected static long callsOf(String command, List<? extends ValkeyNode> servers) {
        long sum = 0;
        for (ValkeyNode server : servers) {
            sum += callsOf(command, server);
        }
        return sum;
    }

    /**
     * Waits until the server holding {@code rawKey} has at least {@code clients} clients blocked
     * (INFO clients), so a test knows its blocking commands reached the server instead of
     * guessing with a sleep.
     *
     * @param rawKey the key as stored, naming the server
     * @param clients how many blocked clients to wait for
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if they are not blocked within 10 s
     */
    protected void awaitBlockedClients(String rawKey, int clients) throws InterruptedException {
        ValkeyNode server = topology().nodeOf(rawKey);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long blocked = 0;
        while ((blocked = server.infoField("clients", "blocked_clients")) < clients) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + clients + " blocked clients on the server of '" + rawKey
                        + "' within 10 s, saw " + blocked);
            }
            Thread.sleep(10);
        }
    }

    private static long callsOf(String command, ValkeyNode server) {
        String info = String.valueOf(server.call("INFO", "commandstats"));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }
}
