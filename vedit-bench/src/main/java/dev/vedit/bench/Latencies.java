package dev.vedit.bench;

import java.util.Arrays;

/** Latencies of one run, in nanoseconds, with nearest-rank percentiles. */
final class Latencies {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized void addAllTo(Latencies other) {
        for (int i = 0; i < size; i++) {
            other.add(values[i]);
        }
    }

    synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (0-100) in milliseconds; NaN when empty. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
}
