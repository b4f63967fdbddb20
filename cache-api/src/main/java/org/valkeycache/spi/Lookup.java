package org.valkeycache.spi;

/**
 * What the read of {@code getOrSet} found ({@link ValkeyClient#lookup}), and so what the cache
 * does next: return a value ({@link #hit}), compute one and add it only if the key is still absent
 * ({@link #miss}), or compute one and overwrite the value that is stored ({@link #recompute}, for
 * a client that keeps stale values readable, such as the herd client).
 *
 * <p>A recompute may carry a lease: something the client took to make this caller the only one
 * recomputing (for example a short lock on the server). The cache hands the lookup back to
 * {@link ValkeyClient#storeComputed} when the new value is written, or to
 * {@link ValkeyClient#abandonComputed} when computing it failed, so the client can release it.
 * Immutable.
 */
public final class Lookup {

    private static final Lookup MISS = new Lookup(null, false, null);

    private final byte[] value;
    private final boolean recompute;
    private final Object lease;

    private Lookup(byte[] value, boolean recompute, Object lease) {
        this.value = value;
        this.recompute = recompute;
        this.lease = lease;
    }

    /**
     * The key is missing: compute the value and add it if the key is still absent.
     *
     * @return the miss
     */
    public static Lookup miss() {
        return MISS;
    }

    /**
     * A stored value to return as it is.
     *
     * @param value the stored (encoded) bytes, not null
     * @return the hit
     */
    public static Lookup hit(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("a hit needs a value; use Lookup.miss() for a missing key");
        }
        return new Lookup(value, false, null);
    }

    /**
     * A plain read's answer: a hit for bytes, a miss for {@code null}.
     *
     * @param valueOrNull what {@link ValkeyClient#get} returned
     * @return the hit or the miss
     */
    public static Lookup of(byte[] valueOrNull) {
        return valueOrNull == null ? MISS : new Lookup(valueOrNull, false, null);
    }

    /**
     * A value is stored but this caller must compute a new one and overwrite it.
     *
     * @param lease what the client must release after the write (or after a failed computation),
     *     or null when there is nothing to release
     * @return the recompute
     */
    public static Lookup recompute(Object lease) {
        return new Lookup(null, true, lease);
    }

    /**
     * The bytes to return for a hit.
     *
     * @return the encoded value, or null for a miss or a recompute
     */
    public byte[] value() {
        return value;
    }

    /**
     * Whether the caller computes a value and overwrites the stored one ({@code SET}) rather than
     * adding it ({@code SET NX}).
     *
     * @return true for a recompute
     */
    public boolean recompute() {
        return recompute;
    }

    /**
     * The client's lease of a recompute.
     *
     * @return the lease, or null
     */
    public Object lease() {
        return lease;
    }

    @Override
    public String toString() {
        return recompute ? "Lookup[recompute" + (lease == null ? "" : ", leased") + "]"
                : value == null ? "Lookup[miss]" : "Lookup[hit, " + value.length + " bytes]";
    }
}
