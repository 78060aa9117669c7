package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.internal.flyway.MigrationSettings;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Flyway settings a project already has are honoured. */
class FlywaySettingsTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void placeholders_and_the_history_table_name_are_honoured(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, settings(List.of()), "classpath:db/settings")) {
            Rehearsal rehearsal = scope.rehearsal();

            assertThat(rehearsal.migrateToLatest()).hasSucceeded().hasReachedVersion("1");

            assertThat(rehearsal.query("SELECT text FROM greetings")).containsExactly(Map.of("text", "hello"));
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM schema_history")).isEqualTo(1);
            assertThat(rehearsal.schema().tables()).extracting(Table::name).containsExactly("greetings");
        }
    }

    @Test
    void on_postgresql_the_rehearsal_works_in_flyways_first_schema() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, settings(List.of("app")), "classpath:db/settings")) {
            Rehearsal rehearsal = scope.rehearsal();

            assertThat(rehearsal.migrateToLatest()).hasSucceeded();

            Schema schema = rehearsal.schema();
            assertThat(schema.name()).isEqualTo("app");
            assertThat(schema.tables()).extracting(Table::name).containsExactly("greetings");
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM greetings")).isEqualTo(1);
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_name = 'greetings'")).isZero();
        }
    }

    @Test
    void schemas_on_the_mysql_family_are_an_error_because_they_are_databases() {
        assertThatThrownBy(() -> TestDatabases.rehearsal(Engine.MARIADB, settings(List.of("app")), "classpath:db/settings"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("test: schemas = [app] cannot be used on MariaDB: there a Flyway schema is a database, and a"
                        + " rehearsal migrates into the one database it created for the test.\nTo fix this, remove schemas"
                        + " for MySQL and MariaDB rehearsals; the rehearsal database plays the part of your schema.");
    }

    @Test
    void flyway_properties_that_would_point_flyway_elsewhere_or_wait_forever_are_refused() {
        MigrationSettings defaults = MigrationSettings.defaults(getClass().getClassLoader(), "@MigrationRehearsal on T");

        assertThatThrownBy(() -> withFlywayProperties(defaults, Map.of("url", "jdbc:postgresql://prod/app?password=hunter2")))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("@MigrationRehearsal on T: flywayProperties names flyway.url, which would connect Flyway"
                        + " elsewhere; the harness connects it to the database it created for the test.\nTo fix this,"
                        + " remove it; choose the server with rehearsal.<engine>.url or an image (docs/databases.md).");
        assertThatThrownBy(() -> withFlywayProperties(defaults, Map.of("flyway.defaultSchema", "app")))
                .hasMessageEndingWith("names flyway.defaultSchema, which duplicates the schemas setting.\nTo fix this,"
                        + " remove it and name the schemas where the rehearsal is declared: schemas = {...} on"
                        + " @MigrationRehearsal, Migrations.withSchemas(...) in code.");
        assertThatThrownBy(() -> withFlywayProperties(defaults, Map.of("target", "5")))
                .hasMessageContaining("To fix this, remove it and call migrateTo(version)");
        assertThatThrownBy(() -> withFlywayProperties(defaults, Map.of("lockRetryCount", "-1")))
                .hasMessageContaining("names flyway.lockRetryCount, which = -1 makes Flyway wait for its lock without"
                        + " bound.\nTo fix this, give 0 or more retries");
        assertThatThrownBy(() -> withFlywayProperties(defaults, Map.of("initSql", "SET lock_timeout = 0")))
                .hasMessageContaining("names flyway.initSql, which sets a timeout on every connection Flyway opens");
        assertThat(withFlywayProperties(defaults, Map.of("cleanDisabled", "true", "initSql", "SET search_path = app"))
                .flywayProperties()).containsOnlyKeys("flyway.cleanDisabled", "flyway.initSql");
        assertThat(withFlywayProperties(defaults, Map.of("outOfOrder", "true", "placeholders.owner", "app"))
                .flywayProperties()).containsOnlyKeys("flyway.outOfOrder", "flyway.placeholders.owner");
        assertThat(withFlywayProperties(defaults, Map.of("placeholders.secret", "hunter2")).toString())
                .contains("flyway.placeholders.secret").doesNotContain("hunter2");
    }

    @Test
    void init_sql_that_acts_on_another_database_is_refused_before_flyway_connects() {
        assertThatThrownBy(() -> TestDatabases.rehearsal(Engine.MARIADB,
                s -> withFlywayProperties(s, Map.of("initSql", "USE mysql")), "classpath:db/settings"))
                .isInstanceOf(UnsafeOperationException.class)
                .hasMessageStartingWith("Refused to run 'USE mysql': it acts on database 'MYSQL', which the harness did"
                        + " not create.");
    }

    private static MigrationSettings withFlywayProperties(MigrationSettings s, Map<String, String> properties) {
        return new MigrationSettings(s.locations(), s.placeholders(), s.schemas(), s.table(),
                s.postgresqlTransactionalLock(), properties, s.classLoader(), s.origin());
    }

    private static UnaryOperator<MigrationSettings> settings(List<String> schemas) {
        return s -> new MigrationSettings(s.locations(), Map.of("default_greeting", "hello"), schemas,
                Optional.of("schema_history"), s.postgresqlTransactionalLock(), s.flywayProperties(), s.classLoader(),
                s.origin());
    }
}
