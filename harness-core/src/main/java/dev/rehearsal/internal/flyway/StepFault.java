package dev.rehearsal.internal.flyway;

import dev.rehearsal.ConnectionFault;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.internal.jdbc.FaultRelay;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import dev.rehearsal.internal.jdbc.TrackingDataSource;
import dev.rehearsal.internal.server.RehearsalDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One step's fault point: the relay its connections go through, and the listener that strikes when the migration of
 * the version reaches the statement. Closed when the step ends, with every connection through it.
 */
final class StepFault implements StatementRecorder.Listener, AutoCloseable {

    private final ConnectionFault fault;
    private final String version;
    private final FaultRelay relay;
    private final TrackingDataSource connections;
    private volatile ScheduledFuture<?> pending;
    private volatile int struckAt;

    private StepFault(ConnectionFault fault, String version, FaultRelay relay, TrackingDataSource connections) {
        this.fault = fault;
        this.version = version;
        this.relay = relay;
        this.connections = connections;
    }

    /**
     * Put a relay between the step's connections and the rehearsal's server.
     *
     * @param version the migration the fault strikes in
     * @param statements how many statements its script has
     * @throws RehearsalConfigurationException if the fault's statement is past the script's last
     */
    static StepFault open(RehearsalDatabase database, ConnectionFault fault, String version, int statements) {
        if (fault.statement().filter(k -> k > statements).isPresent()) {
            throw new RehearsalConfigurationException("migrateTo(\"" + version + "\", " + fault + "): V" + version + " has "
                    + statements + " statement(s), so statement " + fault.statement().get() + " never runs.\nTo fix this,"
                    + " give a statement from 1 to " + statements + ", or afterLastStatement() for the cut between the"
                    + " last statement and the history row.");
        }
        JdbcUrl url = database.dataSource().url();
        String authority = url.authority();
        if (authority.contains(",")) {
            throw new RehearsalConfigurationException("migrateTo(\"" + version + "\", " + fault + "): the server's URL '"
                    + url + "' names several hosts, and a fault point stands in front of one.\nTo fix this, point the"
                    + " URL at one host.");
        }
        String host;
        int port;
        int colon = authority.lastIndexOf(':');
        if (colon > authority.lastIndexOf(']') && colon >= 0) {
            host = authority.substring(0, colon);
            port = Integer.parseInt(authority.substring(colon + 1));
        } else {
            host = authority;
            port = url.scheme().toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql") ? 5432 : 3306;
        }
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            FaultRelay relay = FaultRelay.open(host, port);
            JdbcUrl through = new JdbcUrl(url.scheme(), "127.0.0.1:" + relay.port(), url.database(), url.params());
            return new StepFault(fault, version, relay, database.dataSource().through(through));
        } catch (IOException e) {
            throw new dev.rehearsal.RehearsalException("Could not open the fault point in front of " + database.info()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The connections of the step, through the relay. */
    TrackingDataSource connections() {
        return connections;
    }

    @Override
    public void beforeStatement(String migration, int statement) {
        if (version.equals(migration) && fault.statement().filter(k -> k == statement).isPresent()) {
            struckAt = statement;
            FaultRelay.Mode mode = FaultRelay.Mode.valueOf(fault.kind().name());
            if (fault.delay().isZero()) {
                relay.fault(mode);
            } else {
                pending = StepTimer.once(fault.delay(), () -> relay.fault(mode));
            }
        }
    }

    @Override
    public void afterMigration(String migration) {
        if (version.equals(migration) && fault.statement().isEmpty()) {
            relay.fault(FaultRelay.Mode.valueOf(fault.kind().name()));
        }
    }

    /**
     * After the step: the relay is closed (a frozen connection ends there, so the server's session can end too), and
     * the step's sessions are waited for on the server, at most the bound, then ended.
     *
     * @return what happened, for the verdict's detail
     */
    String end(RehearsalDatabase database, long stepEndNanos, Duration bound) {
        ScheduledFuture<?> timer = pending;
        if (timer != null) {
            timer.cancel(false);
        }
        relay.close();
        long struck = relay.faultNanos();
        if (struck == 0) {
            return "the fault point (" + fault + ") never struck: the step ended first";
        }
        long closedNanos = System.nanoTime();
        String where = fault.statement().isEmpty() ? "after the last statement of V" + version
                + ", before Flyway recorded it" : fault.delay().isZero() ? "as statement " + struckAt + " of V" + version
                        + " was sent" : fault.delay().toMillis() + " ms into statement " + struckAt + " of V" + version;
        String verb = switch (fault.kind()) {
            case CLOSE -> "closed";
            case RESET -> "reset";
            case FREEZE -> "froze";
        };
        StringBuilder said = new StringBuilder("the harness's fault point " + verb + " the connection " + where
                + "; the driver noticed after " + millis(stepEndNanos - struck));
        long deadline = closedNanos + bound.toNanos();
        Optional<List<Long>> live;
        do {
            live = database.server().liveSessions(database.name(), connections.sessions());
            if (live.isEmpty() || live.get().isEmpty()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        if (live.isEmpty()) {
            said.append("; the server could not be asked whether its session ended");
        } else if (live.get().isEmpty()) {
            said.append("; the server ended the step's session ").append(millis(System.nanoTime() - struck))
                    .append(" after the fault");
        } else {
            database.server().endSessions(database.name(), connections.sessions(), false);
            said.append("; the server still ran the step's session ").append(millis(System.nanoTime() - struck))
                    .append(" after the fault, so the harness ended it");
        }
        return said.toString();
    }

    @Override
    public void close() {
        ScheduledFuture<?> timer = pending;
        if (timer != null) {
            timer.cancel(false);
        }
        relay.close();
    }

    private static String millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis() + " ms";
    }
}
