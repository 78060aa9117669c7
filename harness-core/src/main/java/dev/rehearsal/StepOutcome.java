package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.internal.Verdicts;
import dev.rehearsal.seed.SeedReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of one migrate step: it succeeded and reached a version, or it failed, exactly where and why,
 * and left the database in a known state.
 *
 * <p>Immutable. {@link #toString()} renders the verdict as a readable block; assertion failures show it whole.
 * Use {@link dev.rehearsal.assertions.RehearsalAssertions#assertThat(StepOutcome)} to assert on it.
 *
 * @param database where the step ran; never {@code null}
 * @param step what was asked, e.g. {@code "migrate to version 3"} or {@code "migrate to latest"}
 * @param versionBefore the version before the step; empty for an empty history
 * @param versionAfter the version after the step; empty for an empty history
 * @param applied the migrations this step applied successfully, in order
 * @param failure where and why the step failed; empty when it succeeded
 * @param leftBehind what the failure left in the database; present exactly when {@code failure} is
 * @param data what had been seeded into the database before the step, oldest first
 * @param damage what the step did without saying so, when it succeeded: warnings, rows lost, foreign keys violated,
 *     INVALID indexes, NOT VALID constraints
 * @param duration how long the step took
 * @param findings what the step did that is right in the rehearsal and risky in production: a lock taken with no lock
 *     timeout of the script's own, a timeout too short for a build on the rehearsal's rows; empty when none
 * @since 0.1
 */
public record StepOutcome(
        DatabaseInfo database,
        String step,
        Optional<String> versionBefore,
        Optional<String> versionAfter,
        List<AppliedMigration> applied,
        Optional<Failure> failure,
        Optional<LeftBehind> leftBehind,
        List<SeedReport> data,
        List<Damage> damage,
        Duration duration,
        List<Finding> findings) {

    /**
     * Create an outcome.
     *
     * @param database where the step ran; never {@code null}
     * @param step what was asked, e.g. {@code "migrate to version 3"} or {@code "migrate to latest"}
     * @param versionBefore the version before the step; empty for an empty history
     * @param versionAfter the version after the step; empty for an empty history
     * @param applied the migrations this step applied successfully, in order
     * @param failure where and why the step failed; empty when it succeeded
     * @param leftBehind what the failure left in the database; present exactly when {@code failure} is
     * @param data what had been seeded into the database before the step, oldest first
     * @param damage what the step did without saying so, when it succeeded: warnings, rows lost, foreign keys violated, INVALID indexes, NOT VALID constraints
     * @param duration how long the step took
     * @param findings what the step did that is right in the rehearsal and risky in production
     * @throws NullPointerException if any component is {@code null}
     * @throws IllegalArgumentException if {@code leftBehind} is present without a failure or the other way round
     */
    public StepOutcome {
        requireNonNull(database, "database");
        requireNonNull(step, "step");
        requireNonNull(versionBefore, "versionBefore");
        requireNonNull(versionAfter, "versionAfter");
        applied = List.copyOf(applied);
        requireNonNull(failure, "failure");
        requireNonNull(leftBehind, "leftBehind");
        data = List.copyOf(data);
        damage = List.copyOf(damage);
        requireNonNull(duration, "duration");
        findings = List.copyOf(findings);
        if (failure.isPresent() != leftBehind.isPresent()) {
            throw new IllegalArgumentException("leftBehind must be present exactly when failure is");
        }
    }

    /**
     * Create an outcome with no findings.
     *
     * @param database where the step ran
     * @param step what was asked
     * @param versionBefore the version before the step
     * @param versionAfter the version after the step
     * @param applied the migrations this step applied successfully, in order
     * @param failure where and why the step failed; empty when it succeeded
     * @param leftBehind what the failure left in the database; present exactly when {@code failure} is
     * @param data what had been seeded into the database before the step, oldest first
     * @param damage what the step did without saying so, when it succeeded
     * @param duration how long the step took
     */
    public StepOutcome(DatabaseInfo database, String step, Optional<String> versionBefore, Optional<String> versionAfter,
            List<AppliedMigration> applied, Optional<Failure> failure, Optional<LeftBehind> leftBehind,
            List<SeedReport> data, List<Damage> damage, Duration duration) {
        this(database, step, versionBefore, versionAfter, applied, failure, leftBehind, data, damage, duration, List.of());
    }

    /**
     * Return this outcome with findings.
     *
     * @param more what the step did that is right in the rehearsal and risky in production
     * @return the outcome
     */
    public StepOutcome withFindings(List<Finding> more) {
        return new StepOutcome(database, step, versionBefore, versionAfter, applied, failure, leftBehind, data, damage,
                duration, more);
    }

    /**
     * Tell whether the step succeeded.
     *
     * @return {@code true} if no migration of the step failed
     */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /**
     * Tell whether the step succeeded and did nothing without saying so.
     *
     * @return {@code true} if it succeeded without damage
     */
    public boolean succeededCleanly() {
        return succeeded() && damage.isEmpty();
    }

    /**
     * Tell whether the step failed.
     *
     * @return {@code true} if a migration of the step failed or Flyway refused to migrate
     */
    public boolean failed() {
        return failure.isPresent();
    }

    /**
     * Return this outcome with the data the database held before the step.
     *
     * @param reports the seed reports, oldest first; must not be {@code null}
     * @return the outcome
     */
    public StepOutcome withData(List<SeedReport> reports) {
        return new StepOutcome(database, step, versionBefore, versionAfter, applied, failure, leftBehind, reports, damage,
                duration, findings);
    }

    /**
     * Return the engine the step ran on.
     *
     * @return the engine; never {@code null}
     */
    public Engine engine() {
        return database.engine();
    }

    /**
     * Render the verdict as a readable, multi-line block.
     *
     * @return the verdict
     */
    public String verdict() {
        return Verdicts.render(this);
    }

    @Override
    public String toString() {
        return verdict();
    }
}
