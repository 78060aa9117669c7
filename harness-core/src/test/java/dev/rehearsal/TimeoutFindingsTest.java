package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Timeouts right in the rehearsal and wrong for production are findings of the verdict: DDL on an existing table with
 * no lock timeout of the script's own, and a CONCURRENTLY build under a statement_timeout too short for it.
 */
class TimeoutFindingsTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_lock_taken_with_no_lock_timeout_of_the_scripts_own_is_a_finding(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/findings/" + (engine.isMysqlFamily()
                        ? "mysql" : "postgresql")).withPostgresqlTransactionalLock(false)
                        .withClassLoader(TimeoutFindingsTest.class.getClassLoader()), "findings")) {
            assertThat(rehearsal.migrateTo("1").findings()).as("tables it creates contend with nobody").isEmpty();

            StepOutcome v2 = rehearsal.migrateTo("2");
            assertThat(v2).hasSucceeded().hasFinding(FindingKind.NO_LOCK_TIMEOUT);
            assertThat(v2.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FindingKind.NO_LOCK_TIMEOUT);
                assertThat(f.script()).isEqualTo("V2__status_without_timeout.sql");
                assertThat(f.statementIndex()).isEqualTo(1);
                assertThat(f.message()).startsWith("(ALTER TABLE orders ADD COLUMN status VARCHAR(20)) takes a lock on"
                        + " orders with no lock timeout of its own: in production it waits for that lock as long as the"
                        + " server lets it").endsWith(engine.isMysqlFamily()
                        ? "Put SET SESSION lock_wait_timeout = 5; before it, and retry the migration when it gives up"
                        : "Put SET lock_timeout = '5s'; before it, and retry the migration when it gives up");
            });
            assertThat(v2.verdict()).contains("\n  finding  V2__status_without_timeout.sql statement 1: (ALTER TABLE"
                    + " orders ADD COLUMN status VARCHAR(20)) takes a lock on orders");

            assertThat(rehearsal.migrateTo("3")).as("it set its own").hasSucceeded().hasNoFindings();
            assertThat(rehearsal.migrateTo("4").findings()).as("a table of its own").isEmpty();
        }
    }

    /** CONCURRENTLY and statement_timeout are PostgreSQL's. */
    @org.junit.jupiter.api.Test
    void a_concurrent_build_cancelled_by_its_statement_timeout_is_a_finding() {
        Engine engine = Engine.POSTGRESQL;
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/findings/postgresql")
                        .withPostgresqlTransactionalLock(false)
                        .withClassLoader(TimeoutFindingsTest.class.getClassLoader()), "findings")) {
            assertThat(rehearsal.migrateTo("4")).hasSucceeded();

            StepOutcome v5 = rehearsal.migrateTo("5");

            assertThat(v5).hasFailed().hasFailureClass(FailureClass.LOCK_TIMEOUT).isAtStatement(2);
            assertThat(v5.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FindingKind.TIMEOUT_TOO_SHORT);
                assertThat(f.statementIndex()).isEqualTo(2);
                assertThat(f.message()).startsWith("(CREATE INDEX CONCURRENTLY ix_orders_note ON orders (note)) was"
                        + " cancelled by its statement_timeout of 1 ms on the rehearsal's rows").endsWith("Put SET"
                        + " statement_timeout = 0; before the build");
            });
            // whether the cancelled build left an INVALID index depends on how far it got (PostgreSQL 18 in memory: it
            // did; 15 on disk: it was cancelled before the catalog entry); leftovers() lists it when it did
        }
    }
}
