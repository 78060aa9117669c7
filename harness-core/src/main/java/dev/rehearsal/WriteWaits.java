package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
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
 * @param blockedByTable how long the writes on each table were held up: the union of the spans from when each write
 *     that waited over 50 ms was due to when the server answered it — the time the migration held the lock they
 *     waited for, as the writers saw it; tables no write waited on are absent
 * @param timeline every write, in the order they were due: a page draws them
 * @since 0.1
 */
public record WriteWaits(WriteLoad load, int writes, int failed, Duration longest, Duration p99, Duration median,
        Map<String, Duration> longestByTable, Map<String, Duration> blockedByTable, List<Write> timeline) {

    /**
     * One write of the load.
     *
     * @param table the table it wrote
     * @param due when it was due, from the start of the load
     * @param waited how long it waited, from when it was due to when the server answered
     * @param refused whether the server refused it
     */
    public record Write(String table, Duration due, Duration waited, boolean refused) {

        /**
         * Create a write.
         *
         * @param table the table it wrote
         * @param due when it was due, from the start of the load
         * @param waited how long it waited
         * @param refused whether the server refused it
         * @throws NullPointerException if a component is {@code null}
         */
        public Write {
            requireNonNull(table, "table");
            requireNonNull(due, "due");
            requireNonNull(waited, "waited");
        }
    }

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
     * @param blockedByTable how long the writes on each table were held up
     * @param timeline every write, in the order they were due
     */
    public WriteWaits {
        requireNonNull(load, "load");
        requireNonNull(longest, "longest");
        requireNonNull(p99, "p99");
        requireNonNull(median, "median");
        longestByTable = Map.copyOf(longestByTable);
        blockedByTable = Map.copyOf(blockedByTable);
        timeline = List.copyOf(timeline);
    }

    /**
     * Create a report without the spans the writes were held up and without the timeline.
     *
     * @param load the load that ran
     * @param writes how many writes were issued
     * @param failed how many of them the server refused
     * @param longest the longest wait
     * @param p99 the 99th percentile
     * @param median the median
     * @param longestByTable the longest wait of the writes on each table
     */
    public WriteWaits(WriteLoad load, int writes, int failed, Duration longest, Duration p99, Duration median,
            Map<String, Duration> longestByTable) {
        this(load, writes, failed, longest, p99, median, longestByTable, Map.of(), List.of());
    }

    @Override
    public String toString() {
        return writes + " writes (" + load + "): longest wait " + longest.toMillis() + " ms, p99 " + p99.toMillis()
                + " ms, median " + median.toMillis() + " ms" + (failed == 0 ? "" : ", " + failed + " refused")
                + "; by table " + longestByTable.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").toList()
                + (blockedByTable.isEmpty() ? "" : "; held up " + blockedByTable.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").toList());
    }
}
