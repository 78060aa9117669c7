package dev.rehearsal.benchmarks;

import dev.rehearsal.Rehearsal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Rows read once from a seeded database, and loaded again as a project's own JDBC code would: the baselines' rows. */
final class PlainJdbc {

    /** A table's rows, as JDBC returned them. */
    record Rows(String table, List<String> columns, List<Object[]> values) {
    }

    private PlainJdbc() {
    }

    /** Every row of these tables, in this order (parents first, as they were seeded). */
    static List<Rows> read(Rehearsal seeded, Collection<String> tables) throws SQLException {
        List<Rows> rows = new ArrayList<>();
        try (Connection c = seeded.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnName(i));
                    }
                    List<Object[]> values = new ArrayList<>();
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        values.add(row);
                    }
                    rows.add(new Rows(table, columns, values));
                }
            }
        }
        return rows;
    }

    /**
     * One INSERT per row, in batches of 1,000, one transaction.
     *
     * @param rewrite whether the MySQL family's driver may rewrite a batch into multi-row INSERTs (a project that
     *     tuned its tests turns it on; one that did not has it off, the driver's default)
     */
    static void insert(Connection c, List<Rows> rows, boolean rewrite) throws SQLException {
        if (c.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)) {
            c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getPropertySet()
                    .getBooleanProperty(com.mysql.cj.conf.PropertyKey.rewriteBatchedStatements).setValue(rewrite);
        }
        c.setAutoCommit(false);
        for (Rows table : rows) {
            String sql = "INSERT INTO " + table.table() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                    + table.columns().stream().map(x -> "?").collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                int pending = 0;
                for (Object[] row : table.values()) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                    if (++pending == 1_000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                insert.executeBatch();
            }
        }
        c.commit();
    }
}
