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

    CompletableFuture<List<String>> keys(Flow f, String pattern) {
        byte[] p = utf8(core.makePattern(pattern));
        return core.callServedPart(f, "keys", List.of(), List.of(), Collections.<byte[]>emptyList(),
                () -> client.keys(p), this::userKeys).thenApply(this::userKeys);
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

    /**
     * Pulls SCAN pages on demand, each a blocking call on the consumer's thread; under the ignore
     * policy a connection failure ends the stream, and a node of several that is down (a
     * {@link CachePartialFailureException} from a shard ring) is skipped.
     */
    Stream<String> iterKeys(String pattern, int itersize) {
        byte[] p = utf8(core.makePattern(pattern));
        requireItersize(itersize);
        return CursorIterator.<byte[]>stream(cursor -> core.join(f -> core.callServedPart(f, "iterKeys", List.of(),
                List.of(), null, () -> client.scan(cursor, p, itersize), page -> null).thenApply(KeyspaceOps::page)))
                .map(KeyspaceOps::utf8).filter(k -> core.isOwnKey(k, false)).map(core::userKey);
    }

    CompletableFuture<Long> deletePattern(Flow f, String pattern, int itersize, LongConsumer progress) {
        String p = core.makePattern(pattern);
        requireItersize(itersize);
        return core.guarded("deletePattern", 0L, () -> new Deletion(f, utf8(p), false, itersize, progress).start())
                .thenApply(core.counting()::countEvictions);
    }

    CompletableFuture<Long> clear(Flow f) {
        String pattern = core.everyKeyPattern();
        return core.guarded("clear", 0L, () -> new Deletion(f, utf8(pattern), true, core.config().scanItersize(), null)
                .start()).thenApply(core.counting()::countEvictions);
    }

    /**
     * One pattern delete: SCANs and UNLINKs in batches. Each batch's UNLINK is in flight while the
     * next pages are scanned, so the scan does not wait for deletes; at most one UNLINK is
     * outstanding. The scan is strict (no ignore policy per step): a failure mid-delete must not
     * look like "done"; only a node of several that is down (a {@link CachePartialFailureException})
     * is skipped under the ignore policy, logged, and the other nodes are still cleaned. Only keys that are this cache's own (at this version, or at any when
     * {@code anyVersion}) are deleted. Each step runs on the flow after the previous one, so its
     * fields need no locking.
     */
    private final class Deletion {
        private final Flow flow;
        private final String command;
        private final byte[] pattern;
        private final boolean anyVersion;
        private final int itersize;
        private final LongConsumer progress;
        private final CompletableFuture<Long> done = new CompletableFuture<>();
        private List<byte[]> batch = new ArrayList<>();
        private CompletableFuture<Long> inFlight = CompletableFuture.completedFuture(0L);
        private long deleted;

        Deletion(Flow flow, byte[] pattern, boolean anyVersion, int itersize, LongConsumer progress) {
            this.flow = flow;
            this.command = anyVersion ? "clear" : "deletePattern";
            this.pattern = pattern;
            this.anyVersion = anyVersion;
            this.itersize = itersize;
            this.progress = progress;
        }

        CompletableFuture<Long> start() {
            scan(ScanCursor.START);
            return done;
        }

        private void scan(ScanCursor cursor) {
            core.request(flow, command, null, () -> client.scan(cursor, pattern, itersize))
                    .exceptionally(failure -> core.<ScanPage>servedPart(command, failure))
                    .thenCompose(this::onPage)
                    .whenComplete((next, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(Failures.unwrap(failure));
                        } else if (next.isFinished()) {
                            done.complete(deleted);
                        } else {
                            scan(next);
                        }
                    });
        }

        /** Collects the page's own keys, sending a batch whenever one is full; the last page sends the rest. */
        private CompletableFuture<ScanCursor> onPage(ScanPage page) {
            return collect(page, 0);
        }

        private CompletableFuture<ScanCursor> collect(ScanPage page, int from) {
            List<byte[]> keys = page.keys();
            int i = from;
            while (i < keys.size() && batch.size() < DELETE_BATCH) {
                byte[] key = keys.get(i++);
                if (core.isOwnKey(utf8(key), anyVersion)) {
                    batch.add(key);
                }
            }
            boolean last = page.next().isFinished() && i == keys.size();
            if (batch.size() >= DELETE_BATCH || (last && !batch.isEmpty())) {
                int next = i;
                return send().thenCompose(sent -> last ? inFlight.thenApply(n -> page.next()) : collect(page, next));
            }
            if (i < keys.size()) {
                return collect(page, i);
            }
            return last ? inFlight.thenApply(n -> page.next()) : CompletableFuture.completedFuture(page.next());
        }

        /** Sends the batch once the previous UNLINK answered: at most one is outstanding. */
        private CompletableFuture<Void> send() {
            List<byte[]> sending = batch;
            batch = new ArrayList<>();
            return inFlight.thenAccept(n -> inFlight = core.request(flow, command, null,
                    () -> client.unlink(sending)).exceptionally(failure -> core.<Long>servedPart(command, failure))
                    .thenApply(count -> {
                        deleted += count;
                        report(progress, deleted);
                        return count;
                    }));
        }
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
