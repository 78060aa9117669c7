package dev.rehearsal.data.internal;

import dev.rehearsal.data.internal.CheckRules.Rule;
import dev.rehearsal.schema.Check;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.ColumnValues;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.PlantedDefect;
import dev.rehearsal.seed.SeedPlan;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Generates one table's rows: which values each column gets (overrides, parent keys through {@link Picker}s, realistic
 * values from {@link Generators}, NULLs at a realistic rate), kept distinct where the table needs it
 * ({@link UniqueSets}); the defects planned on them ({@link DefectPlanner}) and the load ({@link TableLoad}).
 */
final class TableGenerator {

    private static final int RETRIES = 30;

    /** What the table got. */
    record Result(long rows, List<PlantedDefect> planted) {
    }

    /** A failure to load a table's rows, with what was planted in it. */
    static final class LoadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Table table;
        final transient List<Defect> defects;

        LoadFailure(Table table, List<Defect> defects, SQLException cause) {
            super(cause);
            this.table = table;
            this.defects = defects;
        }
    }

    private final Table table;
    private final int rows;
    private final SeedPlan plan;
    private final List<Relation> relations;
    private final Set<Relation> dropped;
    private final List<Defect> defects;
    private final Pools pools;
    private final KeyStore keys;
    private final Loader loader;

    private final List<Column> columns = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private ColumnGenerator[] generators;
    private final List<Picker> pickers = new ArrayList<>();
    private final UniqueSets distinct = new UniqueSets();

    TableGenerator(Table table, int rows, SeedPlan plan, List<Relation> relations, Set<Relation> dropped,
            List<Defect> defects, Pools pools, KeyStore keys, Loader loader) {
        this.table = table;
        this.rows = rows;
        this.plan = plan;
        this.relations = relations;
        this.dropped = dropped;
        this.defects = defects;
        this.pools = pools;
        this.keys = keys;
        this.loader = loader;
    }

    Result run() throws SQLException {
        Map<String, ColumnValues> overrides = plan.overrides().getOrDefault(table.name().toLowerCase(Locale.ROOT), Map.of());
        for (Column column : table.columns()) {
            boolean engineMade = column.generation() == Column.Generation.COMPUTED
                    || column.generation() == Column.Generation.ALWAYS;
            boolean unsupported = column.type().kind() == Kind.OTHER && !overrides.containsKey(key(column.name()));
            if (engineMade || (unsupported && (column.nullable() || column.defaultValue().isPresent()))) {
                continue;
            }
            columns.add(column);
            names.add(column.name());
        }
        ExistingRows existing = ExistingRows.read(loader.connection, loader, table);
        Map<String, Rule> rules = CheckRules.of(table.checks().stream().map(Check::expression).toList());
        List<Defect> alone = defects.stream().filter(Defect::onlyPlanted).toList();
        Map<String, Rule> generationRules = alone.isEmpty() ? rules : CheckRules.of(java.util.stream.Stream.concat(
                table.checks().stream().map(Check::expression), alone.stream().flatMap(d -> cleanRule(d).stream())).toList());
        Set<String> neverNull = new HashSet<>();
        alone.stream().filter(d -> d.kind() == dev.rehearsal.seed.DefectKind.NULLS)
                .forEach(d -> neverNull.add(key(d.columns().get(0))));
        // required in practice (a NULL rate of 0 in the plan): never NULL either, though no defect asks it
        Set<String> required = new HashSet<>();
        columns.stream().filter(c -> plan.nullRateFor(table.name(), c.name()).orElse(1) == 0)
                .forEach(c -> required.add(key(c.name())));
        List<List<String>> inPractice = plan.uniqueInPracticeFor(table.name());
        generators = new ColumnGenerator[columns.size()];
        Set<Integer> picked = new HashSet<>();
        for (Relation relation : relations) {
            if (relation.columns().stream().anyMatch(c -> overrides.containsKey(key(c)))) {
                continue;
            }
            Picker picker = Picker.of(relation, dropped.contains(relation), names, keys, plan.seed(), rows, inPractice);
            if (picker != null && relation.columns().stream().anyMatch(c -> neverNull.contains(key(c)))) {
                if (picker.alwaysNull()) {
                    Defect nulls = alone.stream().filter(d -> relation.columns().stream()
                            .anyMatch(c -> c.equalsIgnoreCase(d.columns().get(0)))).findFirst().orElseThrow();
                    throw SeedErrors.impossibleDefect(nulls, relation + " is left NULL in every seeded row (its parent"
                            + " is seeded after it, to break a cycle of foreign keys), so the planted rows cannot be the"
                            + " only NULLs", "give the column values with " + SeedErrors.terms().override(table.name(),
                            nulls.columns().get(0)) + ", or drop " + SeedErrors.terms().onlyPlanted());
                }
                picker.neverNull();
            } else if (picker != null && !picker.alwaysNull()
                    && relation.columns().stream().anyMatch(c -> required.contains(key(c)))) {
                picker.neverNull();
            }
            if (picker != null) {
                pickers.add(picker);
                Arrays.stream(picker.childColumns).forEach(picked::add);
            }
        }
        List<List<String>> uniqueSets = new ArrayList<>(table.uniqueColumnSets());
        inPractice.stream().filter(set -> set.stream().allMatch(c -> index(c) >= 0)).forEach(uniqueSets::add);
        for (int i = 0; i < columns.size(); i++) {
            if (picked.contains(i)) {
                continue;
            }
            Column column = columns.get(i);
            SplittableRandom random = new SplittableRandom(Seeds.mix(plan.seed(), table.name(), column.name()));
            ColumnValues override = overrides.get(key(column.name()));
            if (override != null) {
                generators[i] = new OverrideValues(table, column, override, random);
                continue;
            }
            if (column.type().kind() == Kind.OTHER) {
                throw SeedErrors.cannotGenerate(table, column, "the generator has no values for type "
                        + column.type().sqlName() + ", and the column is NOT NULL without a default");
            }
            boolean unique = uniqueSets.stream().anyMatch(set -> set.size() == 1 && set.get(0).equalsIgnoreCase(column.name()));
            long start = unique ? existing.uniqueStart(column) : 0;
            ColumnGenerator generator = Generators.of(new Generators.Context(table, column,
                    generationRules.get(key(column.name())), unique, start, pools, random));
            boolean nulls = column.nullable() && !unique && !neverNull.contains(key(column.name()))
                    && !required.contains(key(column.name()));
            double rate = plan.nullRateFor(table.name(), column.name()).orElse(Nulls.rateFor(column.name()));
            generators[i] = nulls ? new Nulls(generator, rate, random) : generator;
        }
        for (List<String> set : uniqueSets) {
            int[] indexes = set.stream().mapToInt(this::index).toArray();
            boolean engineMade = Arrays.stream(indexes).anyMatch(i -> i < 0);
            boolean byConstruction = Arrays.stream(indexes)
                    .anyMatch(i -> i >= 0 && generators[i] != null && generators[i].uniqueByConstruction());
            if (!engineMade && (!byConstruction || existing.count > 0)) {
                distinct.track(indexes, existing.tuples(loader.connection, loader, table, set, loader.caselessText()),
                        loader.caselessText());
            }
        }
        // duplicates that are to be the only ones: the realistic rows are distinct in those columns, as under a
        // unique key (case-insensitively for case duplicates)
        for (Defect defect : alone) {
            if (isDuplicateKind(defect.kind())) {
                int[] indexes = defect.columns().stream().mapToInt(this::index).toArray();
                boolean caseless = loader.caselessText() || defect.kind() == dev.rehearsal.seed.DefectKind.CASE_DUPLICATES;
                if (Arrays.stream(indexes).allMatch(i -> i >= 0)) {
                    distinct.track(indexes, existing.tuples(loader.connection, loader, table, defect.columns(), caseless),
                            caseless);
                }
            }
        }
        List<Planting> plantings = DefectPlanner.plan(table, rows, names, defects, rules, plan.seed(),
                new OrphanValues(table, relations, keys, rows, defects, loader.caselessText())::values);
        return new TableLoad(table, rows, columns, names, defects, loader).run(plantings, this::generateRow);
    }

    private static boolean isDuplicateKind(dev.rehearsal.seed.DefectKind kind) {
        return kind == dev.rehearsal.seed.DefectKind.DUPLICATES || kind == dev.rehearsal.seed.DefectKind.CASE_DUPLICATES
                || kind == dev.rehearsal.seed.DefectKind.WHITESPACE_DUPLICATES;
    }

    /**
     * What the realistic rows must satisfy for a defect to be the only one of its kind, as a CHECK expression the
     * generators already honour; nothing for the kinds that need no rule.
     */
    private List<String> cleanRule(Defect defect) {
        String column = defect.columns().isEmpty() ? "" : defect.columns().get(0);
        return switch (defect.kind()) {
            case NULLS, ORPHANS, DUPLICATES, CASE_DUPLICATES, WHITESPACE_DUPLICATES -> List.of();
            case TOO_LONG -> List.of("length(" + column + ") <= " + defect.futureLength().orElseThrow());
            case OUT_OF_RANGE -> {
                int whole = defect.futurePrecision().orElseThrow() - defect.futureScale().orElse(0);
                String bound = BigDecimal.ONE.movePointRight(Math.max(0, whole)).toPlainString();
                yield List.of(column + " < " + bound, column + " > -" + bound);
            }
            case OUTSIDE_LABELS -> List.of(column + " IN (" + defect.futureLabels().stream()
                    .map(l -> "'" + l.replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", ")) + ")");
            case VIOLATING_CHECK -> List.of(defect.predicate().orElseThrow());
            // Defect.onlyPlantedRows() refuses these at the call: valid free text is not known
            case NOT_CASTABLE, INVALID_DATES, INVALID_JSON, INVALID_UUID -> throw new IllegalStateException(defect.toString());
        };
    }

    private Object[] generateRow(int r) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            if (generators[i] != null) {
                row[i] = generators[i].next(r);
            }
        }
        for (Picker picker : pickers) {
            picker.assign(r, row);
        }
        for (int attempt = 0; !distinct.accept(row); attempt++) {
            if (attempt >= RETRIES) {
                disambiguate(row, r);
                if (!distinct.accept(row)) {
                    throw SeedErrors.cannotFill(table, "after " + RETRIES + " attempts, row " + (r + 1) + " still repeats"
                            + " a unique combination of " + distinct.describe(names) + ": the columns offer fewer distinct"
                            + " combinations than the " + rows + " rows asked for", "seed fewer rows into " + table.name()
                            + ", or override one of those columns with values of your own");
                }
                break;
            }
            regenerateCollisions(row, r);
        }
        for (Picker picker : pickers) {
            picker.remember(row);
        }
        return row;
    }

    private void regenerateCollisions(Object[] row, long r) {
        for (int[] set : distinct.colliding(row)) {
            for (int index : set) {
                if (generators[index] != null) {
                    row[index] = generators[index].next(r);
                }
            }
            for (Picker picker : pickers) {
                if (Arrays.stream(picker.childColumns).anyMatch(c -> contains(set, c))) {
                    picker.assign(r, row);
                }
            }
        }
    }

    /** Last resort: make a text column of each colliding set distinct with the row number. */
    private void disambiguate(Object[] row, long r) {
        for (int[] set : distinct.colliding(row)) {
            for (int index : set) {
                Column column = columns.get(index);
                if (generators[index] != null && column.type().kind() == Kind.STRING && row[index] != null) {
                    String suffix = "~" + Long.toString(r, 36);
                    int max = column.type().length().orElse(Integer.MAX_VALUE);
                    String value = row[index].toString();
                    row[index] = (value.length() + suffix.length() > max
                            ? value.substring(0, Math.max(0, max - suffix.length())) : value) + suffix;
                    break;
                }
            }
        }
    }

    private int index(String column) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

}
