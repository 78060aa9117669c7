package dev.rehearsal.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The differences between the data of two snapshots, beyond what a {@link DataMapping} declared.
 *
 * @param differences the first differences found, at most {@value #LIMIT_PER_TABLE} per table, table by table
 * @param moreDifferences how many further differing rows were counted but not kept
 * @since 0.1
 */
public record DataDiff(List<Difference> differences, long moreDifferences) {

    /** How many differences are kept per table: enough to read, few enough to print. */
    public static final int LIMIT_PER_TABLE = 10;

    /** What differs. */
    public enum Kind {
        /** A table of the earlier snapshot is gone. */
        TABLE_MISSING,
        /** A column of the earlier snapshot is gone. */
        COLUMN_MISSING,
        /** A row is gone. */
        ROW_MISSING,
        /** A row was added. */
        ROW_ADDED,
        /** A row kept its key but changed values. */
        ROW_CHANGED,
        /** A row declared deleted is still there. */
        ROW_NOT_DELETED
    }

    /**
     * One difference.
     *
     * @param table the table, as the earlier snapshot names it
     * @param kind what differs
     * @param row the row, e.g. {@code id=11}, or its values in a table without primary key; empty for a table or
     *     column
     * @param detail what was found, e.g. {@code total: 9.90 -> 9.95}
     * @since 0.1
     */
    public record Difference(String table, Kind kind, String row, String detail) {

        /**
         * Create a difference.
         *
         * @param table the table, as the earlier snapshot names it
         * @param kind what differs
         * @param row the row, e.g. {@code id=11}, or its values in a table without primary key; empty for a table or column
         * @param detail what was found, e.g. {@code total: 9.90 -> 9.95}
         * @throws NullPointerException if a component is {@code null}
         */
        public Difference {
            requireNonNull(table, "table");
            requireNonNull(kind, "kind");
            requireNonNull(row, "row");
            requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            String what = switch (kind) {
                case TABLE_MISSING -> "table is gone";
                case COLUMN_MISSING -> "column is gone";
                case ROW_MISSING -> "row " + row + " is gone";
                case ROW_ADDED -> "row " + row + " was added";
                case ROW_CHANGED -> "row " + row + " changed";
                case ROW_NOT_DELETED -> "row " + row + " was declared deleted but is still there";
            };
            return table + ": " + what + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /**
     * Create a diff.
     *
     * @param differences the first differences found, at most {@value #LIMIT_PER_TABLE} per table, table by table
     * @param moreDifferences how many further differing rows were counted but not kept
     * @throws NullPointerException if the differences are {@code null}
     * @throws IllegalArgumentException if moreDifferences is negative
     */
    public DataDiff {
        differences = List.copyOf(differences);
        if (moreDifferences < 0) {
            throw new IllegalArgumentException("moreDifferences must not be negative: " + moreDifferences);
        }
    }

    /**
     * Return whether the data was preserved.
     *
     * @return {@code true} when nothing differs
     */
    public boolean isEmpty() {
        return differences.isEmpty() && moreDifferences == 0;
    }

    /**
     * Return the differences, one per line.
     *
     * @return the report, e.g. {@code orders: row id=11 is gone: {id=11, customer_id=999, total=5}}
     */
    public String report() {
        if (isEmpty()) {
            return "the data is preserved";
        }
        return differences.stream().map(Difference::toString).collect(Collectors.joining("\n"))
                + (moreDifferences > 0 ? "\n... and " + moreDifferences + " more differing row(s)" : "");
    }

    @Override
    public String toString() {
        return report();
    }
}
