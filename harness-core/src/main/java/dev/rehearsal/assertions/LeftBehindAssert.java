package dev.rehearsal.assertions;

import dev.rehearsal.ExecutedStatement;
import dev.rehearsal.LeftBehind;
import dev.rehearsal.StepOutcome;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a failed step left in the database. Reached through {@link FailureAssert#leftBehind()}.
 *
 * @since 0.1
 */
public final class LeftBehindAssert extends AbstractAssert<LeftBehindAssert, LeftBehind> {

    private final StepOutcome outcome;

    LeftBehindAssert(LeftBehind actual, StepOutcome outcome) {
        super(actual, LeftBehindAssert.class);
        this.outcome = outcome;
    }

    /**
     * Verify that the failing script ran in a transaction that was rolled back as a whole: nothing of it is in
     * effect and no failed history row was written. PostgreSQL's behaviour for a transactional script.
     *
     * @return this assertion object
     */
    public LeftBehindAssert isRolledBackAtomically() {
        if (!actual.ranInTransaction() || actual.isPartial() || actual.failedHistoryRow()) {
            failWithMessage("%s", AssertionMessages.shouldBe(
                    "the failed script to be rolled back atomically (in a transaction, nothing in effect, no history row)",
                    outcome));
        }
        return this;
    }

    /**
     * Verify that exactly these statements of the failing script stay applied, e.g. {@code 1, 2} when a script
     * fails at its third statement on MariaDB.
     *
     * @param statementIndexes the 1-based indexes; none for nothing applied
     * @return this assertion object
     */
    public LeftBehindAssert hasStillApplied(int... statementIndexes) {
        List<Integer> stillApplied = actual.stillApplied().stream().map(ExecutedStatement::index).toList();
        List<Integer> expected = Arrays.stream(statementIndexes).boxed().toList();
        if (!stillApplied.equals(expected)) {
            failWithActualExpectedAndMessage(stillApplied, expected, "%s",
                    AssertionMessages.expected("the statements still applied", expected, stillApplied, outcome));
        }
        return this;
    }

    /**
     * Verify that the history table holds a row recording the failed migration, as Flyway writes on the MySQL
     * family.
     *
     * @return this assertion object
     */
    public LeftBehindAssert hasFailedHistoryRow() {
        if (!actual.failedHistoryRow()) {
            failWithMessage("%s", AssertionMessages.shouldBe("the history table to hold a failed row", outcome));
        }
        return this;
    }

    /**
     * Verify that the history table holds no row for the failed migration.
     *
     * @return this assertion object
     */
    public LeftBehindAssert hasNoFailedHistoryRow() {
        if (actual.failedHistoryRow()) {
            failWithMessage("%s", AssertionMessages.shouldBe("the history table to hold no failed row", outcome));
        }
        return this;
    }

    /**
     * Verify the version the database is at after the failure.
     *
     * @param version e.g. {@code "2"}; must not be {@code null}
     * @return this assertion object
     */
    public LeftBehindAssert isAtVersion(String version) {
        if (!actual.version().equals(Optional.of(version))) {
            failWithActualExpectedAndMessage(actual.version(), version, "%s",
                    AssertionMessages.expected("the version left behind", version, actual.version(), outcome));
        }
        return this;
    }
}
