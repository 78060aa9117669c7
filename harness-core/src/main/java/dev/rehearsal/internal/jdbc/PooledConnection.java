package dev.rehearsal.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * A connection of a pooled {@link TrackingDataSource} as its user sees it: closing it gives the server connection back
 * instead of closing it, once; after that every call is refused as on a closed connection. {@code unwrap} reaches the
 * driver's connection (pgjdbc's {@code PGConnection} for COPY and the session's id).
 */
final class PooledConnection implements InvocationHandler {

    /** What a connection is reset to when it is given back: what it had when it was opened. */
    record Initial(boolean readOnly, int isolation, int networkTimeout) {
    }

    private final Connection physical;
    private final Initial initial;
    private final BiConsumer<Connection, Initial> giveBack;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PooledConnection(Connection physical, Initial initial, BiConsumer<Connection, Initial> giveBack) {
        this.physical = physical;
        this.initial = initial;
        this.giveBack = giveBack;
    }

    /** Lend a server connection: the caller's to close, which gives it back. */
    static Connection lend(Connection physical, BiConsumer<Connection, Initial> giveBack) throws SQLException {
        Initial initial = new Initial(physical.isReadOnly(), physical.getTransactionIsolation(),
                physical.getNetworkTimeout());
        return (Connection) Proxy.newProxyInstance(PooledConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new PooledConnection(physical, initial, giveBack));
    }

    /**
     * Reset a connection given back: roll back what is open, auto-commit on, {@code DISCARD ALL} (every {@code SET},
     * temporary table, prepared statement and advisory lock of the session gone; the settings it started with stay),
     * and read-only, isolation and network timeout as they were when it was opened.
     *
     * @return false when it could not be reset: it is to be closed
     */
    static boolean reset(Connection connection, Initial initial) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (Statement st = connection.createStatement()) {
                st.execute("DISCARD ALL"); // refused inside a transaction opened with SQL: then it is closed
            }
            if (connection.isReadOnly() != initial.readOnly()) {
                connection.setReadOnly(initial.readOnly());
            }
            if (connection.getTransactionIsolation() != initial.isolation()) {
                connection.setTransactionIsolation(initial.isolation());
            }
            if (connection.getNetworkTimeout() != initial.networkTimeout()) {
                connection.setNetworkTimeout(Runnable::run, initial.networkTimeout());
            }
            return connection.getWarnings() == null || clearWarnings(connection);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean clearWarnings(Connection connection) throws SQLException {
        connection.clearWarnings();
        return true;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                if (closed.compareAndSet(false, true)) {
                    giveBack.accept(physical, initial);
                }
                return null;
            }
            case "isClosed" -> {
                return closed.get() || physical.isClosed();
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "Pooled[" + physical + "]";
            }
            case "isValid" -> {
                if (closed.get()) {
                    return false;
                }
            }
            default -> {
                if (closed.get()) {
                    throw new SQLNonTransientConnectionException("This connection has been closed.", "08003");
                }
            }
        }
        try {
            return method.invoke(physical, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
