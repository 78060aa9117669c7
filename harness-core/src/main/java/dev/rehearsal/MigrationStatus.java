package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.schema.SchemaDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a rehearsal database stands, in the manner of {@code atlas migrate status}: its version and what is pending,
 * the last migrate step and how it ended, the history table, whether the schema matches the history, and what
 * failures left behind. {@link #toString()} renders it as a readable block.
 *
 * @param database the database
 * @param currentVersion the highest version applied successfully
 * @param pendingVersions the versions not applied, in the order Flyway would apply them; a version whose history row
 *     records a failure is not among them, since Flyway refuses to apply anything until that row is repaired (see
 *     {@link #hasFailedMigration()}); the printed status lists it first
 * @param history the history table's rows, failed ones included
 * @param lastStep the last migrate step of this rehearsal, if any
 * @param drift how the schema differs from what a clean run of the migrations gives at the current version: a
 *     failed script whose first statements are in effect, or a change no history row accounts for
 * @param leftovers what failures or patterns thought safe left in the database
 * @since 0.1
 */
public record MigrationStatus(
        DatabaseInfo database,
        Optional<String> currentVersion,
        List<String> pendingVersions,
        List<HistoryRow> history,
        Optional<StepOutcome> lastStep,
        SchemaDiff drift,
        List<Leftover> leftovers) {

    /**
     * Create a status.
     *
     * @param database the database
     * @param currentVersion the highest version applied successfully
     * @param pendingVersions the versions not applied, in the order Flyway would apply them; a version whose history row records a failure is not among them, since Flyway refuses to apply anything until that row is repaired (see {@link #hasFailedMigration()}); the printed status lists it first
     * @param history the history table's rows, failed ones included
     * @param lastStep the last migrate step of this rehearsal, if any
     * @param drift how the schema differs from what a clean run of the migrations gives at the current version: a failed script whose first statements are in effect, or a change no history row accounts for
     * @param leftovers what failures or patterns thought safe left in the database
     * @throws NullPointerException if a component is {@code null}
     */
    public MigrationStatus {
        requireNonNull(database, "database");
        requireNonNull(currentVersion, "currentVersion");
        pendingVersions = List.copyOf(pendingVersions);
        history = List.copyOf(history);
        requireNonNull(lastStep, "lastStep");
        requireNonNull(drift, "drift");
        leftovers = List.copyOf(leftovers);
    }

    /**
     * Tell whether the schema is exactly what the history says it is.
     *
     * @return {@code true} if a clean run at the current version gives the same schema
     */
    public boolean matchesHistory() {
        return drift.isEmpty();
    }

    /**
     * Tell whether the history holds a failed row, which stops the next migrate until repair.
     *
     * @return {@code true} if a row records a failed migration
     */
    public boolean hasFailedMigration() {
        return history.stream().anyMatch(row -> !row.success());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Migration status of ").append(database).append('\n');
        text.append("  current version  ").append(currentVersion.orElse("<none>")).append('\n');
        List<String> pending = new ArrayList<>();
        history.stream().filter(row -> !row.success()).forEach(row -> pending.add(row.version().orElse(row.script())
                + " (recorded as failed: repair, or resumeFailedMigration(), comes first)"));
        pending.addAll(pendingVersions);
        text.append("  pending          ").append(pending.isEmpty() ? "none" : String.join(", ", pending)).append('\n');
        lastStep.ifPresent(step -> text.append("  last step        ").append(step.step())
                .append(step.succeeded() ? " succeeded" : " failed: " + lastFailure(step)).append('\n'));
        text.append("  history          ");
        if (history.isEmpty()) {
            text.append("empty\n");
        }
        for (int i = 0; i < history.size(); i++) {
            HistoryRow row = history.get(i);
            text.append(i == 0 ? "" : "                   ").append(row.version().orElse("R")).append("  ")
                    .append(row.script()).append("  ").append(row.success() ? "success" : "FAILED").append('\n');
        }
        text.append("  schema           ").append(drift.isEmpty() ? "matches the history"
                : "differs from a clean run at this version" + (hasFailedMigration() ? ""
                        : unrecordedFailure().map(f -> " with what the last step's failed " + f + " left in effect,"
                                + " which no history row records")
                        .orElse(" with changes no history row accounts for (made by hand?)")) + ", "
                        + drift.report().replace("\n", "\n                   "))
                .append('\n');
        text.append("  leftovers        ").append(leftovers.isEmpty() ? "none" : leftovers.stream().map(Leftover::toString)
                .collect(Collectors.joining("\n                   ")));
        return text.toString();
    }

    /**
     * The last step's failed script, with the statements of it that stayed in effect, when no history row records
     * its failure: a session killed during a statement leaves Flyway no connection to write the failed row with.
     */
    private Optional<String> unrecordedFailure() {
        return lastStep.filter(StepOutcome::failed).flatMap(step -> step.leftBehind()
                .filter(left -> !left.failedHistoryRow() && !left.stillApplied().isEmpty())
                .flatMap(left -> step.failure().flatMap(Failure::script).map(script -> script + " ("
                        + left.stillApplied().stream().map(s -> "statement " + s.index()).collect(Collectors.joining(", "))
                        + ")")));
    }

    private static String lastFailure(StepOutcome step) {
        Failure failure = step.failure().orElseThrow();
        return failure.script().orElse("?") + (failure.statementIndex().isPresent()
                ? " statement " + failure.statementIndex().getAsInt() : "") + ": " + failure.message()
                + step.leftBehind().map(l -> " (" + l.describe() + ")").orElse("");
    }
}
