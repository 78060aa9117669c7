package dev.rehearsal.maven;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.sweep.Repeatables;
import dev.rehearsal.sweep.Sweep;
import dev.rehearsal.sweep.SweepBaseline;
import dev.rehearsal.sweep.SweepPolicy;
import dev.rehearsal.sweep.SweepReport;
import dev.rehearsal.sweep.SweepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the goal does, without Maven's types: sweep every engine, write the reports, record or apply the baseline,
 * and say what fails the policy. The goal only gathers its parameters into this.
 *
 * @param engines the engines to sweep on, in order
 * @param migrations the project's Flyway settings, with its class loader
 * @param settings the {@code rehearsal.*} settings (servers, timeouts)
 * @param policy what fails the build
 * @param baseline the baseline file; read when it exists, written when {@code recordBaseline}
 * @param recordBaseline whether to record this sweep's findings as the baseline instead of applying one
 * @param outputDirectory where the reports go
 * @param seed the seed of the realistic rows
 * @param rowsPerTable rows per table
 * @param hints what the data holds in practice: required columns, NULL rates, unique sets
 * @param defectCases whether to run the derived-defect cases, or the realistic pass only
 * @param repeatables when the repeatable migrations run
 * @param log receives progress and results, one line each
 */
record SweepRun(List<Engine> engines, Migrations migrations, RehearsalSettings settings, SweepPolicy policy,
        Path baseline, boolean recordBaseline, Path outputDirectory, long seed, int rowsPerTable, SeedPlan hints,
        boolean defectCases, Repeatables repeatables, Consumer<String> log) {

    /** What a run found, and what fails the policy. */
    record Outcome(List<SweepResult> results, SweepReport.Written reports, List<String> violations,
            Optional<SweepBaseline> baselineUsed) {
    }

    Outcome run() {
        List<SweepResult> results = new ArrayList<>();
        for (Engine engine : engines) {
            try (RehearsalServer server = ServerRequest.of(engine, settings).start()) {
                results.add(Sweep.of(migrations).withSeed(seed).withRowsPerTable(rowsPerTable).withHints(hints)
                        .withDefectCases(defectCases).withRepeatables(repeatables).withProgress(log).run(server));
            }
        }
        SweepReport.Written reports = SweepReport.of(results).writeTo(outputDirectory);
        log.accept("reports: " + reports.html() + ", " + reports.json().getFileName() + ", "
                + reports.markdown().getFileName());
        if (recordBaseline) {
            SweepBaseline recorded = SweepBaseline.of(results);
            recorded.writeTo(baseline);
            log.accept("baseline recorded: " + recorded.size() + " finding(s) in " + baseline + "; commit it, and later"
                    + " sweeps fail only on findings it does not list");
            return new Outcome(results, reports, List.of(), Optional.of(recorded));
        }
        Optional<SweepBaseline> used = Files.isRegularFile(baseline) ? Optional.of(SweepBaseline.read(baseline))
                : Optional.empty();
        used.ifPresent(b -> log.accept("baseline: " + b.size() + " accepted finding(s) from " + baseline));
        return new Outcome(results, reports, policy.violations(results, used), used);
    }

    /**
     * The project's Flyway settings: {@code <locations>} (Flyway's {@code classpath:db/migration} by default), or with
     * {@code <springBoot>} the application's {@code spring.flyway.*} (locations given too replace Spring's), and
     * {@code <placeholders>}; classpath locations and Java migrations looked up in the project's class loader.
     */
    static Migrations migrations(List<String> locations, boolean springBoot, List<String> profiles,
            Map<String, String> placeholders, ClassLoader project, String origin) {
        Migrations migrations;
        if (springBoot) {
            migrations = Migrations.fromSpringBoot("application", profiles, project, origin + " (<springBoot>)");
            if (!locations.isEmpty()) {
                migrations = migrations.withLocations(locations.toArray(String[]::new));
            }
        } else {
            List<String> where = locations.isEmpty() ? List.of("classpath:db/migration") : locations;
            migrations = Migrations.at(where.toArray(String[]::new)).describedAs(origin + " (<locations> " + where + ")");
        }
        migrations = migrations.withClassLoader(project);
        if (!placeholders.isEmpty()) {
            Map<String, String> all = new java.util.LinkedHashMap<>(migrations.placeholders());
            all.putAll(placeholders);
            migrations = migrations.withPlaceholders(all);
        }
        return migrations;
    }

    /** The engines a comma-separated parameter names, refused naming the parameter. */
    static List<Engine> engines(List<String> ids, String parameter) {
        List<Engine> engines = new ArrayList<>();
        for (String list : ids) {
            for (String id : list.split(",")) {
                if (id.isBlank()) {
                    continue;
                }
                try {
                    engines.add(Engine.fromId(id));
                } catch (IllegalArgumentException e) {
                    throw new RehearsalConfigurationException(parameter + " names '" + id.strip() + "', which is not an"
                            + " engine the harness rehearses on.\nTo fix this, name postgresql, mysql or mariadb, e.g."
                            + " <engines>postgresql,mariadb</engines> or -Drehearsal.sweep.engines=postgresql.");
                }
            }
        }
        if (engines.isEmpty()) {
            throw new RehearsalConfigurationException(parameter + " names no engine.\nTo fix this, name one or more, e.g."
                    + " <engines>postgresql</engines>.");
        }
        return List.copyOf(engines);
    }

    /**
     * The hints of {@code <requiredInPractice>} ({@code table.column}), {@code <uniqueInPractice>}
     * ({@code table.column} or {@code table.a+b}) and {@code <nullRates>} ({@code table.column} to a rate).
     */
    static SeedPlan hints(List<String> required, List<String> unique, Map<String, String> nullRates) {
        SeedPlan hints = SeedPlan.withSeed(0);
        for (String entry : required) {
            String[] at = column(entry, "<requiredInPractice>");
            hints = hints.requiredInPractice(at[0], at[1]);
        }
        for (String entry : unique) {
            String[] at = column(entry, "<uniqueInPractice>");
            hints = hints.uniqueInPractice(at[0], at[1].split("\\+"));
        }
        for (Map.Entry<String, String> entry : nullRates.entrySet()) {
            String[] at = column(entry.getKey(), "<nullRates>");
            double rate;
            try {
                rate = Double.parseDouble(entry.getValue().strip());
            } catch (NumberFormatException e) {
                rate = -1;
            }
            if (!(rate >= 0 && rate <= 1)) {
                throw new RehearsalConfigurationException("<nullRates> gives " + entry.getKey() + " the rate '"
                        + entry.getValue() + "', which is not a share of the rows.\nTo fix this, give a number from 0"
                        + " (never NULL) to 1 (always NULL), e.g. <" + entry.getKey() + ">0.05</" + entry.getKey() + ">.");
            }
            hints = hints.nullRate(at[0], at[1], rate);
        }
        return hints;
    }

    private static String[] column(String entry, String parameter) {
        String text = entry.strip();
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new RehearsalConfigurationException(parameter + " names '" + entry + "', which is not table.column.\n"
                    + "To fix this, write it like orders.note.");
        }
        return new String[] {text.substring(0, dot), text.substring(dot + 1)};
    }

    /** The repeatables mode a parameter names, refused naming the parameter. */
    static Repeatables repeatables(String name, String parameter) {
        for (Repeatables mode : Repeatables.values()) {
            if (mode.name().equalsIgnoreCase(name.strip().replace('-', '_'))) {
                return mode;
            }
        }
        throw new RehearsalConfigurationException(parameter + " is '" + name + "', which is not a time to apply the"
                + " repeatable migrations.\nTo fix this, use AT_EACH_STEP (the default, as Flyway does) or AT_THE_END.");
    }

    /** The policy a parameter names, refused naming the parameter. */
    static SweepPolicy policy(String name, String parameter) {
        for (SweepPolicy policy : SweepPolicy.values()) {
            if (policy.name().equalsIgnoreCase(name.strip().replace('-', '_'))) {
                return policy;
            }
        }
        throw new RehearsalConfigurationException(parameter + " is '" + name + "', which is not a sweep policy.\nTo fix"
                + " this, use REPORT_ONLY, FAIL_ON_REALISTIC_DATA or FAIL_ON_UNSAFE (the default).");
    }
}
