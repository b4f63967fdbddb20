package org.valkeycache.benchmarks.load;

import java.util.Locale;

/** One measured (client, workload, value size, threads) cell. Latencies in microseconds. */
record Result(String client, String workload, int valueSize, int threads, long calls, double seconds,
              double opsPerSec, double meanUs, double p50Us, double p99Us, double p999Us, double maxUs, long errors) {

    static final String CSV_HEADER = "client,workload,value_size,threads,calls,seconds,ops_per_sec,mean_us,p50_us,p99_us,p999_us,max_us,errors";

    String csv() {
        return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.3f,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f,%d",
                client, workload, valueSize, threads, calls, seconds, opsPerSec, meanUs, p50Us, p99Us, p999Us, maxUs, errors);
    }

    String sizeLabel() {
        return sizeLabel(valueSize);
    }

    static String sizeLabel(int size) {
        if (size >= 1024 * 1024 && size % (1024 * 1024) == 0) {
            return size / (1024 * 1024) + "MB";
        }
        if (size >= 1024 && size % 1024 == 0) {
            return size / 1024 + "KB";
        }
        if (size >= 1000 && size % 1000 == 0) {
            return size / 1000 + "KB";
        }
        return size + "B";
    }
}
