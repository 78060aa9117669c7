package dev.rehearsal.samples.recovery;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.Engine.POSTGRESQL;
import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.LeftoverKind;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;

/**
 * Recovery path: repair, then a rewrite of the failed script whose statements can all run again, with the backfill
 * before the constraint. On PostgreSQL nothing of the failed script applied, so the rewrite simply runs; on MariaDB
 * the first two statements stayed, the history holds a failed row, and the rewrite runs over them after repair.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB},
        locations = {"classpath:db/contact/base", "classpath:db/contact/original/{engine}"})
class RewriteAfterFailureTest {

    @RehearsalTest
    @SeedData(atVersion = "1", seed = 5, rows = "customers=500")
    void repair_and_an_idempotent_rewrite_converge(Rehearsal rehearsal) {
        assertThat(rehearsal.migrateTo("2")).hasFailed()
                .isAtStatement(3)
                .hasError(onPostgresql("23502"), onMariadb(1265))
                .hasColumn("phone");
        if (rehearsal.engine() == MARIADB) {
            assertThat(rehearsal).hasLeftover(LeftoverKind.PARTIALLY_APPLIED, "column phone")
                    .hasLeftover(LeftoverKind.PARTIALLY_APPLIED, "column preferred_contact");
            rehearsal.repair();
        } else {
            assertThat(rehearsal).hasNoLeftovers().convergesWithCleanRun();
        }

        Rehearsal rewritten = rehearsal.withLocations("classpath:db/contact/base", "classpath:db/contact/rewritten/{engine}");

        assertThat(rewritten.migrateToLatest()).hasSucceeded().hasApplied("2");
        assertThat(rewritten).convergesWithCleanRun().hasNoLeftovers();
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM customers WHERE phone = 'unknown'")).isEqualTo(500);
    }
}
