package dev.rehearsal.data.internal;

import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.PlantedDefect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One table's rows into the database: the realistic rows as they are generated, the planted defects written over
 * the rows their plantings chose (foreign-key checks off while they load, for defects planted past them), and the
 * keys of the rows that carry each defect, for the seed report.
 */
final class TableLoad {

    private final Table table;
    private final int rows;
    private final List<Column> columns;
    private final List<String> names;
    private final List<Defect> defects;
    private final Loader loader;

    TableLoad(Table table, int rows, List<Column> columns, List<String> names, List<Defect> defects, Loader loader) {
        this.table = table;
        this.rows = rows;
        this.columns = columns;
        this.names = names;
        this.defects = defects;
        this.loader = loader;
    }

    /**
     * Load the rows, planting the defects in the rows their plantings chose.
     *
     * @param plantings the planned defects
     * @param rowsOf the realistic row of each index, generated as it is loaded
     */
    TableGenerator.Result run(List<Planting> plantings, IntFunction<Object[]> rowsOf) {
        boolean bypass = plantings.stream().anyMatch(p -> p.bypass);
        int[] pk = table.primaryKey().map(k -> k.columns().stream().mapToInt(this::index).toArray()).orElse(null);
        Map<Planting, List<List<Object>>> plantedKeys = new HashMap<>();
        Map<Long, Object[]> stash = new HashMap<>();
        try {
            if (bypass) {
                loader.foreignKeyChecks(false);
            }
            Loader.Sink sink = loader.open(table.name(), names);
            boolean loaded = false;
            try {
                for (int r = 0; r < rows; r++) {
                    Object[] row = rowsOf.apply(r);
                    for (int p = 0; p < plantings.size(); p++) {
                        if (plantings.get(p).isSource(r)) {
                            stash.put(((long) p << 32) | r, plantings.get(p).valuesOf(row).clone());
                        }
                    }
                    for (Planting planting : plantings) {
                        int k = planting.targetIndex(r);
                        if (k >= 0) {
                            Object[] values = planting.maker.values(k, source(planting, plantings.indexOf(planting), k, stash));
                            for (int c = 0; c < planting.columns.length; c++) {
                                row[planting.columns[c]] = values[c];
                            }
                            planting.record(r, values);
                            plantedKeys.computeIfAbsent(planting, x -> new ArrayList<>()).add(keyOf(row, pk, r));
                        }
                    }
                    sink.accept(row);
                }
                loaded = true;
            } finally {
                if (loaded) {
                    sink.close();
                } else {
                    sink.abort();
                }
                if (bypass) {
                    loader.foreignKeyChecks(true);
                }
            }
            loader.afterLoad(table, columns);
        } catch (SQLException e) {
            throw new TableGenerator.LoadFailure(table, defects, e);
        }
        List<PlantedDefect> planted = new ArrayList<>();
        List<Object> engineKeys;
        try {
            engineKeys = pk == null || pk.length != 1 || pk[0] >= 0 ? null : newEngineKeys();
        } catch (SQLException e) {
            throw new TableGenerator.LoadFailure(table, defects, e);
        }
        for (Planting planting : plantings) {
            List<List<Object>> rowKeys = plantedKeys.getOrDefault(planting, List.of());
            if (engineKeys != null) {
                rowKeys = planting.plantedRows.stream().map(r -> List.of(engineKeys.get(r))).toList();
            }
            planted.add(new PlantedDefect(planting.defect, rowKeys, planting.plantedValues));
        }
        return new TableGenerator.Result(rows, planted);
    }

    /** The first candidate source row whose values the defect can use. */
    private Object[] source(Planting planting, int index, int k, Map<Long, Object[]> stash) {
        if (planting.sources == null) {
            return null;
        }
        for (int candidate : planting.sources[k]) {
            Object[] values = stash.get(((long) index << 32) | candidate);
            if (values != null && planting.usable.test(values)) {
                return values;
            }
        }
        throw SeedErrors.impossibleDefect(planting.defect, "none of the rows it could copy has a usable value in "
                + table.name() + "." + String.join(", ", Arrays.stream(planting.columns).mapToObj(names::get).toList())
                + " (NULL, or no letter to change case, or no room for a space)", "override the column, or plant fewer");
    }

    private List<Object> keyOf(Object[] row, int[] pk, int r) {
        if (pk == null) {
            return List.of(r + 1);
        }
        List<Object> key = new ArrayList<>();
        for (int index : pk) {
            key.add(index < 0 ? null : row[index]);
        }
        return key;
    }

    /** Keys the engine generated for this seed's rows, in row order. */
    private List<Object> newEngineKeys() throws SQLException {
        String column = table.primaryKey().orElseThrow().columns().get(0);
        List<Object> all = new ArrayList<>();
        try (Statement st = loader.connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + loader.quote(column) + " FROM " + loader.quote(table.name())
                        + " ORDER BY " + loader.quote(column))) {
            while (rs.next()) {
                all.add(rs.getObject(1));
            }
        }
        return all.subList(Math.max(0, all.size() - rows), all.size());
    }

    private int index(String column) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
