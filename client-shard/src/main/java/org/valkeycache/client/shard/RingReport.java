package org.valkeycache.client.shard;

import java.util.Arrays;
import java.util.List;

/**
 * The figures of a ring that matter for capacity planning, measured over made keys
 * {@code ":1:key0" .. ":1:key<n-1>"}: how evenly the keys spread over the nodes, and how many
 * move when the node list changes.
 *
 * @param shares each node's share of the keys on the first ring, in node order
 * @param maxOverMin the largest node share divided by the smallest
 * @param moved the share of keys whose node changes from the first ring to the second
 * @param movedOnlyToTheNewNode whether every moved key went to a node the first ring lacks
 */
public record RingReport(double[] shares, double maxOverMin, double moved, boolean movedOnlyToTheNewNode) {

    /**
     * Places {@code keys} made keys on both rings and compares.
     *
     * @param before the node names of the first ring
     * @param after the node names of the second ring (for example {@code before} plus one node)
     * @param keys how many keys to place, positive
     * @return the figures
     */
    public static RingReport measure(List<String> before, List<String> after, int keys) {
        if (keys <= 0) {
            throw new IllegalArgumentException("keys must be positive, got " + keys);
        }
        HashRing first = HashRing.of(before);
        HashRing second = HashRing.of(after);
        long[] counts = new long[before.size()];
        long moved = 0;
        boolean onlyToNew = true;
        for (int i = 0; i < keys; i++) {
            String key = ":1:key" + i;
            String from = before.get(first.nodeOf(key));
            String to = after.get(second.nodeOf(key));
            counts[first.nodeOf(key)]++;
            if (!from.equals(to)) {
                moved++;
                onlyToNew &= !before.contains(to);
            }
        }
        double[] shares = Arrays.stream(counts).mapToDouble(c -> (double) c / keys).toArray();
        double max = Arrays.stream(shares).max().orElse(0);
        double min = Arrays.stream(shares).min().orElse(0);
        return new RingReport(shares, min == 0 ? Double.POSITIVE_INFINITY : max / min, (double) moved / keys, onlyToNew);
    }

    /**
     * Prints the README figures: spread of 100k keys over 3 nodes and the keys moved when a 4th
     * node joins.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<String> three = List.of("valkey://10.0.0.1:6379", "valkey://10.0.0.2:6379", "valkey://10.0.0.3:6379");
        List<String> four = List.of("valkey://10.0.0.1:6379", "valkey://10.0.0.2:6379", "valkey://10.0.0.3:6379",
                "valkey://10.0.0.4:6379");
        RingReport r = measure(three, four, 100_000);
        System.out.printf("shares over 3 nodes: %s%nmax/min: %.3f%nmoved when a 4th node joins: %.2f%% (only to the new node: %s)%n",
                Arrays.toString(Arrays.stream(r.shares).map(s -> Math.round(s * 10000) / 100.0).toArray()),
                r.maxOverMin, r.moved * 100, r.movedOnlyToTheNewNode);
    }
}
