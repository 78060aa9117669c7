package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {

    @Test
    void an_unknown_version_names_the_versions_there_are() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/fk")) {
            assertThatThrownBy(() -> scope.rehearsal().migrateTo("99"))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("migrateTo(\"99\"): no migration has version 99 in [classpath:db/fk] (test)."
                            + " Versions there: 1, 2.\nTo fix this, use one of those versions, or add"
                            + " V99__<description>.sql to a location.");
            assertThatThrownBy(() -> scope.rehearsal().migrateTo("one"))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("migrateTo(\"one\"): no migration has version one");
        }
    }

    @Test
    void a_target_below_the_current_version_is_refused() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/fk")) {
            assertThat(scope.rehearsal().migrateToLatest()).hasSucceeded().hasReachedVersion("2");

            assertThatThrownBy(() -> scope.rehearsal().migrateTo("1"))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("migrateTo(\"1\"): the database is already at version 2, above 1. A rehearsal only"
                            + " migrates forward, as production does.\nTo fix this, migrate to a version above 2, or"
                            + " start a new rehearsal.");
            assertThatThrownBy(() -> scope.rehearsal().migrateToNext())
                    .isInstanceOf(RehearsalException.class)
                    .hasMessageStartingWith("migrateToNext(): no migration is pending in [classpath:db/fk];"
                            + " the database is at version 2, the latest there is.");
            assertThat(scope.rehearsal().migrateTo("2")).hasSucceeded().hasApplied();
        }
    }

    @Test
    void a_missing_migration_location_is_named_with_the_engine_it_was_resolved_for() {
        assertThatThrownBy(() -> TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/migraton/{engine}"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("test: migration location \"classpath:db/migraton/{engine}\" (for PostgreSQL:"
                        + " classpath:db/migraton/postgresql) does not exist on the classpath.\nTo fix this, correct the"
                        + " location or create the folder");
        assertThatThrownBy(() -> TestDatabases.rehearsal(Engine.POSTGRESQL, "filesystem:/no/such/dir"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("test: migration location \"filesystem:/no/such/dir\" does not exist.");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void failing_setup_sql_names_the_statement_and_its_codes(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            scope.rehearsal().migrateTo("1");

            assertThat(scope.rehearsal().execute("INSERT INTO customers (id, email) VALUES (1, 'a@x'), (2, 'b@x');"
                    + "UPDATE customers SET email = 'c@x' WHERE id = 2")).isEqualTo(3);
            assertThatThrownBy(() -> scope.rehearsal().execute("INSERT INTO customers (id, email) VALUES (3, 'c@x');"
                    + "INSERT INTO customers (id, email) VALUES (1, 'dup@x')"))
                    .isInstanceOf(RehearsalException.class)
                    .hasMessageStartingWith("execute(...) failed at statement 2 on " + engine.displayName())
                    .hasMessageContaining("INSERT INTO customers (id, email) VALUES (1, 'dup@x')")
                    .hasMessageContaining(engine == Engine.POSTGRESQL ? "SQLSTATE 23505" : "code 1062");
            assertThatThrownBy(() -> scope.rehearsal().executeScript("classpath:no/such.sql"))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("executeScript(\"classpath:no/such.sql\"): cannot read the script: it is not"
                            + " on the classpath.");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void statements_that_act_on_another_database_are_refused_before_they_run(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk");
                Scope other = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            String otherName = other.database().name();

            assertThatThrownBy(() -> scope.rehearsal().execute("CREATE TABLE t (id INT); DROP DATABASE " + otherName))
                    .isInstanceOf(UnsafeOperationException.class)
                    .hasMessage("Refused to run 'DROP DATABASE " + otherName + "': it acts on database '"
                            + otherName.toUpperCase(java.util.Locale.ROOT) + "', which the harness did not create. A rehearsal only touches its"
                            + " own database '" + scope.database().name() + "'.\nTo fix this, remove the statement from"
                            + " the script, or point it at objects inside the rehearsal database.");
            // query() checks every statement of its text: a URL with allowMultiQueries would run them all
            assertThatThrownBy(() -> scope.rehearsal().query("SELECT 1; DROP DATABASE " + otherName))
                    .isInstanceOf(UnsafeOperationException.class)
                    .hasMessageStartingWith("Refused to run 'DROP DATABASE " + otherName + "'");
            // refused before anything ran: not even the CREATE TABLE before it
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 't'"))
                    .isZero();
            assertThat(other.rehearsal().migrateToLatest()).hasSucceeded();
        }
    }

    @Test
    void a_migration_that_drops_another_database_is_refused_mid_run() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/unsafe")) {
            assertThatThrownBy(() -> scope.rehearsal().migrateToLatest())
                    .isInstanceOf(UnsafeOperationException.class)
                    .hasMessageStartingWith("Refused to run 'DROP DATABASE IF EXISTS postgres': it acts on database 'POSTGRES'");
            assertThat(scope.rehearsal().currentVersion()).contains("1");
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM pg_database WHERE datname = 'postgres'")).isOne();
        }
    }
}
