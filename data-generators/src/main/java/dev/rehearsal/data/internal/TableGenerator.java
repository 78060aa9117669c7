package dev.rehearsal.data.internal;

import dev.rehearsal.Engine;
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
 * Generates and loads one table's rows: overrides, relations to parent keys, realistic values, uniqueness,
 * defects.
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
    private final Engine engine;

    private final List<Column> columns = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private ColumnGenerator[] generators;
    private final List<Picker> pickers = new ArrayList<>();
    private final List<int[]> trackedSets = new ArrayList<>();
    private final List<Set<List<Object>>> seen = new ArrayList<>();
    private final List<Boolean> caselessSets = new ArrayList<>();

    TableGenerator(Table table, int rows, SeedPlan plan, List<Relation> relations, Set<Relation> dropped,
            List<Defect> defects, Pools pools, KeyStore keys, Loader loader, Engine engine) {
        this.table = table;
        this.rows = rows;
        this.plan = plan;
        this.relations = relations;
        this.dropped = dropped;
        this.defects = defects;
        this.pools = pools;
        this.keys = keys;
        this.loader = loader;
        this.engine = engine;
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
        Existing existing = Existing.read(loader.connection, loader, table);
        Map<String, Rule> rules = CheckRules.of(table.checks().stream().map(Check::expression).toList());
        List<Defect> alone = defects.stream().filter(Defect::onlyPlanted).toList();
        Map<String, Rule> generationRules = alone.isEmpty() ? rules : CheckRules.of(java.util.stream.Stream.concat(
                table.checks().stream().map(Check::expression), alone.stream().flatMap(d -> cleanRule(d).stream())).toList());
        Set<String> neverNull = new HashSet<>();
        alone.stream().filter(d -> d.kind() == dev.rehearsal.seed.DefectKind.NULLS)
                .forEach(d -> neverNull.add(key(d.columns().get(0))));
        generators = new ColumnGenerator[columns.size()];
        Set<Integer> picked = new HashSet<>();
        for (Relation relation : relations) {
            if (relation.columns().stream().anyMatch(c -> overrides.containsKey(key(c)))) {
                continue;
            }
            Picker picker = Picker.of(relation, dropped.contains(relation), names, keys, plan.seed(), rows);
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
            }
            if (picker != null) {
                pickers.add(picker);
                Arrays.stream(picker.childColumns).forEach(picked::add);
            }
        }
        List<List<String>> uniqueSets = table.uniqueColumnSets();
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
            boolean nulls = column.nullable() && !unique && !neverNull.contains(key(column.name()));
            generators[i] = nulls ? new Nulls(generator, nullRate(column), random) : generator;
        }
        for (List<String> set : uniqueSets) {
            int[] indexes = set.stream().mapToInt(this::index).toArray();
            boolean engineMade = Arrays.stream(indexes).anyMatch(i -> i < 0);
            boolean byConstruction = Arrays.stream(indexes)
                    .anyMatch(i -> i >= 0 && generators[i] != null && generators[i].uniqueByConstruction());
            if (!engineMade && (!byConstruction || existing.count > 0)) {
                track(indexes, existing.tuples(loader.connection, loader, table, set, engine.isMysqlFamily()),
                        engine.isMysqlFamily());
            }
        }
        // duplicates that are to be the only ones: the realistic rows are distinct in those columns, as under a
        // unique key (case-insensitively for case duplicates)
        for (Defect defect : alone) {
            if (isDuplicateKind(defect.kind())) {
                int[] indexes = defect.columns().stream().mapToInt(this::index).toArray();
                boolean caseless = engine.isMysqlFamily() || defect.kind() == dev.rehearsal.seed.DefectKind.CASE_DUPLICATES;
                if (Arrays.stream(indexes).allMatch(i -> i >= 0)) {
                    track(indexes, existing.tuples(loader.connection, loader, table, defect.columns(), caseless), caseless);
                }
            }
        }
        List<Planting> plantings = DefectPlanner.plan(table, rows, names, defects, rules, plan.seed(),
                (defect, column) -> orphanValues(defect, column));
        return load(plantings);
    }

    private void track(int[] indexes, Set<List<Object>> existingTuples, boolean caseless) {
        trackedSets.add(indexes);
        seen.add(existingTuples);
        caselessSets.add(caseless);
    }

    private static boolean isDuplicateKind(dev.rehearsal.seed.DefectKind kind) {
        return kind == dev.rehearsal.seed.DefectKind.DUPLICATES || kind == dev.rehearsal.seed.DefectKind.CASE_DUPLICATES
                || kind == dev.rehearsal.seed.DefectKind.WHITESPACE_DUPLICATES;
    }

    /**
     * What the realistic rows must satisfy for a defect to be the only one of its kind, as a CHECK expression the
     * generators already honour; nothing for the kinds that need no rule. Refuses the kinds whose realistic values
     * cannot be known to be clean.
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
            case NOT_CASTABLE, INVALID_DATES, INVALID_JSON, INVALID_UUID -> throw SeedErrors.impossibleDefect(defect,
                    "with " + SeedErrors.terms().onlyPlanted() + " the realistic rows of " + table.name() + "." + column
                    + " would have to be valid, and the generator cannot tell what valid means for this column",
                    "give the column valid values with " + SeedErrors.terms().override(table.name(), column)
                    + ", or drop " + SeedErrors.terms().onlyPlanted());
        };
    }

    private Result load(List<Planting> plantings) throws SQLException {
        boolean bypass = plantings.stream().anyMatch(p -> p.bypass);
        int[] pk = table.primaryKey().map(k -> k.columns().stream().mapToInt(this::index).toArray()).orElse(null);
        Map<Planting, List<List<Object>>> plantedKeys = new HashMap<>();
        Map<Long, Object[]> stash = new HashMap<>();
        try {
            if (bypass) {
                loader.foreignKeyChecks(false);
            }
            Loader.Sink sink = loader.open(table.name(), names);
            boolean loaded = false;
            try {
                for (int r = 0; r < rows; r++) {
                    Object[] row = generateRow(r);
                    for (int p = 0; p < plantings.size(); p++) {
                        if (plantings.get(p).isSource(r)) {
                            stash.put(((long) p << 32) | r, plantings.get(p).valuesOf(row).clone());
                        }
                    }
                    for (Planting planting : plantings) {
                        int k = planting.targetIndex(r);
                        if (k >= 0) {
                            Object[] values = planting.maker.values(k, source(planting, plantings.indexOf(planting), k, stash));
                            for (int c = 0; c < planting.columns.length; c++) {
                                row[planting.columns[c]] = values[c];
                            }
                            planting.record(r, values);
                            plantedKeys.computeIfAbsent(planting, x -> new ArrayList<>()).add(keyOf(row, pk, r));
                        }
                    }
                    sink.accept(row);
                }
                loaded = true;
            } finally {
                if (loaded) {
                    sink.close();
                } else {
                    sink.abort();
                }
                if (bypass) {
                    loader.foreignKeyChecks(true);
                }
            }
            resetSequences();
        } catch (SQLException e) {
            throw new LoadFailure(table, defects, e);
        }
        List<PlantedDefect> planted = new ArrayList<>();
        List<Object> engineKeys = pk == null || pk.length != 1 || pk[0] >= 0 ? null : newEngineKeys();
        for (Planting planting : plantings) {
            List<List<Object>> rowKeys = plantedKeys.getOrDefault(planting, List.of());
            if (engineKeys != null) {
                rowKeys = planting.plantedRows.stream().map(r -> List.of(engineKeys.get(r))).toList();
            }
            planted.add(new PlantedDefect(planting.defect, rowKeys, planting.plantedValues));
        }
        return new Result(rows, planted);
    }

    /** The first candidate source row whose values the defect can use. */
    private Object[] source(Planting planting, int index, int k, Map<Long, Object[]> stash) {
        if (planting.sources == null) {
            return null;
        }
        for (int candidate : planting.sources[k]) {
            Object[] values = stash.get(((long) index << 32) | candidate);
            if (values != null && planting.usable.test(values)) {
                return values;
            }
        }
        throw SeedErrors.impossibleDefect(planting.defect, "none of the rows it could copy has a usable value in "
                + table.name() + "." + String.join(", ", Arrays.stream(planting.columns).mapToObj(names::get).toList())
                + " (NULL, or no letter to change case, or no room for a space)", "override the column, or plant fewer");
    }

    private Object[] generateRow(long r) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            if (generators[i] != null) {
                row[i] = generators[i].next(r);
            }
        }
        for (Picker picker : pickers) {
            picker.assign(r, row);
        }
        for (int attempt = 0; !unique(row); attempt++) {
            if (attempt >= RETRIES) {
                disambiguate(row, r);
                if (!unique(row)) {
                    throw SeedErrors.cannotFill(table, "after " + RETRIES + " attempts, row " + (r + 1) + " still repeats"
                            + " a unique combination of " + uniqueDescription() + ": the columns offer fewer distinct"
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

    /** Check every tracked unique set; remember the row's combinations when all are new. */
    private boolean unique(Object[] row) {
        List<List<Object>> tuples = new ArrayList<>(trackedSets.size());
        for (int s = 0; s < trackedSets.size(); s++) {
            List<Object> tuple = tuple(row, trackedSets.get(s), caselessSets.get(s));
            if (tuple != null && seen.get(s).contains(tuple)) {
                return false;
            }
            tuples.add(tuple);
        }
        for (int s = 0; s < tuples.size(); s++) {
            if (tuples.get(s) != null) {
                seen.get(s).add(tuples.get(s));
            }
        }
        return true;
    }

    private void regenerateCollisions(Object[] row, long r) {
        for (int s = 0; s < trackedSets.size(); s++) {
            List<Object> tuple = tuple(row, trackedSets.get(s), caselessSets.get(s));
            if (tuple == null || !seen.get(s).contains(tuple)) {
                continue;
            }
            int[] set = trackedSets.get(s);
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
        for (int s = 0; s < trackedSets.size(); s++) {
            List<Object> tuple = tuple(row, trackedSets.get(s), caselessSets.get(s));
            if (tuple == null || !seen.get(s).contains(tuple)) {
                continue;
            }
            for (int index : trackedSets.get(s)) {
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

    private String uniqueDescription() {
        return trackedSets.stream().map(set -> "(" + String.join(", ", Arrays.stream(set).mapToObj(names::get).toList()) + ")")
                .reduce((a, b) -> a + " or " + b).orElse("");
    }

    private List<Object> tuple(Object[] row, int[] indexes, boolean caseless) {
        Object[] values = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            Object value = row[indexes[i]];
            if (value == null) {
                return null; // NULLs never collide
            }
            values[i] = normalized(value, caseless);
        }
        return Arrays.asList(values);
    }

    /**
     * A value as a unique index compares it: numbers by value (1, 1L and 1.00 collide), times as local date-times,
     * bytes by content, and on the MySQL family text without case and trailing spaces, as its default collations do.
     */
    private Object normalized(Object value) {
        return normalized(value, engine.isMysqlFamily());
    }

    static Object normalized(Object value, boolean caseInsensitiveText) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof java.time.OffsetDateTime t) {
            return t.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        if (value instanceof String text && caseInsensitiveText) {
            return text.stripTrailing().toLowerCase(Locale.ROOT);
        }
        if (value instanceof java.util.UUID uuid) {
            return uuid.toString();
        }
        return value;
    }

    private IntFunction<Object> orphanValues(Defect defect, Column column) {
        Relation relation = relations.stream().filter(r -> r.columns().size() == 1
                        && r.columns().get(0).equalsIgnoreCase(column.name())).findFirst()
                .orElseThrow(() -> SeedErrors.impossibleDefect(defect, "it cannot tell which table " + table.name()
                        + "." + column.name() + " references", "name it: " + SeedErrors.terms().referencing("customers")));
        List<Object[]> parentKeys;
        try {
            // a table referencing itself: its rows so far are the parents, and the keys of the rows about to be
            // generated, counted up from its highest, are taken too
            parentKeys = keys.keys(relation.parent().name(), relation.parentColumns());
        } catch (SQLException e) {
            throw new LoadFailure(table, defects, e);
        }
        Kind kind = column.type().kind();
        if (kind == Kind.INTEGER) {
            return missingNumbers(defect, column, parentKeys, relation.selfReference() ? rows : 0);
        }
        Set<String> taken = new HashSet<>();
        parentKeys.forEach(key -> taken.add(String.valueOf(normalized(key[0]))));
        return k -> switch (kind) {
            case UUID -> new UUID(0x0badc0de0000L + k, 0x8000000000000000L | k);
            default -> {
                int max = column.type().length().orElse(Integer.MAX_VALUE);
                String value = "missing-" + (k + 1);
                value = value.length() <= max ? value : value.substring(value.length() - max);
                if (taken.contains(String.valueOf(normalized(value)))) {
                    throw SeedErrors.impossibleDefect(defect, "no value of " + table.name() + "." + column.name() + " ("
                            + column.type() + ") both fits and is missing from " + relation.parent().name(),
                            "plant fewer orphans, or widen the column");
                }
                yield value;
            }
        };
    }

    /**
     * Numbers missing from the parent and inside the column's range: well above the parent's highest key where
     * there is room, then the free numbers counting down from there.
     */
    private IntFunction<Object> missingNumbers(Defect defect, Column column, List<Object[]> parentKeys, int generated) {
        BigInteger top = column.type().maxInteger().orElse(BigInteger.valueOf(Long.MAX_VALUE));
        BigInteger bottom = column.type().minInteger().orElse(BigInteger.valueOf(Long.MIN_VALUE));
        BigInteger existing = maxNumber(parentKeys);
        BigInteger highest = existing.add(BigInteger.valueOf(generated));
        BigInteger start = highest.add(BigInteger.valueOf(1_000_000L)).compareTo(top) <= 0
                ? highest.add(BigInteger.valueOf(1_000_000L)) : highest.add(BigInteger.ONE).min(top.add(BigInteger.ONE));
        long above = top.subtract(start).add(BigInteger.ONE).max(BigInteger.ZERO).min(BigInteger.valueOf(Integer.MAX_VALUE))
                .longValue();
        Set<BigInteger> taken = new HashSet<>();
        parentKeys.forEach(key -> {
            if (key[0] instanceof Number n) {
                taken.add(new BigDecimal(n.toString()).toBigInteger());
            }
        });
        List<Long> below = new ArrayList<>();
        BigInteger[] next = {start.subtract(BigInteger.ONE)};
        return k -> {
            if (k < above) {
                return start.add(BigInteger.valueOf(k)).longValueExact();
            }
            int wanted = (int) (k - above);
            while (below.size() <= wanted && next[0].compareTo(bottom) >= 0) {
                boolean generatedHere = next[0].compareTo(existing) > 0 && next[0].compareTo(highest) <= 0;
                if (!taken.contains(next[0]) && !generatedHere) {
                    below.add(next[0].longValueExact());
                }
                next[0] = next[0].subtract(BigInteger.ONE);
            }
            if (below.size() <= wanted) {
                throw SeedErrors.impossibleDefect(defect, "the range of " + table.name() + "." + column.name() + " ("
                        + column.type() + ") holds only " + (above + below.size()) + " value(s) missing from the parent",
                        "plant fewer orphans, or widen the column");
            }
            return below.get(wanted);
        };
    }

    private static BigInteger maxNumber(List<Object[]> keys) {
        BigInteger max = BigInteger.ZERO;
        for (Object[] key : keys) {
            if (key[0] instanceof Number n) {
                BigInteger value = new BigDecimal(n.toString()).toBigInteger();
                if (value.compareTo(max) > 0) {
                    max = value;
                }
            }
        }
        return max;
    }

    private List<Object> keyOf(Object[] row, int[] pk, int r) {
        if (pk == null) {
            return List.of(r + 1);
        }
        List<Object> key = new ArrayList<>();
        for (int index : pk) {
            key.add(index < 0 ? null : row[index]);
        }
        return key;
    }

    /** Keys the engine generated for this seed's rows, in row order. */
    private List<Object> newEngineKeys() throws SQLException {
        String column = table.primaryKey().orElseThrow().columns().get(0);
        List<Object> all = new ArrayList<>();
        try (Statement st = loader.connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + loader.quote(column) + " FROM " + loader.quote(table.name())
                        + " ORDER BY " + loader.quote(column))) {
            while (rs.next()) {
                all.add(rs.getObject(1));
            }
        }
        return all.subList(Math.max(0, all.size() - rows), all.size());
    }

    /** PostgreSQL: move serial and identity sequences past the values loaded, so later inserts do not collide. */
    private void resetSequences() throws SQLException {
        if (engine != Engine.POSTGRESQL) {
            return;
        }
        for (Column column : columns) {
            if (column.generation() == Column.Generation.BY_DEFAULT && column.type().kind() == Kind.INTEGER) {
                String sql = "SELECT setval(pg_get_serial_sequence(?, ?), (SELECT COALESCE(MAX(" + loader.quote(column.name())
                        + "), 0) + 1 FROM " + loader.quote(table.name()) + "), false)";
                try (PreparedStatement st = loader.connection.prepareStatement(sql)) {
                    st.setString(1, loader.quote(table.name()));
                    st.setString(2, column.name());
                    st.execute();
                }
            }
        }
    }

    private static double nullRate(Column column) {
        String name = column.name().toLowerCase(Locale.ROOT);
        if (name.matches(".*(deleted|ended|end|finished|completed|closed|archived|cancel+ed|expire[sd]?)(_at|_on|_time|_date)?")
                || name.startsWith("middle")) {
            return 0.6;
        }
        if (name.matches(".*(bio|notes?|comments?|description|remarks|about)")) {
            return 0.2;
        }
        return 0.1;
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

    /** NULL at a realistic rate, else the wrapped generator's value. */
    private static final class Nulls implements ColumnGenerator {
        private final ColumnGenerator generator;
        private final double rate;
        private final SplittableRandom random;

        Nulls(ColumnGenerator generator, double rate, SplittableRandom random) {
            this.generator = generator;
            this.rate = rate;
            this.random = random;
        }

        @Override
        public Object next(long row) {
            return random.nextDouble() < rate ? null : generator.next(row);
        }
    }

    /** What the table held before this seed. */
    static final class Existing {
        final long count;
        private final Map<String, Long> maxima;

        private Existing(long count, Map<String, Long> maxima) {
            this.count = count;
            this.maxima = maxima;
        }

        static Existing read(Connection connection, Loader loader, Table table) throws SQLException {
            long count;
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + loader.quote(table.name()))) {
                rs.next();
                count = rs.getLong(1);
            }
            Map<String, Long> maxima = new HashMap<>();
            if (count > 0) {
                for (Column column : table.columns()) {
                    if (column.type().kind() == Kind.INTEGER) {
                        try (Statement st = connection.createStatement();
                                ResultSet rs = st.executeQuery("SELECT MAX(" + loader.quote(column.name()) + ") FROM "
                                        + loader.quote(table.name()))) {
                            rs.next();
                            maxima.put(key(column.name()), rs.getLong(1));
                        }
                    }
                }
            }
            return new Existing(count, maxima);
        }

        /** Where values unique by construction start: past the maximum for integers, past the row count otherwise. */
        long uniqueStart(Column column) {
            return column.type().kind() == Kind.INTEGER ? maxima.getOrDefault(key(column.name()), 0L) : count;
        }

        Set<List<Object>> tuples(Connection connection, Loader loader, Table table, List<String> columns,
                boolean caseInsensitiveText) throws SQLException {
            Set<List<Object>> tuples = new HashSet<>();
            if (count == 0) {
                return tuples;
            }
            String list = String.join(", ", columns.stream().map(loader::quote).toList());
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT " + list + " FROM " + loader.quote(table.name()))) {
                while (rs.next()) {
                    Object[] values = new Object[columns.size()];
                    boolean hasNull = false;
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getObject(i + 1);
                        hasNull |= values[i] == null;
                        values[i] = values[i] == null ? null : normalized(values[i], caseInsensitiveText);
                    }
                    if (!hasNull) {
                        tuples.add(Arrays.asList(values));
                    }
                }
            }
            return tuples;
        }
    }
}
