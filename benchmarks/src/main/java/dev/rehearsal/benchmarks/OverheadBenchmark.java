package dev.rehearsal.benchmarks;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.benchmarks.PlainJdbc.Rows;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.seed.SeededState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The harness's own overhead (P1), side by side in one run with what a project writes by hand: plain Flyway on a
 * {@code DataSource}, and rows loaded with JDBC batches.
 *
 * <ul>
 *   <li>migrating from empty: 30 migrations ({@code bench/history30}), and 300 trivial ones (a table, a row, a column
 *       in turn), {@code migrateToLatest()} against {@code Flyway.migrate()};
 *   <li>a step over seeded rows: V28 to V30 over 160,000 rows, {@code migrateTo("30")} (its verdict included) against
 *       Flyway with that target, each on a copy of the same seeded state;
 *   <li>the whole rehearsal: migrate to V28, seed 160,000 rows, migrate to V30, the verdict, against Flyway to V28, the
 *       same rows (generated before the clock starts) in JDBC batches that the driver may rewrite into multi-row
 *       INSERTs, Flyway to V30;
 *   <li>a long script: 24,461 statements (50 MB), the last one failing, once.
 * </ul>
 *
 * <p>Each round runs every pair on fresh databases of one server; medians over the rounds.
 *
 * <p>Run: {@code mvn -B -Pbenchmark -pl benchmarks -am verify -DskipTests}; {@code -Dbenchmark.quick=true} for a smoke
 * run (a tenth of the rows, one round).
 */
public final class OverheadBenchmark {

    private static final String HISTORY = "classpath:bench/history30";

