package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lost connection of the failure catalogue (kind 22), rehearsed at a chosen statement through the harness's own
 * fault point: a verdict at that statement, what the server kept, how long it took to notice, a recovery that
 * converges; and the ten-statement script cut at every boundary, each cut recovered and compared with an uncut run.
 * Every fault test ends within its bound, and leaves no relay thread behind.
 */
class ConnectionFaultTest {

    private static RehearsalServer server(Engine engine, String socketTimeout) {
        Map<String, String> settings = TestDatabases.quietExistingServer(engine);
        settings.put(RehearsalSettings.SOCKET_TIMEOUT, socketTimeout);
        return ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
    }

    private static Migrations faults(Engine engine) {
        // the ten-statement script is the same SQL on both; the slow statement of V3 is each engine's own
        return Migrations.at("classpath:db/faults/common", "classpath:db/faults/" + (engine.isMysqlFamily() ? "mysql"
                : "postgresql"));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_reset_at_statement_3_is_a_lost_connection_there_and_resume_or_rerun_converges(Engine engine) {
        try (RehearsalServer server = server(engine, "30s"); Rehearsal rehearsal = server.open(faults(engine), "reset")) {
            assertThat(rehearsal.migrateTo("1").succeeded()).isTrue();
            StepOutcome cut = rehearsal.migrateTo("2", ConnectionFault.reset().atStatement(3));

            System.out.println(cut.verdict());
            Failure failure = cut.failure().orElseThrow();
            assertThat(failure.failureClass()).isEqualTo(FailureClass.CONNECTION_LOST);
            assertThat(failure.sqlState()).hasValueSatisfying(state -> assertThat(state).startsWith("08"));
            assertThat(failure.statementIndex()).hasValue(3);
            assertThat(failure.line()).hasValue(4);
            assertThat(failure.script()).hasValue("V2__ten_statements.sql");
            assertThat(failure.detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("the harness's fault point reset the connection as statement 3 of V2 was sent")
                    .containsPattern("the driver noticed after \\d+ ms")
                    .containsPattern("the server ended the step's session \\d+ ms after the fault"));
            LeftBehind left = cut.leftBehind().orElseThrow();
            assertThat(left.failedHistoryRow()).as("Flyway's write of a failed row needed the lost connection").isFalse();
            if (engine.isMysqlFamily()) {
                // the ALTER committed as it ran; the UPDATE after it waited for the next statement's implicit commit,
                // which never reached the server: it rolled back with the session
                assertThat(left.executedBeforeFailure()).extracting(ExecutedStatement::index).containsExactly(1, 2);
                assertThat(left.stillApplied()).extracting(ExecutedStatement::index).containsExactly(1);
                assertThat(left.describe()).startsWith("partially applied: statement 1 stays applied (of statements 1-2"
                        + " that ran); no history row");
                assertThat(rehearsal.status().matchesHistory()).isFalse();
                // resume from the statement the connection was lost at (a plain rerun would meet its own first
                // statement: see the table of cut points below)
                assertThat(rehearsal.resumeFailedMigration().succeeded()).isTrue();
            } else {
                // the transaction rolled back: nothing stayed, and a rerun is the recovery
                assertThat(left.stillApplied()).isEmpty();
                assertThat(rehearsal.status().matchesHistory()).isTrue();
                assertThat(rehearsal.migrateTo("2").succeeded()).isTrue();
            }
            assertThat(rehearsal.currentVersion()).hasValue("2");
            assertThat(rehearsal.status().matchesHistory()).as("converged with a clean run").isTrue();
            assertThat(rehearsal.queryForLong("SELECT COUNT(*) FROM orders")).as("the rows survived").isEqualTo(3);
        }
        assertThat(relayThreads()).as("nothing of the fault point outlives the test").isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_frozen_connection_is_noticed_within_the_socket_timeout(Engine engine) {
        try (RehearsalServer server = server(engine, "3s"); Rehearsal rehearsal = server.open(faults(engine), "freeze")) {
            rehearsal.migrateTo("1");
            long start = System.nanoTime();
            StepOutcome cut = rehearsal.migrateTo("2", ConnectionFault.freeze().atStatement(2));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            Failure failure = cut.failure().orElseThrow();
            assertThat(failure.failureClass()).isEqualTo(FailureClass.CONNECTION_LOST);
            assertThat(failure.statementIndex()).hasValue(2);
            assertThat(failure.detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("the harness's fault point froze the connection as statement 2 of V2 was sent"));
            assertThat(cut.duration()).as("noticed by the socket timeout").isGreaterThanOrEqualTo(Duration.ofMillis(2900));
            assertThat(took).as("and not much later").isLessThan(Duration.ofSeconds(20));
            assertThat(cut.leftBehind().orElseThrow().stillApplied()).extracting(ExecutedStatement::index)
                    .containsExactlyElementsOf(engine.isMysqlFamily() ? List.of(1) : List.of());
        }
        assertThat(relayThreads()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_statement_the_server_finishes_after_the_client_is_gone_is_found(Engine engine) {
        try (RehearsalServer server = server(engine, "30s"); Rehearsal rehearsal = server.open(faults(engine), "late")) {
            rehearsal.migrateTo("2");
            StepOutcome cut = rehearsal.migrateTo("3", ConnectionFault.close().atStatement(1).after(Duration.ofMillis(300)));

            Failure failure = cut.failure().orElseThrow();
            assertThat(failure.failureClass()).isEqualTo(FailureClass.CONNECTION_LOST);
            assertThat(failure.statementIndex()).hasValue(1);
            assertThat(failure.detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("closed the connection 300 ms into statement 1 of V3")
                    .contains(engine.isMysqlFamily()
                            ? "the server finished statement 1 after the connection was lost: it is in effect"
                            : "the server did not finish statement 1 after the connection was lost"));
            assertThat(cut.leftBehind().orElseThrow().stillApplied()).extracting(ExecutedStatement::index)
                    .containsExactlyElementsOf(engine.isMysqlFamily() ? List.of(1) : List.of());
            assertThat(rehearsal.schema().table("slow_copy").isPresent()).as("CREATE TABLE … AS finished on the server")
                    .isEqualTo(engine.isMysqlFamily());
        }
        assertThat(relayThreads()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void the_ten_statement_script_cut_at_every_boundary_says_which_cuts_a_recovery_survives(Engine engine) {
        try (RehearsalServer server = server(engine, "30s"); Rehearsal rehearsal = server.open(faults(engine), "cuts")) {
            rehearsal.migrateTo("1");
            CutPoints rerun = rehearsal.cutAtEachStatement("2", Recovery.RERUN);
            System.out.println(rerun);

            assertThat(rerun.points()).hasSize(11);
            assertThat(rerun.points()).extracting(CutPoint::statement).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, 11).boxed().toList());
            assertThat(rerun.points().get(0).statementText()).as("the statement, without the comment before it")
                    .isEqualTo("ALTER TABLE orders ADD COLUMN status VARCHAR(20)");
            assertThat(rerun.points()).allSatisfy(p -> assertThat(p.cut().failure().orElseThrow().failureClass())
                    .isEqualTo(FailureClass.CONNECTION_LOST));
            if (engine.isMysqlFamily()) {
                // a cut before statement 1 leaves nothing; after any later one the first ALTER stayed, and a rerun
                // fails on it: the script cannot be run again after a cut at 2..11
                assertThat(rerun.notConverging()).extracting(CutPoint::statement).containsExactlyElementsOf(
                        IntStream.rangeClosed(2, 11).boxed().toList());
                assertThat(rerun.notConverging()).allSatisfy(p -> assertThat(p.divergence().orElseThrow())
                        .startsWith("the recovery failed: V2__ten_statements.sql statement 1 (SCHEMA_DEPENDENT)"));
                assertThat(rerun).convergesExceptAt(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
                assertThatThrownBy(() -> assertThat(rerun).allConverge()).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("Expecting V2 to converge after a cut at every boundary (recovery: rerun),"
                                + " but it does not after a cut at 2, 3, 4, 5, 6, 7, 8, 9, 10, 11:")
                        .hasMessageContaining("V2 cut at each of 11 boundaries, recovery: rerun; 1 of 11 converge");
                assertThat(rerun.points().get(4).left()).startsWith("partially applied: statements 1-4 stay applied");

                CutPoints resumed = rehearsal.cutAtEachStatement("2", Recovery.RESUME);
                System.out.println(resumed);
                // resuming from the statement the connection was lost at converges wherever something stayed
                assertThat(resumed).convergesExceptAt(1);
                assertThat(resumed.points().get(0).divergence().orElseThrow()).startsWith("the recovery was refused");
            } else {
                // one transaction: every cut rolls back whole, and a rerun converges with the uncut run, rows included
                assertThat(rerun).allConverge();
                assertThat(rerun.points()).allSatisfy(p -> assertThat(p.left()).startsWith(p.statement() == 1
                        ? "no statement of this step completed" : "nothing of the failed script is in effect"));
            }
            assertThat(rehearsal.currentVersion()).as("the rehearsal's own database is left as it was").hasValue("1");
        }
        assertThat(relayThreads()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_fault_past_the_last_statement_or_in_an_applied_migration_is_refused_with_the_fix(Engine engine) {
        try (RehearsalServer server = server(engine, "30s"); Rehearsal rehearsal = server.open(faults(engine), "bad")) {
            rehearsal.migrateTo("1");
            assertThatThrownBy(() -> rehearsal.migrateTo("2", ConnectionFault.close().atStatement(11)))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("V2 has 10 statement(s), so statement 11 never runs")
                    .hasMessageContaining("give a statement from 1 to 10, or afterLastStatement()");
            assertThatThrownBy(() -> rehearsal.migrateTo("1", ConnectionFault.close()))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("the database is already at version 1, so V1 does not run");
            assertThatThrownBy(() -> rehearsal.cutAtEachStatement("3", Recovery.RERUN))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("V3 is not the next pending migration");
            assertThatThrownBy(() -> ConnectionFault.close().atStatement(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("statements are numbered from 1");
        }
    }

    private static List<String> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("rehearsal-fault-relay")).toList();
    }
}
