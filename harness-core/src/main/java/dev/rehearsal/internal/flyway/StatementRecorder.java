package dev.rehearsal.internal.flyway;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.internal.jdbc.SafetyGuard;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.callback.Statement;

/**
 * Records, through Flyway's public callbacks, every migration and statement of one migrate step: its text,
 * whether it ran in a transaction, and how it ended.
 *
 * <p>A callback that throws aborts the migration, so this one never throws — except to refuse a statement that
 * would act on a database the harness did not create, which is exactly when aborting is wanted.
 */
final class StatementRecorder implements Callback {

    enum State { RUNNING, SUCCEEDED, FAILED }

    static final class StatementRun {
        final int index;
        final String sql;
        final boolean autoCommit;
        State state = State.RUNNING;
        int errorCode;
        String sqlState;
        String errorMessage;
        /** When the statement was sent, and when its answer (or error) came back; 0 until then. */
        final long startNanos = System.nanoTime();
        long endNanos;
        final List<org.flywaydb.core.api.callback.Warning> warnings = new ArrayList<>();

        StatementRun(int index, String sql, boolean autoCommit) {
            this.index = index;
            this.sql = sql;
            this.autoCommit = autoCommit;
        }
    }

    static final class MigrationRun {
        final String version;
        final String description;
        final String script;
        final Integer checksum;
        /** Flyway's view of the migration, for reading its script again. */
        final MigrationInfo info;
        final List<StatementRun> statements = new ArrayList<>();
        State state = State.RUNNING;

        MigrationRun(MigrationInfo info) {
            this.info = info;
            this.version = info.getVersion() == null ? "" : info.getVersion().toString();
            this.description = info.getDescription() == null ? "" : info.getDescription();
            this.script = info.getScript() == null ? "" : info.getScript();
            this.checksum = info.getChecksum();
        }

        Optional<StatementRun> failing() {
            for (int i = statements.size() - 1; i >= 0; i--) {
                StatementRun run = statements.get(i);
                if (run.state != State.SUCCEEDED) {
                    return Optional.of(run);
                }
            }
            return Optional.empty();
        }

        List<StatementRun> succeeded() {
            return statements.stream().filter(s -> s.state == State.SUCCEEDED).toList();
        }
    }

    private final DatabaseInfo database;
    private final List<MigrationRun> runs = new ArrayList<>();
    private volatile Listener listener;

    /** Told where the step is, as it gets there: a fault point strikes at a statement. Never throws. */
    interface Listener {
        /** A statement of a migration is about to be sent. */
        void beforeStatement(String version, int statement);

        /** A migration's last statement ran; Flyway records it next. */
        void afterMigration(String version);
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    StatementRecorder(DatabaseInfo database) {
        this.database = database;
    }

    List<MigrationRun> runs() {
        return runs;
    }

    Optional<MigrationRun> last() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /**
     * Flyway reports a migration finished before it commits it, so a failure at commit (a deferred constraint, the
     * history insert) leaves it marked finished. After a failed step, a run whose version the history does not hold
     * as successful is the one that failed.
     *
     * @param committed the versions the history holds as applied successfully
     */
    void markUncommittedRunsFailed(Set<String> committed) {
        for (MigrationRun run : runs) {
            if (run.state == State.SUCCEEDED && !run.version.isEmpty() && !committed.contains(run.version)) {
                run.state = State.FAILED;
            }
        }
    }

    @Override
    public boolean supports(Event event, Context context) {
        return switch (event) {
            case BEFORE_EACH_MIGRATE, BEFORE_EACH_MIGRATE_STATEMENT, AFTER_EACH_MIGRATE_STATEMENT,
                    AFTER_EACH_MIGRATE_STATEMENT_ERROR, AFTER_EACH_MIGRATE, AFTER_EACH_MIGRATE_ERROR -> true;
            default -> false;
        };
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE_STATEMENT && context.getStatement() != null) {
            SafetyGuard.check(context.getStatement().getSql(), database, context.getConnection());
        }
        try {
            record(event, context);
        } catch (RuntimeException ignored) {
            // recording is best effort: a gap in the record must never change how the migration runs
        }
        Listener told = listener;
        if (told != null) {
            try {
                if (event == Event.BEFORE_EACH_MIGRATE_STATEMENT) {
                    last().ifPresent(run -> told.beforeStatement(run.version, run.statements.size()));
                } else if (event == Event.AFTER_EACH_MIGRATE) {
                    last().ifPresent(run -> told.afterMigration(run.version));
                }
            } catch (RuntimeException ignored) {
                // a listener never changes how the migration runs
            }
        }
    }

    private void record(Event event, Context context) {
        switch (event) {
            case BEFORE_EACH_MIGRATE -> {
                if (context.getMigrationInfo() != null) {
                    runs.add(new MigrationRun(context.getMigrationInfo()));
                }
            }
            case BEFORE_EACH_MIGRATE_STATEMENT -> last().ifPresent(run -> {
                Statement statement = context.getStatement();
                run.statements.add(new StatementRun(run.statements.size() + 1,
                        statement == null ? "" : statement.getSql(), autoCommit(context)));
            });
            case AFTER_EACH_MIGRATE_STATEMENT -> current().ifPresent(s -> {
                s.endNanos = System.nanoTime();
                s.state = State.SUCCEEDED;
                warnings(context, s);
            });
            case AFTER_EACH_MIGRATE_STATEMENT_ERROR -> current().ifPresent(s -> {
                s.endNanos = System.nanoTime();
                s.state = State.FAILED;
                Statement statement = context.getStatement();
                if (statement != null && statement.getErrors() != null && !statement.getErrors().isEmpty()) {
                    var error = statement.getErrors().get(0);
                    s.errorCode = error.getCode();
                    s.sqlState = error.getState();
                    s.errorMessage = error.getMessage();
                }
                warnings(context, s);
            });
            case AFTER_EACH_MIGRATE -> last().ifPresent(run -> run.state = State.SUCCEEDED);
            case AFTER_EACH_MIGRATE_ERROR -> last().ifPresent(run -> run.state = State.FAILED);
            default -> {
            }
        }
    }

    private Optional<StatementRun> current() {
        return last().flatMap(run -> run.statements.isEmpty()
                ? Optional.empty()
                : Optional.of(run.statements.get(run.statements.size() - 1)));
    }

    private static void warnings(Context context, StatementRun run) {
        Statement statement = context.getStatement();
        if (statement != null && statement.getWarnings() != null) {
            run.warnings.addAll(statement.getWarnings());
        }
    }

    private static boolean autoCommit(Context context) {
        try {
            return context.getConnection() != null && context.getConnection().getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String getCallbackName() {
        return "rehearsal-statement-recorder";
    }
}
