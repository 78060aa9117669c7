package dev.rehearsal.samples.recovery;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.Engine.POSTGRESQL;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.DamageKind;
import dev.rehearsal.LeftoverKind;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.PlantDefect;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;
import dev.rehearsal.seed.DefectKind;

/**
 * Recovery path after a success that shipped damage: V2 added the foreign key without checking the old rows (NOT
 * VALID on PostgreSQL, checks off on MariaDB), so it "succeeded" over orphans. V2 stays as it shipped; a new V3
 * quarantines the orphans (and validates the constraint on PostgreSQL), and the database converges.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB},
        locations = {"classpath:db/compensate/base", "classpath:db/compensate/shortcut/{engine}"})
class CompensatingMigrationTest {

    @RehearsalTest
    @SeedData(atVersion = "1", seed = 8, rows = {"customers=300", "orders=1200"})
    @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 6)
    void a_compensating_migration_repairs_what_a_damaging_success_let_through(Rehearsal rehearsal) {
        StepOutcome v2 = rehearsal.migrateTo("2");

        if (rehearsal.engine() == POSTGRESQL) {
            assertThat(v2).hasSucceededWithDamage(DamageKind.FOREIGN_KEY_VIOLATED, DamageKind.NOT_VALID_CONSTRAINT);
            assertThat(rehearsal).hasLeftover(LeftoverKind.NOT_VALID_CONSTRAINT, "fk_orders_customer");
        } else {
            assertThat(v2).hasSucceededWithDamage(DamageKind.FOREIGN_KEY_VIOLATED);
        }
        assertThat(rehearsal).hasLeftover(LeftoverKind.FOREIGN_KEY_VIOLATED, "fk_orders_customer");

        Rehearsal compensated = rehearsal.withLocations("classpath:db/compensate/base",
                "classpath:db/compensate/shortcut/{engine}", "classpath:db/compensate/fix/{engine}");

        assertThat(compensated.migrateToLatest()).hasSucceeded().hasApplied("3");
        assertThat(compensated).hasNoLeftovers().convergesWithCleanRun();
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM orphan_orders")).isEqualTo(6);
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders")).isEqualTo(1194);
    }
}
