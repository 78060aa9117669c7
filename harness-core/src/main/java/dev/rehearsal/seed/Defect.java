package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A deliberate inconsistency to plant in seeded data, aimed at a table and column, in a count or a ratio of the
 * table's seeded rows. Immutable: each {@code with}-style method returns a new defect.
 *
 * <pre>{@code
 * Defect.orphans("orders", "customer_id").count(5)
 * Defect.tooLong("customers", "name", 20).ratio(0.01)
 * Defect.violating("order_lines", "quantity > 0").count(3)
 * }</pre>
 *
 * <p>A defect that the current schema makes impossible (NULLs in a NOT NULL column, duplicates under a unique
 * key, strings longer than the column) is an error naming the table, column and reason. Orphans in a column that
 * already has a foreign key are planted only with {@link #bypassingConstraints()}, the way legacy data was loaded
 * with checks off.
 *
 * @since 0.1
 */
public final class Defect {

    /** The kinds whose realistic rows cannot be kept free of the defect: what valid free text is, is not known. */
    private static final Set<DefectKind> FREE_TEXT_KINDS = EnumSet.of(DefectKind.NOT_CASTABLE, DefectKind.INVALID_DATES,
            DefectKind.INVALID_JSON, DefectKind.INVALID_UUID);

    private final DefectKind kind;
    private final String table;
    private final List<String> columns;
    private final OptionalInt count;
    private final OptionalDouble ratio;
    private final boolean bypass;
    private final OptionalInt length;
    private final OptionalInt precision;
    private final OptionalInt scale;
    private final Optional<String> parent;
    private final Optional<String> castType;
    private final List<String> labels;
    private final Optional<String> predicate;
    private final boolean onlyPlanted;

    private Defect(DefectKind kind, String table, List<String> columns, OptionalInt count, OptionalDouble ratio,
            boolean bypass, OptionalInt length, OptionalInt precision, OptionalInt scale, Optional<String> parent,
            Optional<String> castType, List<String> labels, Optional<String> predicate, boolean onlyPlanted) {
        this.kind = kind;
        this.table = requireNonNull(table, "table");
        this.columns = List.copyOf(columns);
        this.count = count;
        this.ratio = ratio;
        this.bypass = bypass;
        this.length = length;
        this.precision = precision;
        this.scale = scale;
        this.parent = parent;
        this.castType = castType;
        this.labels = List.copyOf(labels);
        this.predicate = predicate;
        this.onlyPlanted = onlyPlanted;
    }

    private static Defect of(DefectKind kind, String table, List<String> columns) {
        return new Defect(kind, table, columns, OptionalInt.of(1), OptionalDouble.empty(), false, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), false);
    }

    /**
     * References to parent rows that do not exist. For a column without a foreign key yet, the parent is the table
     * the column is named after ({@code customer_id} references {@code customers}) or one given with
     * {@link #referencing(String)}; for a column with one, add {@link #bypassingConstraints()}.
     *
     * @param table the child table; must not be {@code null}
     * @param column the referencing column; must not be {@code null}
     * @return the defect
     */
    public static Defect orphans(String table, String column) {
        return of(DefectKind.ORPHANS, table, List.of(column));
    }

    /**
     * NULLs in a nullable column.
     *
     * @param table the table; must not be {@code null}
     * @param column the column; must not be {@code null}
     * @return the defect
     */
    public static Defect nulls(String table, String column) {
        return of(DefectKind.NULLS, table, List.of(column));
    }

    /**
     * Rows that repeat the values of other rows in these columns.
     *
     * @param table the table; must not be {@code null}
     * @param columns the columns a future UNIQUE would cover; at least one
     * @return the defect
     */
    public static Defect duplicates(String table, String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("Defect.duplicates(\"" + table + "\"): no column is given.\nTo fix this, name"
                    + " the columns a future UNIQUE would cover, e.g. duplicates(\"" + table + "\", \"email\").");
        }
        return of(DefectKind.DUPLICATES, table, List.of(columns));
    }

    /**
     * Values that repeat other rows' values but for letter case, e.g. {@code Ada@example.com} next to
     * {@code ada@example.com}.
     *
     * @param table the table; must not be {@code null}
     * @param column a character column; must not be {@code null}
     * @return the defect
     */
    public static Defect caseDuplicates(String table, String column) {
        return of(DefectKind.CASE_DUPLICATES, table, List.of(column));
    }

    /**
     * Values that repeat other rows' values but for a trailing space.
     *
     * @param table the table; must not be {@code null}
     * @param column a character column; must not be {@code null}
     * @return the defect
     */
    public static Defect whitespaceDuplicates(String table, String column) {
        return of(DefectKind.WHITESPACE_DUPLICATES, table, List.of(column));
    }

    /**
     * Strings longer than a future length, within the column's current one.
     *
     * @param table the table; must not be {@code null}
     * @param column a character column; must not be {@code null}
     * @param futureLength the length a migration will narrow the column to
     * @return the defect
     */
    public static Defect tooLong(String table, String column, int futureLength) {
        return of(DefectKind.TOO_LONG, table, List.of(column)).with(OptionalInt.of(futureLength), OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * Numbers that do not fit a future precision and scale, within the column's current type.
     *
     * @param table the table; must not be {@code null}
     * @param column a numeric column; must not be {@code null}
     * @param futurePrecision the future total number of digits, e.g. 5 for {@code numeric(5,2)}
     * @param futureScale the future number of digits after the point, e.g. 2
     * @return the defect
     */
    public static Defect outOfRange(String table, String column, int futurePrecision, int futureScale) {
        return of(DefectKind.OUT_OF_RANGE, table, List.of(column)).with(OptionalInt.empty(), OptionalInt.of(futurePrecision),
                OptionalInt.of(futureScale), Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * Text that will not cast to a future type.
     *
     * @param table the table; must not be {@code null}
     * @param column a character column; must not be {@code null}
     * @param targetType one of {@code integer}, {@code numeric}, {@code boolean}, {@code date}, {@code timestamp},
     *     {@code uuid}, {@code json}
     * @return the defect
     */
    public static Defect notCastable(String table, String column, String targetType) {
        return of(DefectKind.NOT_CASTABLE, table, List.of(column)).with(OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), Optional.of(requireNonNull(targetType, "targetType")), List.of(), Optional.empty());
    }

    /**
     * Text that is not a valid date: {@code 2024-13-45}, {@code 2023-02-30}, {@code not a date}.
     *
     * @param table the table; must not be {@code null}
     * @param column a character column; must not be {@code null}
     * @return the defect
     */
    public static Defect invalidDates(String table, String column) {
        return of(DefectKind.INVALID_DATES, table, List.of(column));
    }

    /**
     * Labels outside the set a future enum or check will allow.
     *
     * @param table the table; must not be {@code null}
     * @param column a character or enum column; must not be {@code null}
     * @param futureLabels the labels that will be allowed
     * @return the defect
     */
    public static Defect outsideLabels(String table, String column, String... futureLabels) {
        return of(DefectKind.OUTSIDE_LABELS, table, List.of(column)).with(OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), List.of(futureLabels), Optional.empty());
    }

    /**
     * Rows that violate a future CHECK predicate on one column: comparisons with a number
     * ({@code quantity > 0}), {@code BETWEEN}, {@code IN (...)}, and {@code length(x)} comparisons.
     *
     * @param table the table; must not be {@code null}
     * @param predicate the predicate a migration will add, e.g. {@code "quantity > 0"}
     * @return the defect
     */
    public static Defect violating(String table, String predicate) {
        return of(DefectKind.VIOLATING_CHECK, table, List.of()).with(OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), List.of(), Optional.of(requireNonNull(predicate, "predicate")));
    }

    /**
     * Text that is not JSON.
     *
     * @param table the table; must not be {@code null}
     * @param column a character column; must not be {@code null}
     * @return the defect
     */
    public static Defect invalidJson(String table, String column) {
        return of(DefectKind.INVALID_JSON, table, List.of(column));
    }

    /**
     * Text that is not a UUID.
     *
     * @param table the table; must not be {@code null}
     * @param column a character column; must not be {@code null}
     * @return the defect
     */
    public static Defect invalidUuid(String table, String column) {
        return of(DefectKind.INVALID_UUID, table, List.of(column));
    }

    /**
     * Plant the defect in this many rows.
     *
     * @param rows at least 1
     * @return the defect with that count
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public Defect count(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("count(" + rows + ") on " + this + ": a defect is planted in 1 row or more.\n"
                    + "To fix this, give 1 or more, or a share of the rows with ratio(...).");
        }
        return new Defect(kind, table, columns, OptionalInt.of(rows), OptionalDouble.empty(), bypass, length, precision,
                scale, parent, castType, labels, predicate, onlyPlanted);
    }

    /**
     * Plant the defect in this share of the table's seeded rows (at least one row).
     *
     * @param share above 0 and at most 1
     * @return the defect with that ratio
     * @throws IllegalArgumentException if {@code share} is not in (0, 1]
     */
    public Defect ratio(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("ratio(" + share + ") on " + this + ": a ratio is a share of the seeded rows.\n"
                    + "To fix this, give a value above 0 and at most 1, e.g. ratio(0.01), or a number of rows with count(...).");
        }
        return new Defect(kind, table, columns, OptionalInt.empty(), OptionalDouble.of(share), bypass, length, precision,
                scale, parent, castType, labels, predicate, onlyPlanted);
    }

    /**
     * Plant the defect past the constraints that would refuse it, as legacy data loaded with checks off: foreign
     * keys are not checked while the rows are loaded (MySQL family {@code foreign_key_checks = 0}; PostgreSQL
     * {@code session_replication_role = replica}, which needs a superuser).
     *
     * <p>Only orphans meet a constraint that can be switched off while rows are loaded; NOT NULL, UNIQUE, CHECK and
     * column types hold whatever the load mode, so every other kind refuses this at the call.
     *
     * @return the defect, bypassing constraints
     * @throws IllegalArgumentException if the defect is not orphans
     */
    public Defect bypassingConstraints() {
        if (kind != DefectKind.ORPHANS) {
            throw new IllegalArgumentException("bypassingConstraints() on " + this + ": only orphans meet a constraint"
                    + " that can be switched off while rows are loaded (a foreign key); " + kind + " meets NOT NULL,"
                    + " UNIQUE, CHECK or the column's type, which hold whatever the load mode.\nTo fix this, remove"
                    + " .bypassingConstraints(), and plant the defect at a version before the constraint exists.");
        }
        return new Defect(kind, table, columns, count, ratio, true, length, precision, scale, parent, castType, labels,
                predicate, onlyPlanted);
    }

    /**
     * Make the planted rows the only ones with this defect in its column(s): the realistic rows around them are
     * generated free of it. By default realistic data may hold the same kind of inconsistency on its own (a nullable
     * column is NULL in about one row in ten, a column without a unique key repeats values, a wide column holds long
     * strings), which is right for finding failures, and wrong for a test meant to prove that exactly these rows
     * break a migration.
     *
     * <p>Per kind, the realistic rows: {@code NULLS} never NULL; {@code DUPLICATES}, {@code CASE_DUPLICATES},
     * {@code WHITESPACE_DUPLICATES} distinct (case-insensitively for case duplicates); {@code TOO_LONG} at most the
     * future length; {@code OUT_OF_RANGE} inside the future precision; {@code OUTSIDE_LABELS} among the future labels;
     * {@code VIOLATING_CHECK} satisfying the predicate; {@code ORPHANS} always referencing a parent (as they already
     * do). The other kinds ({@code NOT_CASTABLE}, {@code INVALID_DATES}, {@code INVALID_JSON}, {@code INVALID_UUID})
     * refuse this at the call: what the realistic rows of a free-text column hold is not known to be valid, so
     * give that column values of your own with {@link SeedPlan#override}.
     *
     * @return the defect, the only one of its kind in its column(s)
     * @throws IllegalArgumentException for {@code NOT_CASTABLE}, {@code INVALID_DATES}, {@code INVALID_JSON} and
     *     {@code INVALID_UUID}
     */
    public Defect onlyPlantedRows() {
        if (FREE_TEXT_KINDS.contains(kind)) {
            String column = columns.get(0);
            throw new IllegalArgumentException("onlyPlantedRows() on " + this + ": the realistic rows of " + table + "."
                    + column + " would have to be valid, and the generator cannot tell what valid means for a free-text"
                    + " column.\nTo fix this, give the column valid values with SeedPlan.override(\"" + table + "\", \""
                    + column + "\", ...), and remove .onlyPlantedRows().");
        }
        return new Defect(kind, table, columns, count, ratio, bypass, length, precision, scale, parent, castType, labels,
                predicate, true);
    }

    /**
     * Name the parent table of {@link #orphans(String, String)} for a column with no foreign key yet, when the
     * column's name does not say it.
     *
     * @param parentTable the table the column will reference; must not be {@code null}
     * @return the defect
     * @throws IllegalArgumentException if the defect is not orphans: no other kind has a parent table
     */
    public Defect referencing(String parentTable) {
        requireNonNull(parentTable, "parentTable");
        if (kind != DefectKind.ORPHANS) {
            throw new IllegalArgumentException("referencing(\"" + parentTable + "\") on " + this + ": only orphans have"
                    + " a parent table; " + kind + " has none.\nTo fix this, remove .referencing(...), or plant"
                    + " Defect.orphans(table, column).referencing(\"" + parentTable + "\").");
        }
        return with(length, precision, scale, Optional.of(parentTable), labels, predicate);
    }

    private Defect with(OptionalInt newLength, OptionalInt newPrecision, OptionalInt newScale, Optional<String> type,
            List<String> newLabels, Optional<String> newPredicate) {
        return new Defect(kind, table, columns, count, ratio, bypass, newLength, newPrecision, newScale,
                kind == DefectKind.ORPHANS ? type : Optional.empty(), kind == DefectKind.NOT_CASTABLE ? type : Optional.empty(),
                newLabels, newPredicate, onlyPlanted);
    }

    /** @return the kind */
    public DefectKind kind() {
        return kind;
    }

    /** @return the table */
    public String table() {
        return table;
    }

    /** @return the columns; empty for {@link #violating(String, String)}, whose predicate names its column */
    public List<String> columns() {
        return columns;
    }

    /** @return the number of rows, if given as a count */
    public OptionalInt count() {
        return count;
    }

    /** @return the share of rows, if given as a ratio */
    public OptionalDouble ratio() {
        return ratio;
    }

    /** @return whether constraints are bypassed while planting */
    public boolean bypass() {
        return bypass;
    }

    /** @return the future length of {@link #tooLong} */
    public OptionalInt futureLength() {
        return length;
    }

    /** @return the future precision of {@link #outOfRange} */
    public OptionalInt futurePrecision() {
        return precision;
    }

    /** @return the future scale of {@link #outOfRange} */
    public OptionalInt futureScale() {
        return scale;
    }

    /**
     * Return the parent table named with {@link #referencing(String)}.
     *
     * @return the parent table of orphans; empty for orphans without one and for every other kind
     */
    public Optional<String> parentTable() {
        return parent;
    }

    /**
     * Return the type the values must fail to cast to.
     *
     * @return the cast type of {@link #notCastable}; empty for every other kind
     */
    public Optional<String> castType() {
        return castType;
    }

    /** @return the future labels of {@link #outsideLabels} */
    public List<String> futureLabels() {
        return labels;
    }

    /** @return whether the planted rows are the only defective ones, see {@link #onlyPlantedRows()} */
    public boolean onlyPlanted() {
        return onlyPlanted;
    }

    /** @return the predicate of {@link #violating} */
    public Optional<String> predicate() {
        return predicate;
    }

    /**
     * Compare by value: two defects of the same kind, table, columns, amount and attributes plant the same rows, so
     * plans holding them {@linkplain SeedPlan#equals build the same state}.
     *
     * @param other the other object
     * @return whether it is a defect with the same kind, table, columns, amount and attributes
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Defect d && kind == d.kind && table.equals(d.table) && columns.equals(d.columns)
                && count.equals(d.count) && ratio.equals(d.ratio) && bypass == d.bypass && length.equals(d.length)
                && precision.equals(d.precision) && scale.equals(d.scale) && parent.equals(d.parent)
                && castType.equals(d.castType) && labels.equals(d.labels) && predicate.equals(d.predicate)
                && onlyPlanted == d.onlyPlanted;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, table, columns, count, ratio, bypass, length, precision, scale, parent,
                castType, labels, predicate, onlyPlanted);
    }

    /**
     * Describe the defect, e.g. {@code "5 orphans in orders.customer_id"}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String amount = count.isPresent() ? String.valueOf(count.getAsInt()) : (ratio.getAsDouble() * 100) + "% of";
        String where = table + (columns.isEmpty() ? "" : "." + String.join(",", columns));
        String what = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        String detail = length.isPresent() ? " (longer than " + length.getAsInt() + ")"
                : precision.isPresent() ? " (outside numeric(" + precision.getAsInt() + "," + scale.orElse(0) + "))"
                : !labels.isEmpty() ? " (not in " + labels + ")"
                : predicate.map(p -> " (violating " + p + ")").orElse(parent.map(t -> " (of " + t + ")")
                        .orElse(castType.map(t -> " (as " + t + ")").orElse("")));
        return amount + " " + what + " in " + where + detail + (bypass ? ", bypassing constraints" : "")
                + (onlyPlanted ? ", only in the planted rows" : "");
    }
}
