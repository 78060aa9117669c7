package dev.rehearsal.snapshot;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.seed.PlantedDefect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a step changed in the data on purpose, so that a data comparison holds it against nothing else: renamed and
 * dropped tables and columns, columns whose values were meant to change, rows meant to be deleted, tables meant to
 * gain rows. Immutable: each method returns a new mapping.
 *
 * <pre>{@code
 * DataMapping.unchanged()
 *         .renamedColumn("customers", "name", "full_name")
 *         .droppedColumn("customers", "fax")
 *         .deletedRows("orders", List.of(11, 12));
 * }</pre>
 *
 * <p>Tables and columns are named as the earlier snapshot names them, in any case.
 *
 * @since 0.1
 */
public final class DataMapping {

    private static final DataMapping UNCHANGED = new DataMapping(Map.of(), Set.of(), Map.of(), Set.of(), Set.of(),
            Map.of(), Set.of());

    private final Map<String, String> renamedTables;
    private final Set<String> droppedTables;
    private final Map<String, String> renamedColumns;
    private final Set<String> droppedColumns;
    private final Set<String> changedColumns;
    private final Map<String, List<List<String>>> deletedRows;
    private final Set<String> insertedRows;

    private DataMapping(Map<String, String> renamedTables, Set<String> droppedTables, Map<String, String> renamedColumns,
            Set<String> droppedColumns, Set<String> changedColumns, Map<String, List<List<String>>> deletedRows,
            Set<String> insertedRows) {
        // insertion order kept, so messages list the declarations as the test wrote them
        this.renamedTables = Collections.unmodifiableMap(new LinkedHashMap<>(renamedTables));
        this.droppedTables = Collections.unmodifiableSet(new LinkedHashSet<>(droppedTables));
        this.renamedColumns = Collections.unmodifiableMap(new LinkedHashMap<>(renamedColumns));
        this.droppedColumns = Collections.unmodifiableSet(new LinkedHashSet<>(droppedColumns));
        this.changedColumns = Collections.unmodifiableSet(new LinkedHashSet<>(changedColumns));
        this.deletedRows = Collections.unmodifiableMap(new LinkedHashMap<>(deletedRows));
        this.insertedRows = Collections.unmodifiableSet(new LinkedHashSet<>(insertedRows));
    }

    /**
     * Return the mapping that declares nothing: every row of every table, every value, is expected unchanged.
     *
     * @return the empty mapping
     */
    public static DataMapping unchanged() {
        return UNCHANGED;
    }

    /**
     * Declare a table renamed.
     *
     * @param from its earlier name; must not be {@code null}
     * @param to its new name; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping renamedTable(String from, String to) {
        Map<String, String> tables = new LinkedHashMap<>(renamedTables);
        tables.put(lower(from), requireNonNull(to, "to"));
        return new DataMapping(tables, droppedTables, renamedColumns, droppedColumns, changedColumns, deletedRows,
                insertedRows);
    }

    /**
     * Declare a table dropped, with all its rows.
     *
     * @param table the table; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping droppedTable(String table) {
        Set<String> tables = new LinkedHashSet<>(droppedTables);
        tables.add(lower(table));
        return new DataMapping(renamedTables, tables, renamedColumns, droppedColumns, changedColumns, deletedRows,
                insertedRows);
    }

    /**
     * Declare a column renamed; its values are still compared.
     *
     * @param table the table, as the earlier snapshot names it; must not be {@code null}
     * @param from the column's earlier name; must not be {@code null}
     * @param to its new name; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping renamedColumn(String table, String from, String to) {
        Map<String, String> columns = new LinkedHashMap<>(renamedColumns);
        columns.put(column(table, from), requireNonNull(to, "to"));
        return new DataMapping(renamedTables, droppedTables, columns, droppedColumns, changedColumns, deletedRows,
                insertedRows);
    }

    /**
     * Declare a column dropped: its values are not compared.
     *
     * @param table the table, as the earlier snapshot names it; must not be {@code null}
     * @param column the column; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping droppedColumn(String table, String column) {
        Set<String> columns = new LinkedHashSet<>(droppedColumns);
        columns.add(column(table, column));
        return new DataMapping(renamedTables, droppedTables, renamedColumns, columns, changedColumns, deletedRows,
                insertedRows);
    }

    /**
     * Declare a column whose values were meant to change, e.g. by a backfill or a normalisation: it must still
     * exist, but its values are not compared.
     *
     * @param table the table, as the earlier snapshot names it; must not be {@code null}
     * @param column the column; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping changedColumn(String table, String column) {
        Set<String> columns = new LinkedHashSet<>(changedColumns);
        columns.add(column(table, column));
        return new DataMapping(renamedTables, droppedTables, renamedColumns, droppedColumns, columns, deletedRows,
                insertedRows);
    }

    /**
     * Declare rows meant to be deleted, by primary key. Each must exist in the earlier snapshot and be gone from the
     * later one.
     *
     * @param table the table, as the earlier snapshot names it; must not be {@code null}
     * @param keys the keys: a value each for a one-column key (e.g. {@code List.of(11, 12)}), a list of values each
     *     for a composite key; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping deletedRows(String table, Collection<?> keys) {
        requireNonNull(keys, "keys");
        Map<String, List<List<String>>> rows = new LinkedHashMap<>(deletedRows);
        List<List<String>> all = new ArrayList<>(rows.getOrDefault(lower(table), List.of()));
        for (Object key : keys) {
            List<String> values = new ArrayList<>();
            if (key instanceof List<?> parts) {
                parts.forEach(part -> values.add(ValueText.of(part)));
            } else {
                values.add(ValueText.of(key));
            }
            all.add(values);
        }
        rows.put(lower(table), all);
        return new DataMapping(renamedTables, droppedTables, renamedColumns, droppedColumns, changedColumns, rows,
                insertedRows);
    }

    /**
     * Declare the rows a seed planted a defect in as meant to be deleted, e.g. the orphans a data fix removes.
     *
     * @param planted a planted defect from a seed report; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping deletedRows(PlantedDefect planted) {
        requireNonNull(planted, "planted");
        return deletedRows(planted.defect().table(), planted.keys());
    }

    /**
     * Declare that a table may gain rows, e.g. reference data a migration inserts.
     *
     * @param table the table, as the earlier snapshot names it; must not be {@code null}
     * @return a new mapping
     */
    public DataMapping insertedRows(String table) {
        Set<String> tables = new LinkedHashSet<>(insertedRows);
        tables.add(lower(table));
        return new DataMapping(renamedTables, droppedTables, renamedColumns, droppedColumns, changedColumns, deletedRows,
                tables);
    }

