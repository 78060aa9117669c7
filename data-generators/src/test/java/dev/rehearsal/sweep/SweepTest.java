package dev.rehearsal.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.FailureClass;
import dev.rehearsal.Migrations;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.seed.ColumnValues;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweep over a history with one new requirement per migration: every derived defect breaks its migration, on the
 * rows it was planted in; realistic rows break the two migrations whose requirement realistic data does not meet.
 */
class SweepTest {

    static RehearsalServer server(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        return ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
    }

    static Migrations derive(Engine engine) {
        return Migrations.at("classpath:db/derive/common",
                "classpath:db/derive/" + (engine.isMysqlFamily() ? "mysql" : "postgresql"));
    }

    /** One sweep per engine, shared by the tests that read it. */
    private static final Map<Engine, SweepResult> SWEPT = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<Engine, List<String>> PROGRESS = new java.util.concurrent.ConcurrentHashMap<>();

    static SweepResult swept(Engine engine) {
        return SWEPT.computeIfAbsent(engine, e -> {
            List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            PROGRESS.put(e, progress);
            try (RehearsalServer server = server(e)) {
                return Sweep.of(derive(e)).withRowsPerTable(50).withProgress(progress::add).run(server);
            }
        });
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void every_migration_is_rehearsed_on_realistic_rows_and_on_each_defect_derived_from_it(Engine engine) {
        SweepResult result = swept(engine);
        List<String> progress = PROGRESS.get(engine);
        assertThat(result.stopped()).isEmpty();
        assertThat(result.verdicts()).extracting(MigrationVerdict::version).startsWith("1", "2", "3", "4", "5", "6",
                "7", "8", "9").endsWith("13");
        // realistic rows: a nullable note is NULL in some rows, and free-text statuses are not the enum's labels —
        // true data dependences of V3 and V9, shown by the statement that fails
        assertThat(result.failingOnRealisticData()).extracting(MigrationVerdict::script)
                .containsExactly("V3__note_required.sql", "V9__status_enum.sql");
        MigrationVerdict notNull = result.verdict("3").orElseThrow();
        assertThat(notNull.realistic().failure().orElseThrow().statement()).hasValueSatisfying(s -> assertThat(s)
                .containsIgnoringCase("note"));
        assertThat(notNull.realistic().note()).isEqualTo("V3 fails on realistic rows: a real bug, found without planting"
                + " anything");
        // every derived defect breaks its migration, on the rows it was planted in
        for (MigrationVerdict verdict : result.verdicts()) {
            for (CaseResult c : verdict.defects()) {
                assertThat(c.outcome()).as(verdict.script() + ": " + c.name()).isEqualTo(CaseResult.Outcome.FAILED);
                assertThat(c.failure().orElseThrow().failureClass()).as(c.name()).isEqualTo(FailureClass.DATA_DEPENDENT);
                assertThat(c.plantedRows()).as(c.name()).hasSize(3)
                        .allSatisfy(row -> assertThat(row).startsWith(c.defect().orElseThrow().defect().table() + "(id="));
                assertThat(c.note()).startsWith("V" + verdict.version() + " needs a data fix first");
            }
        }
        MigrationVerdict fk = result.verdict("2").orElseThrow();
        assertThat(fk.isSafe()).isFalse();
        assertThat(fk.unsafeAgainst()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("3 orphans in orders.customer_id (of customers)");
            assertThat(c.failure().orElseThrow().script()).hasValue("V2__orders_customer_fk.sql");
            assertThat(c.failure().orElseThrow().constraint()).hasValue("fk_orders_customer");
        });
        assertThat(result.verdict("1").orElseThrow().isSafe()).as("nothing exists before V1").isTrue();
        assertThat(result.unsafe()).hasSize(engine.isMysqlFamily() ? 8 : 9);
        // after each realistic failure the sweep carries on from the same rows, those of the table the migration
        // names removed and seeded again after it; the customers keep theirs
        assertThat(progress).filteredOn(line -> line.contains(": carried on with the rows of ")).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("carried on with the rows of orders removed"))
                .anySatisfy(line -> assertThat(line).startsWith(engine.displayName() + " V3 (3/"))
                .anySatisfy(line -> assertThat(line).startsWith(engine.displayName() + " V9 (9/"));
        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith(engine.displayName() + " V2 (2/"))
                .last().satisfies(line -> assertThat(line).contains(" migration(s) swept in "));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void cases_from_copies_of_the_realistic_rows_give_the_verdicts_of_cases_from_fresh_databases(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        settings.put(RehearsalSettings.CACHE_ENABLED, "false");
        SweepResult fresh;
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start()) {
            assertThat(server.cachesStates()).isFalse();
            fresh = Sweep.of(derive(engine)).withRowsPerTable(50).withProgress(line -> { }).run(server);
        }
        assertThat(outcomes(swept(engine))).isNotEmpty().isEqualTo(outcomes(fresh));
    }

    /** Each migration's realistic outcome and each case's outcome, failing statement, codes and class. */
    private static List<String> outcomes(SweepResult result) {
        List<String> outcomes = new ArrayList<>();
        for (MigrationVerdict verdict : result.verdicts()) {
            outcomes.add(verdict.script() + " realistic " + verdict.realistic().outcome());
            for (CaseResult c : verdict.defects()) {
                outcomes.add(verdict.script() + " " + c.name() + " " + c.outcome() + c.failure().map(f -> " statement "
                        + f.statementIndex() + " " + f.sqlState() + " " + f.vendorCode() + " " + f.failureClass())
                        .orElse(""));
            }
        }
        return outcomes;
    }

    @Test
    void the_reports_show_failures_first_in_html_json_and_markdown() throws Exception {
        List<SweepResult> results = TestDatabases.engines().map(SweepTest::swept).toList();
        SweepReport.Written written = SweepReport.of(results).writeTo(Path.of("target", "rehearsal"));

        String json = Files.readString(written.json());
        assertThat(json).startsWith("{\n  \"schema\": \"rehearsal-sweep/1\",\n  \"generated\": ")
                .contains("\"failingOnRealisticData\": 2,")
                .contains("\"script\": \"V2__orders_customer_fk.sql\"")
                .contains("\"reason\": \"V2 adds fk_orders_customer: orders.customer_id -> customers.id\"")
                .contains("\"failureClass\": \"DATA_DEPENDENT\"")
                .contains("\"plantedRows\": [\n");
        String markdown = Files.readString(written.markdown());
        assertThat(markdown).startsWith("### Rehearsal sweep: ")
                .contains("**2 fail on realistic data · ")
                .contains("| V3__note_required.sql | ❌ fails on realistic data |");
        assertThat(markdown.indexOf("| V3__note_required.sql")).as("failures first")
                .isLessThan(markdown.indexOf("| V2__orders_customer_fk.sql"));
        assertThat(markdown.indexOf("| V2__orders_customer_fk.sql")).isLessThan(markdown.indexOf("| V1__customers"));
        String html = Files.readString(written.html());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<section class=\"migration\" id=\"v3\" data-severity=\"0\">")
                .contains("fk_orders_customer").doesNotContain("<script src").doesNotContain("http://").doesNotContain("https://");
        assertThat(html.indexOf("id=\"v3\"")).isLessThan(html.indexOf("id=\"v2\"")).isLessThan(html.indexOf("id=\"v1\""));
    }

    @Test
    void a_baseline_of_released_migrations_binds_new_work_only(@TempDir Path dir) throws Exception {
        List<SweepResult> results = TestDatabases.engines().map(SweepTest::swept).toList();
        int findings = results.stream().mapToInt(r -> r.failingOnRealisticData().size()
                + r.verdicts().stream().mapToInt(v -> v.unsafeAgainst().size()).sum()).sum();
        assertThat(SweepPolicy.REPORT_ONLY.violations(results, Optional.empty())).isEmpty();
        assertThat(SweepPolicy.FAIL_ON_REALISTIC_DATA.violations(results, Optional.empty()))
                .hasSize(2 * results.size())
                .allSatisfy(v -> assertThat(v).containsPattern(" V(3__note_required|9__status_enum)\\.sql fails on realistic rows: "));
        List<String> unsafe = SweepPolicy.FAIL_ON_UNSAFE.violations(results, Optional.empty());
        assertThat(unsafe).hasSize(findings).anySatisfy(v -> assertThat(v).startsWith("PostgreSQL"
                + " V2__orders_customer_fk.sql fails on 3 orphans in orders.customer_id (of customers): statement 1 (line"
                + " 1), 23503, DATA_DEPENDENT: insert or update on table \"orders\" violates foreign key constraint"
                + " \"fk_orders_customer\"; planted in orders(id="));

        // everything released so far is recorded: the same sweep passes
        Path file = SweepBaseline.of(results).writeTo(dir.resolve("rehearsal-baseline.txt"));
        assertThat(SweepPolicy.FAIL_ON_UNSAFE.violations(results, Optional.of(SweepBaseline.read(file)))).isEmpty();

        // a baseline from before V8 was written: V8 and later are new work, and fail
        List<String> lines = Files.readAllLines(file);
        Path older = dir.resolve("older.txt");
        Files.write(older, lines.stream().filter(l -> !l.matches("\\w+\t(8|9|10)\t.*")).toList());
        assertThat(SweepPolicy.FAIL_ON_UNSAFE.violations(results, Optional.of(SweepBaseline.read(older))))
                .isNotEmpty().allSatisfy(v -> assertThat(v).containsPattern(" V(8|9|10)__"));

        // a released migration edited since the baseline is named, with the fix
        Path edited = dir.resolve("edited.txt");
        Files.write(edited, lines.stream().map(l -> l.matches("PostgreSQL\t2\t.*") ? l.replaceFirst("\t2\t[^\t]+\t",
                "\t2\t12345\t") : l).toList());
        assertThatThrownBy(() -> SweepPolicy.REPORT_ONLY.violations(results, Optional.of(SweepBaseline.read(edited))))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageContaining("records V2__orders_customer_fk.sql with checksum 12345, and the script now has ")
                .hasMessageEndingWith("To fix this, restore the script as it was released and roll forward with a new"
                        + " migration (released migrations are not edited); if it was never released, record the"
                        + " baseline again.");
        Files.writeString(dir.resolve("not.txt"), "hello\n");
        assertThatThrownBy(() -> SweepBaseline.read(dir.resolve("not.txt")))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageContaining("is not a sweep baseline: its first line is not \"rehearsal-sweep-baseline/1\"");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void realistic_data_failures_are_declared_impossible_with_hints_and_the_defects_still_break(Engine engine) {
        List<String> progress = new ArrayList<>();
        SweepResult result;
        try (RehearsalServer server = server(engine)) {
            result = Sweep.of(derive(engine)).withRowsPerTable(50).withProgress(progress::add)
                    .withHints(SeedPlan.withSeed(0)
                            .requiredInPractice("orders", "note")
                            .override("orders", "status", ColumnValues.oneOf("NEW", "PAID", "SHIPPED"))
                            .nullRate("orders", "placed_on", 0.5)
                            .uniqueInPractice("customers", "email")
                            .requiredInPractice("invoices", "number"))
                    .run(server);
        }
        assertThat(result.failingOnRealisticData()).as("the note is always filled, the status one of the labels")
                .isEmpty();
        assertThat(result.verdict("3").orElseThrow().unsafeAgainst()).as("planted NULLs still break V3").hasSize(1);
        assertThat(result.verdict("9").orElseThrow().unsafeAgainst()).as("other labels still break V9").hasSize(1);
        assertThat(result.verdict("4").orElseThrow().realistic().outcome()).isEqualTo(CaseResult.Outcome.PASSED);
        assertThat(progress).contains("the hint invoices.number names a table or column no version of the history had:"
                + " check its name");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void the_realistic_pass_alone_lists_the_derived_defects_without_running_them(Engine engine) {
        SweepResult result;
        try (RehearsalServer server = server(engine)) {
            result = Sweep.of(Migrations.at("classpath:db/fk")).withDefectCases(false).withProgress(line -> { })
                    .run(server);
        }
        assertThat(result.verdict("2").orElseThrow().defects()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CaseResult.Outcome.NOT_RUN);
            assertThat(c.note()).isEqualTo("Not run: this sweep runs the realistic pass only (withDefectCases(false)).");
            assertThat(c.name()).isEqualTo("3 orphans in orders.customer_id (of customers)");
        });
        assertThat(SweepPolicy.FAIL_ON_UNSAFE.violations(List.of(result), Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void repeatables_written_for_the_latest_schema_run_at_the_end_when_asked_and_the_result_says_which(Engine engine) {
        SweepResult eachStep;
        SweepResult atTheEnd;
        try (RehearsalServer server = server(engine)) {
            eachStep = Sweep.of(Migrations.at("classpath:db/repeatable-view")).withProgress(line -> { }).run(server);
            atTheEnd = Sweep.of(Migrations.at("classpath:db/repeatable-view")).withRepeatables(Repeatables.AT_THE_END)
                    .withProgress(line -> { }).run(server);
        }
        // as Flyway does: the view runs after V1 already, where the column it reads does not exist yet
        assertThat(eachStep.repeatables()).isEqualTo(Repeatables.AT_EACH_STEP);
        assertThat(eachStep.verdicts()).singleElement().satisfies(v -> assertThat(v.realistic().failure().orElseThrow()
                .script()).hasValue("R__item_prices.sql"));
        assertThat(eachStep.stopped()).hasValueSatisfying(why -> assertThat(why).startsWith("V1 fails on a database with"
                + " no rows, so the versions after it were not swept: R__item_prices.sql (SCHEMA_DEPENDENT): "));
        // held back to the end: every version passes, and the view gets a verdict of its own over the realistic rows
        assertThat(atTheEnd.repeatables()).isEqualTo(Repeatables.AT_THE_END);
        assertThat(atTheEnd.stopped()).isEmpty();
        assertThat(atTheEnd.verdicts()).extracting(MigrationVerdict::version).containsExactly("1", "2", "repeatables");
        assertThat(atTheEnd.verdicts()).allMatch(MigrationVerdict::isSafe);
        assertThat(atTheEnd.verdict("repeatables").orElseThrow().script()).isEqualTo("R__item_prices.sql");
        assertThat(SweepReport.of(List.of(atTheEnd)).markdown()).contains(engine.displayName()
                + ": repeatable migrations applied once, after the last version.");
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void after_a_realistic_failure_the_sweep_keeps_the_rows_of_the_tables_the_migration_does_not_name(Engine engine) {
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> partialProgress = new java.util.concurrent.CopyOnWriteArrayList<>();
        SweepResult result;
        SweepResult partial;
        try (RehearsalServer server = server(engine)) {
            String family = engine.isMysqlFamily() ? "mysql" : "postgresql";
            result = Sweep.of(Migrations.at("classpath:db/carry/common", "classpath:db/carry/" + family))
                    .withRowsPerTable(30).withProgress(progress::add).run(server);
            partial = Sweep.of(Migrations.at("classpath:db/carry/common", "classpath:db/carry/partial-" + family))
                    .withRowsPerTable(30).withProgress(partialProgress::add).run(server);
        }
        assertThat(result.stopped()).isEmpty();
        assertThat(result.failingOnRealisticData()).extracting(MigrationVerdict::script)
                .containsExactly("V2__nickname_required.sql");
        // the customers V2 failed on, and the orders that reference them, are removed; the products are kept
        assertThat(progress).filteredOn(line -> line.contains("carried on")).singleElement().satisfies(line -> assertThat(
                line).startsWith(engine.displayName() + " V2 (2/3): carried on with the rows of customers, orders removed,"
                + " which V2 failed on or touches; they are seeded again after it ("));
        // then seeded again at V2, where every customer has a nickname
        MigrationVerdict v3 = result.verdict("3").orElseThrow();
        assertThat(v3.realistic().outcome()).isEqualTo(CaseResult.Outcome.PASSED);
        assertThat(v3.realistic().rowsSeeded()).isEqualTo(90);

        // a statement before the failing one stays in effect on the MySQL family: its database is not as it was before
        // V2, so the sweep carries on from a database with no rows instead; PostgreSQL rolled the step back
        assertThat(partial.stopped()).isEmpty();
        assertThat(partial.verdict("3").orElseThrow().realistic().outcome()).isEqualTo(CaseResult.Outcome.PASSED);
        if (engine.isMysqlFamily()) {
            assertThat(partialProgress).noneMatch(line -> line.contains("carried on"));
        } else {
            assertThat(partialProgress).filteredOn(line -> line.contains("carried on")).singleElement().asString()
                    .contains("carried on with the rows of customers, orders, products removed");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_migration_that_fails_without_rows_stops_the_sweep_and_says_so(Engine engine) {
        SweepResult result;
        try (RehearsalServer server = server(engine)) {
            result = Sweep.of(Migrations.at("classpath:db/syntax")).withProgress(line -> { }).run(server);
            assertThatThrownBy(() -> Sweep.of(Migrations.at("classpath:db/no-migrations")).run(server))
                    .isInstanceOf(RehearsalException.class)
                    .hasMessage("The sweep of Migrations.at(\"classpath:db/no-migrations\") found no versioned migration"
                            + " in [classpath:db/no-migrations].\nTo fix this, point the locations at the folders that hold"
                            + " the V<version>__<description>.sql scripts.");
        }
        assertThat(result.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.failsOnRealisticData()).isTrue();
            assertThat(v.realistic().failure().orElseThrow().failureClass()).isEqualTo(FailureClass.SYNTAX);
            assertThat(v.realistic().note()).isEqualTo("V1 fails even on a database with no rows: no data causes it; fix"
                    + " the migration itself");
        });
        assertThat(result.stopped()).hasValueSatisfying(why -> assertThat(why).startsWith("V1 fails on a database with"
                + " no rows, so the versions after it were not swept: "));
    }
}
