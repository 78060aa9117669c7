package dev.rehearsal.snapshot;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.snapshot.DataDiff.Difference;
import dev.rehearsal.snapshot.DataDiff.Kind;
import dev.rehearsal.snapshot.DataSnapshot.TableRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One comparison of two snapshots under a mapping. */
final class Comparison {

    private final DataSnapshot before;
    private final DataSnapshot after;
    private final DataMapping mapping;
    private final List<Difference> differences = new ArrayList<>();
    private long more;
    private int inTable;

    Comparison(DataSnapshot before, DataSnapshot after, DataMapping mapping) {
        this.before = before;
        this.after = after;
        this.mapping = mapping;
    }

    DataDiff run() {
        validate();
        for (TableRows table : before.tables()) {
            if (mapping.dropsTable(table.name())) {
                continue;
            }
            inTable = 0;
            String afterName = mapping.tableAfter(table.name());
            Optional<TableRows> found = after.table(afterName);
            if (found.isEmpty()) {
                add(table.name(), Kind.TABLE_MISSING, "", (afterName.equalsIgnoreCase(table.name()) ? ""
                        : "renamed to " + afterName + ", which is not there either; ") + table.rows().size() + " row(s)");
                continue;
            }
            compare(table, found.get());
        }
        return new DataDiff(differences, more);
    }

    private void validate() {
        String at = "the snapshot taken at version " + before.version().orElse("<none>");
        mapping.namedTables().forEach((table, call) -> {
            if (before.table(table).isEmpty()) {
                throw new RehearsalConfigurationException("DataMapping." + call + ": " + at + " holds no table " + table
                        + ". Tables there: " + before.tables().stream().map(TableRows::name).toList() + ".\nTo fix this,"
                        + " name the table as it was before the step, or snapshot it too.");
            }
        });
        mapping.namedColumns().forEach((column, call) -> {
            String[] parts = column.split("\\.", 2);
            TableRows table = before.table(parts[0]).orElseThrow();
            if (table.indexOf(parts[1]) < 0) {
                throw new RehearsalConfigurationException("DataMapping." + call + ": in " + at + ", " + table.name()
                        + " has no column " + parts[1] + ". Its columns: " + table.columns() + ".\nTo fix this, name the"
                        + " column as it was before the step.");
            }
        });
        for (TableRows table : before.tables()) {
            List<List<String>> deleted = mapping.deletedKeys(table.name());
            if (deleted.isEmpty()) {
                continue;
            }
            String call = "DataMapping.deletedRows(\"" + table.name() + "\", ...)";
            if (table.primaryKey().isEmpty()) {
                throw new RehearsalConfigurationException(call + ": " + table.name() + " has no primary key, so its rows"
                        + " cannot be named.\nTo fix this, declare the change another way, e.g. insertedRows or"
                        + " droppedTable, or give the table a primary key.");
            }
            Set<List<String>> keys = new HashSet<>();
            int[] keyAt = indexes(table, table.primaryKey());
            table.rows().forEach(row -> keys.add(project(row, keyAt)));
            for (List<String> key : deleted) {
                if (key.size() != keyAt.length) {
                    throw new RehearsalConfigurationException(call + ": the key " + key + " has " + key.size()
                            + " value(s), but the primary key of " + table.name() + " is " + table.primaryKey()
                            + ".\nTo fix this, give one value per key column, as a list for a composite key.");
                }
                if (!keys.contains(key)) {
                    throw new RehearsalConfigurationException(call + ": no row of " + table.name() + " has "
                            + RowText.key(table.primaryKey(), key) + " in " + at + ".\nTo fix this, name rows that"
                            + " existed before the step.");
                }
            }
        }
    }

