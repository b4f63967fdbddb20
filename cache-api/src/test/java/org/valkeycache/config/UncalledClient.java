package org.valkeycache.config;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/**
 * A client strategy class for configuration tests, which validate a configuration without ever
 * creating its client: the constructor fails, so a test that reaches it fails too.
 */
@PluginOptions({"uncalled.endpoint", "uncalled.retries"})
public class UncalledClient implements ValkeyClient {

    /**
     * Never to be called by configuration validation.
     *
     * @param config ignored
     */
    public UncalledClient(CacheConfig config) {
        throw new AssertionError("configuration validation must not create the client strategy");
    }

    private static <T> T never() {
        throw new AssertionError("not reachable");
    }

    @Override public CompletableFuture<Boolean> set(byte[] key, byte[] value, SetCondition condition, long expiryMillis) { return never(); }
    @Override public CompletableFuture<byte[]> get(byte[] key) { return never(); }
    @Override public CompletableFuture<List<byte[]>> mget(List<byte[]> keys) { return never(); }
    @Override public CompletableFuture<Void> mset(List<byte[]> keys, List<byte[]> values, long expiryMillis) { return never(); }
    @Override public CompletableFuture<List<byte[]>> getMany(List<byte[]> keys) { return never(); }
    @Override public CompletableFuture<List<Boolean>> setMany(List<byte[]> keys, List<byte[]> values, long expiryMillis) { return never(); }
    @Override public CompletableFuture<Long> delete(List<byte[]> keys) { return never(); }
    @Override public CompletableFuture<Long> unlink(List<byte[]> keys) { return never(); }
    @Override public CompletableFuture<Boolean> exists(byte[] key) { return never(); }
    @Override public CompletableFuture<Long> incrBy(byte[] key, long delta, boolean onlyIfExists) { return never(); }
    @Override public CompletableFuture<Long> pttl(byte[] key) { return never(); }
    @Override public CompletableFuture<Boolean> persist(byte[] key) { return never(); }
    @Override public CompletableFuture<Boolean> pexpire(byte[] key, long millis) { return never(); }
    @Override public CompletableFuture<Boolean> pexpireAt(byte[] key, long epochMillis) { return never(); }
    @Override public CompletableFuture<List<byte[]>> keys(byte[] pattern) { return never(); }
    @Override public CompletableFuture<ScanPage> scan(ScanCursor cursor, byte[] pattern, int count) { return never(); }
    @Override public CompletableFuture<Void> flushDb() { return never(); }
    @Override public Object rawConnection(boolean write) { return never(); }
    @Override public String describe() { return "uncalled"; }
    @Override public void close() { }
}
