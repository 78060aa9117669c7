package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.internal.flyway.FlywayVersion;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When Flyway itself stops a migration — it cannot parse a script, a placeholder has no value, validation fails — the
 * verdict carries Flyway's own message whole (links left out), never a blank line.
 */
class FlywayErrorsTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_script_flyways_parser_cannot_read_is_a_syntax_failure_with_flyways_words(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/flyway-errors/parse/{family}")) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            assertThat(outcome).hasFailed()
                    .isInScript("V1__unfinished_function.sql")
                    .isAtVersion("1")
                    .isSyntaxError()
                    .hasMessageContaining("Unable to parse statement in")
                    .hasMessageContaining(engine.isMysqlFamily() ? "Delimiter changed inside statement at line 1 col 1"
                            : "Incomplete statement at line 2 col 1");
            assertThat(outcome.failure().orElseThrow().message()).doesNotContain("http").doesNotContain("See for more");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_placeholder_without_a_value_is_named_in_flyways_words(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/flyway-errors/placeholder")) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            assertThat(outcome).hasFailed()
                    .isInScript("V1__team_notes.sql")
                    .isAtVersion("1")
                    .hasFailureClass(FailureClass.OTHER)
                    .hasMessageContaining("No value provided for placeholder: ${team}");
            assertThat(outcome.verdict()).contains("before any statement ran")
                    .contains("No value provided for placeholder: ${team}");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void an_applied_script_changed_since_is_refused_with_both_checksums(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/flyway-errors/original")) {
            assertThat(scope.rehearsal().migrateToLatest()).hasSucceeded();

            StepOutcome outcome = scope.rehearsal().withLocations("classpath:db/flyway-errors/changed").migrateToLatest();

            assertThat(outcome.verdict()).contains("Flyway stopped before running any migration:");
            assertThat(outcome).hasFailed()
                    .hasFailureClass(FailureClass.OTHER)
                    .hasMessageContaining("Migration checksum mismatch for migration version 1")
                    .hasMessageContaining("Applied to database")
                    .hasMessageContaining("Resolved locally")
                    .hasMessageContaining("Either revert the changes to the migration, or run repair");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_migration_older_than_the_database_fails_validation_in_flyways_words(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/flyway-errors/original",
                "classpath:db/flyway-errors/later")) {
            assertThat(scope.rehearsal().migrateToLatest()).hasSucceeded().hasReachedVersion("2");

            StepOutcome outcome = scope.rehearsal().withLocations("classpath:db/flyway-errors/original",
                    "classpath:db/flyway-errors/between", "classpath:db/flyway-errors/later").migrateToLatest();

            assertThat(outcome).hasFailed()
                    .hasFailureClass(FailureClass.OTHER)
                    .hasMessageContaining("Validate failed")
                    .hasMessageContaining("Detected resolved migration not applied to database: 1.5")
                    .hasMessageContaining("outOfOrder");
            assertThat(outcome.verdict()).contains("Flyway stopped before running any migration:");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_failing_repeatable_script_is_named_with_its_checksum_and_no_version(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/flyway-errors/repeatable")) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            assertThat(outcome).hasApplied("1").hasFailed()
                    .isInRepeatableScript()
                    .isInScript("R__note_bodies.sql")
                    .isAtStatement(1)
                    .isSchemaDependent();
            Failure failure = outcome.failure().orElseThrow();
            assertThat(failure.version()).isEmpty();
            assertThat(failure.checksum()).isPresent();
            assertThat(outcome.verdict())
                    .contains("failed in R__note_bodies.sql (repeatable, checksum " + failure.checksum().getAsInt() + "), statement 1")
                    .doesNotContain("(version 1)");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void every_verdict_names_the_flyway_that_ran(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/flyway-errors/original")) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            assertThat(FlywayVersion.running()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(outcome.verdict().lines().findFirst().orElseThrow())
                    .contains(outcome.database().describeServer() + ", Flyway " + FlywayVersion.running() + ", database ");
        }
    }
}
