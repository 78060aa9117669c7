package dev.rehearsal.benchmarks;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.sweep.CaseResult;
import dev.rehearsal.sweep.MigrationVerdict;
import dev.rehearsal.sweep.Sweep;
import dev.rehearsal.sweep.SweepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * What the sweep costs, side by side in one run with what it replaces: plain Flyway migrating a 30-migration history
 * from empty on a fresh database, plus one seeding of the same rows (10,000 per table). Measures the realistic pass
 * alone ({@code withDefectCases(false)}), the full sweep, and the cost of one derived-defect case against a
 * re-migration from empty plus a seed. Medians over the rounds.
 *
 * <p>Run: {@code mvn -B -Pbenchmark -pl benchmarks -am verify -DskipTests}; {@code -Dbenchmark.quick=true} for a
 * smoke run with a tenth of the rows and one round.
 */
public final class SweepBenchmark {

    private static final String HISTORY = "classpath:bench/history30";

    private SweepBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkRun run = BenchmarkRun.fromSystem();
        int rows = 10_000 / run.divisor();
        Migrations migrations = Migrations.at(HISTORY).withClassLoader(SweepBenchmark.class.getClassLoader())
                .describedAs("sweep benchmark");
        System.out.printf(Locale.ROOT, "%nSweep benchmark: 30 migrations, %,d rows per table, %d round(s) after %d"
                + " warm-up round(s), medians%n", rows, run.rounds(), run.warmups());
        for (Engine engine : run.engines()) {
            List<Double> plain = new ArrayList<>();
            List<Double> stepping = new ArrayList<>();
            List<Double> realistic = new ArrayList<>();
            List<Double> hinted = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            List<Double> perCase = new ArrayList<>();
            List<Double> fullFresh = new ArrayList<>();
            List<Double> perCaseFresh = new ArrayList<>();
            int cases = 0;
            try (RehearsalServer server = ServerRequest.of(engine, BenchmarkRun.settings()).start();
                    RehearsalServer withoutCache = ServerRequest.of(engine, BenchmarkRun.settings(
                            RehearsalSettings.CACHE_ENABLED, "false")).start()) {
                for (int round = 0; round < run.warmups() + run.rounds(); round++) {
                    double plainSeconds = plainFlywayAndOneSeed(server, rows);
                    double steppingSeconds = plainFlywayStepByStep(server);
                    long start = System.nanoTime();
                    SweepResult quick = Sweep.of(migrations).withRowsPerTable(rows).withDefectCases(false)
                            .withProgress(line -> { }).run(server);
                    double realisticSeconds = (System.nanoTime() - start) / 1e9;
                    // the same with the two true findings declared impossible: no realistic failure, so no re-seeding
                    start = System.nanoTime();
                    SweepResult withHints = Sweep.of(migrations).withRowsPerTable(rows).withDefectCases(false)
                            .withHints(SeedPlan.withSeed(0).uniqueInPractice("products", "sku")
                                    .uniqueInPractice("customers", "email"))
                            .withProgress(line -> { }).run(server);
                    double hintedSeconds = (System.nanoTime() - start) / 1e9;
                    if (!withHints.failingOnRealisticData().isEmpty()) {
                        throw new IllegalStateException("the hints did not hold: " + withHints.failingOnRealisticData());
                    }
                    start = System.nanoTime();
                    SweepResult swept = Sweep.of(migrations).withRowsPerTable(rows).withProgress(line -> { }).run(server);
                    double fullSeconds = (System.nanoTime() - start) / 1e9;
                    // the same sweep with each case from a fresh database migrated from empty (no cached state)
                    start = System.nanoTime();
                    SweepResult fresh = Sweep.of(migrations).withRowsPerTable(rows).withProgress(line -> { })
                            .run(withoutCache);
                    double freshSeconds = (System.nanoTime() - start) / 1e9;
                    List<CaseResult> run0 = swept.verdicts().stream().flatMap(v -> v.defects().stream()).toList();
                    List<CaseResult> freshCases = fresh.verdicts().stream().flatMap(v -> v.defects().stream()).toList();
                    if (!outcomes(freshCases).equals(outcomes(run0))) {
                        throw new IllegalStateException("the cases from copies and from fresh databases disagree:\n"
                                + outcomes(run0) + "\n" + outcomes(freshCases));
                    }
                    cases = run0.size();
                    if (quick.verdicts().size() != 30 || swept.verdicts().size() != 30) {
                        throw new IllegalStateException("the sweep stopped early: " + swept.stopped().orElse("?"));
                    }
                    if (run.measured(round)) {
                        plain.add(plainSeconds);
                        stepping.add(steppingSeconds);
                        realistic.add(realisticSeconds);
                        hinted.add(hintedSeconds);
                        full.add(fullSeconds);
                        perCase.add(run0.stream().mapToDouble(c -> c.duration().toMillis() / 1000.0).average().orElse(0));
                        fullFresh.add(freshSeconds);
                        perCaseFresh.add(freshCases.stream().mapToDouble(c -> c.duration().toMillis() / 1000.0)
                                .average().orElse(0));
                    }
                    if (round == 0) {
                        long failing = swept.verdicts().stream().filter(v -> !v.isSafe()).count();
                        System.out.printf(Locale.ROOT, "  %s: %d derived-defect case(s), %d migration(s) not safe"
                                + " against everything tried, %d failing on realistic data%n", engine, cases, failing,
                                swept.verdicts().stream().filter(MigrationVerdict::failsOnRealisticData).count());
                    }
                }
                double remigrate = remigrateAndSeed(server, migrations, rows);
                double p = BenchmarkRun.median(plain);
                double r = BenchmarkRun.median(realistic);
                double f = BenchmarkRun.median(full);
                double c = BenchmarkRun.median(perCase);
                System.out.printf(Locale.ROOT, "  %s%n", server.describe());
                double st = BenchmarkRun.median(stepping);
                System.out.printf(Locale.ROOT, "    plain Flyway from empty + one seed       %7.2f s%n", p);
                System.out.printf(Locale.ROOT, "    plain Flyway, one migrate per version    %7.2f s   (%.2fx plain; no rows)%n",
                        st, st / p);
                System.out.printf(Locale.ROOT, "    sweep, realistic pass only               %7.2f s   (%.2fx plain; each realistic"
                        + " failure empties the tables it names and seeds them again)%n", r, r / p);
                double h = BenchmarkRun.median(hinted);
                System.out.printf(Locale.ROOT, "    the same, the 2 findings declared away   %7.2f s   (%.2fx plain; one seeding,"
                        + " as plain has)%n", h, h / p);
                System.out.printf(Locale.ROOT, "    sweep, with %2d derived-defect cases      %7.2f s   (%.2fx plain)%n", cases, f, f / p);
                double ff = BenchmarkRun.median(fullFresh);
                double cf = BenchmarkRun.median(perCaseFresh);
                System.out.printf(Locale.ROOT, "    the same, cases from fresh databases     %7.2f s   (%.2fx plain; cache off)%n", ff, ff / p);
                System.out.printf(Locale.ROOT, "    one derived-defect case (mean)           %7.2f s   (from a copy of the rows at N-1)%n", c);
                System.out.printf(Locale.ROOT, "    one case from a fresh database (mean)    %7.2f s   (a copy makes a case %.1fx faster)%n",
                        cf, cf / c);
                System.out.printf(Locale.ROOT, "    re-migration from empty to V29 + seed    %7.2f s   (a case costs %.2fx that)%n",
                        remigrate, c / remigrate);
            }
        }
    }

    /** Each case's name and outcome, by migration: what must not change with where a case starts from. */
    private static List<String> outcomes(List<CaseResult> cases) {
        return cases.stream().map(c -> c.name() + " " + c.outcome()).toList();
    }

    /** Plain Flyway on a fresh database of the server, then one seeding of every table at the latest version. */
    private static double plainFlywayAndOneSeed(RehearsalServer server, int rows) {
        try (Rehearsal database = server.open(Migrations.at(HISTORY).withClassLoader(SweepBenchmark.class.getClassLoader()),
                "bench_plain")) {
            long start = System.nanoTime();
            Flyway.configure(SweepBenchmark.class.getClassLoader()).dataSource(database.dataSource())
                    .locations(HISTORY).load().migrate();
            database.seed(SeedPlan.withSeed(1).defaultRows(rows));
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Plain Flyway on a fresh database, one migrate per version (a target each), no rows: the floor of stepping. */
    private static double plainFlywayStepByStep(RehearsalServer server) {
        try (Rehearsal database = server.open(Migrations.at(HISTORY).withClassLoader(SweepBenchmark.class.getClassLoader()),
                "bench_steps")) {
            long start = System.nanoTime();
            for (int version = 1; version <= 30; version++) {
                Flyway.configure(SweepBenchmark.class.getClassLoader()).dataSource(database.dataSource())
                        .locations(HISTORY).target(String.valueOf(version)).load().migrate();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** What a case would cost done by hand: a fresh database migrated from empty to V29, seeded, then V30. */
    private static double remigrateAndSeed(RehearsalServer server, Migrations migrations, int rows) {
        try (Rehearsal database = server.open(migrations, "bench_remigrate")) {
            long start = System.nanoTime();
            database.migrateTo("29");
            database.seed(SeedPlan.withSeed(1).defaultRows(rows));
            database.migrateTo("30");
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
