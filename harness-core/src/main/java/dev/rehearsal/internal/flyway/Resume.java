package dev.rehearsal.internal.flyway;

import dev.rehearsal.AppliedMigration;
import dev.rehearsal.Damage;
import dev.rehearsal.ExecutedStatement;
import dev.rehearsal.Failure;
import dev.rehearsal.LeftBehind;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.internal.jdbc.SafetyGuard;
import dev.rehearsal.internal.jdbc.SqlText;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Resuming the script the history records as failed, from its first statement not in effect, as Atlas does: the
 * remaining statements run and, once they all succeed, the failed row goes and the migration is recorded as applied
 * with its real checksum. A remaining statement that fails leaves the failed row, as it would in production.
 */
final class Resume {

    private final FlywaySteps steps;

    Resume(FlywaySteps steps) {
        this.steps = steps;
    }

    /**
     * @param dataSource connections to the rehearsal database
     * @param lastStep the rehearsal's last migrate step, which must be that script's failure
     * @throws RehearsalException if no failed row exists (a transactional PostgreSQL script rolls back whole), or
     *     if the failure was not seen by this rehearsal or the script changed since
     */
    StepOutcome run(DataSource dataSource, Optional<StepOutcome> lastStep) {
        MigrationInfoService info = steps.flyway().info();
        Optional<MigrationInfo> failedRow = Arrays.stream(info.all())
                .filter(i -> i.getVersion() != null && i.getState().isFailed())
                .reduce((a, b) -> b);
        // a connection lost part-way leaves no failed row (Flyway's write of it needed the lost connection): the
        // rehearsal's own step says which script failed and which of its statements stayed
        Optional<StepOutcome> lost = lastStep.filter(s -> s.failure().filter(f -> f.failureClass()
                == dev.rehearsal.FailureClass.CONNECTION_LOST).isPresent())
                .filter(s -> s.leftBehind().filter(l -> !l.failedHistoryRow() && l.isPartial()).isPresent());
        if (failedRow.isEmpty() && lost.isPresent()) {
            String lostScript = lost.get().failure().flatMap(Failure::script).orElse("");
            failedRow = Arrays.stream(info.pending()).filter(i -> i.getVersion() != null && lostScript.equals(i.getScript()))
                    .findFirst();
        }
        if (failedRow.isEmpty() && steps.dialect().transactionalDdl()) {
            throw new RehearsalException("resumeFailedMigration(): on " + steps.engine().displayName() + " a failed script"
                    + " that ran in a transaction is rolled back as a whole, so nothing of it is in effect and there is"
                    + " nothing to resume.\nTo fix this, remove the cause and migrate again (migrateToNext()).");
        }
        MigrationInfo failed = failedRow.orElseThrow(() -> new RehearsalException("resumeFailedMigration(): the history"
                + " of " + steps.database().name() + " records no failed migration, so there is nothing to resume.\nTo fix"
                + " this, resume only after a migrate step failed part-way; use migrateToNext() to go on otherwise."));
        String script = failed.getScript();
        String version = failed.getVersion().getVersion();
        StepOutcome failure = lastStep.filter(s -> s.failure().flatMap(Failure::script).equals(Optional.of(script)))
                .filter(s -> s.failure().get().isStatementFailure() || lost.isPresent())
                .orElseThrow(() -> new RehearsalException("resumeFailedMigration(): this rehearsal did not see how " + script
                        + " failed, so it cannot tell which of its statements are in effect.\nTo fix this, resume right"
                        + " after the migrate step that failed."));
        LeftBehind left = failure.leftBehind().orElseThrow();
        List<ExecutedStatement> inEffect = new ArrayList<>(left.stillApplied());
        for (int i = 0; i < inEffect.size(); i++) {
            if (inEffect.get(i).index() != i + 1) {
                throw new RehearsalException("resumeFailedMigration(): the statements of " + script + " in effect are not"
                        + " its first ones, so there is no point to resume from.\nTo fix this, undo the statements in effect"
                        + " with execute(...) and migrate again after repair(), or write a compensating migration.");
            }
        }
        int from = inEffect.size() + 1;
        List<SqlText.Located> statements = SqlText.splitWithLines(ScriptSource.text(failed,
                steps.flyway().reads().getConfiguration(), steps.locations(), steps.database().name()), steps.engine());
        for (ExecutedStatement executed : left.executedBeforeFailure()) {
            boolean same = executed.index() <= statements.size() && statements.get(executed.index() - 1).isSameAs(executed.sql());
            if (!same) {
                throw new RehearsalException("resumeFailedMigration(): statement " + executed.index() + " of " + script
                        + " as Flyway ran it does not match the script as read now, so resuming could run the wrong"
                        + " statements.\nTo fix this, resume only a script that was not changed since it failed.");
            }
        }
        String step = "resume " + script + " from statement " + from;
        Optional<String> before = HistoryTable.currentVersion(info);
        DamageCheck.Census census = steps.census(Optional.of(statements.subList(from - 1, statements.size()).stream()
                .map(SqlText.Located::sql).toList()));
        for (int j = from; j <= statements.size(); j++) {
            SafetyGuard.check(statements.get(j - 1).sql(), steps.database().info());
        }
        long start = System.nanoTime();
        List<String> ran = new ArrayList<>();
        List<DamageCheck.DataWarning> warnings = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int j = from; j <= statements.size(); j++) {
                SqlText.Located located = statements.get(j - 1);
                try {
                    statement.execute(located.sql());
                } catch (SQLException e) {
                    Failure again = steps.translator().statementFailure(version, script, failed.getChecksum(), j,
                            located.line(), located.sql(), e);
                    LeftBehind stays = new LeftBehind(steps.currentVersion(dataSource), false, List.copyOf(inEffect),
                            List.copyOf(inEffect), true);
                    return new StepOutcome(steps.database().info(), step, before, steps.currentVersion(dataSource),
                            List.of(), Optional.of(again), Optional.of(stays), List.of(), List.of(),
                            Duration.ofNanos(System.nanoTime() - start));
                }
                inEffect.add(new ExecutedStatement(j, located.sql()));
                ran.add(located.sql());
                for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                    DamageCheck.DataWarning.of(steps.dialect(), w.getErrorCode(), w.getMessage(), located.sql(), script, j)
                            .ifPresent(warnings::add);
                }
                statement.clearWarnings();
            }
        } catch (SQLException e) {
            throw new RehearsalException(step + " could not connect to " + steps.database().info() + ": " + e.getMessage(), e);
        }
        record(dataSource, step, version);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<Damage> damage = steps.findings(census, ran, warnings);
        return new StepOutcome(steps.database().info(), step, before, steps.currentVersion(dataSource),
                List.of(new AppliedMigration(version, failed.getDescription(), script)), Optional.empty(), Optional.empty(),
                List.of(), damage, took);
    }

    /**
     * Record a resumed migration as applied: remove its failed row, then let Flyway write the row it writes for a
     * success, with the script's checksum, without running anything. Unlike {@code repair}, nothing else in the
     * history changes (checksums of applied scripts stay as they were, so a changed script is still caught).
     */
    private void record(DataSource dataSource, String step, String version) {
        HistoryTable history = steps.history();
        try {
            history.removeFailedRow(dataSource, version);
        } catch (SQLException e) {
            throw new RehearsalException(step + ": the remaining statements ran, but the failed row of version " + version
                    + " could not be removed from " + history.name() + ": " + e.getMessage(), e);
        }
        try {
            steps.flyway().recordOnly(version).migrate();
        } catch (FlywayException e) {
            throw new RehearsalException(step + ": the remaining statements ran and the failed row of version " + version
                    + " was removed, but Flyway could not record the version as applied: "
                    + FailureTranslator.flywayMessage(e) + "\nThe database holds every statement of the script; its"
                    + " history lacks the row.", e);
        }
    }
}
