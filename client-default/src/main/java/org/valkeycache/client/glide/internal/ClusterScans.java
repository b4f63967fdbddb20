package org.valkeycache.client.glide.internal;

import glide.api.GlideClusterClient;
import glide.api.models.commands.scan.ClusterScanCursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.valkeycache.client.glide.internal.GlideCommands.ClusterScanStep;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;

/**
 * Scans of a whole cluster through glide's cluster-wide SCAN ({@link GlideCommands#clusterScan}),
 * which walks every slot once on whichever primary holds it at the time. Glide's cursor lives in
 * its native core, so a scan a caller continues later is kept open here under an id its
 * {@link ScanCursor} carries; the most recent {@value #MAX_OPEN_SCANS} stay open and older ones are
 * released. Every cursor handle is released once its step has answered. Thread-safe.
 */
public final class ClusterScans implements AutoCloseable {

    /** Scan cursors kept for callers that continue a scan later; older ones are released. */
    public static final int MAX_OPEN_SCANS = 1024;

    private final GlideConnection<GlideClusterClient> connection;
    private final AtomicLong scanIds = new AtomicLong();
    /** Open cluster scans by the id their {@link ScanCursor} carries. */
    private final Map<String, ClusterScanCursor> open = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClusterScanCursor> eldest) {
            if (size() > MAX_OPEN_SCANS) {
                eldest.getValue().releaseCursorHandle();
                return true;
            }
            return false;
        }
    };

    /**
     * Scans of one cluster connection.
     *
     * @param connection the cluster connection the scans run on
     */
    public ClusterScans(GlideConnection<GlideClusterClient> connection) {
        this.connection = connection;
    }

    /**
     * Every matching key of the cluster: the whole scan, step after step.
     *
     * @param pattern the MATCH pattern
     * @param count the COUNT hint of each step
     * @return the keys (a key may come twice, as with the server's SCAN)
     */
    public CompletableFuture<List<byte[]>> all(byte[] pattern, int count) {
        Scans.requireCount(count);
        return collect(ClusterScanCursor.initialCursor(), pattern, count, new ArrayList<>());
    }

    private CompletableFuture<List<byte[]>> collect(ClusterScanCursor cursor, byte[] pattern, int count,
            List<byte[]> found) {
        return GlideCommands.clusterScan(connection, cursor, pattern, count).thenCompose(step -> {
            found.addAll(step.keys());
            release(cursor);
            if (step.cursor().isFinished()) {
                step.cursor().releaseCursorHandle();
                return CompletableFuture.completedFuture(found);
            }
            return collect(step.cursor(), pattern, count, found);
        });
    }

    /**
     * One step of a cluster-wide scan.
     *
     * @param cursor {@link ScanCursor#START}, or the cursor of the previous step
     * @param pattern the MATCH pattern
     * @param count the COUNT hint
     * @return the page; its cursor names the scan kept open
     * @throws IllegalArgumentException for a non-positive count, or a cursor that names no open scan
     */
    public CompletableFuture<ScanPage> step(ScanCursor cursor, byte[] pattern, int count) {
        Scans.requireCount(count);
        if (cursor.isFinished()) {
            return CompletableFuture.completedFuture(Scans.FINISHED_PAGE);
        }
        ClusterScanCursor from;
        if (cursor.value().equals("0")) {
            from = ClusterScanCursor.initialCursor();
        } else {
            synchronized (open) {
                from = open.remove(cursor.value());
            }
            if (from == null) {
                throw new IllegalArgumentException("not an open scan of this client (finished, or one of more than "
                        + MAX_OPEN_SCANS + " left unfinished): " + cursor.value());
            }
        }
        return GlideCommands.clusterScan(connection, from, pattern, count).thenApply(step -> page(from, step));
    }

    private ScanPage page(ClusterScanCursor used, ClusterScanStep step) {
        release(used);
        if (step.cursor().isFinished()) {
            step.cursor().releaseCursorHandle();
            return new ScanPage(step.keys(), ScanCursor.FINISHED);
        }
        String id = "cluster-" + scanIds.incrementAndGet();
        synchronized (open) {
            open.put(id, step.cursor());
        }
        return new ScanPage(step.keys(), ScanCursor.of(id));
    }

    /** Glide's initial cursor is shared and never released; any other is released after its step. */
    private static void release(ClusterScanCursor used) {
        if (used != ClusterScanCursor.initialCursor()) {
            used.releaseCursorHandle();
        }
    }

    /** Releases the scans still open. */
    @Override
    public void close() {
        synchronized (open) {
            open.values().forEach(ClusterScanCursor::releaseCursorHandle);
            open.clear();
        }
    }
}
