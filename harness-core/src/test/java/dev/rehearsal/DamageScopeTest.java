package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The damage check looks at the tables a step can change rows of, read from its statements, not at every table; what
 * reaches other tables without their names in the statements is still caught: a delete that cascades through foreign
 * keys, and a trigger that a statement fires.
 */
class DamageScopeTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void rows_a_delete_cascades_into_are_lost_rows_of_the_tables_it_reaches(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/scope/base", "classpath:db/scope/cascade")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x')");
            rehearsal.execute("INSERT INTO orders VALUES (10, 1), (20, 2), (21, 2)");
            rehearsal.execute("INSERT INTO order_lines VALUES (100, 10), (200, 20), (201, 21)");

            StepOutcome v2 = rehearsal.migrateTo("2");

            assertThat(v2).hasSucceededWithDamage(DamageKind.ROWS_LOST, DamageKind.ROWS_LOST);
            assertThat(v2.damage()).extracting(Damage::toString).containsExactlyInAnyOrder(
                    "ROWS_LOST orders: 2 row(s) lost (3 -> 1)",
                    "ROWS_LOST order_lines: 2 row(s) lost (3 -> 1)");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void rows_a_sql_callback_deletes_are_lost_rows_though_no_migration_names_the_table(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/scope/base", "classpath:db/scope/callback")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO audit VALUES (1, 'kept'), (2, 'kept')");

            StepOutcome v2 = rehearsal.migrateTo("2");

            assertThat(v2).hasSucceededWithDamage(DamageKind.ROWS_LOST);
            assertThat(v2.damage()).extracting(Damage::toString)
                    .containsExactly("ROWS_LOST audit: 2 row(s) lost (2 -> 0), keys [1, 2]");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void rows_a_trigger_deletes_from_a_table_no_statement_names_are_lost_rows(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/scope/base",
                "classpath:db/scope/trigger-" + (engine.isMysqlFamily() ? "mysql" : "postgresql"),
                "classpath:db/scope/update")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("2");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'A@x')");
            rehearsal.execute("INSERT INTO audit VALUES (1, 'kept'), (2, 'kept')");

            StepOutcome v3 = rehearsal.migrateTo("3");

            assertThat(v3).hasSucceededWithDamage(DamageKind.ROWS_LOST);
            assertThat(v3.damage()).extracting(Damage::toString)
                    .containsExactly("ROWS_LOST audit: 2 row(s) lost (2 -> 0), keys [1, 2]");
        }
    }
}