    private OverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkRun run = BenchmarkRun.fromSystem();
        int d = run.divisor();
        SeedPlan plan = SeedPlan.withSeed(1).rows("customers", 10_000 / d).rows("products", 2_000 / d)
                .rows("orders", 50_000 / d).rows("order_lines", 80_000 / d).rows("payments", 10_000 / d)
                .rows("addresses", 5_000 / d).rows("reviews", 3_000 / d)
                .uniqueInPractice("customers", "email"); // V29 adds a unique key on it
        Path trivial = trivialHistory(300);
        int longStatements = 24_461 / d;
        Path longScript = longHistory(longStatements);
        long longBytes = Files.size(longScript.resolve("V2__long.sql"));
        Migrations history = Migrations.at(HISTORY).withClassLoader(OverheadBenchmark.class.getClassLoader());
        Migrations many = Migrations.at("filesystem:" + trivial);
        System.out.printf(Locale.ROOT, "%nOverhead benchmark (P1): the harness against plain Flyway and JDBC, %d round(s)"
                + " after %d warm-up round(s), medians%n", run.rounds(), run.warmups());
        for (Engine engine : run.engines()) {
            Map<String, List<double[]>> pairs = new LinkedHashMap<>();
            try (RehearsalServer server = ServerRequest.of(engine, BenchmarkRun.settings()).start()) {
                List<Rows> rows;
                long total;
                try (Rehearsal seeded = server.open(history, "p1_rows")) {
                    seeded.migrateTo("28");
                    SeedReport report = seeded.seed(plan);
                    total = report.totalRows();
                    rows = PlainJdbc.read(seeded, report.rowsPerTable().keySet());
                }
                SeededState at28 = SeededState.at("28", plan);
                for (int round = 0; round < run.warmups() + run.rounds(); round++) {
                    double[] empty30 = {
                        timed(server, history, r -> r.migrateToLatest().verdict()),
                        timed(server, history, r -> flyway(r, HISTORY, null))};
                    double[] empty300 = {
                        timed(server, many, r -> r.migrateToLatest().verdict()),
                        timed(server, many, r -> flyway(r, "filesystem:" + trivial, null))};
                    double[] step = {
                        timedFrom(server, history, at28, r -> r.migrateTo("30").verdict()),
                        timedFrom(server, history, at28, r -> flyway(r, HISTORY, "30"))};
                    double[] whole = {
                        timed(server, history, r -> {
                            r.migrateTo("28");
                            r.seed(plan);
                            StepOutcome v30 = r.migrateTo("30");
                            return v30.verdict();
                        }),
                        timed(server, history, r -> {
                            flyway(r, HISTORY, "28");
                            try (Connection c = r.dataSource().getConnection()) {
                                PlainJdbc.insert(c, rows, true);
                            }
                            return flyway(r, HISTORY, "30");
                        })};
                    if (run.measured(round)) {
                        pairs.computeIfAbsent("migrate 30 migrations from empty", k -> new ArrayList<>()).add(empty30);
                        pairs.computeIfAbsent("migrate 300 trivial migrations from empty", k -> new ArrayList<>())
                                .add(empty300);
                        pairs.computeIfAbsent(String.format(Locale.ROOT, "V28 -> V30 over %,d seeded rows", total),
                                k -> new ArrayList<>()).add(step);
                        pairs.computeIfAbsent(String.format(Locale.ROOT, "whole rehearsal: V28, seed %,d rows, V30,"
                                + " verdict", total), k -> new ArrayList<>()).add(whole);
                    }
                }
                // a long script whose last statement fails: what stays in effect is worked out once, not per pair
                Migrations longOne = Migrations.at("filesystem:" + longScript);
                double[] failing = {
                    timedAfter(server, longOne, "1", r -> r.migrateTo("2").verdict()),
                    timedAfter(server, longOne, "1", r -> {
                        try {
                            return flyway(r, "filesystem:" + longScript, "2");
                        } catch (org.flywaydb.core.api.FlywayException expected) {
                            return expected;
                        }
                    })};
                pairs.put(String.format(Locale.ROOT, "a %d MB script of %,d statements, the last failing (1 round)",
                        longBytes / 1_000_000, longStatements), List.of(failing));
                System.out.printf(Locale.ROOT, "  %s%n", server.describe());
                System.out.printf(Locale.ROOT, "    %-52s %10s %10s %8s%n", "", "harness", "by hand", "ratio");
                pairs.forEach((what, measured) -> {
                    double harness = BenchmarkRun.median(measured.stream().map(p -> p[0]).toList());
                    double byHand = BenchmarkRun.median(measured.stream().map(p -> p[1]).toList());
                    System.out.printf(Locale.ROOT, "    %-52s %8.3f s %8.3f s %7.2fx%n", what, harness, byHand,
                            harness / byHand);
                });
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        Object on(Rehearsal rehearsal) throws Exception;
    }

    /** Seconds the work takes on a fresh database (its creation and drop not counted). */
    private static double timed(RehearsalServer server, Migrations migrations, Work work) throws Exception {
        try (Rehearsal rehearsal = server.open(migrations, "p1")) {
            long start = System.nanoTime();
            work.on(rehearsal);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Seconds the work takes on a copy of a seeded state (the copy not counted). */
    private static double timedFrom(RehearsalServer server, Migrations migrations, SeededState state, Work work)
            throws Exception {
        try (Rehearsal rehearsal = server.open(migrations, state, "p1_step")) {
            long start = System.nanoTime();
            work.on(rehearsal);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Seconds the work takes on a fresh database first migrated to a version (that migration not counted). */
    private static double timedAfter(RehearsalServer server, Migrations migrations, String version, Work work)
            throws Exception {
        try (Rehearsal rehearsal = server.open(migrations, "p1_long")) {
            rehearsal.migrateTo(version);
            long start = System.nanoTime();
            work.on(rehearsal);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** A table, then one script of that many statements (about 2 KB each), the last one failing on a missing table. */
    private static Path longHistory(int statements) throws IOException {
        Path folder = Files.createTempDirectory("rehearsal-p1-long-");
        folder.toFile().deleteOnExit();
        Path base = Files.writeString(folder.resolve("V1__base.sql"),
                "CREATE TABLE big (id INT PRIMARY KEY, payload VARCHAR(2100));");
        String payload = "x".repeat(2_000);
        StringBuilder script = new StringBuilder(statements * 2_100);
        for (int i = 1; i < statements; i++) {
            script.append("INSERT INTO big (id, payload) VALUES (").append(i).append(", '").append(payload).append("');\n");
        }
        script.append("INSERT INTO no_such_table (id) VALUES (1);\n");
        Path file = Files.writeString(folder.resolve("V2__long.sql"), script);
        base.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        return folder;
    }

    /** Plain Flyway on the rehearsal's database, as a project configures it: locations and, maybe, a target. */
    private static Object flyway(Rehearsal rehearsal, String location, String target) {
        var config = Flyway.configure(OverheadBenchmark.class.getClassLoader()).dataSource(rehearsal.dataSource())
                .locations(location);
        if (target != null) {
            config.target(target);
        }
        return config.load().migrate();
    }

    /** A history of trivial migrations, each a table, a row or a column in turn, in portable SQL. */
    private static Path trivialHistory(int count) throws IOException {
        Path folder = Files.createTempDirectory("rehearsal-p1-");
        folder.toFile().deleteOnExit();
        for (int v = 1; v <= count; v++) {
            int table = (v + 2) / 3;
            String sql = switch (v % 3) {
                case 1 -> "CREATE TABLE t" + table + " (id INT PRIMARY KEY, name VARCHAR(40));";
                case 2 -> "INSERT INTO t" + table + " (id, name) VALUES (" + v + ", 'row " + v + "');";
                default -> "ALTER TABLE t" + table + " ADD COLUMN note VARCHAR(40);";
            };
            Path file = folder.resolve("V" + v + "__step_" + v + ".sql");
            Files.writeString(file, sql);
            file.toFile().deleteOnExit();
        }
        return folder;
    }
}
