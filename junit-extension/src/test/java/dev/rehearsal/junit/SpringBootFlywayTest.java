package dev.rehearsal.junit;

import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalConfigurationException;
import java.util.Map;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** @SpringBootFlyway takes the settings from Boot's files, on a real database; the annotation's own attributes win. */
class SpringBootFlywayTest {

    private static final Map<String, String> POSTGRESQL = KitServers.configuration(Engine.POSTGRESQL);

    @Test
    void the_ci_profile_gives_the_locations_the_table_and_the_placeholders_and_the_fk_fails_on_orphans() {
        KitServers.run(CiProfile.class, POSTGRESQL).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @MigrationRehearsal
    @SpringBootFlyway(name = "rehearsal-spring", profiles = "ci")
    static class CiProfile {

        @Test
        void orphan_orders_fail_the_foreign_key(Rehearsal rehearsal) {
            assertThat(rehearsal.migrateTo("1")).hasSucceeded();
            rehearsal.execute("INSERT INTO customers (id) VALUES (1); INSERT INTO orders (id, customer_id) VALUES (10, 1), (11, 999)");

            // the YAML document of the ci profile set the placeholder; the ci properties file the history table
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM customers WHERE region = 'ci-region'")).isEqualTo(1);
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM ci_history WHERE success")).isEqualTo(1);
            assertThat(rehearsal.migrateToNext()).hasFailed()
                    .isInScript("V2__orders_customer_fk.sql")
                    .hasError(onPostgresql("23503"))
                    .isDataDependent()
                    .hasConstraint("fk_orders_customer");
        }

        @Test
        void clean_data_migrates(Rehearsal rehearsal) {
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers (id) VALUES (1); INSERT INTO orders (id, customer_id) VALUES (10, 1)");

            assertThat(rehearsal.migrateToLatest()).hasSucceeded().hasReachedVersion("2");
        }
    }

    @Test
    void without_a_profile_the_base_document_applies_and_nested_classes_inherit_it() {
        KitServers.run(NoProfile.class, POSTGRESQL).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @MigrationRehearsal
    @SpringBootFlyway(name = "rehearsal-spring")
    static class NoProfile {

        @Test
        void base_settings(Rehearsal rehearsal) {
            assertThat(rehearsal.migrateToLatest()).hasSucceeded().hasReachedVersion("2");
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM app_history WHERE success")).isEqualTo(2);
            rehearsal.execute("INSERT INTO customers (id) VALUES (1)");
            assertThat(rehearsal.query("SELECT region FROM customers")).containsExactly(Map.of("region", "eu-west"));
        }

        @Nested
        class Inner {
            @Test
            void inherited(Rehearsal rehearsal) {
                assertThat(rehearsal.migrateToLatest()).hasSucceeded();
                assertThat(rehearsal.queryForLong("SELECT count(*) FROM app_history WHERE success")).isEqualTo(2);
            }
        }
    }

    @Test
    void attributes_set_on_migration_rehearsal_win_over_the_files() {
        KitServers.run(AttributesWin.class, POSTGRESQL).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @MigrationRehearsal(table = "own_history", placeholders = "region=own-region")
    @SpringBootFlyway(name = "rehearsal-spring", profiles = "ci")
    static class AttributesWin {

        @Test
        void own_table_and_placeholder(Rehearsal rehearsal) {
            assertThat(rehearsal.migrateTo("1")).hasSucceeded();
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM own_history WHERE success")).isEqualTo(1);
            rehearsal.execute("INSERT INTO customers (id) VALUES (1)");
            assertThat(rehearsal.query("SELECT region FROM customers")).containsExactly(Map.of("region", "own-region"));
        }
    }

    @Test
    void a_misspelt_key_fails_the_test_naming_the_file_the_key_and_the_nearest_property() {
        assertFailsWith(Misspelt.class, ("@SpringBootFlyway on " + Misspelt.class.getName() + ": classpath:rehearsal-spring-typo.properties"
                        + " sets spring.flyway.out-of-ordr, which is not a Spring Boot Flyway property; the nearest one is"
                        + " spring.flyway.out-of-order.\nTo fix this, correct the key (to spring.flyway.out-of-order?) or"
                        + " remove it; the properties are those of Boot's FlywayProperties (docs/spring-boot.md)."));
    }

    @MigrationRehearsal
    @SpringBootFlyway(name = "rehearsal-spring-typo")
    static class Misspelt {
        @Test
        void never_runs(Rehearsal rehearsal) {
            rehearsal.migrateToLatest();
        }
    }

    @Test
    void an_unknown_profile_fails_the_test_naming_the_profile() {
        assertFailsWith(UnknownProfile.class, "@SpringBootFlyway on " + UnknownProfile.class.getName() + ": profile"
                + " \"qa\" has no configuration: none of classpath:rehearsal-spring-qa.properties,");
    }

    /** A configuration error fails the test, thrown as or wrapped around a RehearsalConfigurationException. */
    private static void assertFailsWith(Class<?> fixture, String expectedMessage) {
        KitServers.run(fixture, POSTGRESQL).testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains(expectedMessage)),
                new Condition<Throwable>(thrown -> thrown instanceof RehearsalConfigurationException
                        || thrown.getCause() instanceof RehearsalConfigurationException,
                        "thrown as or caused by RehearsalConfigurationException"))));
    }

    @MigrationRehearsal
    @SpringBootFlyway(name = "rehearsal-spring", profiles = "qa")
    static class UnknownProfile {
        @Test
        void never_runs(Rehearsal rehearsal) {
            rehearsal.migrateToLatest();
        }
    }

    @Test
    void a_blank_profile_is_refused_before_anything_runs() {
        KitServers.run(BlankProfile.class, POSTGRESQL).allEvents().assertThatEvents().haveAtLeastOne(event(
                finishedWithFailure(message(m -> m.contains("@SpringBootFlyway(profiles = {\"ci\", \" \"}) on "
                        + BlankProfile.class.getName() + " names a blank profile or several in one.")))));
    }

    @MigrationRehearsal
    @SpringBootFlyway(name = "rehearsal-spring", profiles = {"ci", " "})
    static class BlankProfile {
        @Test
        void never_runs(Rehearsal rehearsal) {
            rehearsal.migrateToLatest();
        }
    }
}
