package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What to put in a rehearsal database: realistic rows for every table, how many, which columns take given values,
 * which tables stay empty, and which defects to plant. Immutable: each method returns a new plan, so one plan
 * serves several tests and engines.
 *
 * <pre>{@code
 * SeedPlan plan = SeedPlan.withSeed(42)
 *         .rows("customers", 2_000)
 *         .rows("orders", 8_000)
 *         .override("orders", "status", ColumnValues.oneOf("NEW", "PAID"))
 *         .defect(Defect.orphans("orders", "customer_id").count(5));
 * SeedReport report = rehearsal.seed(plan);
 * }</pre>
 *
 * <p>The same seed on the same schema gives the same rows.
 *
 * @since 0.1
 */
public final class SeedPlan {

    /** Rows per table when a plan does not say. */
    public static final int DEFAULT_ROWS = 100;

    private final long seed;
    private final int defaultRows;
    private final Map<String, Integer> rows;
    private final Set<String> skipped;
    private final Map<String, Map<String, ColumnValues>> overrides;
    private final List<Defect> defects;
    private final Hints hints;

    /** What realistic data holds in practice though the schema does not say so. */
    private record Hints(Map<String, Map<String, Double>> nullRates, Map<String, List<List<String>>> unique) {
        static final Hints NONE = new Hints(Map.of(), Map.of());
    }

    private SeedPlan(long seed, int defaultRows, Map<String, Integer> rows, Set<String> skipped,
            Map<String, Map<String, ColumnValues>> overrides, List<Defect> defects) {
        this(seed, defaultRows, rows, skipped, overrides, defects, Hints.NONE);
    }

    private SeedPlan(long seed, int defaultRows, Map<String, Integer> rows, Set<String> skipped,
            Map<String, Map<String, ColumnValues>> overrides, List<Defect> defects, Hints hints) {
        this.seed = seed;
        this.defaultRows = defaultRows;
        this.rows = Collections.unmodifiableMap(rows);
        this.skipped = Collections.unmodifiableSet(skipped);
        this.overrides = Collections.unmodifiableMap(overrides);
        this.defects = List.copyOf(defects);
        this.hints = hints;
    }

    /**
     * Start a plan: {@value #DEFAULT_ROWS} rows in every table, no overrides, no defects.
     *
     * @param seed the seed the rows derive from
     * @return the plan
     */
    public static SeedPlan withSeed(long seed) {
        return new SeedPlan(seed, DEFAULT_ROWS, new LinkedHashMap<>(), new LinkedHashSet<>(), new LinkedHashMap<>(),
                List.of());
    }

    /**
     * Seed this many rows into a table.
     *
     * @param table the table; must not be {@code null}
     * @param count 0 or more
     * @return the new plan
     */
    public SeedPlan rows(String table, int count) {
        requireNonNull(table, "table");
        if (count < 0) {
            throw new IllegalArgumentException("rows(\"" + table + "\", " + count + "): the count must be 0 or more.\nTo fix this, give 0 or more; 0 leaves the table empty.");
        }
        Map<String, Integer> newRows = new LinkedHashMap<>(rows);
        newRows.put(key(table), count);
        return new SeedPlan(seed, defaultRows, newRows, skipped, overrides, defects, hints);
    }

