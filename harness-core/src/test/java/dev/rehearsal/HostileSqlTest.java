package dev.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.StepOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQL that reads as one statement to a naive splitter and runs as two on the server, through the public API: the
 * guard must read it as the engine does, and refuse the second statement before anything runs. Every drop names a
 * database that is not there (IF EXISTS), so a guard that failed would still harm nothing.
 */
class HostileSqlTest {

    private static RehearsalServer server(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        return ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
    }

    /** Per family: SQL whose first statement hides the second from a splitter that reads it wrong. */
    static Stream<Arguments> hostile() {
        return TestDatabases.engines().flatMap(engine -> engine.isMysqlFamily()
                ? Stream.of(
                        // MySQL reads "--" as a comment only before whitespace: 1--2 is one minus minus two
                        Arguments.of(engine, "SELECT 1--2; DROP DATABASE IF EXISTS production"),
                        // a backslash escapes the quote, so the string goes on past the first semicolon
                        Arguments.of(engine, "SELECT 'it\\'s'; DROP DATABASE IF EXISTS production"),
                        // an executable comment runs: the drop inside it is a statement
                        Arguments.of(engine, "SELECT 1; /*!40000 DROP DATABASE IF EXISTS production */"))
                : Stream.of(
                        // E'' strings take backslash escapes
                        Arguments.of(engine, "SELECT E'it\\'s; fine'; DROP DATABASE IF EXISTS production"),
                        // block comments nest on PostgreSQL
                        Arguments.of(engine, "/* a /* b; */ c; */ SELECT 1; DROP DATABASE IF EXISTS production"),
                        // dollar quotes with a tag hold semicolons
                        Arguments.of(engine, "SELECT $x$ a; b $x$; DROP DATABASE IF EXISTS production")));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void a_statement_hidden_behind_a_misread_first_one_is_refused_before_anything_runs(Engine engine, String sql) {
        try (RehearsalServer server = server(engine);
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/fk"), "hostile")) {
            assertThatThrownBy(() -> rehearsal.execute(sql))
                    .isInstanceOf(UnsafeOperationException.class)
                    .hasMessageStartingWith("Refused to run '")
                    .hasMessageContaining("DROP DATABASE IF EXISTS production")
                    .hasMessageContaining("it acts on database 'PRODUCTION', which the harness did not create");
            assertThatThrownBy(() -> rehearsal.query(sql)).isInstanceOf(UnsafeOperationException.class);
        }
    }

    /**
     * In a migration, Flyway splits the script and the guard checks each statement Flyway sends. Whatever either of
     * them reads, the drop must not run: here it names a database the harness created (for another rehearsal), which
     * must still be there afterwards. On PostgreSQL the script runs outside a transaction (its .conf says so), or
     * Flyway itself would refuse a DROP DATABASE in it before anything ran.
     */
    @ParameterizedTest
    @MethodSource("hostile")
    void the_same_sql_in_a_migration_never_drops_the_database_it_names(Engine engine, String sql, @TempDir Path folder)
            throws IOException {
        try (RehearsalServer server = server(engine);
                Rehearsal victim = server.open(Migrations.at("classpath:db/fk"), "victim");
                Rehearsal rehearsal = server.open(Migrations.at("filesystem:" + folder), "hostile_migration")) {
            Files.writeString(folder.resolve("V1__hostile.sql"),
                    sql.replace("IF EXISTS production", victim.database().databaseName()) + ";\n");
            if (!engine.isMysqlFamily()) {
                Files.writeString(folder.resolve("V1__hostile.sql.conf"), "executeInTransaction=false\n");
            }
            String what;
            try {
                StepOutcome outcome = rehearsal.migrateToLatest();
                assertThat(outcome).as("%s", outcome.verdict()).matches(StepOutcome::failed, "failed");
                what = "failed: " + outcome.failure().orElseThrow().message();
            } catch (UnsafeOperationException e) {
                assertThat(e).hasMessageContaining("DROP DATABASE " + victim.database().databaseName());
                what = "refused by the guard";
            }
            System.out.println("hostile migration on " + engine + " " + what);
            assertThat(victim.queryForLong("SELECT 1")).as("the database the script names is still there").isOne();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void the_same_constructs_without_a_drop_run_as_the_server_reads_them(Engine engine) {
        try (RehearsalServer server = server(engine);
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/fk"), "readable")) {
            if (engine.isMysqlFamily()) {
                assertThat(rehearsal.queryForLong("SELECT 1--2")).isEqualTo(3);
                assertThat(rehearsal.query("SELECT 'it\\'s; fine' AS s")).containsExactly(Map.of("s", "it's; fine"));
            } else {
                assertThat(rehearsal.query("SELECT E'it\\'s; fine' AS s")).containsExactly(Map.of("s", "it's; fine"));
                assertThat(rehearsal.queryForLong("/* a /* b; */ c; */ SELECT 7")).isEqualTo(7);
            }
        }
    }
}
