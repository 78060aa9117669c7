package dev.rehearsal.samples.recovery;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;

/**
 * Recovery path on the MySQL family: the failed script's first statements stayed applied, so after repair a plain
 * rerun fails on them; a backfill and a resume from the failed statement, as Atlas does it, converge. The script is
 * not edited.
 */
@MigrationRehearsal(engines = MARIADB, locations = {"classpath:db/contact/base", "classpath:db/contact/original/{engine}"})
class ResumeOnMariaDbTest {

    @RehearsalTest
    @SeedData(atVersion = "1", seed = 5, rows = "customers=500")
    void a_plain_rerun_after_repair_trips_over_the_statements_that_stayed(Rehearsal rehearsal) {
        assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(3).leftBehind().hasStillApplied(1, 2);
        rehearsal.repair();

        assertThat(rehearsal.migrateTo("2")).hasFailed()
                .isAtStatement(1)
                .hasError(onMariadb(1060))
                .isSchemaDependent()
                .hasColumn("phone");
    }

    @RehearsalTest
    @SeedData(atVersion = "1", seed = 5, rows = "customers=500")
    void a_backfill_and_a_resume_from_the_failed_statement_converge(Rehearsal rehearsal) {
        assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(3);
        assertThat(rehearsal.status().toString()).contains("V2__customer_contact.sql  FAILED");

        assertThat(rehearsal.execute("UPDATE customers SET phone = 'unknown' WHERE phone IS NULL")).isEqualTo(500);
        StepOutcome resumed = rehearsal.resumeFailedMigration();

        assertThat(resumed.step()).isEqualTo("resume V2__customer_contact.sql from statement 3");
        assertThat(resumed).hasSucceeded().hasApplied("2").hasReachedVersion("2");
        assertThat(rehearsal).convergesWithCleanRun().hasNoLeftovers();
        assertThat(rehearsal.status().matchesHistory()).isTrue();
    }
}
