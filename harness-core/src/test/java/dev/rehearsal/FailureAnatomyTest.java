package dev.rehearsal;

import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onMysql;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FailureAnatomyTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void orphan_rows_fail_the_foreign_key_with_the_exact_location_and_codes(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            Rehearsal rehearsal = scope.rehearsal();
            assertThat(rehearsal.migrateTo("1")).hasSucceeded().hasReachedVersion("1").hasApplied("1");
            rehearsal.execute("INSERT INTO customers (id, email) VALUES (1, 'ada@example.com');"
                    + "INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 9.90), (11, 999, 5.00)");

            StepOutcome outcome = rehearsal.migrateToNext();

            assertThat(outcome).hasFailed()
                    .isInScript("V2__orders_customer_fk.sql")
                    .isAtVersion("2")
                    .isAtStatement(2)
                    .isAtLine(5)
                    .hasStatementContaining("ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id)")
                    .hasError(onPostgresql("23503"), onMariadb(1452), onMysql(1452))
                    .isDataDependent()
                    .hasConstraint("fk_orders_customer")
                    .hasTable("orders")
                    .hasColumn("customer_id");
            Failure failure = outcome.failure().orElseThrow();
            if (engine == Engine.POSTGRESQL) {
                assertThat(failure.detail()).contains("Key (customer_id)=(999) is not present in table \"customers\".");
                assertThat(outcome).hasFailed().leftBehind()
                        .isRolledBackAtomically().hasStillApplied().hasNoFailedHistoryRow().isAtVersion("1");
                assertThat(indexExists(rehearsal, "idx_orders_customer_id")).isFalse();
            } else {
                assertThat(failure.sqlState()).contains("23000");
                assertThat(outcome).hasFailed().leftBehind()
                        .hasStillApplied(1).hasFailedHistoryRow().isAtVersion("1");
                assertThat(indexExists(rehearsal, "idx_orders_customer_id")).isTrue();
            }
            assertThat(outcome.leftBehind().orElseThrow().executedBeforeFailure()).extracting(ExecutedStatement::index)
                    .containsExactly(1);
            assertThat(failedHistoryRows(rehearsal)).isEqualTo(engine.hasTransactionalDdl() ? 0 : 1);
            assertThat(outcome.verdict())
                    .contains("migrate to next version (2) FAILED on " + engine.displayName())
                    .contains("failed in V2__orders_customer_fk.sql (version 2), statement 2 at line 5:")
                    .contains("class    DATA_DEPENDENT; constraint fk_orders_customer; table orders; column customer_id");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_script_failing_at_its_third_statement_is_atomic_on_postgresql_and_partial_on_the_mysql_family(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/partial/{family}")) {
            Rehearsal rehearsal = scope.rehearsal();
            assertThat(rehearsal.migrateTo("1")).hasSucceeded();

            StepOutcome outcome = rehearsal.migrateTo("2");

            assertThat(outcome).hasFailed()
                    .isInScript("V2__customer_contact.sql")
                    .isAtStatement(3)
                    .isAtLine(3)
                    .hasError(onPostgresql("23502"), onMariadb(1265), onMysql(1265))
                    .isDataDependent()
                    .hasTable("customers")
                    .hasColumn("phone");
            assertThat(outcome.leftBehind().orElseThrow().executedBeforeFailure()).extracting(ExecutedStatement::index)
                    .containsExactly(1, 2);
            if (engine.hasTransactionalDdl()) {
                assertThat(outcome).hasFailed().leftBehind().isRolledBackAtomically().isAtVersion("1");
                assertThat(columnExists(rehearsal, "customers", "phone")).isFalse();
                assertThat(columnExists(rehearsal, "customers", "note")).isFalse();
                assertThat(outcome.leftBehind().orElseThrow().describe())
                        .startsWith("nothing of the failed script is in effect (statements 1-2 ran, then rolled back with the transaction)");
            } else {
                assertThat(outcome).hasFailed().leftBehind().hasStillApplied(1, 2).hasFailedHistoryRow().isAtVersion("1");
                assertThat(columnExists(rehearsal, "customers", "phone")).isTrue();
                assertThat(columnExists(rehearsal, "customers", "note")).isTrue();
                assertThat(outcome.leftBehind().orElseThrow().describe())
                        .startsWith("partially applied: statements 1-2 stay applied; the history table holds a failed row");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void a_violation_found_at_commit_is_blamed_on_the_migration_being_committed() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/deferred")) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            assertThat(outcome).hasApplied("1").hasFailed()
                    .isInScript("V2__backfill_orders.sql")
                    .isAtVersion("2")
                    .hasSqlState("23503")
                    .isDataDependent()
                    .hasConstraint("fk_orders_customer")
                    .leftBehind().isRolledBackAtomically().isAtVersion("1");
            assertThat(outcome.failure().orElseThrow().isStatementFailure()).isFalse();
            assertThat(outcome.verdict())
                    .contains("failed in V2__backfill_orders.sql (version 2), after its last statement (when the migration was committed)")
                    .contains("nothing of the failed script is in effect (statements 1-2 ran, then rolled back with the transaction)");
        }
    }

    static long failedHistoryRows(Rehearsal rehearsal) {
        return rehearsal.queryForLong("SELECT count(*) FROM flyway_schema_history WHERE success = "
                + (rehearsal.engine() == Engine.POSTGRESQL ? "false" : "0"));
    }

    static boolean indexExists(Rehearsal rehearsal, String index) {
        String sql = rehearsal.engine() == Engine.POSTGRESQL
                ? "SELECT count(*) FROM pg_indexes WHERE indexname = '" + index + "'"
                : "SELECT count(*) FROM information_schema.statistics WHERE table_schema = database() AND index_name = '" + index + "'";
        return rehearsal.queryForLong(sql) > 0;
    }

    static boolean columnExists(Rehearsal rehearsal, String table, String column) {
        String schema = rehearsal.engine() == Engine.POSTGRESQL ? "current_schema()" : "database()";
        return rehearsal.queryForLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = " + schema
                + " AND table_name = '" + table + "' AND column_name = '" + column + "'") > 0;
    }
}
