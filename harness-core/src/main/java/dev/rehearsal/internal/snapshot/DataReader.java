package dev.rehearsal.internal.snapshot;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.Key;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import dev.rehearsal.snapshot.DataSnapshot;
import dev.rehearsal.snapshot.DataSnapshot.TableRows;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Reads the rows of tables into a {@link DataSnapshot}, in one read-only transaction. */
public final class DataReader {

    /** A snapshot holds every row in memory: this many per table at most. */
    public static final long ROW_LIMIT = 250_000;

    private DataReader() {
    }

    /**
     * @param tables the tables to read, any case; empty for every table of the schema
     * @param call the call that asked, named in errors, e.g. {@code snapshotData("orders")}
     * @throws RehearsalConfigurationException if a table does not exist or holds more than {@link #ROW_LIMIT} rows
     */
    public static DataSnapshot read(DataSource dataSource, Schema schema, Dialect dialect, Optional<String> version,
            List<String> tables, String call, String database) {
        List<Table> chosen = new ArrayList<>();
        if (tables.isEmpty()) {
            chosen.addAll(schema.tables());
        }
        for (String name : tables) {
            chosen.add(schema.table(name).orElseThrow(() -> new RehearsalConfigurationException(call + ": " + database
                    + " at version " + version.orElse("<none>") + " has no table " + name + ". Tables there: "
                    + schema.tables().stream().map(Table::name).toList() + ".\nTo fix this, name one of those tables.")));
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                List<TableRows> read = new ArrayList<>();
                for (Table table : chosen) {
                    read.add(rows(connection, dialect, table, call));
                }
                return DataSnapshot.of(version, read);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new RehearsalException(call + " could not read " + database + ": " + e.getMessage(), e);
        }
    }

    private static TableRows rows(Connection connection, Dialect dialect, Table table, String call) throws SQLException {
        String from = dialect.quote(table.name());
        try (Statement statement = connection.createStatement()) {
            long count;
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + from)) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count > ROW_LIMIT) {
                throw new RehearsalConfigurationException(call + ": " + table.name() + " has " + count + " rows; a data"
                        + " snapshot holds every row in memory, " + ROW_LIMIT + " per table at most.\nTo fix this,"
                        + " snapshot only the tables the step touches, e.g. snapshotData(\"orders\"), or seed fewer rows.");
            }
            List<String> columns = table.columns().stream().map(Column::name).toList();
            List<String> key = table.primaryKey().map(Key::columns).orElse(List.of());
            String sql = "SELECT " + columns.stream().map(dialect::quote).collect(Collectors.joining(", ")) + " FROM " + from
                    + (key.isEmpty() ? "" : " ORDER BY " + key.stream().map(dialect::quote).collect(Collectors.joining(", ")));
            if (dialect.engine() == Engine.POSTGRESQL) {
                statement.setFetchSize(10_000);
            }
            List<List<String>> rows = new ArrayList<>((int) count);
            try (ResultSet rs = statement.executeQuery(sql)) {
                Class<?>[] as = readAs(rs.getMetaData(), columns.size());
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(DataSnapshot.text(plain(as[i - 1] == null ? rs.getObject(i) : rs.getObject(i, as[i - 1]))));
                    }
                    rows.add(row);
                }
            }
            return new TableRows(table.name(), columns, key, rows);
        }
    }

    /**
     * The Java type to read a column as where the driver's default loses something: an instant with its offset (a
     * {@code Timestamp} would put it in the JVM's zone), a time with its fraction; {@code null} for the default.
     */
    private static Class<?>[] readAs(ResultSetMetaData meta, int columns) throws SQLException {
        Class<?>[] as = new Class<?>[columns];
        for (int i = 1; i <= columns; i++) {
            String type = String.valueOf(meta.getColumnTypeName(i)).toLowerCase(java.util.Locale.ROOT);
            int sqlType = meta.getColumnType(i);
            if (sqlType == Types.TIMESTAMP_WITH_TIMEZONE || type.equals("timestamptz")) {
                as[i - 1] = OffsetDateTime.class;
            } else if (sqlType == Types.TIME && !type.equals("timetz")) {
                as[i - 1] = LocalTime.class;
            }
        }
        return as;
    }

    /** Driver objects read into plain Java values. */
    private static Object plain(Object value) throws SQLException {
        if (value instanceof Array array) {
            Object elements = array.getArray();
            return elements instanceof Object[] objects ? objects : value.toString();
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof SQLXML xml) {
            return xml.getString();
        }
        return value;
    }
}
