package dev.rehearsal.data.internal;

import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What a table held before this seed: its row count, the highest of each integer column, its combinations. */
final class ExistingRows {
    final long count;
    private final Map<String, Long> maxima;

    private ExistingRows(long count, Map<String, Long> maxima) {
        this.count = count;
        this.maxima = maxima;
    }

    static ExistingRows read(Connection connection, Loader loader, Table table) throws SQLException {
        long count;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + loader.quote(table.name()))) {
            rs.next();
            count = rs.getLong(1);
        }
        Map<String, Long> maxima = new HashMap<>();
        if (count > 0) {
            for (Column column : table.columns()) {
                if (column.type().kind() == Kind.INTEGER) {
                    try (Statement st = connection.createStatement();
                            ResultSet rs = st.executeQuery("SELECT MAX(" + loader.quote(column.name()) + ") FROM "
                                    + loader.quote(table.name()))) {
                        rs.next();
                        maxima.put(column.name().toLowerCase(Locale.ROOT), rs.getLong(1));
                    }
                }
            }
        }
        return new ExistingRows(count, maxima);
    }

    /** Where values unique by construction start: past the maximum for integers, past the row count otherwise. */
    long uniqueStart(Column column) {
        return column.type().kind() == Kind.INTEGER ? maxima.getOrDefault(column.name().toLowerCase(Locale.ROOT), 0L) : count;
    }

    Set<List<Object>> tuples(Connection connection, Loader loader, Table table, List<String> columns,
            boolean caseInsensitiveText) throws SQLException {
        Set<List<Object>> tuples = new HashSet<>();
        if (count == 0) {
            return tuples;
        }
        String list = String.join(", ", columns.stream().map(loader::quote).toList());
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + list + " FROM " + loader.quote(table.name()))) {
            while (rs.next()) {
                Object[] values = new Object[columns.size()];
                boolean hasNull = false;
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getObject(i + 1);
                    hasNull |= values[i] == null;
                    values[i] = values[i] == null ? null : UniqueSets.comparable(values[i], caseInsensitiveText);
                }
                if (!hasNull) {
                    tuples.add(Arrays.asList(values));
                }
            }
        }
        return tuples;
    }
}
