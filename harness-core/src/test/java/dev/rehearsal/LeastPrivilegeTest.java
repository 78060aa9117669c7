package dev.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On an existing server the harness rehearses as a user it creates for the run, so that what the text guard cannot
 * read (SQL built at run time, a routine, a program) still cannot act outside the rehearsal: the statements below go
 * straight to the server on the rehearsal's own connection, past the guard, and each is refused by the server, with
 * what it aimed at (a database, a session, a file, all the test's own) untouched. A migration that needs a privilege
 * fails with a verdict that says so and names the setting; with that setting, it passes. The user is gone afterwards.
 */
class LeastPrivilegeTest {

    private static final Pattern RUN_USER = Pattern.compile("as (rehearsal_user_[0-9a-f_]+) with least privilege");

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void what_the_guard_cannot_read_is_refused_by_the_server(Engine engine, @TempDir Path folder) throws Exception {
        String victim = "privilege_victim_" + Long.toHexString(System.nanoTime());
        Path file = folder.resolve("touched");
        try (Connection session = TestDatabases.admin(engine); Statement st = session.createStatement()) {
            st.execute("CREATE DATABASE " + victim);
            try {
                long sessionId = TestDatabases.sessionId(st, engine);
                List<String> attempts = engine == Engine.POSTGRESQL ? List.of(
                        "DROP DATABASE " + victim,
                        "SELECT pg_terminate_backend(" + sessionId + ")",
                        "COPY (SELECT 1) TO PROGRAM 'touch " + file + "'",
                        "CREATE EXTENSION dblink",
                        "CREATE DATABASE privilege_other",
                        "CREATE ROLE privilege_other SUPERUSER",
                        "SET session_replication_role = replica")
                        : List.of(
                        "DROP DATABASE " + victim,
                        "EXECUTE IMMEDIATE 'DROP DATABASE " + victim + "'",
                        "KILL " + sessionId,
                        "CREATE PROCEDURE wipe() BEGIN DROP DATABASE " + victim + "; END",
                        "CALL wipe()",
                        "CREATE TABLE " + victim + ".t (id INT)",
                        "SELECT 1 INTO OUTFILE '" + file + "'",
                        "CREATE USER privilege_other",
                        "SET GLOBAL max_connections = 1000");
                String runUser;
                Map<String, String> settings = settings(engine);
                try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                        Rehearsal rehearsal = server.open(Migrations.at("classpath:db/fk"), "privileges")) {
                    runUser = runUser(server.describe());
                    assertThat(rehearsal.migrateToLatest().succeeded()).as("the migrations need no more").isTrue();
                    List<String> refused = new ArrayList<>();
                    try (Connection own = rehearsal.dataSource().getConnection(); Statement past = own.createStatement()) {
                        assertThat(currentUser(past, engine)).isEqualTo(runUser);
                        for (String attempt : attempts) {
                            try {
                                past.execute(attempt);
                                if (!attempt.startsWith("CREATE PROCEDURE")) { // its own database: allowed; CALL is not
                                    refused.add("NOT REFUSED: " + attempt);
                                }
                            } catch (SQLException e) {
                                refused.add(attempt + " -> " + e.getSQLState() + "/" + e.getErrorCode());
                            }
                        }
                    }
                    assertThat(refused).as("what the server said").noneMatch(line -> line.startsWith("NOT REFUSED"))
                            .hasSize(attempts.size() - (engine == Engine.POSTGRESQL ? 0 : 1));
                    assertThat(refused).allMatch(line -> engine == Engine.POSTGRESQL ? line.contains("-> 42501")
                            : line.matches(".* -> \\w+/(1044|1045|1095|1142|1227|1370)"));
                }
                assertThat(TestDatabases.databaseExists(engine, victim)).as("the database it aimed at").isTrue();
                assertThat(TestDatabases.sessionId(st, engine)).as("the session it aimed at still answers").isEqualTo(sessionId);
                assertThat(file).as("the program or file it would have written").doesNotExist();
                assertThat(userExists(st, engine, runUser)).as("the run's user, after the server is closed").isFalse();
            } finally {
                st.execute("DROP DATABASE " + victim);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_migration_that_needs_a_privilege_fails_saying_so_and_passes_as_the_admin(Engine engine, @TempDir Path folder)
            throws Exception {
        Files.writeString(folder.resolve("V1__needs_more.sql"), engine == Engine.POSTGRESQL
                // a data fix that loads rows past the triggers: a superuser's setting
                ? "CREATE TABLE t (id INT PRIMARY KEY);\nSET session_replication_role = replica;\nINSERT INTO t VALUES (1);\n"
                // a view whose definer is another user, as a dump of production writes it
                : "CREATE TABLE t (id INT PRIMARY KEY);\nCREATE DEFINER = 'root'@'localhost' VIEW v AS SELECT id FROM t;\n");
        Migrations migrations = Migrations.at("filesystem:" + folder);
        Map<String, String> settings = settings(engine);
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(migrations, "needs_more")) {
            StepOutcome step = rehearsal.migrateToLatest();
            assertThat(step.failed()).isTrue();
            Failure failure = step.failure().orElseThrow();
            assertThat(failure.failureClass()).isEqualTo(FailureClass.PRIVILEGE);
            assertThat(failure.statementIndex()).hasValue(2);
            assertThat(failure.detail()).hasValueSatisfying(detail -> assertThat(detail)
                    .contains("the rehearsal ran as " + runUser(server.describe()))
                    .contains("set rehearsal.privileges=admin to rehearse as "));
        }
        settings.put(RehearsalSettings.PRIVILEGES, "admin");
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(migrations, "needs_more")) {
            assertThat(server.describe()).doesNotContain("least privilege");
            assertThat(rehearsal.migrateToLatest().succeeded()).isTrue();
        }
    }

    @Test
    void a_privilege_level_that_is_not_one_is_refused_naming_the_setting_and_the_values() {
        Map<String, String> settings = settings(Engine.POSTGRESQL);
        settings.put(RehearsalSettings.PRIVILEGES, "root");
        assertThatThrownBy(() -> ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(settings)))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("rehearsal.privileges = 'root' is not a privilege level.")
                .hasMessageContaining("set it to least").hasMessageContaining("or admin");
    }

    private static Map<String, String> settings(Engine engine) {
        return TestDatabases.quietExistingServer(engine);
    }

    private static String runUser(String description) {
        Matcher m = RUN_USER.matcher(description);
        assertThat(m.find()).as("the server's description names the run's user: " + description).isTrue();
        return m.group(1);
    }

    private static String currentUser(Statement st, Engine engine) throws SQLException {
        try (ResultSet rs = st.executeQuery(engine == Engine.POSTGRESQL ? "SELECT current_user"
                : "SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean userExists(Statement st, Engine engine, String user) throws SQLException {
        try (ResultSet rs = st.executeQuery(engine == Engine.POSTGRESQL
                ? "SELECT 1 FROM pg_roles WHERE rolname = '" + user + "'"
                : "SELECT 1 FROM mysql.user WHERE User = '" + user + "'")) {
            return rs.next();
        }
    }
}
