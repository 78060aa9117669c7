package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a failed migration step left in the database.
 *
 * <p>On PostgreSQL a versioned migration runs in one transaction: when a statement fails, the statements
 * before it ran but were rolled back with it, no history row is written and the database stays at the version
 * it had. On MySQL and MariaDB every DDL statement commits implicitly, so the statements before the failing
 * one stay applied and Flyway records a failed row in the history table; the next migrate refuses until
 * {@code repair}. A PostgreSQL script that Flyway runs outside a transaction ({@code CREATE INDEX
 * CONCURRENTLY}) keeps its earlier statements too.
 *
 * @param version the version the database is at after the failure, as the history table says; empty for an
 *     empty history
 * @param ranInTransaction whether the failing script ran inside a transaction
 * @param executedBeforeFailure the statements of the failing script that ran successfully before it failed
 * @param stillApplied those of them that are still in effect after the failure
 * @param failedHistoryRow whether the history table holds a row recording the failed migration
 * @since 0.1
 */
public record LeftBehind(
        Optional<String> version,
        boolean ranInTransaction,
        List<ExecutedStatement> executedBeforeFailure,
        List<ExecutedStatement> stillApplied,
        boolean failedHistoryRow) {

    /**
     * Create a description of what a failure left behind.
     *
     * @param version the version the database is at after the failure, as the history table says; empty for an empty history
     * @param ranInTransaction whether the failing script ran inside a transaction
     * @param executedBeforeFailure the statements of the failing script that ran successfully before it failed
     * @param stillApplied those of them that are still in effect after the failure
     * @param failedHistoryRow whether the history table holds a row recording the failed migration
     * @throws NullPointerException if any component is {@code null}
     */
    public LeftBehind {
        requireNonNull(version, "version");
        executedBeforeFailure = List.copyOf(executedBeforeFailure);
        stillApplied = List.copyOf(stillApplied);
    }

    /**
     * Tell whether nothing of the failing script is in effect: the database is as it was before the script.
     *
     * @return {@code true} if no statement of the failing script stayed applied
     */
    public boolean isAtomic() {
        return stillApplied.isEmpty();
    }

    /**
     * Tell whether some statements of the failing script stay applied.
     *
     * @return {@code true} if at least one statement stayed applied
     */
    public boolean isPartial() {
        return !stillApplied.isEmpty();
    }

    /**
     * Describe the state in one line, e.g. {@code "partially applied: statements 1-2 stay applied; ..."}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (executedBeforeFailure.isEmpty()) {
            text.append("no statement of this step completed");
        } else if (isAtomic()) {
            text.append("nothing of the failed script is in effect (").append(statements(executedBeforeFailure))
                    .append(ranInTransaction ? " ran, then rolled back with the transaction)" : " ran and were undone)");
        } else {
            text.append("partially applied: ").append(statements(stillApplied))
                    .append(stillApplied.size() == 1 ? " stays applied" : " stay applied");
            if (stillApplied.size() < executedBeforeFailure.size()) {
                text.append(" (of ").append(statements(executedBeforeFailure)).append(" that ran)");
            }
        }
        text.append("; ").append(failedHistoryRow
                ? "the history table holds a failed row (the next migrate refuses until repair)"
                : "no history row");
        text.append("; database at version ").append(version.orElse("<none>"));
        return text.toString();
    }

    private static String statements(List<ExecutedStatement> statements) {
        if (statements.size() == 1) {
            return "statement " + statements.get(0).index();
        }
        int first = statements.get(0).index();
        int last = statements.get(statements.size() - 1).index();
        boolean contiguous = last - first + 1 == statements.size();
        if (contiguous) {
            return "statements " + first + "-" + last;
        }
        StringBuilder text = new StringBuilder("statements ");
        for (int i = 0; i < statements.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(statements.get(i).index());
        }
        return text.toString();
    }
}
