package dev.rehearsal.sweep;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.internal.DefaultRehearsal;
import dev.rehearsal.internal.derive.BreakingDataDeriver;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.schema.Key;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.BreakingData;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.DerivedDefect;
import dev.rehearsal.seed.PlantedDefect;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Rehearse every migration of a history with no test written: for each version N, realistic rows at N−1 and then N
 * (a failure is a real bug found on realistic data), and for each defect {@linkplain Rehearsal#deriveBreakingData()
 * derived} from N, realistic rows plus that defect at N−1 and then N (a failure means N needs a data fix first; a
 * success, that N handles it).
 *
 * <pre>{@code
 * try (RehearsalServer server = RehearsalServer.start(Engine.POSTGRESQL)) {
 *     SweepResult result = Sweep.of(Migrations.at("classpath:db/migration")).run(server);
 *     result.unsafe().forEach(v -> System.out.println(v.script() + " fails on " + v.unsafeAgainst()));
 * }
 * }</pre>
 *
 * <p>The realistic pass migrates one database step by step, seeding the tables that are still empty before each
 * step, so that it does not migrate from empty for every version; a second database, with no rows, steps along with it
 * and gives the schema before and after each version, from which the defects are derived; each derived-defect case gets a database of its
 * own at N−1 (schema migrated, realistic rows plus the defect seeded), dropped after. Where a defect kind allows it,
 * the realistic rows of a case are kept free of it ({@link Defect#onlyPlantedRows()}), so a failure is the planted
 * rows'. Repeatable migrations are applied as Flyway applies them: after the versioned ones, at every step.
 *
 * <p>Immutable; {@link #run(RehearsalServer)} may be called from several threads on different servers.
 *
 * @since 0.1
 */
public final class Sweep {

    private final Migrations migrations;
    private final long seed;
    private final int defaultRows;
    private final Consumer<String> progress;
    private final SeedPlan hints;
    private final boolean defectCases;

    private Sweep(Migrations migrations, long seed, int defaultRows, Consumer<String> progress, SeedPlan hints,
            boolean defectCases) {
        this.migrations = migrations;
        this.seed = seed;
        this.defaultRows = defaultRows;
        this.progress = progress;
        this.hints = hints;
        this.defectCases = defectCases;
    }

    /**
     * Sweep the migrations of these settings, with seed 1 and 100 rows per table, progress printed to standard out.
     *
     * @param migrations the Flyway settings; must not be {@code null}
     * @return the sweep
     */
    public static Sweep of(Migrations migrations) {
        return new Sweep(requireNonNull(migrations, "migrations"), 1, 100, line -> System.out.println("rehearsal sweep: " + line),
                SeedPlan.withSeed(1), true);
    }

    /**
     * Return a copy whose realistic rows derive from this seed: the same seed on the same history gives the same rows.
     *
     * @param newSeed the seed
     * @return the copy
     */
    public Sweep withSeed(long newSeed) {
        return new Sweep(migrations, newSeed, defaultRows, progress, hints, defectCases);
    }

    /**
     * Return a copy that seeds this many rows in each table.
     *
     * @param rows at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public Sweep withRowsPerTable(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("withRowsPerTable(" + rows + "): a sweep needs rows to break.\nTo fix this,"
                    + " give 1 or more, e.g. withRowsPerTable(100).");
        }
        return new Sweep(migrations, seed, rows, progress, hints, defectCases);
    }

    /**
     * Return a copy that reports its progress (which version, which case, how long) to this consumer, one line each.
     *
     * @param lines receives each line; {@code line -> { }} for silence
     * @return the copy
     */
    public Sweep withProgress(Consumer<String> lines) {
        return new Sweep(migrations, seed, defaultRows, requireNonNull(lines, "lines"), hints, defectCases);
    }

    /**
     * Return a copy whose realistic rows follow what the data holds in practice though the schema does not say so:
     * the {@linkplain SeedPlan#override overrides}, {@linkplain SeedPlan#nullRate NULL rates} (and columns
     * {@linkplain SeedPlan#requiredInPractice required in practice}) and {@linkplain SeedPlan#uniqueInPractice
     * unique sets} of this plan apply at every version where their table and column exist; its seed, rows and defects
     * are ignored (the sweep's own apply). A realistic-data failure is either a true finding, kept (or recorded in a
     * baseline), or declared impossible this way.
     *
     * <pre>{@code
     * Sweep.of(migrations).withHints(SeedPlan.withSeed(0)
     *         .requiredInPractice("orders", "note")
     *         .override("orders", "status", ColumnValues.oneOf("NEW", "PAID", "SHIPPED")))
     * }</pre>
     *
     * @param plan the hints; must not be {@code null}
     * @return the copy
     */
    public Sweep withHints(SeedPlan plan) {
        return new Sweep(migrations, seed, defaultRows, progress, requireNonNull(plan, "plan"), defectCases);
    }

    /**
     * Return a copy that runs the derived-defect cases ({@code true}, the default) or only the realistic pass: the
     * defects are still derived and listed, each case {@code NOT_RUN}. For a quick check on every push, with the full
     * sweep on pull requests.
     *
     * @param run whether to run the derived-defect cases
     * @return the copy
     */
    public Sweep withDefectCases(boolean run) {
        return new Sweep(migrations, seed, defaultRows, progress, hints, run);
    }

    /** Every table.column the hints name that no plan of a run used ({@code matched}, filled as the versions go by). */
    private List<String> unmatchedHints(Set<String> matched) {
        List<String> named = new ArrayList<>();
        hints.overrides().forEach((t, columns) -> columns.keySet().forEach(c -> named.add(t + "." + c)));
        hints.nullRates().forEach((t, columns) -> columns.keySet().forEach(c -> named.add(t + "." + c)));
        hints.uniqueInPractice().forEach((t, sets) -> sets.forEach(set -> set.forEach(c -> named.add(t + "." + c))));
        return named.stream().distinct().filter(n -> !matched.contains(n)).toList();
    }

    /** The sweep's plan at a version: its seed and rows, and the hints whose tables and columns exist there. */
    private SeedPlan plan(Schema schema, Set<String> matched) {
        SeedPlan plan = SeedPlan.withSeed(seed).defaultRows(defaultRows);
        for (Table table : schema.tables()) {
            String key = table.name().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, dev.rehearsal.seed.ColumnValues> override : hints.overrides().getOrDefault(key, Map.of())
                    .entrySet()) {
                if (table.column(override.getKey()).isPresent()) {
                    matched.add(key + "." + override.getKey());
                    plan = plan.override(table.name(), override.getKey(), override.getValue());
                }
            }
            for (Map.Entry<String, Double> rate : hints.nullRates().getOrDefault(key, Map.of()).entrySet()) {
                if (table.column(rate.getKey()).isPresent()) {
                    matched.add(key + "." + rate.getKey());
                    plan = plan.nullRate(table.name(), rate.getKey(), rate.getValue());
                }
            }
            for (List<String> set : hints.uniqueInPractice().getOrDefault(key, List.of())) {
                if (set.stream().allMatch(c -> table.column(c).isPresent())) {
                    set.forEach(c -> matched.add(key + "." + c));
                    plan = plan.uniqueInPractice(table.name(), set.toArray(String[]::new));
                }
            }
        }
        return plan;
    }

    /**
     * Sweep every migration on a server, from an empty database.
     *
     * @param server where to open the sweep's databases; each is dropped when its case is done
     * @return what the sweep found, a verdict per migration
     * @throws RehearsalException if the server is closed, or a database cannot be created
     */
    public SweepResult run(RehearsalServer server) {
        requireNonNull(server, "server");
        long start = System.nanoTime();
        List<MigrationVerdict> verdicts = new ArrayList<>();
        Optional<String> stopped = Optional.empty();
        Set<String> matched = ConcurrentHashMap.newKeySet();
        String engine = server.engine().displayName();
        Rehearsal realistic = server.open(migrations, "sweep");
        // the schema before and after each version, read on a database with no rows that steps along with the sweep
        Rehearsal scratch = server.open(migrations, "sweep_scratch");
        try {
            List<String> versions = realistic.pendingVersions();
            if (versions.isEmpty()) {
                throw new RehearsalException("The sweep of " + migrations.origin() + " found no versioned migration in "
                        + migrations.locations() + ".\nTo fix this, point the locations at the folders that hold the"
                        + " V<version>__<description>.sql scripts.");
            }
            Map<String, Integer> checksums = ((DefaultRehearsal) realistic).checksums();
            for (int i = 0; i < versions.size(); i++) {
                String version = versions.get(i);
                Optional<String> previous = realistic.currentVersion();
                String where = engine + " V" + version + " (" + (i + 1) + "/" + versions.size() + ")";
                BreakingData derived;
                Optional<String> failsEmpty = Optional.empty();
                Schema before = scratch.schema();
                StepOutcome empty = scratch.migrateTo(version);
                if (empty.failed()) {
                    dev.rehearsal.Failure f = empty.failure().orElseThrow();
                    failsEmpty = Optional.of(f.script().orElse("V" + version) + " (" + f.failureClass() + "): "
                            + f.message().lines().findFirst().orElse(""));
                    derived = new BreakingData(version, "V" + version, List.of(), List.of());
                } else {
                    String script = empty.applied().stream().filter(m -> version.equals(m.version()))
                            .map(dev.rehearsal.AppliedMigration::script).findFirst().orElse("V" + version);
                    derived = BreakingDataDeriver.derive(before, scratch.schema(), version, script,
                            ((DefaultRehearsal) scratch).lastStatements());
                }
                CaseResult realisticCase = realisticCase(realistic, version, where, matched);
                List<CaseResult> cases = new ArrayList<>();
                for (int d = 0; d < derived.defects().size(); d++) {
                    DerivedDefect defect = derived.defects().get(d);
                    cases.add(defectCases ? defectCase(server, previous, version, defect, where + ", defect " + (d + 1)
                            + "/" + derived.defects().size(), matched)
                            : notRun(defect, "Not run: this sweep runs the realistic pass only (withDefectCases(false)).",
                                    System.nanoTime()));
                }
                String script = realisticCase.failure().flatMap(dev.rehearsal.Failure::script).orElse(derived.script());
                Integer checksum = checksums.get(version);
                verdicts.add(new MigrationVerdict(version, script, checksum == null ? OptionalInt.empty()
                        : OptionalInt.of(checksum), realisticCase, cases, derived.notDerivable()));
                if (realisticCase.outcome() != CaseResult.Outcome.PASSED) {
                    if (failsEmpty.isPresent()) {
                        stopped = Optional.of("V" + version + " fails on a database with no rows, so the versions"
                                + " after it were not swept: " + failsEmpty.get());
                        break;
                    }
                    // go on from a database migrated to N without rows, which the derivation showed works
                    realistic.close();
                    realistic = server.open(migrations, "sweep");
                    StepOutcome again = realistic.migrateTo(version);
                    if (again.failed()) {
                        stopped = Optional.of("V" + version + " failed again on a fresh database, so the versions after"
                                + " it were not swept:\n" + again.verdict());
                        break;
                    }
                }
            }
        } finally {
            realistic.close();
            scratch.close();
        }
        unmatchedHints(matched).forEach(h -> progress.accept("the hint " + h + " names a table or column no version of the"
                + " history had: check its name"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        progress.accept(String.format(Locale.ROOT, "%s: %d migration(s) swept in %.1f s", engine, verdicts.size(),
                took.toMillis() / 1000.0));
        return new SweepResult(server.engine(), server.describe(), migrations.origin(), verdicts, stopped, took);
    }

    private CaseResult realisticCase(Rehearsal realistic, String version, String where, Set<String> matched) {
        long start = System.nanoTime();
        String note = "";
        try {
            seedEmptyTables(realistic, matched);
        } catch (RehearsalException e) {
            note = "Seeding realistic rows failed, so the migration ran over the rows already there: " + e.getMessage();
        }
        long rows = rows(realistic);
        StepOutcome step = realistic.migrateTo(version);
        CaseResult result = result(Optional.empty(), step, note.isEmpty() ? (step.failed()
                ? "V" + version + " fails on realistic rows: a real bug, found without planting anything"
                : "") : note, rows, List.of(), start);
        progress.accept(String.format(Locale.ROOT, "%s, realistic rows (%d): %s in %.1f s", where, rows,
                result.outcome(), result.duration().toMillis() / 1000.0));
        return result;
    }

    private CaseResult defectCase(RehearsalServer server, Optional<String> previous, String version, DerivedDefect derived,
            String where, Set<String> matched) {
        long start = System.nanoTime();
        CaseResult result;
        try (Rehearsal rehearsal = server.open(migrations, "sweep_case")) {
            if (previous.isPresent()) {
                StepOutcome before = rehearsal.migrateTo(previous.get());
                if (before.failed()) {
                    return notRun(derived, "Migrating a fresh database to version " + previous.get() + " failed:\n"
                            + before.verdict(), start);
                }
            }
            Defect defect = derived.defect();
            try {
                defect = defect.onlyPlantedRows();
            } catch (IllegalArgumentException freeText) {
                // the realistic rows of a free-text column may hold the same defect; the case says so below
            }
            SeedReport report;
            try {
                report = rehearsal.seed(plan(rehearsal.schema(), matched).defect(defect));
            } catch (RehearsalException e) {
                result = notRun(derived, "The defect cannot be planted at version " + previous.orElse("<none>") + ": "
                        + e.getMessage(), start);
                progress.accept(where + " " + derived.defect() + ": NOT_RUN");
                return result;
            }
            long rows = report.totalRows();
            List<String> planted = planted(rehearsal.schema(), report);
            StepOutcome step = rehearsal.migrateTo(version);
            String note = step.failed()
                    ? "V" + version + " needs a data fix first: it fails on these rows" + (defect.onlyPlanted() ? ""
                            : " (the realistic rows of the column may hold the same defect)")
                    : "V" + version + " handles it: it cleans the rows up first, or the rows cannot reach it";
            result = result(Optional.of(derived), step, note, rows, planted, start);
        }
        progress.accept(String.format(Locale.ROOT, "%s %s: %s in %.1f s", where, derived.defect(), result.outcome(),
                result.duration().toMillis() / 1000.0));
        return result;
    }

    private static CaseResult notRun(DerivedDefect derived, String why, long start) {
        return new CaseResult(Optional.of(derived), CaseResult.Outcome.NOT_RUN, Optional.empty(), why, 0, List.of(), "",
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static CaseResult result(Optional<DerivedDefect> defect, StepOutcome step, String note, long rows,
            List<String> planted, long start) {
        return new CaseResult(defect, step.failed() ? CaseResult.Outcome.FAILED : CaseResult.Outcome.PASSED,
                step.failure(), note, rows, planted, step.verdict(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Seed the tables that have no rows yet; the others keep the rows earlier steps seeded and migrated. */
    private void seedEmptyTables(Rehearsal rehearsal, Set<String> matched) {
        Schema schema = rehearsal.schema();
        if (schema.tables().isEmpty()) {
            return;
        }
        Dialect dialect = Dialect.of(schema.engine());
        SeedPlan plan = plan(schema, matched);
        List<String> filled = schema.tables().stream().map(Table::name)
                .filter(t -> rehearsal.queryForLong("SELECT COUNT(*) FROM " + dialect.quote(t)) > 0).toList();
        if (filled.size() < schema.tables().size()) {
            rehearsal.seed(plan.skip(filled.toArray(String[]::new)));
        }
    }

    private static long rows(Rehearsal rehearsal) {
        Schema schema = rehearsal.schema();
        Dialect dialect = Dialect.of(schema.engine());
        long rows = 0;
        for (Table table : schema.tables()) {
            rows += rehearsal.queryForLong("SELECT COUNT(*) FROM " + dialect.quote(table.name()));
        }
        return rows;
    }

    /** The planted rows by key, e.g. {@code orders(id=17)}. */
    private static List<String> planted(Schema schema, SeedReport report) {
        List<String> rows = new ArrayList<>();
        for (PlantedDefect planted : report.defects()) {
            String table = planted.defect().table();
            List<String> key = schema.table(table).flatMap(Table::primaryKey).map(Key::columns).orElse(List.of());
            for (List<Object> values : planted.keys()) {
                StringBuilder row = new StringBuilder(table).append('(');
                for (int k = 0; k < values.size(); k++) {
                    row.append(k == 0 ? "" : ", ").append(k < key.size() ? key.get(k) + "=" : "").append(values.get(k));
                }
                rows.add(row.append(')').toString());
            }
        }
        return rows;
    }
}
