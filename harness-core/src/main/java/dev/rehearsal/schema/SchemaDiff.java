package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between two schemas: tables, columns and their types, nullability, defaults and generation, primary
 * keys, unique keys, foreign keys, checks and indexes (with their validity), compared by name. Column order is not
 * compared.
 *
 * <pre>{@code
 * SchemaDiff diff = SchemaDiff.between(rehearsal.cleanRunSchema(), rehearsal.schema());
 * assertThat(diff.isEmpty()).as(diff.report()).isTrue();
 * }</pre>
 *
 * @since 0.1
 */
public final class SchemaDiff {

    /**
     * One difference.
     *
     * @param table the table it concerns
     * @param kind what differs: {@code "table"}, {@code "column"}, {@code "primary key"}, {@code "unique key"},
     *     {@code "foreign key"}, {@code "check"} or {@code "index"}
     * @param name the name of what differs: the column, key, constraint or index; the table's for {@code "table"}
     *     and {@code "primary key"}
     * @param expected what the expected schema has, or {@code "absent"}
     * @param actual what the actual schema has, or {@code "absent"}
     * @since 0.1
     */
    public record Difference(String table, String kind, String name, String expected, String actual) {

        /**
         * Create a difference.
         *
         * @param table the table it concerns
         * @param kind what differs, e.g. {@code "index"}
         * @param name the name of what differs, e.g. {@code "idx_orders_status"}
         * @param expected what the expected schema has, or {@code "absent"}
         * @param actual what the actual schema has, or {@code "absent"}
         * @throws NullPointerException if a component is {@code null}
         */
        public Difference {
            requireNonNull(table, "table");
            requireNonNull(kind, "kind");
            requireNonNull(name, "name");
            requireNonNull(expected, "expected");
            requireNonNull(actual, "actual");
        }

        /**
         * Say what differs in words, e.g. {@code "index idx_x"}, {@code "column note"}, {@code "table"}.
         *
         * @return the kind, and the name where it is not the table's
         */
        public String object() {
            return kind.equals("table") || kind.equals("primary key") ? kind : kind + " " + name;
        }

        @Override
        public String toString() {
            return table + ": " + object() + " is " + actual + ", expected " + expected;
        }
    }

    private static final String ABSENT = "absent";

    private final List<Difference> differences;

    private SchemaDiff(List<Difference> differences) {
        this.differences = List.copyOf(differences);
    }

    /**
     * Compare two schemas.
     *
     * @param expected the schema expected, e.g. that of a clean run; must not be {@code null}
     * @param actual the schema found; must not be {@code null}
     * @return the differences
     */
    public static SchemaDiff between(Schema expected, Schema actual) {
        List<Difference> differences = new ArrayList<>();
        Map<String, Table> expectedTables = byName(expected.tables(), Table::name);
        Map<String, Table> actualTables = byName(actual.tables(), Table::name);
        for (String name : union(expectedTables, actualTables)) {
            Table e = expectedTables.get(name);
            Table a = actualTables.get(name);
            if (e == null || a == null) {
                String table = e == null ? a.name() : e.name();
                differences.add(new Difference(table, "table", table, e == null ? ABSENT : "present",
                        a == null ? ABSENT : "present"));
            } else {
                compare(e, a, differences);
            }
        }
        return new SchemaDiff(differences);
    }

    private static void compare(Table e, Table a, List<Difference> differences) {
        String table = e.name();
        compareNamed(table, "column", e.columns(), a.columns(), Column::name, SchemaDiff::describe, differences);
        String ePk = e.primaryKey().map(k -> k.columns().toString()).orElse(ABSENT);
        String aPk = a.primaryKey().map(k -> k.columns().toString()).orElse(ABSENT);
        if (!ePk.equalsIgnoreCase(aPk)) {
            differences.add(new Difference(table, "primary key", table, ePk, aPk));
        }
        compareNamed(table, "unique key", e.uniqueKeys(), a.uniqueKeys(), Key::name, k -> k.columns().toString(),
                differences);
        compareNamed(table, "foreign key", e.foreignKeys(), a.foreignKeys(), ForeignKey::name,
                fk -> fk.columns() + " -> " + fk.referencedTable() + fk.referencedColumns()
                        + (fk.deferrable() ? " deferrable" : "") + (fk.validated() ? "" : " NOT VALID"), differences);
        compareNamed(table, "check", e.checks(), a.checks(), Check::name,
                c -> normalize(c.expression()) + (c.validated() ? "" : " NOT VALID"), differences);
        compareNamed(table, "index", e.indexes(), a.indexes(), Index::name,
                i -> (i.unique() ? "unique " : "") + i.columns() + (i.expression() ? " on expressions" : "")
                        + (i.partial() ? " partial" : "") + (i.valid() ? "" : " INVALID"), differences);
    }

    private static <T> void compareNamed(String table, String kind, List<T> expected, List<T> actual,
            Function<T, String> name, Function<T, String> describe, List<Difference> differences) {
        Map<String, T> e = byName(expected, name);
        Map<String, T> a = byName(actual, name);
        for (String key : union(e, a)) {
            String expectedText = e.containsKey(key) ? describe.apply(e.get(key)) : ABSENT;
            String actualText = a.containsKey(key) ? describe.apply(a.get(key)) : ABSENT;
            if (!expectedText.equals(actualText)) {
                String shown = name.apply(e.containsKey(key) ? e.get(key) : a.get(key));
                differences.add(new Difference(table, kind, shown, expectedText, actualText));
            }
        }
    }

    private static String describe(Column column) {
        return column.type() + (column.nullable() ? " null" : " not null")
                + column.defaultValue().map(d -> " default " + normalize(d)).orElse("")
                + (column.generation() == Column.Generation.NONE ? "" : " generated "
                        + column.generation().name().toLowerCase(Locale.ROOT))
                + column.expression().map(e -> " as (" + normalize(e) + ")").orElse("");
    }

    private static String normalize(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(name.apply(item).toLowerCase(Locale.ROOT), item));
        return map;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys.stream().sorted().toList();
    }

    /**
     * Return the differences, by table.
     *
     * @return the differences; empty when the schemas are equivalent
     */
    public List<Difference> differences() {
        return differences;
    }

    /**
     * Tell whether the schemas are equivalent.
     *
     * @return {@code true} if there is no difference
     */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /**
     * Render the differences, one per line.
     *
     * @return the report; {@code "no differences"} when there is none
     */
    public String report() {
        if (differences.isEmpty()) {
            return "no differences";
        }
        return differences.size() + (differences.size() == 1 ? " difference:" : " differences:")
                + differences.stream().map(d -> "\n  " + d).collect(Collectors.joining());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaDiff that && differences.equals(that.differences);
    }

    @Override
    public int hashCode() {
        return Objects.hash(differences);
    }

    @Override
    public String toString() {
        return report();
    }
}
