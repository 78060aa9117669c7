package dev.rehearsal.internal;

import dev.rehearsal.Engine;
import dev.rehearsal.HeldLock;
import dev.rehearsal.LockSpec;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A session of the harness's own that holds a lock in a rehearsal's database while a migration runs. The lock is let
 * go on a thread of its own after {@link LockSpec#releasedAfter()}, or at {@link #close()}, which waits for that thread:
 * nothing of it outlives the test.
 */
final class LockHolder implements HeldLock {

    private final LockSpec spec;
    private final Engine engine;
    private final Connection connection;
    private final long session;
    private final Thread releaser;
    private final Object lock = new Object();
    private boolean released;
    private Duration waited = Duration.ZERO;

    private LockHolder(LockSpec spec, Engine engine, Connection connection, long session) {
        this.spec = spec;
        this.engine = engine;
        this.connection = connection;
        this.session = session;
        this.releaser = spec.releasedAfter().map(after -> {
            Thread thread = new Thread(() -> {
                try {
                    TimeUnit.NANOSECONDS.sleep(after.toNanos());
                    release();
                } catch (InterruptedException closedFirst) {
                    Thread.currentThread().interrupt();
                }
            }, "rehearsal-held-lock-" + session);
            thread.setDaemon(true);
            return thread;
        }).orElse(null);
    }

    /**
     * Take the lock on a connection of its own and hold it.
     *
     * @throws RehearsalConfigurationException if the table is not in the schema
     */
    static LockHolder hold(LockSpec spec, Engine engine, DataSource dataSource, Schema schema) {
        Table table = schema.table(spec.table()).orElseThrow(() -> new RehearsalConfigurationException("holdLock("
                + spec + "): the rehearsal's database has no table '" + spec.table() + "'; its tables are "
                + schema.tables().stream().map(Table::name).toList() + ".\nTo fix this, name one of them, or migrate to"
                + " the version that creates it first."));
        String name = Dialect.of(engine).quote(table.name());
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (Statement st = connection.createStatement()) {
                if (engine == Engine.POSTGRESQL) {
                    st.execute("SET application_name = 'rehearsal-held-lock'");
                }
                connection.setAutoCommit(false);
                switch (spec.kind()) {
                    case READ -> consume(st, "SELECT COUNT(*) FROM " + name);
                    case ROWS -> consume(st, "SELECT 1 FROM " + name + " FOR UPDATE");
                    case TABLE -> st.execute(engine == Engine.POSTGRESQL ? "LOCK TABLE " + name + " IN ACCESS EXCLUSIVE MODE"
                            : "LOCK TABLES " + name + " WRITE");
                }
            }
            long session = engine == Engine.POSTGRESQL
                    ? connection.unwrap(org.postgresql.PGConnection.class).getBackendPID()
                    : connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId();
            LockHolder holder = new LockHolder(spec, engine, connection, session);
            if (holder.releaser != null) {
                holder.releaser.start();
            }
            return holder;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof RehearsalException rehearsal) {
                throw rehearsal;
            }
            throw new RehearsalException("holdLock(" + spec + ") could not take the lock: " + e.getMessage()
                    + (e instanceof SQLException sql ? " (SQLSTATE " + sql.getSQLState() + ")" : ""), e);
        }
    }

    private static void consume(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                // FOR UPDATE locks each row as it is read
            }
        }
    }

    /** Let go: measure how long the longest waiter has waited, then roll back (and unlock tables), then end. */
    private void release() {
        synchronized (lock) {
            if (released) {
                return;
            }
            released = true;
            try {
                waited = longestWait();
            } catch (SQLException | RuntimeException e) {
                waited = Duration.ZERO; // the wait cannot be read; the lock still goes
            }
            try {
                if (spec.kind() == LockSpec.Kind.TABLE && engine.isMysqlFamily()) {
                    try (Statement st = connection.createStatement()) {
                        st.execute("UNLOCK TABLES");
                    }
                }
                connection.rollback();
            } catch (SQLException | RuntimeException e) {
                // closing the connection below ends the session, and its locks with it
            }
            closeQuietly(connection);
        }
    }

    /** How long the longest session waiting for a lock in the database has been waiting, read on the holder's session. */
    private Duration longestWait() throws SQLException {
        String sql = engine == Engine.POSTGRESQL
                ? "SELECT COALESCE(MAX(EXTRACT(EPOCH FROM clock_timestamp() - query_start)) * 1000, 0) FROM"
                        + " pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                : "SELECT GREATEST("
                        + "COALESCE((SELECT MAX(" + (engine == Engine.MARIADB ? "TIME_MS" : "TIME * 1000")
                        + ") FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()"
                        + " AND STATE LIKE 'Waiting for%lock%'), 0),"
                        + " COALESCE((SELECT MAX(TIMESTAMPDIFF(MICROSECOND, trx_wait_started, NOW(6))) / 1000 FROM"
                        + " information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'), 0))";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return Duration.ofMillis(Math.round(rs.getDouble(1)));
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session ends with the connection either way
        }
    }

    @Override
    public String describe() {
        return spec + ", session " + session;
    }

    @Override
    public long session() {
        return session;
    }

    @Override
    public boolean released() {
        synchronized (lock) {
            return released;
        }
    }

    @Override
    public Duration waited() {
        synchronized (lock) {
            return waited;
        }
    }

    @Override
    public void close() {
        if (releaser != null) {
            releaser.interrupt();
            try {
                releaser.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        release();
    }

    @Override
    public String toString() {
        return describe();
    }
}
