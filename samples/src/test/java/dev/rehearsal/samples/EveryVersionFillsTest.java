package dev.rehearsal.samples;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.Engine.POSTGRESQL;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import java.util.List;

/**
 * Every version of the samples' histories can be filled with realistic rows without a constraint violation: the
 * rehearsal seeds more rows into what the earlier versions hold, then migrates on.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB}, locations = {"classpath:db/migration/{engine}", "classpath:db/fixes"})
class EveryVersionFillsTest {

    @RehearsalTest
    void the_orders_history_with_its_fix_fills_at_every_version(Rehearsal rehearsal) {
        fillEveryVersion(rehearsal);
        assertThat(rehearsal.currentVersion()).contains("4");
    }

    /**
     * V1.1 changes data, not the schema, so filling V1 and V2 covers every schema of this history. Seeding between
     * V1.1 and V2 would bring NULL bios back, and V2 would rightly fail: the fix and the constraint ship together.
     */
    @RehearsalTest
    void the_users_history_with_its_fix_fills_at_every_schema_version(Rehearsal rehearsal) {
        Rehearsal users = rehearsal.withLocations("classpath:db/users/{engine}", "classpath:db/users-fix");
        assertThat(users.migrateTo("1")).hasSucceeded();
        users.seed(SeedPlan.withSeed(1).defaultRows(300));
        assertThat(users.migrateToLatest()).hasSucceeded().hasApplied("1.1", "2");
        users.seed(SeedPlan.withSeed(2).defaultRows(300));
        assertThat(users.queryForLong("SELECT count(*) FROM users WHERE bio IS NULL")).isZero();
        assertThat(users.queryForLong("SELECT count(*) FROM users")).isEqualTo(600);
    }

    private static void fillEveryVersion(Rehearsal rehearsal) {
        for (String version : List.copyOf(rehearsal.pendingVersions())) {
            assertThat(rehearsal.migrateTo(version)).hasSucceeded();
            SeedReport report = rehearsal.seed(SeedPlan.withSeed(version.hashCode()).defaultRows(300));
            assertThat(report.rowsPerTable().keySet()).as("every table at " + version)
                    .containsExactlyInAnyOrderElementsOf(rehearsal.schema().tables().stream().map(Table::name).toList());
        }
    }
}
