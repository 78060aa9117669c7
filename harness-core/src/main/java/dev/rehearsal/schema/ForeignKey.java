package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A foreign key: the values of its columns must be a key of the referenced table.
 *
 * @param name the constraint's name
 * @param columns the referencing columns, in order
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns, in the order of {@code columns}
 * @param deferrable whether its check can be deferred to commit (PostgreSQL)
 * @param validated whether the engine has checked the existing rows; {@code false} for a PostgreSQL
 *     {@code NOT VALID} constraint
 * @since 0.1
 */
public record ForeignKey(
        String name,
        List<String> columns,
        String referencedTable,
        List<String> referencedColumns,
        boolean deferrable,
        boolean validated) {

    /**
     * Create a foreign key.
     *
     * @param name the constraint's name
     * @param columns the referencing columns, in order
     * @param referencedTable the referenced table
     * @param referencedColumns the referenced columns, in the order of {@code columns}
     * @param deferrable whether its check can be deferred to commit (PostgreSQL)
     * @param validated whether the engine has checked the existing rows; {@code false} for a PostgreSQL {@code NOT VALID} constraint
     * @throws NullPointerException if a component is {@code null}
     */
    public ForeignKey {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
        requireNonNull(referencedTable, "referencedTable");
        referencedColumns = List.copyOf(referencedColumns);
    }
}
