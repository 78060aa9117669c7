package dev.rehearsal.samples.users;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.Engine.POSTGRESQL;
import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;

/**
 * V2 makes {@code users.bio} NOT NULL for a new profile page; real users often have no bio. Realistic data has
 * NULLs in nullable columns, so the rehearsal finds it without a planted defect. The fix is planned with V2 and
 * shipped before it: a data migration that gives those users an empty bio.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB}, locations = "classpath:db/users/{engine}")
class UsersBioNotNullTest {

    @RehearsalTest
    @SeedData(atVersion = "1", seed = 7, rows = "users=5000")
    void users_without_a_bio_stop_v2_and_an_empty_bio_migration_before_it_lets_it_pass(Rehearsal rehearsal) {
        long withoutBio = rehearsal.queryForLong("SELECT count(*) FROM users WHERE bio IS NULL");
        assertThat(withoutBio).as("realistic data: some users never wrote a bio").isBetween(500L, 1_500L);

        assertThat(rehearsal.migrateTo("2")).hasFailed()
                .isInScript("V2__users_bio_required.sql")
                .isAtStatement(1)
                .isAtLine(2)
                .hasError(onPostgresql("23502"), onMariadb(1265))
                .isDataDependent()
                .hasColumn("bio");

        if (rehearsal.engine() == MARIADB) {
            rehearsal.repair();
        }
        assertThat(rehearsal.withLocations("classpath:db/users/{engine}", "classpath:db/users-fix").migrateToLatest())
                .hasSucceeded().hasApplied("1.1", "2").hasReachedVersion("2");
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM users WHERE bio = ''")).isEqualTo(withoutBio);
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM users")).isEqualTo(5_000);
    }
}
