package dev.rehearsal.benchmarks;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a benchmark run is shaped, from system properties: {@code benchmark.quick} (a tenth of the rows, one round, no
 * warm-up), {@code benchmark.rounds} and {@code benchmark.engines}; and the median the figures are reported as.
 */
record BenchmarkRun(int divisor, int rounds, int warmups, List<Engine> engines) {

    static BenchmarkRun fromSystem() {
        boolean quick = Boolean.getBoolean("benchmark.quick");
        List<Engine> engines = Arrays.stream(System.getProperty("benchmark.engines", "postgresql,mariadb").split(","))
                .map(String::strip).map(Engine::fromId).toList();
        int rounds = Integer.getInteger("benchmark.rounds", quick ? 1 : 5);
        return new BenchmarkRun(quick ? 10 : 1, rounds, quick ? 0 : 1, engines);
    }

    /** The harness's settings from the system, verdicts not printed: a benchmark prints its figures only. */
    static RehearsalSettings settings() {
        return RehearsalSettings.from(key -> key.equals(RehearsalSettings.REPORT_ENABLED)
                ? Optional.of("false") : Optional.ofNullable(System.getProperty(key)));
    }

    /** The same, with one key set, e.g. the cache off. */
    static RehearsalSettings settings(String key, String value) {
        return RehearsalSettings.from(k -> k.equals(RehearsalSettings.REPORT_ENABLED) ? Optional.of("false")
                : k.equals(key) ? Optional.of(value) : Optional.ofNullable(System.getProperty(k)));
    }

    boolean measured(int round) {
        return round >= warmups;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@code   what   1,234 rows/s   (rounds: 1,200, 1,234, 1,300)}, and the median. */
    static double printRate(String what, int width, List<Double> rates) {
        double median = median(rates);
        System.out.printf(Locale.ROOT, "    %-" + width + "s %,10.0f rows/s   (rounds: %s)%n", what, median,
                rates.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).collect(Collectors.joining(", ")));
        return median;
    }
}
