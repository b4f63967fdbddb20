package org.valkeycache;

/**
 * Conditions of a {@code ZADD}: {@code NX} (only add new members), {@code XX} (only update
 * existing ones), {@code GT} / {@code LT} (only update when the new score is greater / less), and
 * {@code CH} (count changed members, not only added ones). Immutable.
 */
public final class ZAddArgs {

    private static final ZAddArgs NONE = new ZAddArgs(false, false, false, false, false);

    private final boolean nx;
    private final boolean xx;
    private final boolean gt;
    private final boolean lt;
    private final boolean ch;

    private ZAddArgs(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch) {
        if (nx && xx) {
            throw new IllegalArgumentException("ZADD: nx and xx exclude each other");
        }
        if (gt && lt) {
            throw new IllegalArgumentException("ZADD: gt and lt exclude each other");
        }
        if (nx && (gt || lt)) {
            throw new IllegalArgumentException("ZADD: nx cannot be combined with gt or lt");
        }
        this.nx = nx;
        this.xx = xx;
        this.gt = gt;
        this.lt = lt;
        this.ch = ch;
    }

    /** @return no condition: add new members, update existing ones */
    public static ZAddArgs none() {
        return NONE;
    }

    /** @return only add new members ({@code NX}) */
    public static ZAddArgs nx() {
        return NONE.withNx();
    }

    /** @return only update existing members ({@code XX}) */
    public static ZAddArgs xx() {
        return NONE.withXx();
    }

    /** @return only update when the new score is greater ({@code GT}); new members are added */
    public static ZAddArgs gt() {
        return NONE.withGt();
    }

    /** @return only update when the new score is less ({@code LT}); new members are added */
    public static ZAddArgs lt() {
        return NONE.withLt();
    }

    /** @return these conditions plus {@code NX} */
    public ZAddArgs withNx() {
        return new ZAddArgs(true, xx, gt, lt, ch);
    }

    /** @return these conditions plus {@code XX} */
    public ZAddArgs withXx() {
        return new ZAddArgs(nx, true, gt, lt, ch);
    }

    /** @return these conditions plus {@code GT} */
    public ZAddArgs withGt() {
        return new ZAddArgs(nx, xx, true, lt, ch);
    }

    /** @return these conditions plus {@code LT} */
    public ZAddArgs withLt() {
        return new ZAddArgs(nx, xx, gt, true, ch);
    }

    /** @return these conditions, counting changed members too ({@code CH}) */
    public ZAddArgs changed() {
        return new ZAddArgs(nx, xx, gt, lt, true);
    }

    boolean nxSet() {
        return nx;
    }

    boolean xxSet() {
        return xx;
    }

    boolean gtSet() {
        return gt;
    }

    boolean ltSet() {
        return lt;
    }

    boolean chSet() {
        return ch;
    }

    @Override
    public String toString() {
        return "ZAddArgs[" + (nx ? " NX" : "") + (xx ? " XX" : "") + (gt ? " GT" : "") + (lt ? " LT" : "")
                + (ch ? " CH" : "") + " ]";
    }
}
