package dev.rehearsal.assertions;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;

/**
 * Entry point of the AssertJ assertions on rehearsal outcomes.
 *
 * <pre>{@code
 * assertThat(rehearsal.migrateToNext())
 *         .hasFailed()
 *         .isInScript("V3__orders_customer_fk.sql")
 *         .isAtStatement(2)
 *         .hasError(onPostgresql("23503"), onMariadb(1452))
 *         .isDataDependent()
 *         .hasConstraint("fk_orders_customer");
 * }</pre>
 *
 * @since 0.1
 */
public final class RehearsalAssertions {

    private RehearsalAssertions() {
    }

    /**
     * Start assertions on the outcome of a migrate step.
     *
     * @param actual the outcome; may be {@code null}, which fails every assertion
     * @return the assertion object
     */
    public static StepOutcomeAssert assertThat(StepOutcome actual) {
        return new StepOutcomeAssert(actual);
    }

    /**
     * Start assertions on the state of a rehearsal database: convergence with a clean run, leftovers.
     *
     * @param actual the rehearsal; may be {@code null}, which fails every assertion
     * @return the assertion object
     */
    public static RehearsalAssert assertThat(Rehearsal actual) {
        return new RehearsalAssert(actual);
    }

    /**
     * Start assertions on how long the writes of a load waited during a step.
     *
     * @param actual the report of {@link dev.rehearsal.RunningWrites#stop()}; may be {@code null}, which fails every
     *     assertion
     * @return the assertion object
     */
    public static WriteWaitsAssert assertThat(dev.rehearsal.WriteWaits actual) {
        return new WriteWaitsAssert(actual);
    }

    /**
     * Start assertions on a migration cut at each statement boundary.
     *
     * @param actual the table of {@link dev.rehearsal.Rehearsal#cutAtEachStatement}; may be {@code null}, which fails
     *     every assertion
     * @return the assertion object
     */
    public static CutPointsAssert assertThat(dev.rehearsal.CutPoints actual) {
        return new CutPointsAssert(actual);
    }
}
