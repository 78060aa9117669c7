package dev.rehearsal.data.internal;

import dev.rehearsal.snapshot.ValueText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The column sets a table's generated rows must keep distinct (its unique keys, and the columns of duplicates that are
 * to be the only ones), with every combination seen so far, the table's existing rows included. Values compare as
 * a unique index compares them: by {@link ValueText} (1, 1L and 1.00 are one value), and where the engine's
 * collation ignores case and trailing spaces, text without them.
 */
final class UniqueSets {

    private final List<int[]> sets = new ArrayList<>();
    private final List<Set<List<Object>>> seen = new ArrayList<>();
    private final List<Boolean> caseless = new ArrayList<>();

    /** Keep these columns distinct, starting from the combinations already in the table. */
    void track(int[] columns, Set<List<Object>> existing, boolean caselessText) {
        sets.add(columns);
        seen.add(existing);
        caseless.add(caselessText);
    }

    /** Whether the row repeats no tracked combination; if so, its combinations are remembered. */
    boolean accept(Object[] row) {
        List<List<Object>> tuples = new ArrayList<>(sets.size());
        for (int s = 0; s < sets.size(); s++) {
            List<Object> tuple = tuple(row, sets.get(s), caseless.get(s));
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

    /** The column sets whose combination in this row was seen before. */
    List<int[]> colliding(Object[] row) {
        List<int[]> colliding = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            List<Object> tuple = tuple(row, sets.get(s), caseless.get(s));
            if (tuple != null && seen.get(s).contains(tuple)) {
                colliding.add(sets.get(s));
            }
        }
        return colliding;
    }

    /** e.g. {@code (email) or (first_name, last_name)}. */
    String describe(List<String> names) {
        return sets.stream().map(set -> "(" + String.join(", ", Arrays.stream(set).mapToObj(names::get).toList()) + ")")
                .reduce((a, b) -> a + " or " + b).orElse("");
    }

    /** The combination of a row in some columns, compared as a unique index compares; {@code null} if one is NULL. */
    static List<Object> tuple(Object[] row, int[] indexes, boolean caselessText) {
        Object[] values = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            Object value = row[indexes[i]];
            if (value == null) {
                return null; // NULLs never collide
            }
            values[i] = comparable(value, caselessText);
        }
        return Arrays.asList(values);
    }

    /** A value as a unique index compares it. */
    static String comparable(Object value, boolean caselessText) {
        String text = ValueText.of(value);
        return caselessText && value instanceof String ? text.stripTrailing().toLowerCase(Locale.ROOT) : text;
    }
}
