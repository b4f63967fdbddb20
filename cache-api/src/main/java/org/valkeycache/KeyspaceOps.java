package org.valkeycache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;
import org.valkeycache.spi.ValkeyClient;

/** The pattern commands of a {@link ValkeyCache}: KEYS, SCAN streams and pattern deletes. */
final class KeyspaceOps {

    /** Keys collected from SCAN before one UNLINK is sent by pattern deletes. */
    static final int DELETE_BATCH = 1000;

    private final CacheCore core;
    private final ValkeyClient client;

    KeyspaceOps(CacheCore core) {
        this.core = core;
        this.client = core.client();
    }

    List<String> keys(String pattern) {
        byte[] p = utf8(core.makePattern(pattern));
        List<byte[]> found = core.callServedPart("keys", List.of(), List.of(), Collections.<byte[]>emptyList(),
                () -> client.keys(p), this::userKeys);
        return userKeys(found);
    }

    /** The user keys of the stored keys this cache made (others matching the glob are left out). */
    private List<String> userKeys(List<byte[]> stored) {
        List<String> result = new ArrayList<>(stored.size());
        for (byte[] k : stored) {
            String text = utf8(k);
            if (core.isOwnKey(text, false)) {
                result.add(core.userKey(text));
            }
        }
        return result;
    }

    Stream<String> iterKeys(String pattern) {
        return iterKeys(pattern, core.config().scanItersize());
    }

    /** Pulls SCAN pages on demand; under the ignore policy a connection failure ends the stream. */
    Stream<String> iterKeys(String pattern, int itersize) {
        byte[] p = utf8(core.makePattern(pattern));
        requireItersize(itersize);
        return CursorIterator.<byte[]>stream(cursor -> page(core.call("iterKeys", null, null,
                () -> client.scan(cursor, p, itersize))))
                .map(KeyspaceOps::utf8).filter(k -> core.isOwnKey(k, false)).map(core::userKey);
    }

    long deletePattern(String pattern) {
        return deletePattern(pattern, core.config().scanItersize(), null);
    }

    long deletePattern(String pattern, int itersize, LongConsumer progress) {
        String p = core.makePattern(pattern);
        requireItersize(itersize);
        return core.countEvictions(core.guarded("deletePattern", 0L, () -> deleteMatching(p, false, itersize, progress)));
    }

    long clear() {
        String pattern = core.everyKeyPattern();
        return core.countEvictions(
                core.guarded("clear", 0L, () -> deleteMatching(pattern, true, core.config().scanItersize(), null)));
    }

    /**
     * SCANs and UNLINKs in batches. Each batch's UNLINK is in flight while the next pages are
     * scanned, so the scan does not wait for deletes; at most one UNLINK is outstanding. The scan
     * waits strictly: a failure mid-delete must not look like "done". Only keys that are this
     * cache's own (at this version, or at any when {@code anyVersion}) are deleted.
     */
    private long deleteMatching(String pattern, boolean anyVersion, int itersize, LongConsumer progress) {
        byte[] p = utf8(pattern);
        Iterator<byte[]> scan = new CursorIterator<>(
                cursor -> page(core.await(client.scan(cursor, p, itersize), "deletePattern", null)));
        long deleted = 0;
        CompletableFuture<Long> inFlight = null;
        List<byte[]> batch = new ArrayList<>();
        while (true) {
            boolean more = scan.hasNext();
            if (more) {
                byte[] key = scan.next();
                if (core.isOwnKey(utf8(key), anyVersion)) {
                    batch.add(key);
                }
            }
            if (batch.size() >= DELETE_BATCH || (!more && !batch.isEmpty())) {
                if (inFlight != null) {
                    deleted += core.await(inFlight, "deletePattern", null);
                    report(progress, deleted);
                }
                inFlight = client.unlink(batch);
                batch = new ArrayList<>();
            }
            if (!more) {
                break;
            }
        }
        if (inFlight != null) {
            deleted += core.await(inFlight, "deletePattern", null);
            report(progress, deleted);
        }
        return deleted;
    }

    private static CursorIterator.Page<byte[]> page(ScanPage page) {
        return page == null ? null : new CursorIterator.Page<>(page.keys(), page.next());
    }

    private static void report(LongConsumer progress, long deleted) {
        if (progress != null) {
            progress.accept(deleted);
        }
    }

    private static int requireItersize(int itersize) {
        if (itersize <= 0) {
            throw new IllegalArgumentException("itersize must be positive, got " + itersize);
        }
        return itersize;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
