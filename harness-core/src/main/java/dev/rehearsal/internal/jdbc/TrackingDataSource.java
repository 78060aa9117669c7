package dev.rehearsal.internal.jdbc;

import dev.rehearsal.RehearsalException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source for one database whose connections carry the harness's timeouts and are remembered until closed, so
 * that the harness can close what a test left open before it drops the database.
 *
 * <p>Unpooled, unless made {@link #pooled()}: then a closed connection is reset and kept for the next request (a few
 * at most), which PostgreSQL, whose every connection is a new server process, needs: a rehearsal step asks for several
 * (the harness's reads, Flyway's own, the seed), and a new one cost 16–26 ms on the machines measured, against well
 * under a millisecond for the reset. A reset rolls back what is open, turns auto-commit back on, and runs
 * {@code DISCARD ALL}: every {@code SET} of the session (a migration's {@code session_replication_role}, its
 * {@code lock_timeout}), its temporary tables, prepared statements and advisory locks are gone, so nothing a step did
 * to its session reaches the next; the settings the connection started with stay. A connection that cannot be reset
 * (closed by a timeout, a transaction opened with SQL) is closed instead.
 */
public final class TrackingDataSource implements DataSource {

    /**
     * A connection property the driver never sees: the read timeout, in milliseconds, that a connection gets once it
     * is open. For drivers whose handshake reads are bounded only by their socket timeout (Connector/J), the socket
     * timeout given to the driver is the connect timeout, so that a server that accepts TCP and never answers fails
     * within it, and this one replaces it for the statements that follow.
     */
    public static final String SOCKET_TIMEOUT_AFTER_CONNECT = "rehearsal.socketTimeoutAfterConnect";

    private final JdbcUrl url;
    private final Properties properties;
    private final Set<Connection> open;
    /** The server's id of every session this data source opened (PostgreSQL backend pid, MySQL-family thread id). */
    private final Set<Long> sessions;
    private final AtomicReference<String> retired;
    /** Connections closed by their users and reset, ready again; null when unpooled. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle;
    private volatile int loginTimeoutSeconds;

    /** The most connections a pooled data source keeps idle: a step uses one or two at a time. */
    static final int MAX_IDLE = 4;

