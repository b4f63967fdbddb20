package org.valkeycache.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pre-built keys and values for one value size, so no client pays for building them inside the
 * timed loop. {@code user*} keys are what the valkey-cache facade is given; {@code full*} keys are
 * the same keys as stored ({@code b:1:<key>}), which the raw clients use directly.
 */
final class Data {

    static final String PREFIX = "b:1:";
    static final int BATCH = 100;
    static final int TTL_SECONDS = 300;

    final int valueSize;
    final String value;
    final String[] hitUser;
    final String[] hitFull;
    final String[] missUser;
    final String[] missFull;
    final String[] setUser;
    final String[] setFull;
    final List<List<String>> batchUser = new ArrayList<>();
    final List<List<String>> batchFull = new ArrayList<>();
    final List<Map<String, String>> setBatchUser = new ArrayList<>();
    final List<Map<String, String>> setBatchFull = new ArrayList<>();
    final String counterUser = "ctr";
    final String counterFull = PREFIX + "ctr";

    Data(int keys, int valueSize) {
        this.valueSize = valueSize;
        this.value = text(valueSize);
        hitUser = new String[keys];
        hitFull = new String[keys];
        missUser = new String[keys];
        missFull = new String[keys];
        setUser = new String[keys];
        setFull = new String[keys];
        for (int i = 0; i < keys; i++) {
            hitUser[i] = "h" + valueSize + ":" + i;
            hitFull[i] = PREFIX + hitUser[i];
            missUser[i] = "miss:" + i;
            missFull[i] = PREFIX + missUser[i];
            setUser[i] = "s" + valueSize + ":" + i;
            setFull[i] = PREFIX + setUser[i];
        }
        for (int start = 0; start + BATCH <= keys; start += BATCH) {
            List<String> u = new ArrayList<>(BATCH);
            List<String> f = new ArrayList<>(BATCH);
            Map<String, String> su = new LinkedHashMap<>();
            Map<String, String> sf = new LinkedHashMap<>();
            for (int i = start; i < start + BATCH; i++) {
                u.add(hitUser[i]);
                f.add(hitFull[i]);
                su.put(setUser[i], value);
                sf.put(setFull[i], value);
            }
            batchUser.add(Collections.unmodifiableList(u));
            batchFull.add(Collections.unmodifiableList(f));
            setBatchUser.add(Collections.unmodifiableMap(su));
            setBatchFull.add(Collections.unmodifiableMap(sf));
        }
    }

    /**
     * A read/write key stream for mixed workloads: {@code samples} keys drawn from {@code keys}
     * keys with a Zipf distribution of exponent {@code exponent} (rank 1 the most popular); the
     * read ({@code hit*}) and write ({@code set*}) arrays are the same stream, so writes land on the
     * keys that are read. No batches.
     */
    static Data zipf(int keys, int samples, double exponent, int valueSize, long seed) {
        double[] cumulative = new double[keys];
        double total = 0;
        for (int k = 0; k < keys; k++) {
            total += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = total;
        }
        Random random = new Random(seed);
        String[] user = new String[samples];
        for (int i = 0; i < samples; i++) {
            int at = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            int rank = at >= 0 ? at : Math.min(keys - 1, -at - 1);
            user[i] = "z" + valueSize + ":" + rank;
        }
        return new Data(user, valueSize);
    }

    private Data(String[] user, int valueSize) {
        this.valueSize = valueSize;
        this.value = text(valueSize);
        hitUser = user;
        setUser = user;
        missUser = user;
        hitFull = new String[user.length];
        for (int i = 0; i < user.length; i++) {
            hitFull[i] = PREFIX + user[i];
        }
        setFull = hitFull;
        missFull = hitFull;
    }

    int keys() {
        return hitUser.length;
    }

    int batches() {
        return batchUser.size();
    }

    /** ASCII text of exactly {@code size} characters (stored as the same bytes by every client). */
    static String text(int size) {
        StringBuilder sb = new StringBuilder(size);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        long x = 0x9E3779B97F4A7C15L;
        while (sb.length() < size) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            sb.append(alphabet.charAt((int) Math.floorMod(x, (long) alphabet.length())));
        }
        return sb.toString();
    }
}
