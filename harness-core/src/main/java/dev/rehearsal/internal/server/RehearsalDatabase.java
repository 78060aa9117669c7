package dev.rehearsal.internal.server;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.internal.jdbc.TrackingDataSource;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One database the harness created for one test: dropped when closed, unless kept.
 */
public final class RehearsalDatabase implements AutoCloseable {

    private final JdbcServer server;
    private volatile DatabaseInfo info;
    private final TrackingDataSource dataSource;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean dropped;
    private volatile Runnable whenFinished = () -> { };

    RehearsalDatabase(JdbcServer server, DatabaseInfo info, TrackingDataSource dataSource) {
        this.server = server;
        this.info = info;
        this.dataSource = dataSource;
    }

    public JdbcServer server() {
        return server;
    }

    public DatabaseInfo info() {
        return info;
    }

    /** Say how the database got its state, for every later verdict on it. */
    public void describeState(String state) {
        DatabaseInfo i = info;
        this.info = new DatabaseInfo(i.engine(), i.provider(), i.serverVersion(), i.source(), i.databaseName(), i.jdbcUrl(),
                java.util.Optional.of(state));
    }

    public String name() {
        return info.databaseName();
    }

    public TrackingDataSource dataSource() {
        return dataSource;
    }

    /**
     * Close the connections opened on the database and leave it on the server.
     *
     * @return a line saying where it is kept
     */
    public String keep() {
        if (closed.compareAndSet(false, true)) {
            dataSource.closeOpenConnections();
            whenFinished.run();
        }
        String note = server.provider() == dev.rehearsal.ProviderKind.EXISTING
                ? ""
                : " (" + server.provider() + " server: it lives until the test run ends; set "
                        + dev.rehearsal.RehearsalSettings.url(info.engine()) + " to a server you keep to inspect it afterwards)";
        return "Rehearsal kept database " + name() + " on " + server.describe() + " at " + info.jdbcUrl() + note;
    }

    /** Close the connections opened on the database and drop it; once kept, only close the connections. */
    @Override
    public void close() {
        if (!dropped && closed.get()) {
            dataSource.closeOpenConnections(); // kept: connections opened since go, the database stays
            return;
        }
        if (closed.compareAndSet(false, true)) {
            dropped = true;
            dataSource.retire(afterTheTest());
            dataSource.closeOpenConnections();
            try {
                server.drop(name(), dataSource.sessions());
            } finally {
                whenFinished.run();
            }
        }
    }

    /** Run this once the database is dropped or kept, e.g. to forget it. */
    public void whenFinished(Runnable action) {
        this.whenFinished = java.util.Objects.requireNonNull(action, "action");
    }

    /**
     * Fail if the database was dropped: a handle kept past its test must not reach the server again.
     *
     * @throws dev.rehearsal.RehearsalException saying so and how to fix the test
     */
    public void requireLive() {
        if (closed.get() && dropped) {
            throw new dev.rehearsal.RehearsalException(afterTheTest());
        }
    }

    private String afterTheTest() {
        return "The rehearsal database " + name() + " was dropped when its rehearsal was closed (under JUnit, when its"
                + " test ended): a Rehearsal, and the DataSource it gives, serve only until then, and the harness touches"
                + " no database it no longer owns.\nTo fix this, use them inside that test method (do not keep them in"
                + " fields), or before closing the rehearsal.";
    }
}
