package com.example.orders;

import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.PlantDefect;
import dev.rehearsal.junit.SeedData;
import dev.rehearsal.junit.SpringBootFlyway;
import dev.rehearsal.seed.DefectKind;
import org.junit.jupiter.api.Test;

/**
 * The application's own Flyway settings, from application.yml and the ci profile's application-ci.properties:
 * locations with {vendor}, the history table orders_schema_history, the app_role placeholder. No Spring context is
 * started; the rehearsal migrates a fresh embedded PostgreSQL database per test.
 */
@MigrationRehearsal
@SpringBootFlyway(profiles = "ci")
class OrdersMigrationRehearsalTest {

    @Test
    @SeedData(atVersion = "2", seed = 7, rows = {"customers=500", "orders=2000"})
    @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 3)
    void orphan_orders_break_the_customer_foreign_key(Rehearsal rehearsal) {
        StepOutcome v3 = rehearsal.migrateToNext();

        assertThat(v3).hasFailed()
                .isInScript("V3__orders_customer_fk.sql")
                .isAtStatement(2)
                .hasError(onPostgresql("23503"))
                .isDataDependent()
                .hasConstraint("fk_orders_customer");
        // the settings came from the application's files: its history table, and the ci profile's placeholder
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders_schema_history WHERE success")).isEqualTo(2);
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM information_schema.role_table_grants"
                + " WHERE table_name = 'orders' AND grantee = 'PUBLIC'")).isEqualTo(1);
    }

    @Test
    void on_clean_data_every_migration_applies(Rehearsal rehearsal) {
        assertThat(rehearsal.migrateTo("2")).hasSucceeded();
        rehearsal.execute("INSERT INTO customers (id, email) VALUES (1, 'ada@example.com');"
                + " INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 12.50)");

        assertThat(rehearsal.migrateToLatest()).hasSucceeded().hasApplied("3", "4").hasReachedVersion("4");
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders WHERE placed_at IS NOT NULL")).isEqualTo(1);
    }
}
