package dev.rehearsal.benchmarks;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.WriteLoad;
import dev.rehearsal.WriteWaits;
import dev.rehearsal.RunningWrites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long the application's writes wait while a migration runs, for the blocking and the online form of an index
 * build and of a column change, on 1,000,000 rows: 100 writes a second on 4 connections to the table during each step
 * ({@code Rehearsal.startWrites}). Figures, not assertions: the longest wait, the 99th percentile and the median of
 * each form, medians over the rounds, next to the step's own time.
 *
 * <p>Run: {@code mvn -B -Pbenchmark -pl benchmarks exec:exec@writer-wait-benchmark}; {@code -Dbenchmark.quick=true}
 * for a smoke run with a tenth of the rows and one round.
 */
public final class WriterWaitBenchmark {

    private static final String[][] FORMS = {
        {"2", "index build, blocking"}, {"3", "index build, online"},
        {"4", "column change, blocking"}, {"5", "column change, online"}};

    private WriterWaitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkRun run = BenchmarkRun.fromSystem();
        int rows = 1_000_000 / run.divisor();
        System.out.printf(Locale.ROOT, "%nWriter-wait benchmark: %,d rows, 100 writes a second on 4 connections, %d round(s),"
                + " medians%n", rows, run.rounds());
        for (Engine engine : run.engines()) {
            Map<String, List<WriteWaits>> waits = new LinkedHashMap<>();
            Map<String, List<Double>> steps = new LinkedHashMap<>();
            String described;
            try (RehearsalServer server = ServerRequest.of(engine, BenchmarkRun.settings()).start()) {
                described = server.describe();
                for (int round = 0; round < run.rounds(); round++) {
                    Migrations migrations = Migrations.at("classpath:bench/writers/" + (engine.isMysqlFamily() ? "mysql"
                            : "postgresql")).withPlaceholder("rows", Integer.toString(rows))
                            .withPostgresqlTransactionalLock(false)
                            .withClassLoader(WriterWaitBenchmark.class.getClassLoader());
                    try (Rehearsal rehearsal = server.open(migrations, "writer_waits")) {
                        require(rehearsal.migrateTo("1"));
                        for (String[] form : FORMS) {
                            StepOutcome[] step = new StepOutcome[1];
                            WriteWaits measured;
                            try (RunningWrites writes = rehearsal.startWrites(WriteLoad.on("items").perSecond(100)
                                    .connections(4))) {
                                Thread.sleep(200);
                                step[0] = require(rehearsal.migrateTo(form[0]));
                                Thread.sleep(200);
                                measured = writes.stop();
                            }
                            waits.computeIfAbsent(form[1], k -> new ArrayList<>()).add(measured);
                            steps.computeIfAbsent(form[1], k -> new ArrayList<>())
                                    .add(step[0].duration().toMillis() / 1000.0);
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  %s%n", described);
            System.out.printf(Locale.ROOT, "    %-26s %9s %8s %12s %9s %9s %9s%n", "form", "step", "writes",
                    "longest wait", "p99", "median", "held up");
            for (String[] form : FORMS) {
                List<WriteWaits> w = waits.get(form[1]);
                System.out.printf(Locale.ROOT, "    %-26s %7.2f s %8d %9d ms %6d ms %6d ms %6d ms%n", form[1],
                        BenchmarkRun.median(steps.get(form[1])), Math.round(median(w, x -> (double) x.writes())),
                        Math.round(median(w, x -> (double) x.longest().toMillis())),
                        Math.round(median(w, x -> (double) x.p99().toMillis())),
                        Math.round(median(w, x -> (double) x.median().toMillis())),
                        Math.round(median(w, x -> (double) x.blockedByTable().getOrDefault("items", Duration.ZERO)
                                .toMillis())));
            }
        }
    }

    private static double median(List<WriteWaits> waits, java.util.function.ToDoubleFunction<WriteWaits> value) {
        return BenchmarkRun.median(waits.stream().map(value::applyAsDouble).toList());
    }

    private static StepOutcome require(StepOutcome step) {
        if (step.failed()) {
            throw new IllegalStateException("the benchmark's migration failed:\n" + step);
        }
        return step;
    }
}
