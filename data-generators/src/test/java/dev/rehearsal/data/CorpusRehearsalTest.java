package dev.rehearsal.data;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.support.Corpus;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.api.Test;

/**
 * The corpus rehearsed as production lives it: data accumulates version after version, and each migration meets
 * the rows the earlier versions left.
 */
class CorpusRehearsalTest {

    @Test
    void conductor_on_mariadb_migrates_over_realistic_data_at_every_version() {
        try (Scope scope = SeedingTest.corpus(Engine.MARIADB, Corpus.location("conductor-mysql"))) {
            Rehearsal rehearsal = scope.rehearsal();
            for (String version : rehearsal.pendingVersions()) {
                assertThat(rehearsal.migrateTo(version)).hasSucceeded();
                rehearsal.seed(SeedPlan.withSeed(version.hashCode()).defaultRows(40));
            }
            assertThat(rehearsal.currentVersion()).contains("10");
        }
    }

    @Test
    void conductor_on_postgresql_v6_meets_null_dates_in_its_new_primary_key_and_a_data_fix_rolls_forward() {
        try (Scope scope = SeedingTest.corpus(Engine.POSTGRESQL, Corpus.location("conductor-postgres"))) {
            Rehearsal rehearsal = scope.rehearsal();
            for (String version : new String[] {"1", "2", "3", "4", "5"}) {
                assertThat(rehearsal.migrateTo(version)).hasSucceeded();
                rehearsal.seed(SeedPlan.withSeed(Long.parseLong(version)).defaultRows(40));
            }

            // V1 made date_str nullable; V6 puts it in a primary key. Any NULL left there stops the upgrade.
            StepOutcome v6 = rehearsal.migrateToNext();

            assertThat(v6).hasFailed()
                    .isInScript("V6__update_pk.sql")
                    .isAtStatement(20)
                    .isAtLine(29)
                    .hasSqlState("23502")
                    .isDataDependent()
                    .hasTable("workflow_def_to_workflow")
                    .hasColumn("date_str")
                    .leftBehind().isRolledBackAtomically().isAtVersion("5");

            long nulls = rehearsal.queryForLong("SELECT count(*) FROM workflow_def_to_workflow WHERE date_str IS NULL");
            assertThat(nulls).isPositive();
            assertThat(rehearsal.execute("UPDATE workflow_def_to_workflow SET date_str = '19700101' WHERE date_str IS NULL"))
                    .isEqualTo(nulls);
            assertThat(rehearsal.migrateToLatest()).hasSucceeded().hasReachedVersion("18.1");
        }
    }
}
