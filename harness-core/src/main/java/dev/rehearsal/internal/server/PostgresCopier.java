package dev.rehearsal.internal.server;

import dev.rehearsal.RehearsalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL: {@code CREATE DATABASE … TEMPLATE}, with {@code STRATEGY FILE_COPY} where the server has it (15 and
 * later; measured here 70–170 ms for a 20 MB database against 100–130 ms for the default WAL_LOG). The template copies
 * everything the database holds (schema, rows, sequences' positions, the history table); a database given settings of
 * its own ({@code ALTER DATABASE … SET}), which live outside it, is not copied.
 *
 * <p>A template must have no other session while it is copied: the copy waits, within the bound, for the sessions
 * another client holds on it, then fails naming them. Copies of one template run in parallel.
 */
final class PostgresCopier implements DatabaseCopier {

    private static final long POLL_MILLIS = 100;

    @Override
    public Optional<String> cannotCopy(JdbcServer server, String source) throws SQLException {
        try (Connection connection = server.admin().getConnection();
                PreparedStatement st = connection.prepareStatement("SELECT count(*) FROM pg_db_role_setting s"
                        + " JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = ?")) {
            st.setString(1, source);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0 ? Optional.empty()
                        : Optional.of("a migration gave the database settings of its own (ALTER DATABASE … SET, or"
                                + " ALTER ROLE … IN DATABASE … SET), which live outside it and which a template does not"
                                + " carry");
            }
        }
    }

    @Override
    public void copy(JdbcServer server, String source, String target, Duration bound, String owner) {
        long deadline = System.nanoTime() + bound.toNanos();
        try (Connection admin = server.admin().getConnection(); Statement st = admin.createStatement()) {
            String sql = "CREATE DATABASE " + quote(target) + " TEMPLATE " + quote(source)
                    + (fileCopy(st) ? " STRATEGY FILE_COPY" : "") + owner;
            while (true) {
                List<String> holders = holders(admin, source);
                if (holders.isEmpty()) {
                    try {
                        st.execute(sql);
                        break;
                    } catch (SQLException e) {
                        // another session connected between the look and the copy: the server said so (55006)
                        if (!"55006".equals(e.getSQLState())) {
                            throw e;
                        }
                        holders = holders(admin, source);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new RehearsalException("Could not copy the cached state " + source + " on " + server.describe()
                            + ": " + (holders.isEmpty() ? "another session held it" : "another session holds it open: "
                            + String.join("; ", holders)) + ". PostgreSQL copies a template only while no session is"
                            + " connected to it; waited " + bound.toMillis() + " ms (" + dev.rehearsal.RehearsalSettings.LOCK_TIMEOUT
                            + ").\nTo fix this, close that session (a tool or a test connected to the cached state to"
                            + " look at it?), or set " + dev.rehearsal.RehearsalSettings.CACHE_ENABLED + "=false to build"
                            + " every state in the test's own database.");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            throw new RehearsalException("Could not copy the cached state " + source + " into " + target + " on "
                    + server.describe() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RehearsalException("Interrupted while copying the cached state " + source + ".", e);
        }
    }

    private static boolean fileCopy(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) >= 150000;
        }
    }

    /** The sessions connected to a database, each described by what the server knows of it (never a password). */
    private static List<String> holders(Connection admin, String database) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement st = admin.prepareStatement("SELECT pid, usename, application_name, client_addr,"
                + " backend_start, state FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"
                // autovacuum is no holder: CREATE DATABASE cancels it itself
                + " AND backend_type = 'client backend'")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String application = rs.getString("application_name");
                    holders.add("pid " + rs.getInt("pid") + " (user " + rs.getString("usename")
                            + (application == null || application.isEmpty() ? "" : ", application '" + application + "'")
                            + (rs.getString("client_addr") == null ? ", local socket" : ", from " + rs.getString("client_addr"))
                            + ", connected at " + rs.getTimestamp("backend_start").toInstant()
                            + ", " + rs.getString("state") + ")");
                }
            }
        }
        return holders;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
