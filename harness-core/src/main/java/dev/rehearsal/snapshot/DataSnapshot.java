package dev.rehearsal.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of some tables at one moment, taken with {@code Rehearsal.snapshotData(...)}: per table its columns,
 * primary key and every row, each value as text. Compare it with a snapshot taken later to prove what a migration
 * step, a failure or a recovery did to the data.
 *
 * <pre>{@code
 * DataSnapshot before = rehearsal.snapshotData();
 * rehearsal.migrateTo("5");
 * assertThat(rehearsal).preservesData(before, DataMapping.unchanged()
 *         .renamedColumn("customers", "name", "full_name")
 *         .deletedRows("orders", List.of(11, 12)));
 * }</pre>
 *
 * <p>Values are held and compared as text: numbers without trailing zeros, so a number compares by value across
 * numeric types ({@code 9.90} in {@code NUMERIC(10,2)} is {@code 9.9} in {@code NUMERIC(12,3)}, {@code 5} in
 * {@code INT} is {@code 5} in {@code BIGINT}); text as it is; binary values as hex; dates, times and timestamps in ISO
 * form, instants with an offset in UTC. A change of kind shows as changed values (a date becoming a timestamp,
 * {@code true} becoming {@code 1}, {@code CHAR(n)} padding): declare such a column with
 * {@link DataMapping#changedColumn}.
 *
 * @since 0.1
 */
public final class DataSnapshot {

    /**
     * The rows of one table.
     *
     * @param name the table, as the database names it
     * @param columns its columns, in order
     * @param primaryKey the columns of its primary key; empty for a table without one
     * @param rows its rows, each a value per column as text, {@code null} for NULL
     * @since 0.1
     */
    public record TableRows(String name, List<String> columns, List<String> primaryKey, List<List<String>> rows) {

        /**
         * Create the rows of a table.
         *
         * @param name the table, as the database names it
         * @param columns its columns, in order
         * @param primaryKey the columns of its primary key; empty for a table without one
         * @param rows its rows, each a value per column as text, {@code null} for NULL
         * @throws NullPointerException if a component is {@code null}
         * @throws IllegalArgumentException if a key column is not a column, or a row has the wrong number of values
         */
        public TableRows {
            requireNonNull(name, "name");
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            for (String key : primaryKey) {
                if (columns.stream().noneMatch(key::equalsIgnoreCase)) {
                    throw new IllegalArgumentException(name + ": key column " + key + " is not one of " + columns);
                }
            }
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException(name + ": a row has " + row.size() + " values for "
                            + columns.size() + " columns: " + row);
                }
                copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
            }
            rows = Collections.unmodifiableList(copy);
        }

        /**
         * Return the position of a column.
         *
         * @param column a column name, any case
         * @return its index in {@link #columns()}, or -1
         */
        public int indexOf(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).equalsIgnoreCase(column)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Optional<String> version;
    private final List<TableRows> tables;

    private DataSnapshot(Optional<String> version, List<TableRows> tables) {
        this.version = requireNonNull(version, "version");
        this.tables = List.copyOf(tables);
        Set<String> names = new HashSet<>();
        for (TableRows table : this.tables) {
            if (!names.add(table.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("table " + table.name() + " appears twice");
            }
        }
    }

    /**
     * Create a snapshot, e.g. of the data a test expects.
     *
     * @param version the version the data belongs to; empty for none
     * @param tables the tables; must not be {@code null}
     * @return the snapshot
     * @throws IllegalArgumentException if a table appears twice
     */
    public static DataSnapshot of(Optional<String> version, List<TableRows> tables) {
        return new DataSnapshot(version, tables);
    }

    /**
     * Return a value as a snapshot holds it: numbers without trailing zeros, binary values as {@code 0x} and hex,
     * timestamps, dates and times in ISO form, instants ({@code OffsetDateTime}, {@code Instant}) in UTC, anything
     * else as its {@code toString()}. Use it to write the rows of
     * an expected snapshot.
     *
     * @param value a value as JDBC returns it, or as a test writes it; may be {@code null}
     * @return the text, {@code null} for {@code null}
     */
    public static String text(Object value) {
        return ValueText.of(value);
    }

    /**
     * Return the version the database was at when the snapshot was taken.
     *
     * @return the version; empty for an empty history
     */
    public Optional<String> version() {
        return version;
    }

    /**
     * Return the tables the snapshot holds.
     *
     * @return the tables, in the schema's order; never {@code null}
     */
    public List<TableRows> tables() {
        return tables;
    }

    /**
     * Return a table by name.
     *
     * @param name the name, any case; must not be {@code null}
     * @return the table, or empty if the snapshot does not hold it
     */
    public Optional<TableRows> table(String name) {
        requireNonNull(name, "name");
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Return how many rows a table had.
     *
     * @param table a table of the snapshot, any case; must not be {@code null}
     * @return the row count
     * @throws IllegalArgumentException if the snapshot does not hold the table
     */
    public long rowCount(String table) {
        return required(table).rows().size();
    }

    /**
     * Return an order-independent checksum of a table's rows: equal for equal rows in any order.
     *
     * @param table a table of the snapshot, any case; must not be {@code null}
     * @return the checksum, 16 hex digits
     * @throws IllegalArgumentException if the snapshot does not hold the table
     */
    public String checksum(String table) {
        long sum = 0;
        for (List<String> row : required(table).rows()) {
            sum += RowText.hash(row);
        }
        return String.format("%016x", sum);
    }

    /**
     * Compare this snapshot, taken before, with one taken after: rows matched by primary key (by their whole value in
     * a table without one), each kept column compared. Columns the later snapshot added are not compared.
     *
     * @param after a snapshot taken later; must not be {@code null}
     * @param mapping what changed on purpose: renamed and dropped tables and columns, columns whose values were meant
     *     to change, rows meant to be deleted or added; must not be {@code null}
     * @return the differences; empty when the data was preserved
     * @throws dev.rehearsal.RehearsalConfigurationException if the mapping names a table, column or row this
     *     snapshot does not hold
     */
    public DataDiff diff(DataSnapshot after, DataMapping mapping) {
        requireNonNull(after, "after");
        requireNonNull(mapping, "mapping");
        return new Comparison(this, after, mapping).run();
    }

    TableRows required(String table) {
        requireNonNull(table, "table");
        return table(table).orElseThrow(() -> new IllegalArgumentException("The snapshot holds no table " + table
                + "; it holds " + tables.stream().map(TableRows::name).toList() + ".\nTo fix this, name one of those,"
                + " or take a snapshot that includes it: snapshotData(\"" + table + "\", ...)."));
    }

    @Override
    public String toString() {
        return "data at version " + version.orElse("<none>") + ": " + tables.stream()
                .map(t -> t.name() + " (" + t.rows().size() + " rows)").toList();
    }
}