    /**
     * @param url the database's URL; its own parameters win over {@code properties}
     * @param properties credentials, timeouts and session settings
     */
    public TrackingDataSource(JdbcUrl url, Properties properties) {
        this(url, properties, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), new AtomicReference<>(), false);
    }

    private TrackingDataSource(JdbcUrl url, Properties properties, Set<Connection> open, Set<Long> sessions,
            AtomicReference<String> retired, boolean pooled) {
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.open = open;
        this.sessions = sessions;
        this.retired = retired;
        this.idle = pooled ? new java.util.concurrent.ConcurrentLinkedDeque<>() : null;
    }

    /**
     * Return a data source for the same database that keeps closed connections for the next request, reset (see the
     * class comment); its connections are tracked and closed together with this one's, idle ones too.
     */
    public TrackingDataSource pooled() {
        return new TrackingDataSource(url, properties, open, sessions, retired, true);
    }

    /** Whether closed connections are kept for the next request. */
    public boolean isPooled() {
        return idle != null;
    }

    /**
     * Return a data source for the same database whose connections also get a property, e.g. pgjdbc's
     * {@code currentSchema}; its connections are tracked and closed together with this one's.
     */
    public TrackingDataSource withProperty(String name, String value) {
        Properties more = new Properties();
        more.putAll(properties);
        more.setProperty(name, value);
        return new TrackingDataSource(url, more, open, sessions, retired, idle != null);
    }

    public JdbcUrl url() {
        return url;
    }

    /**
     * Return an unpooled data source with the same settings whose connections go to another address (a fault point's
     * relay); they are closed together with this one's, and their sessions recorded apart, in its own
     * {@link #sessions()}.
     */
    public TrackingDataSource through(JdbcUrl other) {
        return new TrackingDataSource(other, properties, open, ConcurrentHashMap.newKeySet(), retired, false);
    }

    /**
     * The session settings every connection starts with (PostgreSQL {@code options}, MySQL-family
     * {@code sessionVariables}), from the URL and the properties: e.g. {@code foreign_key_checks=0}.
     */
    public String sessionSettings() {
        return String.join(" ", url.param("options").orElse(""), url.param("sessionVariables").orElse(""),
                properties.getProperty("options", ""), properties.getProperty("sessionVariables", ""));
    }

    /**
     * Refuse every later connection, here and in the data sources made with {@link #withProperty}, with an
     * {@code SQLNonTransientConnectionException} (SQLSTATE 08003) that says why: the database was dropped at the end
     * of its test.
     *
     * @param why the message, ending in how to fix the test
     */
    public void retire(String why) {
        retired.compareAndSet(null, why);
    }

    private void refuseIfRetired() throws SQLException {
        String why = retired.get();
        if (why != null) {
            throw new java.sql.SQLNonTransientConnectionException(why, "08003");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseIfRetired();
        if (idle != null) {
            for (Connection kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
                if (!isClosedQuietly(kept) && kept.isValid(2)) {
                    return PooledConnection.lend(kept, this::giveBack);
                }
                discard(kept);
            }
        }
        Connection connection = open(properties);
        open.removeIf(TrackingDataSource::isClosedQuietly);
        open.add(connection);
        remember(connection);
        return idle == null ? connection : PooledConnection.lend(connection, this::giveBack);
    }

    /** A pooled connection its user closed: reset and kept, or closed when it cannot be reset or enough are kept. */
    private void giveBack(Connection connection, PooledConnection.Initial initial) {
        if (isClosedQuietly(connection) || !open.contains(connection) || retired.get() != null
                || idle.size() >= MAX_IDLE || !PooledConnection.reset(connection, initial)) {
            discard(connection);
            return;
        }
        idle.addFirst(connection);
        if (!open.contains(connection)) {
            // closeOpenConnections ran meanwhile: it must not stay
            idle.remove(connection);
            discard(connection);
        }
    }

    private void discard(Connection connection) {
        open.remove(connection);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is being discarded; a failure to close it changes nothing for the test
        }
    }

    /**
     * The server's ids of the sessions this data source (and those made from it) opened, whether or not they are still
     * open: the only sessions the harness ends on the server when a statement outlives its client (a socket timeout)
     * or holds up a drop.
     */
    public Set<Long> sessions() {
        return Set.copyOf(sessions);
    }

    /** The session's id as the driver learned it at the handshake: no round trip. */
    private void remember(Connection connection) {
        try {
            if (connection.isWrapperFor(org.postgresql.PGConnection.class)) {
                sessions.add((long) connection.unwrap(org.postgresql.PGConnection.class).getBackendPID());
            } else if (connection.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)) {
                sessions.add(connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId());
            }
        } catch (SQLException | RuntimeException e) {
            // without the id, the harness only ends fewer sessions
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseIfRetired();
        Properties withUser = new Properties();
        withUser.putAll(properties);
        withUser.setProperty("user", username);
        withUser.setProperty("password", password);
        Connection connection = open(withUser);
        open.removeIf(TrackingDataSource::isClosedQuietly);
        open.add(connection);
        remember(connection);
        return connection;
    }

    /**
     * Connect through the driver; a driver's message that repeats the URL (DriverManager's "No suitable driver found
     * for ...", some drivers' parse errors) gets the printable form, so that credentials in the URL never reach a
     * message or a log.
     */
    private Connection open(Properties with) throws SQLException {
        String raw = url.toUrl();
        Properties forDriver = new Properties();
        forDriver.putAll(with);
        String after = (String) forDriver.remove(SOCKET_TIMEOUT_AFTER_CONNECT);
        try {
            Connection connection = DriverManager.getConnection(raw, forDriver);
            if (after != null) {
                try {
                    connection.setNetworkTimeout(Runnable::run, Integer.parseInt(after));
                } catch (SQLException | RuntimeException e) {
                    try {
                        connection.close();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                }
            }
            return connection;
        } catch (SQLException e) {
            String message = e.getMessage();
            String printable = url.toString();
            if (message == null || raw.equals(printable) || !message.contains(raw)) {
                throw e;
            }
            String text = message.replace(raw, printable);
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            SQLException redacted = state.startsWith("08")
                    ? new java.sql.SQLNonTransientConnectionException(text, e.getSQLState(), e.getErrorCode())
                    : state.startsWith("28")
                    ? new java.sql.SQLInvalidAuthorizationSpecException(text, e.getSQLState(), e.getErrorCode())
                    : new SQLException(text, e.getSQLState(), e.getErrorCode());
            redacted.setStackTrace(e.getStackTrace());
            redacted.setNextException(e.getNextException());
            throw redacted;
        }
    }

    /**
     * Close every connection this data source handed out that is still open, and those kept idle (here and in the data
     * sources made from this one).
     *
     * @return how many were still open and in use
     */
    public int closeOpenConnections() {
        List<Connection> toClose = new ArrayList<>(open);
        Set<Connection> wereIdle = idle == null ? Set.of() : Set.copyOf(idle);
        open.clear();
        if (idle != null) {
            idle.clear();
        }
        int closed = 0;
        for (Connection connection : toClose) {
            if (!isClosedQuietly(connection)) {
                closed += wereIdle.contains(connection) ? 0 : 1;
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the connection is being discarded; a failure to close it changes nothing for the test
                }
            }
        }
        return closed;
    }

    /**
     * Open a connection or fail with a harness exception that names the database.
     */
    public Connection connect() {
        try {
            return getConnection();
        } catch (SQLException e) {
            throw new RehearsalException("Could not connect to " + url + ": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ", code " + e.getErrorCode() + ")", e);
        }
    }

    private static boolean isClosedQuietly(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logging is global; this data source has no writer of its own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "DataSource[" + url + "]";
    }
}
