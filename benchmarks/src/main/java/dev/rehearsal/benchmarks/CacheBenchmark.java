package dev.rehearsal.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.benchmarks.suite.SameStateSuite;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeededState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What cached states save, side by side in one run.
 *
 * <p>P2, reset: a rehearsal's start from a cached state (30 migrations, 50,000 rows: 7 tables of 7,143) against the
 * same state re-migrated and re-seeded in the rehearsal's own database (the cache off).
 *
 * <p>P4, suite: 20 test classes with the same {@code @SeedData} ({@link SameStateSuite}) through the JUnit Platform,
 * with the cache on and off: the total, the first test of each engine (which builds the state), the marginal cost per
 * class, and the bound the issue sets (one build plus 20 times a copy and the test's own work).
 *
 * <p>Run: {@code mvn -B -Pbenchmark -pl benchmarks -am verify -DskipTests}; {@code -Dbenchmark.quick=true} for a smoke
 * run (a tenth of the rows for P2, 3 classes for P4, one round).
 */
public final class CacheBenchmark {

    private static final String HISTORY = "classpath:bench/history30";
    private static final Pattern COPIED = Pattern.compile("copied in (\\d+) ms");
    private static final Pattern BUILT = Pattern.compile("built in ([0-9.]+) s");

    private CacheBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkRun run = BenchmarkRun.fromSystem();
        if (!Boolean.getBoolean("benchmark.skipReset")) {
            reset(run);
        }
        if (!Boolean.getBoolean("benchmark.skipSuite")) {
            suite(run);
        }
    }

    private static void reset(BenchmarkRun run) {
        int rows = 7_143 / run.divisor();
        Migrations migrations = Migrations.at(HISTORY).withClassLoader(CacheBenchmark.class.getClassLoader());
        SeededState state = SeededState.at("30", SeedPlan.withSeed(1).defaultRows(rows));
        System.out.printf(Locale.ROOT, "%nCached states, P2 reset: 30 migrations, %,d rows (7 tables), %d round(s) after %d"
                + " warm-up round(s), medians%n", rows * 7, run.rounds(), run.warmups());
        for (Engine engine : run.engines()) {
            try (RehearsalServer cached = ServerRequest.of(engine, BenchmarkRun.settings()).start();
                    RehearsalServer uncached = ServerRequest.of(engine, BenchmarkRun.settings(
                            RehearsalSettings.CACHE_ENABLED, "false")).start()) {
                long start = System.nanoTime();
                try (Rehearsal first = cached.open(migrations, state, "p2_first")) {
                    first.queryForLong("SELECT COUNT(*) FROM customers");
                }
                double build = (System.nanoTime() - start) / 1e9;
                List<Double> fromCopy = new ArrayList<>();
                List<Double> rebuilt = new ArrayList<>();
                List<Double> drop = new ArrayList<>();
                for (int round = 0; round < run.warmups() + run.rounds(); round++) {
                    start = System.nanoTime();
                    Rehearsal copy = cached.open(migrations, state, "p2_copy");
                    double copySeconds = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    copy.close();
                    double dropSeconds = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    try (Rehearsal fresh = uncached.open(migrations, state, "p2_fresh")) {
                        rebuilt.add((System.nanoTime() - start) / 1e9);
                    }
                    if (run.measured(round)) {
                        fromCopy.add(copySeconds);
                        drop.add(dropSeconds);
                    } else {
                        rebuilt.remove(rebuilt.size() - 1);
                    }
                }
                double c = BenchmarkRun.median(fromCopy);
                double r = BenchmarkRun.median(rebuilt);
                System.out.printf(Locale.ROOT, "  %s%n", cached.describe());
                System.out.printf(Locale.ROOT, "    build the state once (migrate 30, seed, cache)   %8.3f s%n", build);
                System.out.printf(Locale.ROOT, "    start from the cached state (copy)               %8.3f s   (rounds: %s)%n",
                        c, rounds(fromCopy));
                System.out.printf(Locale.ROOT, "    start by re-migrating and re-seeding (cache off) %8.3f s   (rounds: %s)%n",
                        r, rounds(rebuilt));
                System.out.printf(Locale.ROOT, "    drop the test's database afterwards              %8.3f s%n",
                        BenchmarkRun.median(drop));
                System.out.printf(Locale.ROOT, "    a start from the cache is %.1fx faster%n", r / c);
            }
        }
    }

    private static void suite(BenchmarkRun run) {
        List<Class<?>> classes = new ArrayList<>(Arrays.asList(SameStateSuite.class.getDeclaredClasses()));
        classes.removeIf(c -> !c.getSimpleName().startsWith("Class"));
        classes.sort(java.util.Comparator.comparing(Class::getName));
        classes = classes.subList(0, run.divisor() > 1 ? 3 : classes.size());
        System.out.printf(Locale.ROOT, "%nCached states, P4 suite: %d test classes with the same @SeedData (version 29,"
                + " 50,000 rows), each migrating to 30, through the JUnit Platform%n", classes.size());
        Map<String, Suite> on = runSuite(classes, true);
        Map<String, Suite> off = runSuite(classes, false);
        for (String engine : on.keySet()) {
            Suite cached = on.get(engine);
            Suite fresh = off.get(engine);
            double bound = cached.buildSeconds + cached.tests.stream().mapToDouble(t -> (t.copyMillis + t.workMillis) / 1000.0)
                    .sum();
            System.out.printf(Locale.ROOT, "  %s%n", engine);
            System.out.printf(Locale.ROOT, "    cache on:  total %7.2f s; first test %6.2f s (server start and the build,"
                    + " %.2f s); marginal per class %6.3f s (copy %d ms + own work %d ms, medians)%n", cached.total(),
                    cached.first(), cached.buildSeconds, cached.marginal(), cached.medianCopy(), cached.medianWork());
            Test first = cached.tests.get(0);
            double serverStart = first.seconds() - cached.buildSeconds - (first.copyMillis() + first.workMillis()) / 1000.0;
            double withoutStart = cached.total() - serverStart;
            System.out.printf(Locale.ROOT, "    bound: 1 build + %d x (copy + own work) = %7.2f s; the suite's tests took"
                    + " %7.2f s, %7.2f s without the server's start in the first test (%.2f s): %.2fx the bound (the"
                    + " rest: JUnit's and the harness's per-test work, the drop of each test's database)%n",
                    cached.tests.size(), bound, cached.total(), withoutStart, serverStart, withoutStart / bound);
            System.out.printf(Locale.ROOT, "    cache off: total %7.2f s; first test %6.2f s; marginal per class %6.3f s%n",
                    fresh.total(), fresh.first(), fresh.marginal());
            System.out.printf(Locale.ROOT, "    the suite is %.1fx faster with the cache; a class after the first %.1fx%n",
                    fresh.total() / cached.total(), fresh.marginal() / cached.marginal());
        }
    }

    /** One test's figures, from what it reported. */
    private record Test(double seconds, long copyMillis, long workMillis) {
    }

    /** The tests of one engine, in the order they ran. */
    private static final class Suite {
        final List<Test> tests = new ArrayList<>();
        double buildSeconds;

        double total() {
            return tests.stream().mapToDouble(Test::seconds).sum();
        }

        double first() {
            return tests.get(0).seconds();
        }

        double marginal() {
            return tests.size() < 2 ? 0 : tests.subList(1, tests.size()).stream().mapToDouble(Test::seconds).sum()
                    / (tests.size() - 1);
        }

        long medianCopy() {
            return Math.round(BenchmarkRun.median(tests.stream().map(t -> (double) t.copyMillis()).toList()));
        }

        long medianWork() {
            return Math.round(BenchmarkRun.median(tests.stream().map(t -> (double) t.workMillis()).toList()));
        }
    }

    private static Map<String, Suite> runSuite(List<Class<?>> classes, boolean cache) {
        Map<String, Suite> byEngine = new java.util.TreeMap<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Map<String, String>> reported = new ConcurrentHashMap<>();
        List<String> failures = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                started.put(test.getUniqueId(), System.nanoTime());
            }

            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                reported.computeIfAbsent(test.getUniqueId(), k -> new ConcurrentHashMap<>()).putAll(entry.getKeyValuePairs());
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failures.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse(""));
                }
                Map<String, String> entries = reported.get(test.getUniqueId());
                if (!test.isTest() || entries == null) {
                    return;
                }
                double seconds = (System.nanoTime() - started.get(test.getUniqueId())) / 1e9;
                String state = entries.getOrDefault("state", "");
                Suite suite = byEngine.computeIfAbsent(entries.get("engine"), e -> new Suite());
                Matcher copied = COPIED.matcher(state);
                Matcher built = BUILT.matcher(state);
                if (built.find() && (state.contains("for this test") || !cache)) {
                    suite.buildSeconds += cache ? Double.parseDouble(built.group(1)) : 0;
                }
                suite.tests.add(new Test(seconds, copied.find() ? Long.parseLong(copied.group(1)) : 0,
                        Long.parseLong(entries.getOrDefault("work", "0"))));
            }
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(classes.stream().map(c -> (ClassSelector) selectClass(c)).toList())
                .configurationParameter(RehearsalSettings.REPORT_ENABLED, "false")
                .configurationParameter(RehearsalSettings.CACHE_ENABLED, Boolean.toString(cache))
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the suite failed:\n" + String.join("\n", failures));
        }
        return byEngine;
    }

    private static String rounds(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
