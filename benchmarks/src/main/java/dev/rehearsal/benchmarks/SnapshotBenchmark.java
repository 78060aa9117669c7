package dev.rehearsal.benchmarks;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.snapshot.DataDiff;
import dev.rehearsal.snapshot.DataMapping;
import dev.rehearsal.snapshot.DataSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a data snapshot costs, side by side in the same run with the least any snapshot must do: read every row of
 * the same tables over plain JDBC into arrays. Also times the comparison of two snapshots and prints the heap a
 * snapshot holds per row. Medians over the rounds.
 *
 * <p>Run: {@code mvn -B -Pbenchmark -pl benchmarks -am verify -DskipTests}; {@code -Dbenchmark.quick=true} for a
 * smoke run with a tenth of the rows and one round.
 */
public final class SnapshotBenchmark {

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkRun run = BenchmarkRun.fromSystem();
        int divisor = run.divisor();
        SeedPlan plan = SeedPlan.withSeed(1).rows("customers", 10_000 / divisor).rows("orders", 50_000 / divisor)
                .rows("order_lines", 100_000 / divisor);
        System.out.printf(Locale.ROOT, "%nSnapshot benchmark: sample schema, %d round(s) after %d warm-up round(s),"
                + " medians%n", run.rounds(), run.warmups());
        for (Engine engine : run.engines()) {
            try (RehearsalServer server = ServerRequest.of(engine, BenchmarkRun.settings()).start();
                    Rehearsal rehearsal = server.open(Migrations.at("classpath:bench/sample")
                            .withClassLoader(SnapshotBenchmark.class.getClassLoader()).describedAs("snapshot benchmark"),
                            "bench_snapshot")) {
                rehearsal.migrateToLatest();
                long rows = rehearsal.seed(plan).totalRows();
                List<Double> plain = new ArrayList<>();
                List<Double> snapshot = new ArrayList<>();
                List<Double> compare = new ArrayList<>();
                long heap = 0;
                for (int round = 0; round < run.warmups() + run.rounds(); round++) {
                    long start = System.nanoTime();
                    long read = plainRead(rehearsal);
                    double plainSeconds = (System.nanoTime() - start) / 1e9;
                    long before = usedHeap();
                    start = System.nanoTime();
                    DataSnapshot first = rehearsal.snapshotData();
                    double snapshotSeconds = (System.nanoTime() - start) / 1e9;
                    long held = usedHeap() - before;
                    DataSnapshot second = rehearsal.snapshotData();
                    start = System.nanoTime();
                    DataDiff diff = first.diff(second, DataMapping.unchanged());
                    double compareSeconds = (System.nanoTime() - start) / 1e9;
                    if (read != rows || !diff.isEmpty()) {
                        throw new IllegalStateException("read " + read + " of " + rows + " rows; diff " + diff);
                    }
                    if (run.measured(round)) {
                        plain.add(rows / plainSeconds);
                        snapshot.add(rows / snapshotSeconds);
                        compare.add(rows / compareSeconds);
                        heap = Math.max(heap, held);
                    }
                }
                System.out.printf(Locale.ROOT, "%n%s, %,d rows%n", server.describe(), rows);
                double plainRate = BenchmarkRun.printRate("plain JDBC read into arrays", 30, plain);
                double snapshotRate = BenchmarkRun.printRate("snapshotData()", 30, snapshot);
                BenchmarkRun.printRate("diff of two snapshots", 30, compare);
                System.out.printf(Locale.ROOT, "    snapshot / plain read = %.2f%n", snapshotRate / plainRate);
                System.out.printf(Locale.ROOT, "    heap held by a snapshot: %,d MB, %,d bytes per row%n",
                        heap / (1024 * 1024), heap / rows);
            }
        }
    }

    /** Every row of every table into Object arrays: the least a snapshot must do. */
    private static long plainRead(Rehearsal rehearsal) throws SQLException {
        long count = 0;
        List<Object[]> sink = new ArrayList<>();
        try (Connection c = rehearsal.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : List.of("customers", "orders", "order_lines")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[columns];
                        for (int i = 0; i < columns; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        sink.add(row);
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
