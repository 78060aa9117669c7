package dev.rehearsal.data.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Fills a relation's columns with keys of parent rows: skewed so that a few parents own many children, as in real
 * data; one parent per child for a one-to-one relation; earlier rows of the same table for a self-reference; NULL
 * for a relation given up to break a cycle.
 */
final class Picker {

    private static final double NULL_RATE = 0.1;

    final int[] childColumns;
    private final Relation relation;
    private final List<Object[]> parents;
    private final int[] selfKey;
    private boolean nullable;
    private final boolean oneToOne;
    private final boolean alwaysNull;
    private final SplittableRandom random;

    private Picker(Relation relation, int[] childColumns, List<Object[]> parents, int[] selfKey, boolean oneToOne,
            boolean alwaysNull, long seed) {
        this.relation = relation;
        this.childColumns = childColumns;
        this.parents = parents;
        this.selfKey = selfKey;
        this.nullable = relation.nullable();
        this.oneToOne = oneToOne;
        this.alwaysNull = alwaysNull;
        this.random = new SplittableRandom(Seeds.mix(seed, relation.child().name(), "relation:" + relation.columns()));
    }

    /**
     * The picker of a relation, or {@code null} when its columns are better left to their own generators (an
     * inferred relation without parents, or given up to break a cycle).
     */
    static Picker of(Relation relation, boolean dropped, List<String> names, KeyStore keys, long seed, int rows,
            List<List<String>> uniqueInPractice) throws SQLException {
        int[] childColumns = indexes(relation.columns(), names);
        if (childColumns == null) {
            return null;
        }
        if (dropped) {
            return relation.inferred() ? null : new Picker(relation, childColumns, List.of(), null, false, true, seed);
        }
        List<Object[]> parents = new ArrayList<>(keys.keys(relation.parent().name(), relation.parentColumns()));
        if (relation.selfReference()) {
            return new Picker(relation, childColumns, parents, indexes(relation.parentColumns(), names), false, false, seed);
        }
        if (parents.isEmpty()) {
            if (relation.inferred()) {
                return null;
            }
            if (relation.nullable()) {
                return new Picker(relation, childColumns, parents, null, false, true, seed);
            }
            throw SeedErrors.cannotFill(relation.child(), relation + " must reference rows of " + relation.parent().name()
                    + ", which has none", "seed " + relation.parent().name() + " too, or skip " + relation.child().name());
        }
        Set<String> wanted = lower(relation.columns());
        boolean oneToOne = java.util.stream.Stream.concat(relation.child().uniqueColumnSets().stream(),
                uniqueInPractice.stream()).anyMatch(set -> lower(set).equals(wanted));
        if (oneToOne && rows > parents.size()) {
            throw SeedErrors.cannotFill(relation.child(), "each row of it takes its own parent through " + relation
                    + ", and " + relation.parent().name() + " has only " + parents.size() + " rows for the " + rows
                    + " asked for", "seed at most " + parents.size() + " rows into " + relation.child().name());
        }
        return new Picker(relation, childColumns, parents, null, oneToOne, false, seed);
    }

    /** Never leave the columns NULL: a NULLS defect there is to be the only NULLs. */
    void neverNull() {
        nullable = false;
    }

    /** Whether the relation's columns are NULL in every row (its parent is seeded later, to break a cycle). */
    boolean alwaysNull() {
        return alwaysNull;
    }

    void assign(long row, Object[] values) {
        if (alwaysNull || (nullable && !oneToOne && random.nextDouble() < NULL_RATE)) {
            set(values, null);
            return;
        }
        if (parents.isEmpty()) {
            if (nullable) {
                set(values, null);
                return;
            }
            if (relation.selfReference() && selfKey != null && own(values) != null) {
                set(values, own(values)); // the first row of a NOT NULL self-reference is its own parent
                return;
            }
            throw SeedErrors.cannotFill(relation.child(), relation + " is NOT NULL and no row exists yet to reference",
                    "seed its first rows with SQL, or override the column");
        }
        int index = oneToOne ? (int) row : skewed(parents.size());
        set(values, parents.get(index));
    }

    /** A self-reference can point at the rows generated before. */
    void remember(Object[] values) {
        if (relation.selfReference() && selfKey != null) {
            Object[] key = own(values);
            if (key != null) {
                parents.add(key);
            }
        }
    }

    private Object[] own(Object[] values) {
        Object[] key = new Object[selfKey.length];
        for (int i = 0; i < selfKey.length; i++) {
            key[i] = values[selfKey[i]];
            if (key[i] == null) {
                return null;
            }
        }
        return key;
    }

    private void set(Object[] values, Object[] key) {
        for (int i = 0; i < childColumns.length; i++) {
            values[childColumns[i]] = key == null ? null : key[i];
        }
    }

    /** Most children go to few parents: the density falls as u cubed; spread over the keys by a permutation. */
    private int skewed(int n) {
        double u = random.nextDouble();
        int index = (int) (u * u * u * n);
        long step = 7919;
        return gcd(step, n) == 1 ? (int) ((index * step + 17) % n) : index;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int[] indexes(List<String> columns, List<String> names) {
        int[] indexes = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            indexes[i] = -1;
            for (int j = 0; j < names.size(); j++) {
                if (names.get(j).equalsIgnoreCase(columns.get(i))) {
                    indexes[i] = j;
                }
            }
            if (indexes[i] < 0) {
                return null;
            }
        }
        return indexes;
    }

    private static Set<String> lower(List<String> names) {
        Set<String> set = new HashSet<>();
        names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
        return set;
    }
}
