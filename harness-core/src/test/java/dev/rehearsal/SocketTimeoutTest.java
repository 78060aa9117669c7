package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A statement that runs longer than the socket timeout: the driver gives up, the statement would go on running on the
 * server; the harness ends that session of its own at once, the verdict says what happened in words (the timeout and
 * the session ended), and the database is still dropped afterwards instead of being left behind.
 */
class SocketTimeoutTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_statement_that_outlives_the_socket_timeout_is_ended_on_the_server_and_said_so(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.SOCKET_TIMEOUT, "2s");
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        String database;
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/slow/" + (engine.isMysqlFamily() ? "mysql"
                        : "postgresql")).withClassLoader(SocketTimeoutTest.class.getClassLoader()), "slow")) {
            database = rehearsal.database().databaseName();
            rehearsal.migrateTo("1");

            long start = System.nanoTime();
            StepOutcome v2 = rehearsal.migrateTo("2");
            long took = (System.nanoTime() - start) / 1_000_000;

            assertThat(v2).hasFailed().hasFailureClass(FailureClass.CONNECTION_LOST).isAtStatement(2);
            assertThat(v2.failure().orElseThrow().detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("the server sent no answer within rehearsal.timeout.socket (2000 ms), so the driver gave up")
                    .contains("the statement went on running on the server, in session ")
                    .contains("which the harness ended"));
            assertThat(took).as("not the 20 s the statement would have taken").isLessThan(12_000);
            if (engine == Engine.POSTGRESQL) {
                assertThat(rehearsal.schema().table("orders").orElseThrow().column("status"))
                        .as("the transaction was rolled back with the session").isEmpty();
            }
        }
        assertThat(TestDatabases.databaseExists(engine, database)).as("dropped, not left behind").isFalse();
    }
}
