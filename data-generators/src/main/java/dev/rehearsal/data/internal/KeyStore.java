package dev.rehearsal.data.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The values of referenced columns, read from the database once a parent table is loaded (or when a child needs a
 * table that is not seeded), in a deterministic order: what children's foreign keys pick from.
 */
final class KeyStore {

    private final Connection connection;
    private final UnaryOperator<String> quote;
    private final Map<String, List<Object[]>> keys = new HashMap<>();

    KeyStore(Connection connection, UnaryOperator<String> quote) {
        this.connection = connection;
        this.quote = quote;
    }

    /** The rows' values of these columns of a table. */
    List<Object[]> keys(String table, List<String> columns) throws SQLException {
        String id = id(table, columns);
        List<Object[]> cached = keys.get(id);
        if (cached == null) {
            cached = read(table, columns);
            keys.put(id, cached);
        }
        return cached;
    }

    /** Forget what is cached of a table: it has just been loaded. */
    void invalidate(String table) {
        String prefix = table.toLowerCase(Locale.ROOT) + "\u0000";
        keys.keySet().removeIf(id -> id.startsWith(prefix));
    }

    private List<Object[]> read(String table, List<String> columns) throws SQLException {
        String list = columns.stream().map(quote).collect(Collectors.joining(", "));
        String sql = "SELECT " + list + " FROM " + quote.apply(table) + " WHERE "
                + columns.stream().map(c -> quote.apply(c) + " IS NOT NULL").collect(Collectors.joining(" AND "))
                + " ORDER BY " + list;
        List<Object[]> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String id(String table, List<String> columns) {
        return table.toLowerCase(Locale.ROOT) + "\u0000" + String.join("\u0000", columns).toLowerCase(Locale.ROOT);
    }
}
