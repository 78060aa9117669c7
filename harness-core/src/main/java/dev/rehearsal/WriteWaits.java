package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * How long the writes of a {@link WriteLoad} waited while they ran: each write's time from when it was due to when
 * the server answered.
 *
 * @param load the load that ran
 * @param writes how many writes were issued
 * @param failed how many of them the server refused (a lock timeout, a deadlock, a row the migration removed)
 * @param longest the longest wait
 * @param p99 the 99th percentile
 * @param median the median
 * @param longestByTable the longest wait of the writes on each table
 * @since 0.1
 */
public record WriteWaits(WriteLoad load, int writes, int failed, Duration longest, Duration p99, Duration median,
        Map<String, Duration> longestByTable) {

    /**
     * Create a report.
     *
     * @param load the load that ran
     * @param writes how many writes were issued
     * @param failed how many of them the server refused
     * @param longest the longest wait
     * @param p99 the 99th percentile
     * @param median the median
     * @param longestByTable the longest wait of the writes on each table
     */
    public WriteWaits {
        requireNonNull(load, "load");
        requireNonNull(longest, "longest");
        requireNonNull(p99, "p99");
        requireNonNull(median, "median");
        longestByTable = Map.copyOf(longestByTable);
    }

    @Override
    public String toString() {
        return writes + " writes (" + load + "): longest wait " + longest.toMillis() + " ms, p99 " + p99.toMillis()
                + " ms, median " + median.toMillis() + " ms" + (failed == 0 ? "" : ", " + failed + " refused")
                + "; by table " + longestByTable.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").toList();
    }
}
