package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.SchemaDiff;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeftoversAndStatusTest {

    @Test
    void a_not_valid_foreign_key_over_orphans_succeeds_and_leaves_the_orphans_behind() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/leftovers/not-valid")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'a@x'); INSERT INTO orders VALUES (10, 1), (11, 999), (12, 998)");

            assertThat(rehearsal.migrateTo("2"))
                    .hasSucceededWithDamage(DamageKind.FOREIGN_KEY_VIOLATED, DamageKind.NOT_VALID_CONSTRAINT);

            assertThat(rehearsal).hasLeftover(LeftoverKind.NOT_VALID_CONSTRAINT, "fk_orders_customer")
                    .hasLeftover(LeftoverKind.FOREIGN_KEY_VIOLATED, "fk_orders_customer");
            assertThat(rehearsal.leftovers()).extracting(Leftover::toString).containsExactly(
                    "NOT_VALID_CONSTRAINT orders.fk_orders_customer: foreign key added NOT VALID: the rows it found were"
                            + " never checked",
                    "FOREIGN_KEY_VIOLATED orders.fk_orders_customer: 2 row(s) reference no row of customers (loaded with"
                            + " checks off, or before a NOT VALID constraint)");
        }
    }

    @Test
    void names_with_dots_are_reported_whole_on_their_table() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/leftovers/dotted-name")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'a@x'); INSERT INTO \"legacy.orders\" VALUES (10, 1), (11, 999)");

            StepOutcome v2 = rehearsal.migrateTo("2");
            assertThat(v2).hasSucceededWithDamage(DamageKind.FOREIGN_KEY_VIOLATED, DamageKind.NOT_VALID_CONSTRAINT);
            assertThat(v2.damage()).extracting(Damage::table).containsOnly("legacy.orders");
            assertThat(v2.damage()).extracting(Damage::description).anyMatch(d -> d.contains("fk.orders.customer"));
            assertThat(rehearsal).hasLeftover(LeftoverKind.FOREIGN_KEY_VIOLATED, "fk.orders.customer");
            assertThat(rehearsal.leftovers()).extracting(Leftover::table, Leftover::name).contains(
                    org.assertj.core.groups.Tuple.tuple("legacy.orders", "fk.orders.customer"));
        }
    }

    @Test
    void a_failed_concurrent_unique_index_leaves_an_invalid_index_that_no_longer_enforces_anything() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, s -> s.withPostgresqlTransactionalLock(false),
                "classpath:db/leftovers/invalid-index")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'a@x'), (2, 'a@x')");

            assertThat(rehearsal.migrateTo("2")).hasFailed().hasSqlState("23505").isDataDependent();

            assertThat(rehearsal).hasLeftover(LeftoverKind.INVALID_INDEX, "uq_customers_email");
            rehearsal.execute("INSERT INTO customers VALUES (3, 'a@x')");
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM customers WHERE email = 'a@x'"))
                    .as("the INVALID unique index does not refuse a third duplicate").isEqualTo(3);
            assertThat(rehearsal.status().drift().differences()).extracting(SchemaDiff.Difference::toString)
                    .containsExactly("customers: index uq_customers_email is unique [email] INVALID, expected absent");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void a_foreign_key_added_with_checks_off_succeeds_over_orphans_and_leaves_them(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/leftovers/checks-off")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'a@x'); INSERT INTO orders VALUES (10, 1), (11, 999)");

            StepOutcome v2 = rehearsal.migrateTo("2");

            assertThat(v2).hasSucceededWithDamage(DamageKind.FOREIGN_KEY_VIOLATED);
            assertThat(v2.damage()).extracting(Damage::toString).containsExactly("FOREIGN_KEY_VIOLATED orders: 1 row(s)"
                    + " violate foreign key fk_orders_customer, which the step left in place (added with checks off, or"
                    + " NOT VALID)");
            assertThat(v2.verdict()).startsWith("migrate to version 2 SUCCEEDED, BUT HID DAMAGE on ");
            assertThat(rehearsal).hasLeftover(LeftoverKind.FOREIGN_KEY_VIOLATED, "fk_orders_customer");
            assertThat(rehearsal).convergesWithCleanRun();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_change_made_by_hand_is_a_ghost_the_status_shows_against_the_history(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("ALTER TABLE customers ADD COLUMN phone VARCHAR(30)");

            MigrationStatus status = rehearsal.status();

            assertThat(status.matchesHistory()).isFalse();
            assertThat(status.hasFailedMigration()).isFalse();
            assertThat(status.drift().differences()).extracting(SchemaDiff.Difference::toString)
                    .containsExactly("customers: column phone is varchar(30) null, expected absent");
            assertThat(status.toString()).contains("  schema           differs from a clean run at this version with"
                    + " changes no history row accounts for (made by hand?), 1 difference:");
            assertThatThrownBy(() -> assertThat(rehearsal).convergesWithCleanRun())
                    .hasMessageContaining("customers: column phone is varchar(30) null, expected absent");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void after_a_partial_failure_the_status_shows_the_failed_row_the_drift_and_the_leftover_columns(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/partial/{family}")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            assertThat(rehearsal).convergesWithCleanRun().hasNoLeftovers();
            assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(3);

            MigrationStatus status = rehearsal.status();

            assertThat(status.currentVersion()).contains("1");
            assertThat(status.pendingVersions()).isEmpty();
            assertThat(status.toString()).contains("  pending          2 (recorded as failed: repair, or"
                    + " resumeFailedMigration(), comes first)\n");
            assertThat(status.hasFailedMigration()).isTrue();
            assertThat(status.matchesHistory()).isFalse();
            assertThat(status.history()).extracting(HistoryRow::script, HistoryRow::success).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("V1__customers.sql", true),
                    org.assertj.core.groups.Tuple.tuple("V2__customer_contact.sql", false));
            assertThat(status.leftovers()).extracting(Leftover::kind, Leftover::name).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(LeftoverKind.PARTIALLY_APPLIED, "column note"),
                    org.assertj.core.groups.Tuple.tuple(LeftoverKind.PARTIALLY_APPLIED, "column phone"));
            assertThat(status.toString())
                    .contains("  current version  1\n")
                    .contains("  last step        migrate to version 2 failed: V2__customer_contact.sql statement 3: Data"
                            + " truncated for column 'phone' at row 1 (partially applied: statements 1-2 stay applied;")
                    .contains("                   2  V2__customer_contact.sql  FAILED\n")
                    .contains("  schema           differs from a clean run at this version, 2 differences:")
                    .contains("customers: column phone is varchar(30) null, expected absent");
            assertThatThrownBy(() -> assertThat(rehearsal).convergesWithCleanRun())
                    .hasMessageStartingWith("Expecting " + rehearsal.database().databaseName() + " at version 1 to converge"
                            + " with a clean run of its migrations, but its schema has these differences:\n"
                            + "  customers: column note is varchar(200) null, expected absent\n"
                            + "  customers: column phone is varchar(30) null, expected absent");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_clean_run_is_migrated_once_per_chain_and_version_and_shared_by_every_rehearsal(Engine engine) {
        try (Scope one = TestDatabases.rehearsal(engine, "classpath:db/fk");
                Scope other = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            one.rehearsal().migrateTo("1");
            other.rehearsal().migrateTo("1");

            Schema atOne = one.rehearsal().cleanRunSchema();

            assertThat(other.rehearsal().cleanRunSchema()).isSameAs(atOne);
            assertThat(one.rehearsal().migrateTo("2")).hasSucceeded();
            assertThat(one.rehearsal().cleanRunSchema()).isNotSameAs(atOne).isNotEqualTo(atOne);
            assertThat(one.rehearsal().withLocations("classpath:db/fk").cleanRunSchema())
                    .isSameAs(one.rehearsal().cleanRunSchema());
        }
    }
}
