package dev.rehearsal;

import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onMysql;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.internal.flyway.MigrationSettings;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecoveryTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_data_fix_placed_before_the_failing_version_rolls_forward(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            Rehearsal rehearsal = scope.rehearsal();
            atVersionOneWithAnOrphanOrder(rehearsal);
            assertThat(rehearsal.migrateTo("2")).hasFailed().isDataDependent();
            if (engine.isMysqlFamily()) {
                assertThat(rehearsal.repair().removedFailedVersions()).containsExactly("2");
            }

            Rehearsal fixed = rehearsal.withLocations("classpath:db/fk", "classpath:db/fix");
            StepOutcome outcome = fixed.migrateToLatest();

            if (engine.isMysqlFamily()) {
                // statement 1 of V2 stayed applied: the rerun trips over it. Issue 4 rehearses the resume.
                assertThat(outcome).hasFailed().isInScript("V2__orders_customer_fk.sql").isAtStatement(1)
                        .hasError(onMariadb(1061), onMysql(1061)).isSchemaDependent();
            } else {
                assertThat(outcome).hasSucceeded().hasApplied("1.1", "2").hasReachedVersion("2");
                assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders")).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void after_a_partial_failure_flyway_refuses_until_repair_and_a_plain_rerun_fails_on_the_leftovers(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/partial/{family}")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(3);

            StepOutcome refused = rehearsal.migrateToLatest();
            assertThat(refused).hasFailed()
                    .hasFailureClass(FailureClass.OTHER)
                    .isAtVersion("2")
                    .hasMessageContaining("Detected failed migration to version 2")
                    .leftBehind().hasStillApplied().hasFailedHistoryRow().isAtVersion("1");
            assertThat(refused.failure().orElseThrow().isStatementFailure()).isFalse();
            assertThat(refused.verdict()).contains("before any statement ran");

            RepairOutcome repair = rehearsal.repair();
            assertThat(repair.removedFailedVersions()).containsExactly("2");
            assertThat(repair.versionAfter()).contains("1");

            assertThat(rehearsal.migrateToNext()).hasFailed()
                    .isAtStatement(1)
                    .hasError(onMariadb(1060), onMysql(1060))
                    .isSchemaDependent()
                    .hasColumn("phone");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void repair_then_resume_from_the_failed_statement_converges_where_a_plain_rerun_cannot(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            Rehearsal rehearsal = scope.rehearsal();
            atVersionOneWithAnOrphanOrder(rehearsal);
            assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(2).leftBehind().hasStillApplied(1);

            StepOutcome stillBroken = rehearsal.resumeFailedMigration();

            assertThat(stillBroken).hasFailed().isAtStatement(2).isAtLine(5).hasError(onMariadb(1452), onMysql(1452));
            assertThat(stillBroken.step()).isEqualTo("resume V2__orders_customer_fk.sql from statement 2");
            assertThat(stillBroken).hasFailed().leftBehind().hasStillApplied(1).hasFailedHistoryRow();
            assertThat(rehearsal.status().hasFailedMigration()).as("a failed resume keeps the failed row").isTrue();

            rehearsal.execute("DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)");
            assertThat(rehearsal.resumeFailedMigration()).as("a second resume after the data fix")
                    .hasSucceeded().hasApplied("2").hasReachedVersion("2");
            assertThat(rehearsal).convergesWithCleanRun().hasNoLeftovers();
        }
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            Rehearsal rehearsal = scope.rehearsal();
            atVersionOneWithAnOrphanOrder(rehearsal);
            assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(2);
            rehearsal.execute("DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)");

            StepOutcome resumed = rehearsal.resumeFailedMigration();

            assertThat(resumed).hasSucceeded().hasApplied("2").hasReachedVersion("2");
            assertThat(rehearsal).convergesWithCleanRun().hasNoLeftovers();
            assertThat(rehearsal.status().hasFailedMigration()).isFalse();
            assertThat(rehearsal.migrateToLatest()).as("Flyway accepts the recorded checksum").hasSucceeded().hasApplied();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void resume_is_refused_where_there_is_nothing_to_resume(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");

            if (engine.isMysqlFamily()) {
                assertThatThrownBy(rehearsal::resumeFailedMigration)
                        .isInstanceOf(RehearsalException.class)
                        .hasMessageStartingWith("resumeFailedMigration(): the history of " + rehearsal.database().databaseName()
                                + " records no failed migration, so there is nothing to resume.");
            } else {
                rehearsal.execute("INSERT INTO orders (id, customer_id, total) VALUES (11, 999, 5.00)");
                assertThat(rehearsal.migrateTo("2")).hasFailed();
                assertThatThrownBy(rehearsal::resumeFailedMigration)
                        .isInstanceOf(RehearsalException.class)
                        .hasMessage("resumeFailedMigration(): on PostgreSQL a failed script that ran in a transaction is"
                                + " rolled back as a whole, so nothing of it is in effect and there is nothing to resume.\n"
                                + "To fix this, remove the cause and migrate again (migrateToNext()).");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void a_postgresql_script_run_outside_a_transaction_is_resumed_once_its_invalid_index_is_dropped() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, s -> s.withPostgresqlTransactionalLock(false),
                "classpath:db/leftovers/invalid-index")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'a@x'), (2, 'a@x')");
            assertThat(rehearsal.migrateTo("2")).hasFailed().hasSqlState("23505").leftBehind().hasFailedHistoryRow();
            rehearsal.execute("DELETE FROM customers WHERE id = 2");

            assertThat(rehearsal.resumeFailedMigration()).as("the INVALID index of the failed build is in the way")
                    .hasFailed().isAtStatement(1).hasSqlState("42P07");

            rehearsal.execute("DROP INDEX uq_customers_email");
            assertThat(rehearsal.resumeFailedMigration()).hasSucceeded().hasApplied("2").hasReachedVersion("2");
            assertThat(rehearsal).convergesWithCleanRun().hasNoLeftovers();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void resume_records_the_resumed_version_only_and_leaves_the_repeatable_migrations_to_run(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO orders (id, customer_id, total) VALUES (11, 999, 5.00)");
            assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(2);
            rehearsal.execute("DELETE FROM orders");
            // the fix comes with a new repeatable migration, pending while the resume records version 2
            Rehearsal withView = rehearsal.withLocations("classpath:db/fk", "classpath:db/resume-repeatable");

            assertThat(withView.resumeFailedMigration()).hasSucceeded().hasApplied("2");

            assertThat(withView.status().history()).extracting(HistoryRow::script, HistoryRow::success).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("V1__customers_and_orders.sql", true),
                    org.assertj.core.groups.Tuple.tuple("V2__orders_customer_fk.sql", true));
            assertThat(withView.migrateToLatest()).as("the repeatable migration is still to run, and runs").hasSucceeded();
            assertThat(withView.queryForLong("SELECT COUNT(*) FROM order_counts")).isZero();
            assertThat(withView.status().history()).extracting(HistoryRow::script)
                    .endsWith("R__order_counts.sql");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void resume_fills_in_placeholders_given_in_flyway_properties(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, s -> new MigrationSettings(s.locations(), s.placeholders(),
                s.schemas(), s.table(), true, java.util.Map.of("placeholders.orders_table", "orders"), s.classLoader(),
                s.origin()), "classpath:db/resume-placeholders")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO orders (id, customer_id, total) VALUES (11, 999, 5.00)");
            assertThat(rehearsal.migrateTo("2")).hasFailed().isAtStatement(2);
            rehearsal.execute("DELETE FROM orders");

            assertThat(rehearsal.resumeFailedMigration()).hasSucceeded().hasApplied("2");
            assertThat(rehearsal).convergesWithCleanRun().hasNoLeftovers();
        }
    }


    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void syntax_and_schema_errors_are_classified(Engine engine) {
        try (Scope syntax = TestDatabases.rehearsal(engine, "classpath:db/syntax");
                Scope missing = TestDatabases.rehearsal(engine, "classpath:db/missing")) {
            assertThat(syntax.rehearsal().migrateToLatest()).hasFailed()
                    .isAtStatement(2).isAtLine(2).isSyntaxError()
                    .hasError(onPostgresql("42601"), onMariadb(1064), onMysql(1064));
            assertThat(missing.rehearsal().migrateToLatest()).hasFailed()
                    .isAtStatement(1).isSchemaDependent().hasTable("no_such_table")
                    .hasError(onPostgresql("42P01"), onMariadb(1146), onMysql(1146));
        }
    }

    /** V1 of db/fk with one good order and order 11, whose customer 999 does not exist: V2's foreign key fails on it. */
    private static void atVersionOneWithAnOrphanOrder(Rehearsal rehearsal) {
        rehearsal.migrateTo("1");
        rehearsal.execute("INSERT INTO customers (id, email) VALUES (1, 'ada@example.com');"
                + "INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 9.90), (11, 999, 5.00)");
    }
}
