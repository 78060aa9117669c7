package dev.rehearsal.benchmarks;

import dev.rehearsal.Engine;
import dev.rehearsal.benchmarks.PlainJdbc.Rows;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.seed.SeedPlan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows per second of {@code Rehearsal.seed} (generate and load), side by side in the same run with two baselines
 * that load the same rows, generated beforehand: plain JDBC batches, and on PostgreSQL raw COPY of the rows already
 * serialised (the physical limit). Each round runs the three methods one after the other on fresh databases, so noise
 * on the machine touches them alike; the medians over the rounds are printed with their ratios.
 *
 * <p>Run: {@code mvn -B -Pbenchmark -pl benchmarks -am verify -DskipTests}; {@code -Dbenchmark.quick=true} for a
 * smoke run with a tenth of the rows and one round. Servers come from the usual settings (embedded by default).
 */
public final class SeedBenchmark {

    private record Scenario(String name, String location, SeedPlan plan) {
    }

    private SeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkRun run = BenchmarkRun.fromSystem();
        int divisor = run.divisor();
        List<Scenario> scenarios = List.of(
                new Scenario("6-column orders table", "classpath:bench/six",
                        SeedPlan.withSeed(1).rows("orders", 50_000 / divisor)),
                new Scenario("sample schema (customers, orders, order lines)", "classpath:bench/sample",
                        SeedPlan.withSeed(1).rows("customers", 10_000 / divisor).rows("orders", 50_000 / divisor)
                                .rows("order_lines", 100_000 / divisor)));
        System.out.printf(Locale.ROOT, "%nSeed benchmark: %d round(s) after %d warm-up round(s), median rows/s%n",
                run.rounds(), run.warmups());
        for (Engine engine : run.engines()) {
            try (RehearsalServer server = ServerRequest.of(engine, BenchmarkRun.settings()).start()) {
                System.out.printf(Locale.ROOT, "%n%s%n", server.describe());
                for (Scenario scenario : scenarios) {
                    run(server, scenario, run);
                }
            }
        }
    }

    private static void run(RehearsalServer server, Scenario scenario, BenchmarkRun run) throws Exception {
        List<Rows> rows = pregenerate(server, scenario);
        long total = rows.stream().mapToLong(r -> r.values().size()).sum();
        boolean copy = server.engine() == Engine.POSTGRESQL;
        byte[][] serialized = copy ? rows.stream().map(SeedBenchmark::copyText).toArray(byte[][]::new) : null;
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 0; round < run.warmups() + run.rounds(); round++) {
            boolean measured = run.measured(round);
            double seed = total / timed(server, scenario, rehearsal -> rehearsal.seed(scenario.plan()));
            double batches = total / timed(server, scenario, rehearsal -> batches(rehearsal, rows));
            Double raw = copy ? total / timed(server, scenario, rehearsal -> rawCopy(rehearsal, rows, serialized)) : null;
            if (measured) {
                rates.computeIfAbsent("generate + load (Rehearsal.seed)", k -> new ArrayList<>()).add(seed);
                rates.computeIfAbsent("plain JDBC batches, same rows", k -> new ArrayList<>()).add(batches);
                if (raw != null) {
                    rates.computeIfAbsent("raw COPY, same rows pre-serialised", k -> new ArrayList<>()).add(raw);
                }
            }
        }
        System.out.printf(Locale.ROOT, "  %s, %,d rows:%n", scenario.name(), total);
        Map<String, Double> medians = new LinkedHashMap<>();
        rates.forEach((method, values) -> medians.put(method, BenchmarkRun.printRate(method, 38, values)));
        double seed = medians.get("generate + load (Rehearsal.seed)");
        System.out.printf(Locale.ROOT, "    seed / plain batches = %.2f%n", seed / medians.get("plain JDBC batches, same rows"));
        if (copy) {
            System.out.printf(Locale.ROOT, "    seed / raw COPY      = %.2f%n", seed / medians.get("raw COPY, same rows pre-serialised"));
        }
    }

    @FunctionalInterface
    private interface Load {
        void into(Rehearsal rehearsal) throws Exception;
    }

    /** Seconds one load takes on a fresh database migrated to the scenario's schema. */
    private static double timed(RehearsalServer server, Scenario scenario, Load load) throws Exception {
        try (Rehearsal rehearsal = server.open(migrations(scenario), "bench")) {
            rehearsal.migrateToLatest();
            long start = System.nanoTime();
            load.into(rehearsal);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** The rows the seed makes, read back: what the baselines load. */
    private static List<Rows> pregenerate(RehearsalServer server, Scenario scenario) throws SQLException {
        try (Rehearsal rehearsal = server.open(migrations(scenario), "bench_rows")) {
            rehearsal.migrateToLatest();
            return PlainJdbc.read(rehearsal, rehearsal.seed(scenario.plan()).rowsPerTable().keySet());
        }
    }

    /** Plain JDBC: one INSERT per row, batches of 1,000, no batch rewriting (as a project writes it). */
    private static void batches(Rehearsal rehearsal, List<Rows> rows) throws SQLException {
        try (Connection c = rehearsal.dataSource().getConnection()) {
            PlainJdbc.insert(c, rows, false);
        }
    }

    /** COPY of bytes serialised before the clock started: what the server and the wire can take. */
    private static void rawCopy(Rehearsal rehearsal, List<Rows> rows, byte[][] serialized) throws SQLException {
        try (Connection c = rehearsal.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int t = 0; t < rows.size(); t++) {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + rows.get(t).table() + " ("
                        + String.join(", ", rows.get(t).columns()) + ") FROM STDIN");
                copy.writeToCopy(serialized[t], 0, serialized[t].length);
                copy.endCopy();
            }
            c.commit();
        }
    }

    private static byte[] copyText(Rows rows) {
        StringBuilder text = new StringBuilder();
        for (Object[] row : rows.values()) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object value = row[i];
                if (value == null) {
                    text.append("\\N");
                } else if (value instanceof BigDecimal d) {
                    text.append(d.toPlainString());
                } else {
                    text.append(value.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
                }
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Migrations migrations(Scenario scenario) {
        return Migrations.at(scenario.location()).withClassLoader(SeedBenchmark.class.getClassLoader())
                .describedAs("benchmark");
    }
}
