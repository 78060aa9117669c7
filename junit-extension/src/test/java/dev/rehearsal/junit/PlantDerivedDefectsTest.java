package dev.rehearsal.junit;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.seed.DefectKind;
import dev.rehearsal.seed.PlantedDefect;
import org.junit.jupiter.api.Test;

/** The annotation form of breaking data derived from the next migration. */
class PlantDerivedDefectsTest {

    @MigrationRehearsal(locations = "classpath:db/fk")
    static class Derived {

        @Test
        @SeedData(atVersion = "1", defaultRows = 30)
        @PlantDerivedDefects(kinds = DefectKind.ORPHANS, count = 4)
        void orphans_derived_from_v2_break_it(Rehearsal rehearsal) {
            PlantedDefect planted = rehearsal.seeded().get(0).defects().get(0);
            org.assertj.core.api.Assertions.assertThat(planted.rows()).isEqualTo(4);
            org.assertj.core.api.Assertions.assertThat(planted.defect().parentTable()).hasValue("customers");
            assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent().hasConstraint("fk_orders_customer");
        }

        @Test
        @SeedData(atVersion = "1")
        @PlantDerivedDefects(kinds = DefectKind.NULLS)
        void nothing_matches(Rehearsal rehearsal) {
        }

        @Test
        @PlantDerivedDefects
        void alone(Rehearsal rehearsal) {
        }
    }

    @Test
    void derived_defects_are_planted_and_a_filter_that_matches_nothing_fails_naming_what_was_derived() {
        var events = KitServers.run(Derived.class, KitServers.configuration(Engine.POSTGRESQL)).testEvents();

        events.assertStatistics(stats -> stats.succeeded(1).failed(2));
        events.assertThatEvents()
                .haveExactly(1, event(displayName("orphans_derived_from_v2_break_it(Rehearsal)"), finishedSuccessfully()))
                .haveExactly(1, event(displayName("nothing_matches(Rehearsal)"), finishedWithFailure(message(m ->
                        m.startsWith("@PlantDerivedDefects(kinds = [NULLS]) on " + Derived.class.getName()
                                + ".nothing_matches(): nothing derived from V2__orders_customer_fk.sql matches, so the test"
                                + " would run on no defect.\nBreaking data for V2__orders_customer_fk.sql: 1 defect(s)")
                        && m.contains("3 orphans in orders.customer_id (of customers): V2 adds fk_orders_customer:")))))
                .haveExactly(1, event(displayName("alone(Rehearsal)"), finishedWithFailure(message(m -> m.startsWith(
                        "@PlantDerivedDefects on " + Derived.class.getName() + ".alone() has no @SeedData next to it")))));
    }
}
