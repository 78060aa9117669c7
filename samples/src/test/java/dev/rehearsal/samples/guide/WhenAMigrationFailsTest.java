package dev.rehearsal.samples.guide;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.MigrationStatus;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.PlantDefect;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;
import dev.rehearsal.seed.DefectKind;

/**
 * The walk-through of docs/when-a-migration-fails.md, as a test: the foreign-key incident on MariaDB, from the
 * failure to a converged database, reading only what the harness prints. Its output is what the guide quotes.
 */
@MigrationRehearsal(engines = MARIADB, locations = "classpath:db/migration/{engine}")
class WhenAMigrationFailsTest {

    @RehearsalTest
    @SeedData(atVersion = "2", seed = 42, rows = {"customers=2000", "orders=8000", "order_lines=20000"})
    @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 5)
    void from_the_failure_to_a_converged_database(Rehearsal rehearsal) {
        StepOutcome v3 = rehearsal.migrateToNext();                       // 1. the verdict
        assertThat(v3).hasFailed().isDataDependent().hasConstraint("fk_orders_customer");

        MigrationStatus status = rehearsal.status();                      // 2. where the database stands
        System.out.println(status);
        assertThat(status.hasFailedMigration()).isTrue();
        assertThat(status.matchesHistory()).isFalse();

        StepOutcome refused = rehearsal.migrateToLatest();                // 3. the next deploy is refused
        assertThat(refused).hasFailed().hasMessageContaining("Detected failed migration to version 3");

        rehearsal.repair();                                               // 4. repair, then the planned fix, then on
        Rehearsal fixed = rehearsal.withLocations("classpath:db/migration/{engine}", "classpath:db/fixes");
        assertThat(fixed.migrateToLatest()).hasSucceeded().hasApplied("2.1", "3", "4");

        assertThat(fixed).convergesWithCleanRun().hasNoLeftovers();       // 5. converged, nothing left behind
        System.out.println(fixed.status());
    }
}
