package dev.rehearsal.data.internal;

import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Columns of a child table that take their values from a parent's key: a declared foreign key, or one inferred from
 * the column's name ({@code customer_id} and a table {@code customers}), so that realistic rows reference rows that
 * exist even before the migration that adds the constraint.
 *
 * @param child the child table
 * @param columns the child's columns
 * @param parent the parent table
 * @param parentColumns the parent's key columns, in the order of {@code columns}
 * @param foreignKey the declared constraint; {@code null} for an inferred relation
 */
record Relation(Table child, List<String> columns, Table parent, List<String> parentColumns, ForeignKey foreignKey) {

    boolean inferred() {
        return foreignKey == null;
    }

    boolean selfReference() {
        return child.name().equalsIgnoreCase(parent.name());
    }

    boolean nullable() {
        return columns.stream().allMatch(c -> child.column(c).map(Column::nullable).orElse(false));
    }

    /** The declared foreign keys of a table, and the relations its column names imply. */
    static List<Relation> of(Table table, Schema schema) {
        List<Relation> relations = new ArrayList<>();
        for (ForeignKey fk : table.foreignKeys()) {
            schema.table(fk.referencedTable()).ifPresent(parent ->
                    relations.add(new Relation(table, fk.columns(), parent, fk.referencedColumns(), fk)));
        }
        for (Column column : table.columns()) {
            String name = column.name().toLowerCase(Locale.ROOT);
            boolean declared = relations.stream().anyMatch(r -> r.columns.stream().anyMatch(c -> c.equalsIgnoreCase(name)));
            if (declared || !name.endsWith("_id") || name.equals("id") || column.generation() != Column.Generation.NONE) {
                continue;
            }
            inferred(table, column, schema).ifPresent(relations::add);
        }
        return relations;
    }

    /** {@code customer_id} references the key of {@code customers}, or a same-named unique column of {@code customer}. */
    static Optional<Relation> inferred(Table table, Column column, Schema schema) {
        String name = column.name().toLowerCase(Locale.ROOT);
        String stem = name.substring(0, name.length() - 3);
        List<String> candidates = stem.equals("parent")
                ? List.of(table.name())
                : List.of(stem, stem + "s", stem + "es", stem.endsWith("y") ? stem.substring(0, stem.length() - 1) + "ies" : stem);
        for (String candidate : candidates) {
            Optional<Table> parent = schema.table(candidate);
            if (parent.isEmpty() || (!stem.equals("parent") && parent.get().name().equalsIgnoreCase(table.name()))) {
                continue; // task.task_id identifies the task itself; only parent_id points within its table
            }
            Table p = parent.get();
            Optional<String> key = p.column(column.name())
                    .filter(c -> p.uniqueColumnSets().contains(List.of(c.name())))
                    .map(Column::name)
                    .or(() -> p.primaryKey().filter(pk -> pk.columns().size() == 1).map(pk -> pk.columns().get(0)));
            if (key.isPresent() && compatible(column, p.column(key.get()).orElseThrow())) {
                return Optional.of(new Relation(table, List.of(column.name()), p, List.of(key.get()), null));
            }
        }
        return Optional.empty();
    }

    /** A relation the plan names: {@code Defect.orphans(...).referencing(parent)}. */
    static Relation named(Table table, Column column, Table parent) {
        List<String> key = parent.primaryKey().filter(pk -> pk.columns().size() == 1).map(pk -> pk.columns())
                .orElseThrow(() -> SeedErrors.cannotFill(table, "the column " + column.name() + " is said to reference "
                        + parent.name() + ", which has no single-column primary key", "name a parent with one"));
        return new Relation(table, List.of(column.name()), parent, key, null);
    }

    private static boolean compatible(Column child, Column parent) {
        Kind a = child.type().kind();
        Kind b = parent.type().kind();
        if (a != b) {
            return false;
        }
        if (a == Kind.STRING) {
            return child.type().length().orElse(Integer.MAX_VALUE) >= parent.type().length().orElse(Integer.MAX_VALUE);
        }
        return true;
    }

    @Override
    public String toString() {
        return child.name() + "(" + String.join(", ", columns) + ") -> " + parent.name() + "("
                + String.join(", ", parentColumns) + ")" + (inferred() ? " [inferred]" : "");
    }
}
