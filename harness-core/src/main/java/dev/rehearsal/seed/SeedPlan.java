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

    private SeedPlan(long seed, int defaultRows, Map<String, Integer> rows, Set<String> skipped,
            Map<String, Map<String, ColumnValues>> overrides, List<Defect> defects) {
        this.seed = seed;
        this.defaultRows = defaultRows;
        this.rows = Collections.unmodifiableMap(rows);
        this.skipped = Collections.unmodifiableSet(skipped);
        this.overrides = Collections.unmodifiableMap(overrides);
        this.defects = List.copyOf(defects);
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
        return new SeedPlan(seed, defaultRows, newRows, skipped, overrides, defects);
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
        return new SeedPlan(seed, count, new LinkedHashMap<>(rows), skipped, overrides, defects);
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
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), newSkipped, overrides, defects);
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
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, newOverrides, defects);
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
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, overrides, newDefects);
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
        return new SeedPlan(seed, defaultRows, new LinkedHashMap<>(rows), skipped, overrides, newDefects);
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

    @Override
    public String toString() {
        return "SeedPlan[seed " + seed + ", rows " + rows + ", default " + defaultRows + ", skipped " + skipped
                + ", overrides " + overrides + ", defects " + defects + "]";
    }
}
