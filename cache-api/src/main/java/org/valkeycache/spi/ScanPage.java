package org.valkeycache.spi;

import java.util.List;
import org.valkeycache.internal.Arguments;

/**
 * One step of a {@code SCAN}: the keys it returned and where to continue.
 *
 * @param keys made keys returned by this step (possibly empty; duplicates across steps are
 *     possible, as with the server's SCAN)
 * @param next the cursor to pass to the next step; {@link ScanCursor#isFinished()} when done
 */
public record ScanPage(List<byte[]> keys, ScanCursor next) {

    /**
     * Creates a page.
     *
     * @param keys keys of this step, not null
     * @param next cursor of the next step, not null
     */
    public ScanPage {
        Arguments.notNull(keys, "keys");
        Arguments.notNull(next, "next");
    }
}
