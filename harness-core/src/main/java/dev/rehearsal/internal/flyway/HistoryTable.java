package dev.rehearsal.internal.flyway;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.HistoryRow;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Flyway's history table on one rehearsal database: its name, and every read and write the harness makes of it
 * besides Flyway's own. The engine's way of storing {@code success} comes from the dialect.
 */
public final class HistoryTable {

    /** Flyway's default name for the history table. */
    public static final String DEFAULT_NAME = "flyway_schema_history";

    private final Dialect dialect;
    private final String name;
    private final DatabaseInfo database;

    HistoryTable(Dialect dialect, Optional<String> table, DatabaseInfo database) {
        this.dialect = dialect;
        this.name = table.orElse(DEFAULT_NAME);
        this.database = database;
    }

    /** The name of the history table, as the settings give it or Flyway's default. */
    public String name() {
        return name;
    }

    /**
     * The highest version applied successfully: one small query, where Flyway's {@code info()} also scans the
     * locations. Flyway's own reading decides when the table cannot be read or holds rows that take back earlier ones.
     *
     * @param dataSource connections that resolve the history table as the migrations do
     * @param flyway Flyway's view of the history, asked only when needed
     */
    Optional<String> currentVersion(DataSource dataSource, Supplier<MigrationInfoService> flyway) {
        try (Connection connection = dataSource.getConnection()) {
            return currentVersion(connection, flyway);
        } catch (SQLException e) {
            return currentVersion(flyway.get());
        }
    }

    /**
     * The same, on a connection of the caller's: no table yet (the engine says so) is no version; another failure to
     * read it, Flyway's reading.
     */
    Optional<String> currentVersion(Connection connection, Supplier<MigrationInfoService> flyway) {
        String sql = "SELECT version, type FROM " + dialect.quote(name) + " WHERE " + dialect.booleanIs("success", true)
                + " AND version IS NOT NULL";
        try (Statement statement = connection.createStatement()) {
            Optional<MigrationVersion> highest = Optional.empty();
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    String type = String.valueOf(rows.getString(2)).toUpperCase(Locale.ROOT);
                    if (type.equals("DELETE") || type.startsWith("UNDO")) {
                        return currentVersion(flyway.get());
                    }
                    MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                    if (highest.isEmpty() || version.compareTo(highest.get()) > 0) {
                        highest = Optional.of(version);
                    }
                }
            }
            return highest.map(MigrationVersion::getVersion);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || e.getErrorCode() == 1146) {
                return Optional.empty(); // not created yet: Flyway creates it, under this name, at the first migrate
            }
            return currentVersion(flyway.get());
        }
    }

    /**
     * The highest version applied successfully, as Flyway reads the history. Flyway's own {@code current()} also
     * counts a failed migration, which the database is not at.
     */
    static Optional<String> currentVersion(MigrationInfoService info) {
        return java.util.Arrays.stream(info.applied())
                .filter(i -> i.getVersion() != null && !i.getState().isFailed())
                .filter(i -> !java.util.Set.of("DELETED", "UNDONE").contains(i.getState().name()))
                .map(org.flywaydb.core.api.MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion);
    }

    /** The rows, in installation order; none before the first migrate. */
    List<HistoryRow> rows(DataSource dataSource) {
        List<HistoryRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!exists(connection)) {
                return rows;
            }
            try (ResultSet rs = statement.executeQuery("SELECT installed_rank, version, description, script, success FROM "
                    + dialect.quote(name) + " ORDER BY installed_rank")) {
                while (rs.next()) {
                    rows.add(new HistoryRow(rs.getInt(1), Optional.ofNullable(rs.getString(2)),
                            String.valueOf(rs.getString(3)), String.valueOf(rs.getString(4)), rs.getBoolean(5)));
                }
            }
        } catch (SQLException e) {
            throw new RehearsalException("Could not read the history table " + name + " of " + database + ": "
                    + e.getMessage(), e);
        }
        return rows;
    }

    /** Remove the failed row of a version, as a resume does before recording the version as applied. */
    void removeFailedRow(DataSource dataSource, String version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + dialect.quote(name)
                        + " WHERE version = ? AND " + dialect.booleanIs("success", false))) {
            delete.setString(1, version);
            delete.executeUpdate();
        }
    }

    private boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        String catalog = connection.getCatalog();
        for (String candidate : new String[] {name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(catalog, schema, candidate, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
