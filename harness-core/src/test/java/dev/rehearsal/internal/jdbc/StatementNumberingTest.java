package dev.rehearsal.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.ExecutedStatement;
import dev.rehearsal.Failure;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness reads scripts itself (the guard's leading words, resume's "from statement k", the line of a failure),
 * and Flyway reads them to run them: the two must agree statement for statement, or a resume runs the wrong
 * statements. Each tricky script here ends in a statement that fails, so Flyway's own numbering shows in the verdict,
 * and its statements as Flyway ran them are compared with the harness's split.
 */
class StatementNumberingTest {

    private static final String POSTGRESQL = """
            -- a comment; with a semicolon
            CREATE TABLE "odd;name" (id INT, note TEXT);
            INSERT INTO "odd;name" VALUES (1, E'it\\'s; fine'), (2, 'it''s; fine');
            /* outer /* nested; */ still; comment */ INSERT INTO "odd;name" VALUES (3, 'x');
            CREATE FUNCTION f() RETURNS INT AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
            DO $$ BEGIN PERFORM 1; END $$;
            INSERT INTO "odd;name" VALUES (4, $tag$ a; 'b'; $$c$$ $tag$);
            SELECT 1 / 0;
            """;

    private static final String MYSQL_FAMILY = """
            # a hash comment; with a semicolon
            CREATE TABLE `odd;name` (id INT, note TEXT);
            INSERT INTO `odd;name` VALUES (1, 'it\\'s; fine'), (2, "double; quoted");
            INSERT INTO `odd;name` VALUES (3, 1 - -2);
            /*!40101 SET @x = 1 */;
            -- a dash comment; with a semicolon
            DELIMITER $$
            CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$
            DELIMITER ;
            INSERT INTO `odd;name` VALUES (4, 'a');
            SELECT * FROM no_such_table;
            """;

    static Stream<Arguments> scripts() {
        return TestDatabases.engines().map(engine -> Arguments.of(engine, engine.isMysqlFamily() ? MYSQL_FAMILY : POSTGRESQL));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void the_harness_numbers_statements_as_flyway_runs_them(Engine engine, String script, @TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("V1__tricky.sql"), script);
        List<SqlText.Located> ours = SqlText.splitWithLines(script, engine);
        try (Scope scope = TestDatabases.rehearsal(engine, "filesystem:" + folder)) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            Failure failure = outcome.failure().orElseThrow();
            assertThat(failure.statementIndex()).as("Flyway's index of the failing last statement, in %s", outcome.verdict())
                    .hasValue(ours.size());
            assertThat(failure.line()).as("its line").hasValue(ours.get(ours.size() - 1).line());
            List<ExecutedStatement> ran = outcome.leftBehind().orElseThrow().executedBeforeFailure();
            assertThat(ran).extracting(ExecutedStatement::index)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, ours.size() - 1).boxed().toList());
            for (ExecutedStatement statement : ran) {
                assertThat(ours.get(statement.index() - 1).isSameAs(statement.sql()))
                        .as("statement %d: ours %s, Flyway's %s", statement.index(), ours.get(statement.index() - 1).sql(),
                                statement.sql())
                        .isTrue();
            }
        }
    }

    /** A resume compares the statements Flyway ran with the script as read now: a DELIMITER block must match too. */
    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void a_script_with_a_delimiter_block_resumes_after_its_failure_is_fixed(Engine engine, @TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("V1__with_procedure.sql"), """
                CREATE TABLE totals (id INT PRIMARY KEY, amount INT);
                DELIMITER $$
                CREATE PROCEDURE refill() BEGIN INSERT INTO totals VALUES (1, 10); END$$
                DELIMITER ;
                INSERT INTO totals SELECT id, amount FROM staged_totals;
                CALL refill();
                """);
        try (Scope scope = TestDatabases.rehearsal(engine, "filesystem:" + folder)) {
            StepOutcome failed = scope.rehearsal().migrateToLatest();
            assertThat(failed.failure().orElseThrow().statementIndex()).hasValue(3);

            scope.rehearsal().execute("CREATE TABLE staged_totals (id INT, amount INT)");
            StepOutcome resumed = scope.rehearsal().resumeFailedMigration();

            assertThat(resumed.succeeded()).as("%s", resumed.verdict()).isTrue();
            assertThat(scope.rehearsal().queryForLong("SELECT amount FROM totals WHERE id = 1")).isEqualTo(10);
        }
    }
}
