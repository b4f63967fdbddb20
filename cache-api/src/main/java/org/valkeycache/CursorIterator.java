package org.valkeycache;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.valkeycache.spi.ScanCursor;

/**
 * The one iterator over a cursor command ({@code SCAN}, {@code SSCAN}): pulls the next page only
 * when the current one is used up. Whether a failed step ends the iteration quietly or throws is
 * the step's choice (the ignore-exceptions policy for streams handed to users, a strict wait
 * where a failure must not look like "done", as in pattern deletes). Not thread-safe.
 *
 * @param <T> the item type
 */
final class CursorIterator<T> implements Iterator<T> {

    /**
     * One step's items and where to continue.
     *
     * @param items the items of this step
     * @param next the cursor to continue from, {@link ScanCursor#isFinished() finished} when the
     *     server said the iteration is complete
     */
    record Page<T>(List<T> items, ScanCursor next) {
    }

    /** Fetches one page. */
    @FunctionalInterface
    interface Step<T> {
        /** @return the page after {@code cursor}, or null to end the iteration (an ignored failure) */
        Page<T> fetch(ScanCursor cursor);
    }

    private final Step<T> step;
    private ScanCursor cursor = ScanCursor.START;
    private Iterator<T> page = Collections.emptyIterator();

    CursorIterator(Step<T> step) {
        this.step = step;
    }

    /** @return a lazy ordered stream over the items of every page */
    static <T> Stream<T> stream(Step<T> step) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new CursorIterator<>(step),
                Spliterator.ORDERED), false);
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && !cursor.isFinished()) {
            Page<T> next = step.fetch(cursor);
            if (next == null) {
                cursor = ScanCursor.FINISHED;
                return false;
            }
            cursor = next.next();
            page = next.items().iterator();
        }
        return page.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }
}
