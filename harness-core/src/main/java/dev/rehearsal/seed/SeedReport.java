package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a seed put in the database: the seed, the rows per table, the defects planted and where.
 *
 * <p>Printed with every later verdict of the rehearsal, so a failure always says which data it met.
 *
 * @param seed the seed the rows derive from: the same seed on the same schema gives the same rows
 * @param version the schema version the rows were seeded at
 * @param rowsPerTable the rows seeded per table, in the order they were loaded
 * @param defects the defects planted
 * @param duration how long generating and loading took
 * @since 0.1
 */
public record SeedReport(long seed, String version, Map<String, Long> rowsPerTable, List<PlantedDefect> defects,
        Duration duration) {

    /**
     * Create a report.
     *
     * @param seed the seed the rows derive from: the same seed on the same schema gives the same rows
     * @param version the schema version the rows were seeded at
     * @param rowsPerTable the rows seeded per table, in the order they were loaded
     * @param defects the defects planted
     * @param duration how long generating and loading took
     * @throws NullPointerException if a component is {@code null}
     */
    public SeedReport {
        requireNonNull(version, "version");
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerTable));
        defects = List.copyOf(defects);
        requireNonNull(duration, "duration");
    }

    /**
     * Return the total number of rows seeded.
     *
     * @return the sum over tables
     */
    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Describe the report in one line, e.g.
     * {@code seed 42 at version 2: customers 2000, orders 8000; defects: 5 orphans in orders.customer_id}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String tables = rowsPerTable.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String planted = defects.isEmpty() ? "" : "; defects: " + defects.stream().map(PlantedDefect::toString)
                .collect(Collectors.joining("; "));
        return "seed " + seed + " at version " + version + ": " + (tables.isEmpty() ? "no rows" : tables) + planted;
    }
}
