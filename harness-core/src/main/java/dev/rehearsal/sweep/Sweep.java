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
import java.util.concurrent.atomic.AtomicReference;
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
 * step, so that it does not migrate from empty for every version; the schema before and after each step gives the
 * defects derived from it. When the step fails on realistic rows, the tables it names (and those that reference them)
 * are emptied and it runs again over the other tables' rows, the emptied tables seeded anew after it; when that cannot
 * be done (code, a Java migration, a MySQL-family statement that stayed in effect) or it fails again, a database with
 * no rows migrated to N tells whether data caused the failure, and carries the sweep on. Each derived-defect case of N starts from a copy of the realistic rows at
 * N−1, copied before N ran over them: N passed over those rows, so a failure is the defect's rows, planted on top.
 * When N failed on the realistic rows, or the server caches no state ({@link RehearsalServer#cachesStates()}), a case
 * gets a fresh database migrated to N−1 and seeded instead, its realistic rows kept free of the defect where the kind
 * allows it ({@link Defect#onlyPlantedRows()}). Each case's database is dropped after it. The sweep's databases skip the damage census a rehearsal takes around each step (its verdicts are failed
 * or not). Repeatable migrations are applied as Flyway applies them: after the versioned ones, at every step.
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
    private final Repeatables repeatables;

    /** Where the realistic rows at N-1 go when the server caches no state: nowhere, and they are not copied. */
    private static final Consumer<DefaultRehearsal> NO_COPY = copy -> { };

    /** A repeatable prefix no script has: Flyway then leaves the R__ scripts alone until the end. */
    private static final String NO_REPEATABLES = "REHEARSAL_SWEEP_HOLDS_BACK_REPEATABLES_";

    private Sweep(Migrations migrations, long seed, int defaultRows, Consumer<String> progress, SeedPlan hints,
            boolean defectCases, Repeatables repeatables) {
        this.migrations = migrations;
        this.seed = seed;
        this.defaultRows = defaultRows;
        this.progress = progress;
        this.hints = hints;
        this.defectCases = defectCases;
        this.repeatables = repeatables;
    }

    /**
     * Sweep the migrations of these settings, with seed 1 and 100 rows per table, progress printed to standard out.
     *
     * @param migrations the Flyway settings; must not be {@code null}
     * @return the sweep
     */
    public static Sweep of(Migrations migrations) {
        return new Sweep(requireNonNull(migrations, "migrations"), 1, 100, line -> System.out.println("rehearsal sweep: " + line),
                SeedPlan.withSeed(1), true, Repeatables.AT_EACH_STEP);
    }

    /**
     * Return a copy whose realistic rows derive from this seed: the same seed on the same history gives the same rows.
     *
     * @param newSeed the seed
     * @return the copy
     */
    public Sweep withSeed(long newSeed) {
        return new Sweep(migrations, newSeed, defaultRows, progress, hints, defectCases, repeatables);
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
        return new Sweep(migrations, seed, rows, progress, hints, defectCases, repeatables);
    }

    /**
     * Return a copy that reports its progress (which version, which case, how long) to this consumer, one line each.
     *
     * @param lines receives each line; {@code line -> { }} for silence
     * @return the copy
     */
    public Sweep withProgress(Consumer<String> lines) {
        return new Sweep(migrations, seed, defaultRows, requireNonNull(lines, "lines"), hints, defectCases, repeatables);
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
        return new Sweep(migrations, seed, defaultRows, progress, requireNonNull(plan, "plan"), defectCases, repeatables);
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
        return new Sweep(migrations, seed, defaultRows, progress, hints, run, repeatables);
    }

    /**
     * Return a copy that applies the repeatable migrations ({@code R__}) at each step, as Flyway does (the default),
     * or once after the last version: a view written for the latest schema then does not fail every early version.
     * The result says which was used.
     *
     * @param when when the repeatable migrations run
     * @return the copy
     */
    public Sweep withRepeatables(Repeatables when) {
        return new Sweep(migrations, seed, defaultRows, progress, hints, defectCases, requireNonNull(when, "when"));
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
        return plan(seed, schema, matched);
    }

    private SeedPlan plan(long withSeed, Schema schema, Set<String> matched) {
        SeedPlan plan = SeedPlan.withSeed(withSeed).defaultRows(defaultRows);
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
        Migrations stepping = repeatables == Repeatables.AT_THE_END
                ? migrations.withFlywayProperty("repeatableSqlMigrationPrefix", NO_REPEATABLES) : migrations;
        Rehearsal realistic = open(server, stepping, "sweep");
        AtomicReference<DefaultRehearsal> copyAtPrevious = new AtomicReference<>();
        try {
            List<String> versions = realistic.pendingVersions();
            if (versions.isEmpty()) {
                throw new RehearsalException("The sweep of " + migrations.origin() + " found no versioned migration in "
                        + migrations.locations() + ".\nTo fix this, point the locations at the folders that hold the"
                        + " V<version>__<description>.sql scripts.");
            }
            Map<String, Integer> checksums = ((DefaultRehearsal) realistic).checksums();
            Map<String, String> scripts = ((DefaultRehearsal) realistic).scripts();
            // what each migration runs, read once: whether it may ask something new of the rows decides whether the
            // realistic rows before it are copied for its defect cases
            Map<String, Optional<List<String>>> statements = defectCases && server.cachesStates()
                    ? ((DefaultRehearsal) realistic).statementsByVersion() : Map.of();
            Optional<String> previous = Optional.empty();
            Schema before = realistic.schema();
            for (int i = 0; i < versions.size(); i++) {
                String version = versions.get(i);
                String where = engine + " V" + version + " (" + (i + 1) + "/" + versions.size() + ")";
                // the state at N-1 the derived-defect cases start from: the realistic rows, copied before N runs
                // over them, when N may ask something new of them (closed after the cases, or below on a failure)
                CaseResult realisticCase = realisticCase((DefaultRehearsal) realistic, before, version, where, matched,
                        statements, server.cachesStates() ? copyAtPrevious::set : NO_COPY);
                Optional<DefaultRehearsal> atPrevious = Optional.ofNullable(copyAtPrevious.get());
                Optional<String> failsEmpty = Optional.empty();
                if (realisticCase.outcome() != CaseResult.Outcome.PASSED
                        && !carriedOn((DefaultRehearsal) realistic, previous, before, version, where, statements)) {
                    // a database with no rows says whether data caused the failure, and carries the sweep on
                    realistic.close();
                    realistic = open(server, stepping, "sweep");
                    StepOutcome up = previous.isPresent() ? realistic.migrateTo(previous.get()) : null;
                    if (up == null || !up.failed()) {
                        up = realistic.migrateTo(version);
                    }
                    failsEmpty = up.failure().map(f -> f.script().orElse("V" + version) + " (" + f.failureClass() + "): "
                            + f.message().lines().findFirst().orElse(""));
                }
                BreakingData derived;
                if (failsEmpty.isPresent()) {
                    derived = new BreakingData(version, "V" + version, List.of(), List.of());
                    CaseResult r = realisticCase;
                    realisticCase = new CaseResult(r.defect(), r.outcome(), r.failure(), "V" + version + " fails even on"
                            + " a database with no rows: no data causes it; fix the migration itself", r.rowsSeeded(),
                            r.plantedRows(), r.verdict(), r.duration());
                } else {
                    Schema after = realistic.schema();
                    derived = BreakingDataDeriver.derive(before, after, version, scripts.getOrDefault(version, "V" + version),
                            ((DefaultRehearsal) realistic).lastStatements());
                    before = after;
                }
                List<CaseResult> caseResults = new ArrayList<>();
                for (int d = 0; d < derived.defects().size(); d++) {
                    DerivedDefect defect = derived.defects().get(d);
                    String which = where + ", defect " + (d + 1) + "/" + derived.defects().size();
                    // from a copy of the realistic rows at N-1 when N passed over them (so a failure is the
                    // planted rows'); from a fresh database otherwise
                    boolean fromCopy = atPrevious.isPresent() && realisticCase.outcome() == CaseResult.Outcome.PASSED;
                    Optional<CaseResult> copied = defectCases && fromCopy
                            ? defectCaseFromCopy(atPrevious.get(), previous, version, defect, which, matched)
                            : Optional.empty();
                    caseResults.add(!defectCases
                            ? notRun(defect, "Not run: this sweep runs the realistic pass only (withDefectCases(false)).",
                                    System.nanoTime())
                            : copied.isPresent() ? copied.get()
                            : defectCase(server, stepping, previous, version, defect, which, matched));
                }
                closeCopy(copyAtPrevious);
                String script = realisticCase.failure().flatMap(dev.rehearsal.Failure::script).orElse(derived.script());
                Integer checksum = checksums.get(version);
                verdicts.add(new MigrationVerdict(version, script, checksum == null ? OptionalInt.empty()
                        : OptionalInt.of(checksum), realisticCase, caseResults, derived.notDerivable()));
                previous = Optional.of(version);
                if (failsEmpty.isPresent()) {
                    stopped = Optional.of("V" + version + " fails on a database with no rows, so the versions after it"
                            + " were not swept: " + failsEmpty.get());
                    break;
                }
            }
            if (repeatables == Repeatables.AT_THE_END && stopped.isEmpty()) {
                repeatablesAtTheEnd((DefaultRehearsal) realistic, engine, matched).ifPresent(verdicts::add);
            }
        } finally {
            try {
                closeCopy(copyAtPrevious);
            } finally {
                realistic.close();
            }
        }
        unmatchedHints(matched).forEach(h -> progress.accept("the hint " + h + " names a table or column no version of the"
                + " history had: check its name"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        progress.accept(String.format(Locale.ROOT, "%s: %d migration(s) swept in %.1f s", engine, verdicts.size(),
                took.toMillis() / 1000.0));
        return new SweepResult(server.engine(), server.describe(), migrations.origin(), verdicts, stopped, took,
                repeatables);
    }

    /**
     * After N failed on the realistic rows: carry on from the same database, with the tables N names (and those that
     * reference them) emptied, N run again over the other tables' rows, and the emptied tables seeded anew at N by the
     * next version's seed; cheaper than a database with no rows migrated from empty and seeded whole. Data caused the
     * failure when N passes so. False, with the database to be dropped, when the database is not back at N-1 as it
     * was, the tables cannot be told, or N fails again.
     */
    private boolean carriedOn(DefaultRehearsal realistic, Optional<String> previous, Schema before, String version,
            String where, Map<String, Optional<List<String>>> statements) {
        long start = System.nanoTime();
        Optional<List<String>> emptied;
        try {
            emptied = realistic.emptyTablesTouchedBy(previous, before, statements.containsKey(version)
                    ? statements.get(version) : realistic.statementsOf(version));
        } catch (RehearsalException e) {
            return false;
        }
        if (emptied.isEmpty() || realistic.migrateToResolved(version).failed()) {
            return false;
        }
        progress.accept(String.format(Locale.ROOT, "%s: carried on with the rows of %s removed, which V%s failed on or"
                + " touches; they are seeded again after it (%.1f s)", where, String.join(", ", emptied.get()), version,
                (System.nanoTime() - start) / 1e9));
        return true;
    }

    private static void closeCopy(AtomicReference<DefaultRehearsal> copy) {
        DefaultRehearsal open = copy.getAndSet(null);
        if (open != null) {
            open.close();
        }
    }

    /**
     * A rehearsal of the sweep: without the damage census around each step, which the sweep's verdicts (failed or not)
     * do not use and which reads every table's keys twice per step.
     */
    private static Rehearsal open(RehearsalServer server, Migrations migrations, String hint) {
        return ((DefaultRehearsal) server.open(migrations, hint)).withoutDamageChecks();
    }

    /** The repeatable migrations, once, over the realistic rows of the last version; empty when the history has none. */
    private Optional<MigrationVerdict> repeatablesAtTheEnd(DefaultRehearsal realistic, String engine, Set<String> matched) {
        long start = System.nanoTime();
        Rehearsal all = realistic.withoutFlywayProperty("flyway.repeatableSqlMigrationPrefix");
        long rows = rows(all);
        StepOutcome step = all.migrateToLatest();
        if (step.succeeded() && step.applied().isEmpty()) {
            return Optional.empty();
        }
        CaseResult result = result(Optional.empty(), step, step.failed() ? "the repeatable migrations fail over the"
                + " realistic rows of the last version" : "", rows, List.of(), start);
        progress.accept(String.format(Locale.ROOT, "%s, repeatable migrations after the last version: %s in %.1f s",
                engine, result.outcome(), result.duration().toMillis() / 1000.0));
        String scripts = step.applied().stream().map(dev.rehearsal.AppliedMigration::script).reduce((a, b) -> a + ", " + b)
                .orElse(result.failure().flatMap(dev.rehearsal.Failure::script).orElse("R__"));
        return Optional.of(new MigrationVerdict("repeatables", scripts, OptionalInt.empty(), result, List.of(), List.of()));
    }

    /**
     * @param atPrevious receives a copy of the realistic database after its seed and before the step, when the defect
     *     cases are run and the step may ask something new of the rows
     */
    private CaseResult realisticCase(DefaultRehearsal realistic, Schema schema, String version, String where,
            Set<String> matched, Map<String, Optional<List<String>>> statements, Consumer<DefaultRehearsal> atPrevious) {
        long start = System.nanoTime();
        String note = "";
        long rows;
        try {
            rows = seedEmptyTables(realistic, schema, matched);
        } catch (RehearsalException e) {
            note = "Seeding realistic rows failed, so the migration ran over the rows already there: " + e.getMessage();
            rows = rows(realistic);
        }
        if (defectCases && atPrevious != NO_COPY && mayAskSomethingNew(statements.getOrDefault(version, Optional.empty()),
                realistic.engine())) {
            long copying = System.nanoTime();
            try {
                realistic.copy("sweep_state").ifPresent(atPrevious);
            } catch (RehearsalException e) {
                progress.accept(where + ": the realistic rows could not be copied (" + e.getMessage().lines().findFirst()
                        .orElse("") + "); its defect cases start from fresh databases");
            }
            start += System.nanoTime() - copying; // the copy is the defect cases' cost, not the realistic step's
        }
        StepOutcome step = realistic.migrateToResolved(version);
        CaseResult result = result(Optional.empty(), step, note.isEmpty() ? (step.failed()
                ? "V" + version + " fails on realistic rows: a real bug, found without planting anything"
                : "") : note, rows, List.of(), start);
        progress.accept(String.format(Locale.ROOT, "%s, realistic rows (%d): %s in %.1f s", where, rows,
                result.outcome(), result.duration().toMillis() / 1000.0));
        return result;
    }

    private CaseResult defectCase(RehearsalServer server, Migrations stepping, Optional<String> previous, String version,
            DerivedDefect derived, String where, Set<String> matched) {
        long start = System.nanoTime();
        CaseResult result;
        try (Rehearsal rehearsal = open(server, stepping, "sweep_case")) {
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

    /** Words that, in an ALTER or CREATE statement, may ask something new of existing rows. */
    private static final Set<String> REQUIRING = Set.of("FOREIGN", "REFERENCES", "UNIQUE", "PRIMARY", "CHECK", "NOT",
            "TYPE", "MODIFY", "CHANGE", "ENUM", "DROP", "RENAME", "VALIDATE", "DOMAIN", "USING");

    /**
     * Whether a migration may ask something new of existing rows, read from its statements: a derived defect comes
     * only from a statement that adds a key, a foreign key, a check or NOT NULL, or changes or drops a column or a
     * type. Statements that insert, update, delete or read rows, create objects without UNIQUE, or add a column with
     * none of those words (e.g. {@code ADD COLUMN note TEXT DEFAULT ''}) cannot. A Java migration may.
     */
    static boolean mayAskSomethingNew(Optional<List<String>> statements, dev.rehearsal.Engine engine) {
        if (statements.isEmpty()) {
            return true;
        }
        for (String statement : statements.get()) {
            List<String> words = dev.rehearsal.internal.jdbc.SqlText.leadingWords(statement, 10_000, engine);
            String first = words.isEmpty() ? "" : words.get(0);
            String second = words.size() > 1 ? words.get(1) : "";
            boolean harmless = switch (first) {
                case "INSERT", "UPDATE", "DELETE", "SELECT", "COMMENT", "GRANT", "REVOKE", "SET", "ANALYZE", "WITH" -> true;
                case "CREATE", "ALTER" -> words.stream().noneMatch(REQUIRING::contains);
                case "DROP" -> Set.of("VIEW", "INDEX", "FUNCTION", "PROCEDURE", "TRIGGER", "SEQUENCE").contains(second);
                default -> false;
            };
            if (!harmless) {
                return true;
            }
        }
        return false;
    }

    /**
     * A derived-defect case from a copy of the realistic rows at N-1 (empty when no copy can be made: the case then
     * starts from a fresh database): the defect's rows planted on top of them (N
     * passed over those rows, so a failure is the planted rows'), then N.
     */
    private Optional<CaseResult> defectCaseFromCopy(DefaultRehearsal atPrevious, Optional<String> previous,
            String version, DerivedDefect derived, String where, Set<String> matched) {
        long start = System.nanoTime();
        Optional<DefaultRehearsal> copied;
        try {
            copied = atPrevious.copy("sweep_case");
        } catch (RehearsalException e) {
            copied = Optional.empty();
        }
        if (copied.isEmpty()) {
            return Optional.empty(); // the case starts from a fresh database instead
        }
        CaseResult result;
        try (Rehearsal rehearsal = copied.get()) {
            Defect defect = derived.defect();
            try {
                defect = defect.onlyPlantedRows();
            } catch (IllegalArgumentException freeText) {
                // the planted table's new realistic rows may then hold the defect too; the old ones passed N
            }
            Schema schema = rehearsal.schema();
            String table = defect.table();
            // as many new rows as the sweep seeds per table, as a case from a fresh database has: room for the planted
            // rows and for the rows a duplicate copies from
            int rows = Math.max(defaultRows, defect.count().orElse(1) * 4);
            // a seed of the case's own: the sweep's would draw the realistic rows' values again, which the table holds
            long caseSeed = seed * 31 + (version + "/" + derived.defect()).hashCode();
            SeedPlan plan = plan(caseSeed, schema, matched).skip(schema.tables().stream().map(Table::name)
                    .filter(t -> !t.equalsIgnoreCase(table)).toArray(String[]::new)).rows(table, rows).defect(defect);
            SeedReport report;
            try {
                report = rehearsal.seed(plan);
            } catch (RehearsalException e) {
                result = notRun(derived, "The defect cannot be planted at version " + previous.orElse("<none>") + ": "
                        + e.getMessage(), start);
                progress.accept(where + " " + derived.defect() + ": NOT_RUN");
                return Optional.of(result);
            }
            long total = rows(rehearsal);
            List<String> planted = planted(schema, report);
            StepOutcome step = rehearsal.migrateTo(version);
            String note = step.failed() ? "V" + version + " needs a data fix first: it fails on these rows"
                    : "V" + version + " handles it: it cleans the rows up first, or the rows cannot reach it";
            result = result(Optional.of(derived), step, note, total, planted, start);
        }
        progress.accept(String.format(Locale.ROOT, "%s %s: %s in %.1f s", where, derived.defect(), result.outcome(),
                result.duration().toMillis() / 1000.0));
        return Optional.of(result);
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

    /**
     * Seed the tables that have no rows yet; the others keep the rows earlier steps seeded and migrated.
     *
     * @param schema the database's schema now (the one the last step left: seeding does not change it)
     * @return the rows in the database then
     */
    private long seedEmptyTables(Rehearsal rehearsal, Schema schema, Set<String> matched) {
        if (schema.tables().isEmpty()) {
            return 0;
        }
        SeedPlan plan = plan(schema, matched);
        List<String> filled = new ArrayList<>();
        long rows = 0;
        for (Map.Entry<String, Long> count : counts(rehearsal, schema).entrySet()) {
            rows += count.getValue();
            if (count.getValue() > 0) {
                filled.add(count.getKey());
            }
        }
        if (filled.size() < schema.tables().size()) {
            rows += rehearsal.seed(plan.skip(filled.toArray(String[]::new))).totalRows();
        }
        return rows;
    }

    private static long rows(Rehearsal rehearsal) {
        return counts(rehearsal, rehearsal.schema()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The rows of every table, counted on one connection. */
    private static Map<String, Long> counts(Rehearsal rehearsal, Schema schema) {
        Dialect dialect = Dialect.of(schema.engine());
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        try (java.sql.Connection connection = rehearsal.dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            for (Table table : schema.tables()) {
                try (java.sql.ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + dialect.quote(table.name()))) {
                    rs.next();
                    counts.put(table.name(), rs.getLong(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new RehearsalException("The sweep could not count the rows of " + rehearsal.database() + ": "
                    + e.getMessage(), e);
        }
        return counts;
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
