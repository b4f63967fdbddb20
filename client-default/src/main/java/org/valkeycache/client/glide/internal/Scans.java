package org.valkeycache.client.glide.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;

/**
 * How a SCAN proceeds over the nodes of a strategy, written once: the COUNT rule, the page of a
 * finished scan, and cursors that name the node a scan is on ({@code <node>:<cursor on that node>},
 * where a new scan is {@code "0"}). A strategy says which nodes there are, where a new scan starts
 * and how one node is scanned ({@link NodeScan}); the per-node step is the one place a strategy
 * decides what a failing node means for the scan. The SCAN command itself is
 * {@link GlideCommands#scan}; the cluster-wide scan is {@link ClusterScans}.
 */
public final class Scans {

    /** The page of a scan that has already finished: no keys, still finished. */
    public static final ScanPage FINISHED_PAGE = new ScanPage(List.of(), ScanCursor.FINISHED);

    private Scans() {
    }

    /**
     * Checks the COUNT hint of a scan step.
     *
     * @param count the hint
     * @throws IllegalArgumentException when it is not positive
     */
    public static void requireCount(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
    }

    /** Scans one node of a strategy. */
    @FunctionalInterface
    public interface NodeScan {
        /**
         * One scan step on one node.
         *
         * @param node the node's index
         * @param cursor the node's own cursor ({@link ScanCursor#START} for a new scan of it)
         * @return the node's page, whose cursor is again the node's own
         */
        CompletableFuture<ScanPage> scan(int node, ScanCursor cursor);
    }

    /**
     * One step of a scan over numbered nodes, its cursor naming the node it is on.
     *
     * @param cursor the caller's cursor: {@link ScanCursor#START}, or one this method returned with the same nodes
     * @param count the COUNT hint (checked here)
     * @param nodeCount how many nodes there are (indexes {@code 0 .. nodeCount - 1})
     * @param first chooses the node a new scan starts on
     * @param walk whether a node that is done hands the scan to the next node, until the last is done
     *     (a scan of every node); otherwise the scan ends with its node (a scan of one node of several
     *     that hold the same keys)
     * @param step scans one node
     * @return the page, its cursor naming the node to continue on
     * @throws IllegalArgumentException for a non-positive count or a cursor these nodes did not make
     */
    public static CompletableFuture<ScanPage> overNodes(ScanCursor cursor, int count, int nodeCount, IntSupplier first,
            boolean walk, NodeScan step) {
        requireCount(count);
        if (cursor.isFinished()) {
            return CompletableFuture.completedFuture(FINISHED_PAGE);
        }
        String value = cursor.value();
        int node;
        ScanCursor inner;
        int colon = value.indexOf(':');
        if (colon < 0) {
            if (!value.equals("0")) {
                throw foreign(value, null);
            }
            node = first.getAsInt();
            inner = ScanCursor.START;
        } else {
            try {
                node = Integer.parseInt(value.substring(0, colon));
            } catch (NumberFormatException e) {
                throw foreign(value, e);
            }
            if (node < 0 || node >= nodeCount) {
                throw foreign(value, null);
            }
            inner = ScanCursor.of(value.substring(colon + 1));
        }
        int at = node;
        // the continuation only builds the cursor: cheap enough for glide's callback thread
        return step.scan(at, inner).thenApply(page -> new ScanPage(page.keys(), next(at, page.next(), nodeCount, walk)));
    }

    private static ScanCursor next(int node, ScanCursor inner, int nodeCount, boolean walk) {
        if (!inner.isFinished()) {
            return ScanCursor.of(node + ":" + inner.value());
        }
        return walk ? afterNode(node, nodeCount) : ScanCursor.FINISHED;
    }

    /**
     * Where a scan of every node goes on once {@code node} is done (or is to be skipped): the start
     * of the next node, or finished after the last.
     *
     * @param node the node that is done
     * @param nodeCount how many nodes there are
     * @return the cursor of the next node's first step, or {@link ScanCursor#FINISHED}
     */
    public static ScanCursor afterNode(int node, int nodeCount) {
        return node + 1 < nodeCount ? ScanCursor.of((node + 1) + ":0") : ScanCursor.FINISHED;
    }

    private static IllegalArgumentException foreign(String value, Throwable cause) {
        return new IllegalArgumentException("not a cursor of this client: " + value, cause);
    }
}
