package dev.rehearsal.assertions;

import dev.rehearsal.CutPoint;
import dev.rehearsal.CutPoints;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a migration cut at each statement boundary ({@link dev.rehearsal.Rehearsal#cutAtEachStatement}). A
 * failure prints the whole table: each cut, what it left, how the recovery went. Reached through
 * {@link RehearsalAssertions#assertThat(CutPoints)}.
 *
 * @since 0.1
 */
public final class CutPointsAssert extends AbstractAssert<CutPointsAssert, CutPoints> {

    CutPointsAssert(CutPoints actual) {
        super(actual, CutPointsAssert.class);
    }

    /**
     * Verify that the recovery converged with an uncut run after every cut: the migration survives a lost connection
     * anywhere, recovered that way.
     *
     * @return this assertion object
     */
    public CutPointsAssert allConverge() {
        isNotNull();
        if (!actual.allConverge()) {
            failWithMessage("Expecting V%s to converge after a cut at every boundary (recovery: %s), but it does not"
                    + " after a cut at %s:%n%s", actual.version(), actual.recovery(), cuts(actual.notConverging()), actual);
        }
        return this;
    }

    /**
     * Verify that the recovery converged after every cut except exactly these: the cuts a runbook must treat apart.
     *
     * @param statements the cuts expected not to converge, by {@link CutPoint#statement()}
     * @return this assertion object
     */
    public CutPointsAssert convergesExceptAt(int... statements) {
        isNotNull();
        List<Integer> expected = Arrays.stream(statements).sorted().boxed().toList();
        List<Integer> failing = actual.notConverging().stream().map(CutPoint::statement).sorted().toList();
        if (!failing.equals(expected)) {
            failWithMessage("Expecting V%s not to converge after the cuts at %s only (recovery: %s), but it does not"
                    + " after %s:%n%s", actual.version(), expected, actual.recovery(),
                    failing.isEmpty() ? "none" : failing.toString(), actual);
        }
        return this;
    }

    private static String cuts(List<CutPoint> points) {
        return points.stream().map(p -> String.valueOf(p.statement())).collect(Collectors.joining(", "));
    }
}
