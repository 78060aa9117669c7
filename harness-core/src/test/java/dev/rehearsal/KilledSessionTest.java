package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.support.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration's session ended from outside while statement 2 runs (an operator's KILL, a failover): the verdict is
 * CONNECTION_LOST at statement 2 with the statement's own error (not the one of the history write that followed on the
 * dead connection) and its line, and status and leftovers say that statement 1 stayed in effect where the engine commits
 * DDL.
 */
class KilledSessionTest {

    /** End the session of the test's own database that runs the sleep, once it runs; only that one. */
    private static void killTheSleeper(Engine engine, String database) throws Exception {
        String find = engine == Engine.POSTGRESQL
                ? "SELECT pid FROM pg_stat_activity WHERE datname = '" + database + "' AND query LIKE '%pg_sleep%'"
                        + " AND pid <> pg_backend_pid()"
                : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + database + "' AND INFO LIKE '%SLEEP%'"
                        + " AND ID <> CONNECTION_ID()";
        try (Connection admin = TestDatabases.admin(engine); Statement st = admin.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery(find)) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        st.execute(engine == Engine.POSTGRESQL ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the migration's sleep never showed in " + database);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_session_killed_during_a_statement_gives_the_servers_error_the_line_and_what_stayed(Engine engine)
            throws Exception {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/slow/" + (engine.isMysqlFamily() ? "mysql"
                        : "postgresql")).withClassLoader(KilledSessionTest.class.getClassLoader()), "killed")) {
            rehearsal.migrateTo("1");
            String database = rehearsal.database().databaseName();
            CompletableFuture<Void> kill = CompletableFuture.runAsync(() -> {
                try {
                    killTheSleeper(engine, database);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            StepOutcome v2 = rehearsal.migrateTo("2");
            kill.get(20, TimeUnit.SECONDS);

            assertThat(v2).hasFailed().hasFailureClass(FailureClass.CONNECTION_LOST).isAtStatement(2);
            Failure failure = v2.failure().orElseThrow();
            assertThat(failure.line()).as(v2.verdict()).hasValue(2);
            if (engine.isMysqlFamily()) {
                // the statement's own error (the server closed the session under it), not the driver's for the
                // history write that followed on the dead connection
                assertThat(failure.sqlState()).as(v2.verdict()).hasValue("08S01");
                assertThat(failure.message()).startsWith("Communications link failure");
                assertThat(failure.detail()).hasValueSatisfying(d -> assertThat(d).startsWith("then Flyway could not"
                        + " record the failure in the history table: No operations allowed after connection closed."));
                // the ALTER of statement 1 committed: the verdict, the status and the leftovers say so alike
                assertThat(v2.leftBehind().orElseThrow().describe()).startsWith("partially applied: statement 1 stays"
                        + " applied; no history row");
                MigrationStatus status = rehearsal.status();
                assertThat(status.toString()).contains("differs from a clean run at this version with what the last"
                        + " step's failed V2__status_then_a_long_wait.sql (statement 1) left in effect, which no history"
                        + " row records").doesNotContain("made by hand");
                assertThat(rehearsal.leftovers()).singleElement().satisfies(left -> {
                    assertThat(left.kind()).isEqualTo(LeftoverKind.PARTIALLY_APPLIED);
                    assertThat(left.table()).isEqualTo("orders");
                    assertThat(left.description()).endsWith("left by V2__status_then_a_long_wait.sql, whose failure no"
                            + " history row records");
                });
            } else {
                assertThat(failure.sqlState()).hasValue("57P01");
                assertThat(failure.message()).isEqualTo("terminating connection due to administrator command");
                assertThat(v2.leftBehind().orElseThrow().isAtomic()).as("rolled back with the transaction").isTrue();
                assertThat(rehearsal.status().matchesHistory()).isTrue();
                assertThat(rehearsal.leftovers()).isEmpty();
            }
        }
    }
}
