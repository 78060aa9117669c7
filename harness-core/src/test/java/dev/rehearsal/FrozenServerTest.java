package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.internal.jdbc.JdbcUrl;
import dev.rehearsal.support.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole server frozen (SIGSTOP, as a stalled VM or a stopped container does) while statement 3 runs: the step ends
 * within its timeouts in a verdict, CONNECTION_LOST at statement 3 with its line, saying that the server answered no
 * new connection either; nothing of the test outlives it. Only an embedded server the test starts for the purpose is
 * frozen, and it is let go before the test ends.
 */
class FrozenServerTest {

    /** The embedded server's processes: the one listening on the port, and its children (PostgreSQL's backends). */
    private static List<ProcessHandle> serverProcesses(Engine engine, int port) {
        String marker = engine == Engine.POSTGRESQL ? " -p " + port + " " : "--port=" + port;
        List<ProcessHandle> server = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && (c.contains("postgres")
                        || c.contains("mysqld") || c.contains("mariadbd"))).orElse(false))
                .forEach(p -> {
                    server.add(p);
                    p.descendants().forEach(server::add);
                });
        return server;
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Wait until the migration's third statement runs, read on a connection of the harness's own. */
    private static void awaitTheSleep(Rehearsal rehearsal, Engine engine) throws Exception {
        String sql = engine == Engine.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()"
                : "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP%'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Connection c = rehearsal.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("statement 3 never ran");
    }

    /** The engines of this run that have an embedded server: MySQL has none (it runs on an existing server or in a container). */
    static java.util.stream.Stream<Engine> embeddable() {
        return TestDatabases.engines().filter(engine -> engine != Engine.MYSQL);
    }

    @ParameterizedTest
    @MethodSource("embeddable")
    void a_server_frozen_during_statement_3_gives_a_verdict_within_the_timeouts(Engine engine) throws Exception {
        // an embedded server of the test's own, whatever the run's servers are: never freeze a shared one
        RehearsalSettings settings = RehearsalSettings.of(Map.of(RehearsalSettings.SOCKET_TIMEOUT, "2s",
                RehearsalSettings.CONNECT_TIMEOUT, "2s", RehearsalSettings.REPORT_ENABLED, "false"));
        try (RehearsalServer server = ServerRequest.of(engine, settings).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/frozen/" + (engine.isMysqlFamily()
                        ? "mysql" : "postgresql")).withClassLoader(FrozenServerTest.class.getClassLoader()), "frozen")) {
            assertThat(rehearsal.database().provider()).isEqualTo(ProviderKind.EMBEDDED);
            rehearsal.migrateTo("1");
            String authority = JdbcUrl.parse(rehearsal.database().jdbcUrl(), "test").authority();
            int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
            List<ProcessHandle> processes = serverProcesses(engine, port);
            assertThat(processes).as("the embedded server's processes").isNotEmpty();

            CompletableFuture<Void> freeze = CompletableFuture.runAsync(() -> {
                try {
                    awaitTheSleep(rehearsal, engine);
                    signal("STOP", serverProcesses(engine, port));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            StepOutcome v2;
            long took;
            try {
                long start = System.nanoTime();
                v2 = rehearsal.migrateTo("2");
                took = (System.nanoTime() - start) / 1_000_000;
                freeze.get(30, TimeUnit.SECONDS);
            } finally {
                signal("CONT", serverProcesses(engine, port));
            }

            assertThat(v2).as(v2.verdict()).hasFailed().hasFailureClass(FailureClass.CONNECTION_LOST).isAtStatement(3);
            Failure failure = v2.failure().orElseThrow();
            assertThat(failure.line()).hasValue(4);
            assertThat(failure.detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("the server sent no answer within rehearsal.timeout.socket (2000 ms), so the driver gave up")
                    .contains("then the server did not answer a new connection either (")
                    .endsWith("the history could not be read, so what the step left in the database is not known"));
            assertThat(v2.versionAfter()).hasValue("1");
            assertThat(took).as("socket and connect timeouts, not the 30 s sleep").isLessThan(20_000);
            assertThat(v2.verdict()).contains("statement 3 at line 4");
        }
    }
}
