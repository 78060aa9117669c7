package dev.rehearsal.internal.state;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.seed.SeededState;
import java.util.List;

/**
 * Builds a {@link SeededState} in a rehearsal's database: migrate to its version, derive the breaking data of the next
 * migration when it plants derived defects, seed. The one way a state is built, cached or not.
 */
public final class StateBuild {

    private StateBuild() {
    }

    /**
     * @return the seed's report
     * @throws RehearsalException with the step's verdict if the migrations up to the version fail
     * @throws dev.rehearsal.RehearsalConfigurationException if the plan does not fit the schema there, or no derived
     *     defect matches
     */
    public static SeedReport build(Rehearsal rehearsal, SeededState state) {
        StepOutcome outcome = rehearsal.migrateTo(state.version());
        if (outcome.failed()) {
            throw new RehearsalException(state.terms().seededAt(state.version()) + " could not migrate to the version to"
                    + " seed at, so the test did not run:\n" + outcome.verdict());
        }
        SeedPlan plan = state.plan();
        if (state.plantsDerivedDefects()) {
            List<Defect> chosen = state.chooseDerived(rehearsal.deriveBreakingData());
            plan = plan.defects(chosen);
        }
        return rehearsal.seed(plan, state.terms());
    }
}
