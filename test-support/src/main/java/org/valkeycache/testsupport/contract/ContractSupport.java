package org.valkeycache.testsupport.contract;

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
        while ((blocked = infoField(server, "clients", "blocked_clients")) < clients) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + clients + " blocked clients on the server of '" + rawKey
                        + "' within 10 s, saw " + blocked);
            }
            Thread.sleep(10);
        }
    }

    private static long infoField(ValkeyNode server, String section, String field) {
        String info = String.valueOf(server.call("INFO", section));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return 0;
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