    /**
     * Seed this many rows into every table the plan does not name.
     *
     * @param count 0 or more
     * @return the new plan
     */
    public SeedPlan defaultRows(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("defaultRows(" + count + "): the count must be 0 or more.\nTo fix this, give 0 or more; 0 leaves the table empty.");
        }
        return new SeedPlan(seed, count, new LinkedHashMap<>(rows), skipped, overrides, defects, hints);
    }

    /**
     * Leave tables empty.
     *
     * @param tables the tables; none {@code null}
     * @return the new plan
     */
    public SeedPlan skip(String... tables) {
        Set<String> newSkipped = new LinkedHashSet<>(skipped);
        for (String table : tables) {
            newSkipped.add(key(requireNonNull(table, "table")));
        }
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), newSkipped, overrides, defects, hints);
    }

    /**
     * Give a column these values instead of generated ones.
     *
     * @param table the table; must not be {@code null}
     * @param column the column; must not be {@code null}
     * @param values the values; must not be {@code null}
     * @return the new plan
     */
    public SeedPlan override(String table, String column, ColumnValues values) {
        requireNonNull(values, "values");
        Map<String, Map<String, ColumnValues>> newOverrides = new LinkedHashMap<>();
        overrides.forEach((t, columns) -> newOverrides.put(t, new LinkedHashMap<>(columns)));
        newOverrides.computeIfAbsent(key(requireNonNull(table, "table")), t -> new LinkedHashMap<>())
                .put(key(requireNonNull(column, "column")), values);
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, newOverrides, defects, hints);
    }

    /**
     * Plant a defect.
     *
     * @param defect the defect; must not be {@code null}
     * @return the new plan
     */
    public SeedPlan defect(Defect defect) {
        List<Defect> newDefects = new ArrayList<>(defects);
        newDefects.add(requireNonNull(defect, "defect"));
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, overrides, newDefects, hints);
    }

    /**
     * Plant these defects, e.g. those {@link BreakingData#asDefects()} derived from the next migration.
     *
     * @param defects the defects, in order; none may be {@code null}
     * @return the new plan
     */
    public SeedPlan defects(java.util.Collection<Defect> defects) {
        List<Defect> newDefects = new ArrayList<>(this.defects);
        defects.forEach(d -> newDefects.add(requireNonNull(d, "defect")));
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, overrides, newDefects, hints);
    }

    /**
     * Say how often a nullable column is NULL in realistic rows, in place of the rate guessed from its name (end dates
     * often, notes sometimes, others one row in ten). {@code 0} declares the column required in practice: the
     * application always fills it, though the schema allows NULL, so a migration that makes it NOT NULL is not
     * expected to meet NULLs.
     *
     * @param table the table; must not be {@code null}
     * @param column the column; must not be {@code null}
     * @param rate from 0 (never NULL) to 1 (always)
     * @return the new plan
     * @throws IllegalArgumentException if the rate is outside [0, 1]
     */
    public SeedPlan nullRate(String table, String column, double rate) {
        requireNonNull(table, "table");
        requireNonNull(column, "column");
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("nullRate(\"" + table + "\", \"" + column + "\", " + rate + "): a rate is a"
                    + " share of the rows.\nTo fix this, give a value from 0 (never NULL) to 1 (always NULL).");
        }
        Map<String, Map<String, Double>> rates = new LinkedHashMap<>();
        hints.nullRates().forEach((t, columns) -> rates.put(t, new LinkedHashMap<>(columns)));
        rates.computeIfAbsent(key(table), t -> new LinkedHashMap<>()).put(key(column), rate);
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, overrides, defects,
                new Hints(rates, hints.unique()));
    }

    /**
     * Declare a column required in practice: never NULL in realistic rows, as {@code nullRate(table, column, 0)}.
     *
     * @param table the table; must not be {@code null}
     * @param column the column; must not be {@code null}
     * @return the new plan
     */
    public SeedPlan requiredInPractice(String table, String column) {
        return nullRate(table, column, 0);
    }

    /**
     * Declare columns unique in practice, though no key says so: a relation that is one-to-one in practice
     * ({@code profiles.user_id}), a code the application never repeats. Realistic rows then hold distinct values
     * there, so a migration that adds the key is not expected to meet duplicates.
     *
     * @param table the table; must not be {@code null}
     * @param columns the columns whose values together do not repeat; at least one
     * @return the new plan
     * @throws IllegalArgumentException if no column is given
     */
    public SeedPlan uniqueInPractice(String table, String... columns) {
        requireNonNull(table, "table");
        if (columns.length == 0) {
            throw new IllegalArgumentException("uniqueInPractice(\"" + table + "\"): no column is given.\nTo fix this,"
                    + " name the columns whose values do not repeat, e.g. uniqueInPractice(\"profiles\", \"user_id\").");
        }
        Map<String, List<List<String>>> unique = new LinkedHashMap<>();
        hints.unique().forEach((t, sets) -> unique.put(t, new ArrayList<>(sets)));
        unique.computeIfAbsent(key(table), t -> new ArrayList<>())
                .add(java.util.Arrays.stream(columns).map(c -> key(requireNonNull(c, "column"))).toList());
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, overrides, defects,
                new Hints(hints.nullRates(), unique));
    }

    /**
     * Return the NULL rate given for a column with {@link #nullRate}.
     *
     * @param table the table; must not be {@code null}
     * @param column the column; must not be {@code null}
     * @return the rate, if the plan gives one
     */
    public java.util.OptionalDouble nullRateFor(String table, String column) {
        Double rate = hints.nullRates().getOrDefault(key(table), Map.of()).get(key(column));
        return rate == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(rate);
    }

    /**
     * Return the column sets declared {@linkplain #uniqueInPractice unique in practice} for a table.
     *
     * @param table the table; must not be {@code null}
     * @return the sets, lower-case; empty when none
     */
    public List<List<String>> uniqueInPracticeFor(String table) {
        return hints.unique().getOrDefault(key(table), List.of());
    }

    /** @return the NULL rates given with {@link #nullRate}, by lower-case table and column name */
    public Map<String, Map<String, Double>> nullRates() {
        return hints.nullRates();
    }

    /** @return the column sets declared unique in practice, by lower-case table name */
    public Map<String, List<List<String>>> uniqueInPractice() {
        return hints.unique();
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return rows for tables the plan does not name */
    public int defaultRows() {
        return defaultRows;
    }

    /**
     * Return the row count named for a table.
     *
     * @param table the table; must not be {@code null}
     * @return the count, if the plan names one
     */
    public OptionalInt rowsFor(String table) {
        Integer count = rows.get(key(table));
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    /** @return the row counts the plan names, by lower-case table name */
    public Map<String, Integer> rows() {
        return rows;
    }

    /** @return the tables left empty, lower-case */
    public Set<String> skipped() {
        return skipped;
    }

    /** @return the overrides, by lower-case table and column name */
    public Map<String, Map<String, ColumnValues>> overrides() {
        return overrides;
    }

    /** @return the defects, in order */
    public List<Defect> defects() {
        return defects;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Compare by value: equal plans seed the same rows into the same schema, which is what lets rehearsals share a
     * cached state. Overrides compare as {@link ColumnValues#equals} does (a function only to itself).
     *
     * @param other the other object
     * @return whether it is a plan with the same seed, rows, skipped tables, overrides, defects and hints
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof SeedPlan p && seed == p.seed && defaultRows == p.defaultRows && rows.equals(p.rows)
                && skipped.equals(p.skipped) && overrides.equals(p.overrides) && defects.equals(p.defects)
                && hints.equals(p.hints);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(seed, defaultRows, rows, skipped, overrides, defects, hints);
    }

    @Override
    public String toString() {
        return "SeedPlan[seed " + seed + ", rows " + rows + ", default " + defaultRows + ", skipped " + skipped
                + ", overrides " + overrides + ", defects " + defects
                + (hints.equals(Hints.NONE) ? "" : ", null rates " + hints.nullRates() + ", unique in practice "
                        + hints.unique()) + "]";
    }
}
