package org.valkeycache.client.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;

/** Placement against django-valkey's own test vector and against fixtures computed by Python's hashlib. */
class HashRingTest {

    /** django-valkey tests/test_hashring.py: nodes named node:0..2, keys test0..test9. */
    @Test
    void matchesDjangoValkeysTestVector() {
        HashRing ring = HashRing.of(List.of("node:0", "node:1", "node:2"));
        int[] got = IntStream.range(0, 10).map(i -> ring.nodeOf("test" + i)).toArray();
        assertThat(got).containsExactly(0, 2, 1, 2, 2, 2, 2, 0, 1, 1);
    }

    @Test
    void everyKeyOfTenThousandGetsANode() {
        HashRing ring = HashRing.of(List.of("node:0", "node:1", "node:2"));
        int[] counts = new int[3];
        for (int i = 0; i < 10_000; i++) {
            counts[ring.nodeOf("test" + i)]++;
        }
        assertThat(IntStream.of(counts).min().getAsInt()).isGreaterThan(2000);
    }

    /** Fixtures from {@code scripts/hashring.py fixtures}: three rings, about 2000 made keys each. */
    @Test
    void matchesPythonHashlibPlacementOnTheFixtures() throws IOException {
        List<Fixture> rings = readFixtures();
        assertThat(rings).hasSize(3);
        int checked = 0;
        for (Fixture f : rings) {
            HashRing ring = HashRing.of(f.nodes);
            int[] seen = new int[f.nodes.size()];
            for (int i = 0; i < f.keys.size(); i++) {
                byte[] key = f.keys.get(i);
                int node = ring.nodeOf(key);
                assertThat(node).as("%s on %s", new String(key, StandardCharsets.UTF_8), f.nodes.size() + " nodes")
                        .isEqualTo(f.expected.get(i));
                seen[node]++;
                checked++;
            }
            assertThat(IntStream.of(seen).min().getAsInt()).isPositive();
        }
        assertThat(checked).isGreaterThan(6000);
    }

    @Test
    void hashTagsRouteByTheLastTagOfTheFirstLine() {
        HashRing ring = HashRing.of(List.of("a", "b", "c", "d", "e"));
        int user = ring.nodeOf("user");
        for (String key : List.of(":1:{user}:cart", "shop:7:{user}", "x{y}{user}", "{user}\nmore", "{a}b{user}z")) {
            assertThat(ring.nodeOf(key)).as(key).isEqualTo(user);
        }
        // "{a}b}" routes by "a}b": the group runs to the last '}'
        byte[] greedy = "a}b".getBytes(StandardCharsets.UTF_8);
        assertThat(ring.nodeOf(":1:{a}b}")).isEqualTo(ring.nodeOfRoutingKey(greedy, 0, greedy.length));
        // a tag after the first line does not count: the whole key routes
        byte[] whole = "line\n{user}".getBytes(StandardCharsets.UTF_8);
        assertThat(ring.nodeOf(whole)).isEqualTo(ring.nodeOfRoutingKey(whole, 0, whole.length));
        // "{}" routes by the empty string
        assertThat(ring.nodeOf("k{}")).isEqualTo(ring.nodeOfRoutingKey(new byte[0], 0, 0));
    }

    @Test
    void aFourthNodeTakesAboutAQuarterOfTheKeysFromTheOthers() {
        List<String> three = List.of("valkey://10.0.0.1:6379", "valkey://10.0.0.2:6379", "valkey://10.0.0.3:6379");
        List<String> four = new ArrayList<>(three);
        four.add("valkey://10.0.0.4:6379");
        RingReport report = RingReport.measure(three, four, 100_000);
        assertThat(report.moved()).isBetween(0.15, 0.35);
        assertThat(report.maxOverMin()).isLessThan(1.6);
        assertThat(report.movedOnlyToTheNewNode()).isTrue();
    }

    @Test
    void badRingsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> HashRing.of(List.of())).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("at least one node");
        assertThatThrownBy(() -> HashRing.of(List.of("a", "b", "a"))).isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("'a' is listed twice");
        assertThatThrownBy(() -> HashRing.of(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pointsPerNode");
    }

    @Test
    void aSingleNodeTakesEveryKey() {
        HashRing ring = HashRing.of(List.of("only"));
        assertThat(IntStream.range(0, 1000).map(i -> ring.nodeOf("k" + i)).distinct()).containsExactly(0);
    }

    private record Fixture(List<String> nodes, List<byte[]> keys, List<Integer> expected) {
    }

    private static List<Fixture> readFixtures() throws IOException {
        List<Fixture> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                HashRingTest.class.getResourceAsStream("/hashring-fixtures.tsv"), StandardCharsets.UTF_8))) {
            Fixture current = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols[0].equals("ring")) {
                    current = new Fixture(List.of(cols).subList(1, cols.length), new ArrayList<>(), new ArrayList<>());
                    out.add(current);
                } else {
                    current.keys.add(HexFormat.of().parseHex(cols[0]));
                    current.expected.add(Integer.parseInt(cols[1]));
                }
            }
        }
        return out;
    }
}