    /**
     * Return the name a table has after the step, as this mapping declares it.
     *
     * @param table the table, as the earlier snapshot names it; must not be {@code null}
     * @return its new name if declared renamed, else the same name
     */
    public String tableAfter(String table) {
        return renamedTables.getOrDefault(lower(table), table);
    }

    boolean dropsTable(String table) {
        return droppedTables.contains(lower(table));
    }

    /** The column's name after, or empty if it was declared dropped. */
    Optional<String> columnAfter(String table, String column) {
        String key = column(table, column);
        return droppedColumns.contains(key) ? Optional.empty()
                : Optional.of(renamedColumns.getOrDefault(key, column));
    }

    boolean changes(String table, String column) {
        return changedColumns.contains(column(table, column));
    }

    List<List<String>> deletedKeys(String table) {
        return deletedRows.getOrDefault(lower(table), List.of());
    }

    boolean insertsInto(String table) {
        return insertedRows.contains(lower(table));
    }

    /** Every table the mapping names, with the call that named it. */
    Map<String, String> namedTables() {
        Map<String, String> named = new LinkedHashMap<>();
        renamedTables.keySet().forEach(t -> named.put(t, "renamedTable(\"" + t + "\", ...)"));
        droppedTables.forEach(t -> named.put(t, "droppedTable(\"" + t + "\")"));
        deletedRows.keySet().forEach(t -> named.put(t, "deletedRows(\"" + t + "\", ...)"));
        insertedRows.forEach(t -> named.put(t, "insertedRows(\"" + t + "\")"));
        renamedColumns.keySet().forEach(c -> named.putIfAbsent(c.substring(0, c.indexOf('.')), "renamedColumn(\""
                + c.replace(".", "\", \"") + "\", ...)"));
        droppedColumns.forEach(c -> named.putIfAbsent(c.substring(0, c.indexOf('.')), "droppedColumn(\""
                + c.replace(".", "\", \"") + "\")"));
        changedColumns.forEach(c -> named.putIfAbsent(c.substring(0, c.indexOf('.')), "changedColumn(\""
                + c.replace(".", "\", \"") + "\")"));
        return named;
    }

    /** Every column the mapping names, as {@code table.column}, with the call that named it. */
    Map<String, String> namedColumns() {
        Map<String, String> named = new LinkedHashMap<>();
        renamedColumns.keySet().forEach(c -> named.put(c, "renamedColumn(\"" + c.replace(".", "\", \"") + "\", ...)"));
        droppedColumns.forEach(c -> named.put(c, "droppedColumn(\"" + c.replace(".", "\", \"") + "\")"));
        changedColumns.forEach(c -> named.put(c, "changedColumn(\"" + c.replace(".", "\", \"") + "\")"));
        return named;
    }

    private static String lower(String name) {
        return requireNonNull(name, "table").toLowerCase(Locale.ROOT);
    }

    private static String column(String table, String column) {
        return lower(table) + "." + requireNonNull(column, "column").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        List<String> calls = new ArrayList<>();
        renamedTables.forEach((from, to) -> calls.add("renamedTable(\"" + from + "\", \"" + to + "\")"));
        droppedTables.forEach(t -> calls.add("droppedTable(\"" + t + "\")"));
        renamedColumns.forEach((from, to) -> calls.add("renamedColumn(\"" + from.replace(".", "\", \"") + "\", \"" + to
                + "\")"));
        droppedColumns.forEach(c -> calls.add("droppedColumn(\"" + c.replace(".", "\", \"") + "\")"));
        changedColumns.forEach(c -> calls.add("changedColumn(\"" + c.replace(".", "\", \"") + "\")"));
        deletedRows.forEach((t, keys) -> calls.add("deletedRows(\"" + t + "\", " + keys.size() + " row(s))"));
        insertedRows.forEach(t -> calls.add("insertedRows(\"" + t + "\")"));
        return calls.isEmpty() ? "DataMapping.unchanged()" : "declared " + String.join(", ", calls);
    }
}
