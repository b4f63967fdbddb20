package org.valkeycache.client.glide.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.valkeycache.spi.ScanCursor;
import org.valkeycache.spi.ScanPage;

/**
 * Server-free: how {@link Scans#overNodes} names nodes in its cursors, walks them (a ring of
 * independent nodes) or keeps to one (a primary and its replicas), and refuses what it did not make.
 */
class ScansTest {

    /** Three nodes of two pages each: node n answers key "n.p" and cursor "1", then "n.1" and done. */
    private static final Scans.NodeScan TWO_PAGES = (node, cursor) -> CompletableFuture.completedFuture(
            new ScanPage(List.of((node + "." + cursor.value()).getBytes(UTF_8)),
                    cursor.value().equals("0") ? ScanCursor.of("1") : ScanCursor.FINISHED));

    @Test
    void walkVisitsEveryNodeInOrderAndNamesTheNodeInItsCursor() {
        List<String> keys = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        ScanCursor cursor = ScanCursor.START;
        while (!cursor.isFinished()) {
            ScanPage page = Scans.overNodes(cursor, 10, 3, () -> 0, true, TWO_PAGES).join();
            page.keys().forEach(k -> keys.add(new String(k, UTF_8)));
            cursor = page.next();
            cursors.add(cursor.isFinished() ? "done" : cursor.value());
        }
        assertThat(keys).containsExactly("0.0", "0.1", "1.0", "1.1", "2.0", "2.1");
        assertThat(cursors).containsExactly("0:1", "1:0", "1:1", "2:0", "2:1", "done");
        assertThat(Scans.afterNode(0, 3)).isEqualTo(ScanCursor.of("1:0"));
        assertThat(Scans.afterNode(2, 3)).isEqualTo(ScanCursor.FINISHED);
    }

    @Test
    void withoutWalkTheScanKeepsToTheNodeItStartedOn() {
        ScanPage first = Scans.overNodes(ScanCursor.START, 10, 3, () -> 2, false, TWO_PAGES).join();
        assertThat(first.next().value()).isEqualTo("2:1");
        ScanPage second = Scans.overNodes(first.next(), 10, 3, () -> 0, false, TWO_PAGES).join();
        assertThat(new String(second.keys().get(0), UTF_8)).isEqualTo("2.1");
        assertThat(second.next().isFinished()).isTrue();
    }

    @Test
    void aFinishedCursorScansNothing() {
        Scans.NodeScan never = (node, cursor) -> {
            throw new AssertionError("scanned node " + node);
        };
        assertThat(Scans.overNodes(ScanCursor.FINISHED, 10, 3, () -> 0, true, never).join())
                .isSameAs(Scans.FINISHED_PAGE);
    }

    @Test
    void cursorsOfOtherClientsAndNonPositiveCountsAreRefused() {
        for (String bad : List.of("5", "x:1", "3:0", "-1:0", "cluster-7")) {
            assertThatThrownBy(() -> Scans.overNodes(ScanCursor.of(bad), 10, 3, () -> 0, true, TWO_PAGES))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("not a cursor of this client: " + bad);
        }
        for (int count : new int[] {0, -1}) {
            assertThatThrownBy(() -> Scans.overNodes(ScanCursor.START, count, 3, () -> 0, true, TWO_PAGES))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("count must be positive, got " + count);
        }
    }

    @Test
    void theNodesOwnCursorIsPassedOnWhole() {
        // a node that is itself several nodes (a shard node with replicas) has colons in its cursor
        Map<String, String> seen = new HashMap<>();
        Scans.NodeScan nested = (node, cursor) -> {
            seen.put("node", Integer.toString(node));
            seen.put("cursor", cursor.value());
            return CompletableFuture.completedFuture(new ScanPage(List.of(), ScanCursor.of("1:42")));
        };
        ScanPage page = Scans.overNodes(ScanCursor.of("2:1:7"), 10, 3, () -> 0, true, nested).join();
        assertThat(seen).containsEntry("node", "2").containsEntry("cursor", "1:7");
        assertThat(page.next().value()).isEqualTo("2:1:42");
    }
}
