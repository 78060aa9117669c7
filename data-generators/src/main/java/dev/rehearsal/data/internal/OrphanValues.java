package dev.rehearsal.data.internal;

import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.Defect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The values orphans get: values of a foreign key column that no parent row has, inside the column's type (numbers
 * well above the parent's highest key, or free ones counting down; {@code missing-N} text; made-up UUIDs).
 */
final class OrphanValues {

    private final Table table;
    private final List<Relation> relations;
    private final KeyStore keys;
    private final int rows;
    private final List<Defect> defects;
    private final boolean caselessText;

    /**
     * @param table the child table
     * @param relations its foreign keys (declared, or named by the defects)
     * @param keys the keys of the tables seeded so far
     * @param rows how many rows the table gets in this seed (a table referencing itself is its own parent)
     * @param defects the table's defects, for the load failure a key read ends in
     * @param caselessText whether the engine compares text keys without case and trailing spaces, so that a value
     *     differing from a parent's key only so would still find that parent
     */
    OrphanValues(Table table, List<Relation> relations, KeyStore keys, int rows, List<Defect> defects,
            boolean caselessText) {
        this.table = table;
        this.relations = relations;
        this.keys = keys;
        this.rows = rows;
        this.defects = defects;
        this.caselessText = caselessText;
    }

    IntFunction<Object> values(Defect defect, Column column) {
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
            throw new TableGenerator.LoadFailure(table, defects, e);
        }
        Kind kind = column.type().kind();
        if (kind == Kind.INTEGER) {
            return missingNumbers(defect, column, parentKeys, relation.selfReference() ? rows : 0);
        }
        Set<String> taken = new HashSet<>();
        parentKeys.forEach(key -> taken.add(UniqueSets.comparable(key[0], caselessText)));
        return k -> switch (kind) {
            case UUID -> new UUID(0x0badc0de0000L + k, 0x8000000000000000L | k);
            default -> {
                int max = column.type().length().orElse(Integer.MAX_VALUE);
                String value = "missing-" + (k + 1);
                value = value.length() <= max ? value : value.substring(value.length() - max);
                if (taken.contains(UniqueSets.comparable(value, caselessText))) {
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
}
