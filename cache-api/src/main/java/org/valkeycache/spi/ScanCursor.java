package org.valkeycache.spi;

import org.valkeycache.internal.Arguments;

/**
 * Position of a {@code SCAN} in progress. Opaque to the cache; a client that spans several nodes
 * may encode the node in {@link #value()}.
 *
 * @param value the cursor text as the client understands it
 * @param finished whether the scan has visited everything
 */
public record ScanCursor(String value, boolean finished) {

    /** Where every scan starts. */
    public static final ScanCursor START = new ScanCursor("0", false);

    /** A cursor that says the scan is complete. */
    public static final ScanCursor FINISHED = new ScanCursor("0", true);

    /**
     * Creates a cursor.
     *
     * @param value the cursor text, not null
     * @param finished whether the scan has visited everything
     */
    public ScanCursor {
        Arguments.notNull(value, "value");
    }

    /**
     * A cursor to continue from.
     *
     * @param value the cursor text returned by the server
     * @return the cursor
     */
    public static ScanCursor of(String value) {
        return new ScanCursor(value, false);
    }

    /**
     * Whether the scan has visited everything.
     *
     * @return true when there is nothing more to read
     */
    public boolean isFinished() {
        return finished;
    }
}
