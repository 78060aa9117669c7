package dev.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The eight statements that, on the machine's servers, acted outside the rehearsal although the text guard let them
 * through, each in a migration on a server the harness treats as shared: refused before it runs, and what it aimed at
 * (a database, a session, a file, all the test's own) is untouched. {victim} is a database the test creates, {session}
 * a session the test opens, {file} a file in a temporary folder.
 */
class GuardBypassTest {

    static Stream<Arguments> bypasses() {
        Stream<Arguments> mysql = TestDatabases.mysqlFamily().flatMap(engine -> Stream.of(
                Arguments.of(engine, "EXECUTE IMMEDIATE 'DROP DATABASE {victim}';\n"),
                Arguments.of(engine, "SET @s = CONCAT('DROP DATA', 'BASE {victim}');\nPREPARE s FROM @s;\nEXECUTE s;\n"),
                Arguments.of(engine, "DELIMITER //\nCREATE PROCEDURE wipe() BEGIN DROP DATABASE {victim}; END//\n"
                        + "DELIMITER ;\nCALL wipe();\n"),
                Arguments.of(engine, "SET @k = CONCAT('KI', 'LL ', {session});\nEXECUTE IMMEDIATE @k;\n")));
        Stream<Arguments> postgres = TestDatabases.engines().filter(e -> e == Engine.POSTGRESQL).flatMap(engine ->
                Stream.of(
                        Arguments.of(engine, "SELECT dblink_exec('dbname=postgres', 'DROP DATABASE {victim}');\n"),
                        Arguments.of(engine, "SELECT \"pg_terminate_backend\"({session});\n"),
                        Arguments.of(engine, "CREATE TABLE ended AS SELECT pg_terminate_backend({session}) AS ended;\n"),
                        Arguments.of(engine, "COPY (SELECT 1) TO PROGRAM 'touch {file}';\n")));
        return Stream.concat(mysql, postgres);
    }

    @ParameterizedTest
    @MethodSource("bypasses")
    void each_is_refused_before_it_runs_and_what_it_aimed_at_is_untouched(Engine engine, String script,
            @TempDir Path folder) throws Exception {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        String victim = "guard_victim_" + Long.toHexString(System.nanoTime());
        Path file = folder.resolve("touched");
        try (Connection session = TestDatabases.admin(engine); Statement st = session.createStatement()) {
            st.execute("CREATE DATABASE " + victim);
            try {
                long sessionId = TestDatabases.sessionId(st, engine);
                Path scripts = Files.createDirectories(folder.resolve("migrations"));
                Files.writeString(scripts.resolve("V1__bypass.sql"), script.replace("{victim}", victim)
                        .replace("{session}", Long.toString(sessionId)).replace("{file}", file.toString()));
                try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                        Rehearsal rehearsal = server.open(Migrations.at("filesystem:" + scripts), "bypass")) {
                    assertThat(rehearsal.database().provider()).isEqualTo(ProviderKind.EXISTING);
                    assertThatThrownBy(rehearsal::migrateToLatest).isInstanceOf(UnsafeOperationException.class)
                            .hasMessageStartingWith("Refused to run '");
                }
                assertThat(TestDatabases.databaseExists(engine, victim)).as("the database it aimed at").isTrue();
                assertThat(TestDatabases.sessionId(st, engine)).as("the session it aimed at still answers").isEqualTo(sessionId);
                assertThat(file).as("the program it would have run").doesNotExist();
            } finally {
                st.execute("DROP DATABASE " + victim);
            }
        }
    }
}
