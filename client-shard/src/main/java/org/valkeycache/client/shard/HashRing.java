package org.valkeycache.client.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.internal.Arguments;

/**
 * A consistent-hash ring that places keys on nodes exactly as django-valkey's {@code ShardClient}
 * does, so a Java application and a Django application sharing the same servers agree on where
 * every key lives.
 *
 * <ul>
 *   <li>Each node, named by its location URL as written, has {@value #DEFAULT_POINTS_PER_NODE}
 *       points: the SHA-256 of {@code "<name>:<i>"} for {@code i = 0..127}, ordered as lowercase
 *       hex (the same order as the digests compared as unsigned bytes).</li>
 *   <li>A key's routing text is the made key, or, when the made key's first line holds a hash
 *       tag, the text between the last {@code '{'} that has a later {@code '}'} and the last
 *       {@code '}'} (django-valkey's {@code .*\{(.*)\}.*} without DOTALL; {@code "{}"} routes by
 *       the empty string).</li>
 *   <li>The key goes to the owner of the <em>predecessor</em> point: the largest point not
 *       greater than the SHA-256 of the routing text, wrapping to the last point.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; a lookup hashes once and binary-searches, without allocation
 * beyond the digest.
 */
public final class HashRing {

    /** Points per node, as in django-valkey. */
    public static final int DEFAULT_POINTS_PER_NODE = 128;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(HashRing::newDigest);

    private final List<String> nodes;
    /** The first 8 bytes of every point, big-endian, sorted unsigned. */
    private final long[] heads;
    /** The full digests of the points, in the same order (for the rare equal heads). */
    private final byte[][] points;
    /** The node index owning each point, in the same order. */
    private final int[] owners;

    private HashRing(List<String> nodes, int pointsPerNode) {
        this.nodes = nodes;
        int n = nodes.size() * pointsPerNode;
        Integer[] order = new Integer[n];
        byte[][] digests = new byte[n][];
        MessageDigest sha = SHA256.get();
        for (int node = 0; node < nodes.size(); node++) {
            for (int i = 0; i < pointsPerNode; i++) {
                int p = node * pointsPerNode + i;
                digests[p] = sha.digest((nodes.get(node) + ":" + i).getBytes(StandardCharsets.UTF_8));
                order[p] = p;
            }
        }
        // a stable sort: were two points equal, Python's dict would keep the later node; we keep the later too
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(digests[a], digests[b]));
        this.heads = new long[n];
        this.points = new byte[n][];
        this.owners = new int[n];
        for (int i = 0; i < n; i++) {
            int p = order[i];
            points[i] = digests[p];
            heads[i] = head(digests[p]);
            owners[i] = p / pointsPerNode;
        }
        for (int i = 1; i < n; i++) {
            if (Arrays.equals(points[i - 1], points[i])) {
                owners[i - 1] = owners[i];
            }
        }
    }

    /**
     * A ring with django-valkey's {@value #DEFAULT_POINTS_PER_NODE} points per node.
     *
     * @param nodeNames the node names (for interoperability: the location URLs exactly as the
     *     Django settings write them), not empty, no duplicates
     * @return the ring
     * @throws CacheConfigurationException when the list is empty or names a node twice
     */
    public static HashRing of(List<String> nodeNames) {
        return of(nodeNames, DEFAULT_POINTS_PER_NODE);
    }

    /**
     * A ring with a chosen number of points per node (more points spread keys more evenly; only
     * {@value #DEFAULT_POINTS_PER_NODE} places keys as django-valkey does).
     *
     * @param nodeNames the node names, not empty, no duplicates
     * @param pointsPerNode points per node, positive
     * @return the ring
     * @throws CacheConfigurationException when the list is empty or names a node twice
     * @throws IllegalArgumentException when {@code pointsPerNode} is not positive
     */
    public static HashRing of(List<String> nodeNames, int pointsPerNode) {
        Arguments.notNull(nodeNames, "nodeNames");
        if (pointsPerNode <= 0) {
            throw new IllegalArgumentException("pointsPerNode must be positive, got " + pointsPerNode);
        }
        if (nodeNames.isEmpty()) {
            throw new CacheConfigurationException("shard: a hash ring needs at least one node");
        }
        List<String> names = List.copyOf(nodeNames);
        if (new HashSet<>(names).size() != names.size()) {
            List<String> seen = new ArrayList<>();
            for (String name : names) {
                if (seen.contains(name)) {
                    throw new CacheConfigurationException("shard: node '" + name + "' is listed twice");
                }
                seen.add(name);
            }
        }
        return new HashRing(names, pointsPerNode);
    }

    /**
     * The node names, in the order given.
     *
     * @return an unmodifiable list
     */
    public List<String> nodes() {
        return nodes;
    }

    /**
     * The node of a made key, hash tags honoured.
     *
     * @param madeKey the made key as the server stores it (UTF-8)
     * @return the index of its node in {@link #nodes()}
     */
    public int nodeOf(byte[] madeKey) {
        int end = lineEnd(madeKey);
        int close = lastIndexOf(madeKey, (byte) '}', end);
        if (close > 0) {
            int open = lastIndexOf(madeKey, (byte) '{', close);
            if (open >= 0) {
                return nodeOfRoutingKey(madeKey, open + 1, close - open - 1);
            }
        }
        return nodeOfRoutingKey(madeKey, 0, madeKey.length);
    }

    /**
     * The node of a made key given as text, hash tags honoured.
     *
     * @param madeKey the made key
     * @return the index of its node in {@link #nodes()}
     */
    public int nodeOf(String madeKey) {
        return nodeOf(madeKey.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The node of a routing text as is, without hash-tag handling (django-valkey's
     * {@code HashRing.get_node}).
     *
     * @param routingKey the bytes to hash
     * @param offset where they start
     * @param length how many
     * @return the index of its node in {@link #nodes()}
     */
    public int nodeOfRoutingKey(byte[] routingKey, int offset, int length) {
        MessageDigest sha = SHA256.get();
        sha.update(routingKey, offset, length);
        byte[] h = sha.digest();
        return owners[predecessor(h)];
    }

    /** The index of the largest point not greater than {@code h}, or the last point. */
    private int predecessor(byte[] h) {
        long key = head(h);
        int lo = 0;
        int hi = heads.length;
        // the number of points <= h (bisect_right), by heads first and full digests on a tie
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(heads[mid], key);
            if (c == 0) {
                c = Arrays.compareUnsigned(points[mid], h);
            }
            if (c <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? heads.length - 1 : lo - 1;
    }

    /** The end of the first line: Python's {@code .} matches everything but {@code '\n'}. */
    private static int lineEnd(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '\n') {
                return i;
            }
        }
        return key.length;
    }

    private static int lastIndexOf(byte[] key, byte b, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (key[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static long head(byte[] digest) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (digest[i] & 0xFF);
        }
        return v;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "HashRing[" + nodes.size() + " nodes, " + heads.length + " points]";
    }
}