    private void compare(TableRows was, TableRows now) {
        List<int[]> compared = new ArrayList<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < was.columns().size(); i++) {
            String column = was.columns().get(i);
            Optional<String> renamed = mapping.columnAfter(was.name(), column);
            if (renamed.isEmpty()) {
                continue;
            }
            int at = now.indexOf(renamed.get());
            if (at < 0) {
                add(was.name(), Kind.COLUMN_MISSING, "", column + (renamed.get().equalsIgnoreCase(column) ? ""
                        : " (renamed to " + renamed.get() + ", which is not there either)"));
                continue;
            }
            position.put(column.toLowerCase(java.util.Locale.ROOT), at);
            if (!mapping.changes(was.name(), column)) {
                compared.add(new int[] {i, at});
            }
        }
        // rows are matched by key only while every key column is still there and keeps its values
        boolean keyed = !was.primaryKey().isEmpty() && was.primaryKey().stream()
                .allMatch(k -> position.containsKey(k.toLowerCase(java.util.Locale.ROOT)) && !mapping.changes(was.name(), k));
        if (keyed) {
            compareByKey(was, now, compared, position);
        } else {
            compareWhole(was, withoutDeleted(was), now, compared);
        }
    }

    /** The rows of a table minus those declared deleted, found by the key the earlier snapshot has. */
    private List<List<String>> withoutDeleted(TableRows was) {
        Set<List<String>> deleted = new HashSet<>(mapping.deletedKeys(was.name()));
        if (deleted.isEmpty()) {
            return was.rows();
        }
        int[] key = indexes(was, was.primaryKey());
        return was.rows().stream().filter(row -> !deleted.contains(project(row, key))).toList();
    }

    private void compareByKey(TableRows was, TableRows now, List<int[]> compared, Map<String, Integer> position) {
        int[] keyBefore = indexes(was, was.primaryKey());
        int[] keyAfter = was.primaryKey().stream()
                .mapToInt(k -> position.get(k.toLowerCase(java.util.Locale.ROOT))).toArray();
        Map<List<String>, List<String>> remaining = new LinkedHashMap<>();
        List<List<String>> duplicates = new ArrayList<>();
        for (List<String> row : now.rows()) {
            if (remaining.putIfAbsent(project(row, keyAfter), row) != null) {
                duplicates.add(row); // the step dropped the key and doubled rows: each extra one is an added row
            }
        }
        Set<List<String>> deleted = new HashSet<>(mapping.deletedKeys(was.name()));
        for (List<String> row : was.rows()) {
            List<String> key = project(row, keyBefore);
            List<String> later = remaining.remove(key);
            if (later == null) {
                if (!deleted.contains(key)) {
                    add(was.name(), Kind.ROW_MISSING, RowText.key(was.primaryKey(), key), RowText.row(was.columns(), row));
                }
            } else if (deleted.contains(key)) {
                add(was.name(), Kind.ROW_NOT_DELETED, RowText.key(was.primaryKey(), key),
                        RowText.row(now.columns(), later));
            } else {
                List<String> changes = new ArrayList<>();
                for (int[] pair : compared) {
                    if (!Objects.equals(row.get(pair[0]), later.get(pair[1]))) {
                        changes.add(was.columns().get(pair[0]) + ": " + RowText.value(row.get(pair[0])) + " -> "
                                + RowText.value(later.get(pair[1])));
                    }
                }
                if (!changes.isEmpty()) {
                    add(was.name(), Kind.ROW_CHANGED, RowText.key(was.primaryKey(), key), String.join(", ", changes));
                }
            }
        }
        if (!mapping.insertsInto(was.name())) {
            remaining.forEach((key, row) -> add(was.name(), Kind.ROW_ADDED, RowText.key(was.primaryKey(), key),
                    RowText.row(now.columns(), row)));
            duplicates.forEach(row -> add(was.name(), Kind.ROW_ADDED, RowText.key(was.primaryKey(),
                    project(row, keyAfter)) + " (again)", RowText.row(now.columns(), row)));
        }
    }

    /** Without a usable key: the rows, projected on the compared columns, as a multiset. */
    private void compareWhole(TableRows was, List<List<String>> wasRows, TableRows now, List<int[]> compared) {
        int[] fromBefore = compared.stream().mapToInt(p -> p[0]).toArray();
        int[] fromAfter = compared.stream().mapToInt(p -> p[1]).toArray();
        List<String> names = compared.stream().map(p -> was.columns().get(p[0])).toList();
        Map<List<String>, Integer> counts = new HashMap<>();
        wasRows.forEach(row -> counts.merge(project(row, fromBefore), 1, Integer::sum));
        List<List<String>> added = new ArrayList<>();
        for (List<String> row : now.rows()) {
            List<String> values = project(row, fromAfter);
            Integer left = counts.get(values);
            if (left == null) {
                added.add(values);
            } else if (left == 1) {
                counts.remove(values);
            } else {
                counts.put(values, left - 1);
            }
        }
        for (List<String> row : wasRows) {
            List<String> values = project(row, fromBefore);
            Integer left = counts.get(values);
            if (left != null) {
                add(was.name(), Kind.ROW_MISSING, RowText.row(names, values), "");
                counts.put(values, left - 1);
                counts.remove(values, 0);
            }
        }
        if (!mapping.insertsInto(was.name())) {
            added.forEach(values -> add(was.name(), Kind.ROW_ADDED, RowText.row(names, values), ""));
        }
    }

    private void add(String table, Kind kind, String row, String detail) {
        if (inTable++ < DataDiff.LIMIT_PER_TABLE) {
            differences.add(new Difference(table, kind, row, detail));
        } else {
            more++;
        }
    }

    private static int[] indexes(TableRows table, List<String> columns) {
        return columns.stream().mapToInt(table::indexOf).toArray();
    }

    private static List<String> project(List<String> row, int[] at) {
        List<String> values = new ArrayList<>(at.length);
        for (int i : at) {
            values.add(row.get(i));
        }
        return values;
    }
}
