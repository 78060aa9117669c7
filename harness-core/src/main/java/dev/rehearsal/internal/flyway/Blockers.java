package dev.rehearsal.internal.flyway;

import dev.rehearsal.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The other sessions that hold locks in a rehearsal database, as the server lists them: who a step that gave up
 * waiting was waiting for. Read on a connection of the harness's own, right after the step; the step's own sessions
 * are gone by then. Never a password; never ended (the harness ends no session it did not start).
 */
final class Blockers {

    private Blockers() {
    }

    /** One line per session, e.g. {@code pid 4711 (user app, application 'psql', idle in transaction since ..., holds AccessExclusiveLock on orders)}. */
    static List<String> of(Connection connection, Engine engine) throws SQLException {
        return engine == Engine.POSTGRESQL ? postgres(connection) : mysqlFamily(connection);
    }

    private static List<String> postgres(Connection connection) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT a.pid, a.usename, a.application_name, host(a.client_addr), a.state, a.xact_start,
                       string_agg(DISTINCT l.mode || ' on ' || c.relname, ', ' ORDER BY l.mode || ' on ' || c.relname)
                FROM pg_stat_activity a
                JOIN pg_locks l ON l.pid = a.pid AND l.granted AND l.locktype = 'relation'
                JOIN pg_class c ON c.oid = l.relation
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind IN ('r', 'p')
                GROUP BY a.pid, a.usename, a.application_name, a.client_addr, a.state, a.xact_start
                ORDER BY a.pid""")) {
            while (rs.next()) {
                String application = rs.getString(3);
                sessions.add("pid " + rs.getInt(1) + " (user " + rs.getString(2)
                        + (application == null || application.isEmpty() ? "" : ", application '" + application + "'")
                        + (rs.getString(4) == null ? ", local socket" : ", from " + rs.getString(4)) + ", " + rs.getString(5)
                        + (rs.getTimestamp(6) == null ? "" : ", in a transaction since " + rs.getTimestamp(6).toInstant())
                        + ", holds " + rs.getString(7) + ")");
            }
        }
        return sessions;
    }

    private static List<String> mysqlFamily(Connection connection) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT p.ID, p.USER, p.HOST, p.COMMAND, p.TIME, COALESCE(p.STATE, ''), t.trx_started
                FROM information_schema.PROCESSLIST p
                LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
                WHERE p.DB = DATABASE() AND p.ID <> CONNECTION_ID()
                ORDER BY p.ID""")) {
            while (rs.next()) {
                sessions.add("session " + rs.getLong(1) + " (user " + rs.getString(2) + " from " + rs.getString(3) + ", "
                        + rs.getString(4) + " for " + rs.getLong(5) + " s"
                        + (rs.getString(6).isEmpty() ? "" : ", " + rs.getString(6))
                        + (rs.getTimestamp(7) == null ? "" : ", in a transaction since " + rs.getTimestamp(7).toInstant())
                        + ")");
            }
        }
        return sessions;
    }
}
