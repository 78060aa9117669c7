package dev.rehearsal.assertions;

import dev.rehearsal.AppliedMigration;
import dev.rehearsal.Damage;
import dev.rehearsal.DamageKind;
import dev.rehearsal.StepOutcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the outcome of a migrate step.
 *
 * @since 0.1
 */
public final class StepOutcomeAssert extends AbstractAssert<StepOutcomeAssert, StepOutcome> {

    StepOutcomeAssert(StepOutcome actual) {
        super(actual, StepOutcomeAssert.class);
    }

    /**
     * Verify that the step succeeded and hid no damage: no warnings, no rows lost, no foreign key left violated, no
     * INVALID index or NOT VALID constraint added.
     *
     * @return this assertion object
     */
    public StepOutcomeAssert hasSucceeded() {
        isNotNull();
        if (actual.failed()) {
            failWithMessage("%s", AssertionMessages.shouldHaveSucceeded(actual));
        }
        if (!actual.damage().isEmpty()) {
            failWithMessage("%s", AssertionMessages.shouldNotHaveHiddenDamage(actual));
        }
        return this;
    }

    /**
     * Verify that the step succeeded and hid damage, all of it of the kinds the test expects, e.g. rows an
     * {@code ALTER IGNORE} is known to drop.
     *
     * @param expected the kinds of damage the test expects; at least one
     * @return this assertion object
     * @throws IllegalArgumentException if no kind, or {@code null}, is given
     */
    public StepOutcomeAssert hasSucceededWithDamage(DamageKind... expected) {
        isNotNull();
        if (actual.failed()) {
            failWithMessage("%s", AssertionMessages.shouldHaveSucceeded(actual));
        }
        if (expected == null || expected.length == 0 || java.util.Arrays.asList(expected).contains(null)) {
            throw new IllegalArgumentException("hasSucceededWithDamage(...): name at least one DamageKind the step may"
                    + " hide, e.g. hasSucceededWithDamage(DamageKind.WARNINGS); use hasSucceeded() for a step that must"
                    + " hide nothing.");
        }
        Set<DamageKind> declared = java.util.EnumSet.copyOf(java.util.Arrays.asList(expected));
        List<DamageKind> found = actual.damage().stream().map(Damage::kind).distinct().toList();
        if (found.isEmpty() || !declared.containsAll(found)) {
            failWithMessage("%s", AssertionMessages.shouldHaveHiddenOnly(actual, declared, found.isEmpty() ? "nothing" : found));
        }
        return this;
    }

    /**
     * Verify that the step failed, and go on with assertions on the failure.
     *
     * @return assertions on the failure
     */
    public FailureAssert hasFailed() {
        isNotNull();
        if (actual.succeeded()) {
            failWithMessage("%s", AssertionMessages.shouldHaveFailed(actual));
        }
        return new FailureAssert(actual.failure().orElseThrow(), actual);
    }

    /**
     * Verify the version the database is at after the step.
     *
     * @param version e.g. {@code "4"}; must not be {@code null}
     * @return this assertion object
     */
    public StepOutcomeAssert hasReachedVersion(String version) {
        isNotNull();
        if (!actual.versionAfter().equals(Optional.of(version))) {
            failWithActualExpectedAndMessage(actual.versionAfter(), version, "%s",
                    AssertionMessages.expected("the version after the step", version, actual.versionAfter(), actual));
        }
        return this;
    }

    /**
     * Verify the versions the step applied, exactly and in order.
     *
     * @param versions e.g. {@code "2.1", "3", "4"}; none for a step that applied nothing
     * @return this assertion object
     */
    public StepOutcomeAssert hasApplied(String... versions) {
        isNotNull();
        List<String> applied = actual.applied().stream().map(AppliedMigration::version).toList();
        if (!applied.equals(List.of(versions))) {
            failWithActualExpectedAndMessage(applied, List.of(versions), "%s",
                    AssertionMessages.expected("the versions applied", List.of(versions), applied, actual));
        }
        return this;
    }

    /**
     * Verify that the step has no finding: every lock it takes on an existing table has a lock timeout of the script's
     * own, and no build ran close to its statement timeout.
     *
     * @return this assertion object
     */
    public StepOutcomeAssert hasNoFindings() {
        isNotNull();
        if (!actual.findings().isEmpty()) {
            failWithMessage("%s", AssertionMessages.shouldBe("the step to have no finding", actual));
        }
        return this;
    }

    /**
     * Verify that the step has a finding of a kind.
     *
     * @param kind the kind
     * @return this assertion object
     */
    public StepOutcomeAssert hasFinding(dev.rehearsal.FindingKind kind) {
        isNotNull();
        if (actual.findings().stream().noneMatch(f -> f.kind() == kind)) {
            failWithMessage("%s", AssertionMessages.shouldBe("the step to have a finding " + kind, actual));
        }
        return this;
    }
}
