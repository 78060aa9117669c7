package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An index other than the primary key's.
 *
 * @param name the index's name
 * @param columns the columns it covers, in order; for an expression index, the columns its expressions read
 * @param unique whether it enforces uniqueness
 * @param expression whether it indexes expressions ({@code lower(email)}) rather than plain columns
 * @param partial whether it covers only rows matching a predicate
 * @param valid whether the engine can use it; {@code false} for PostgreSQL's INVALID index left by a failed
 *     {@code CREATE INDEX CONCURRENTLY}
 * @param definition the engine's own definition, for display
 * @since 0.1
 */
public record Index(String name, List<String> columns, boolean unique, boolean expression, boolean partial, boolean valid,
        String definition) {

    /**
     * Create an index.
     *
     * @param name the index's name
     * @param columns the columns it covers, in order; for an expression index, the columns its expressions read
     * @param unique whether it enforces uniqueness
     * @param expression whether it indexes expressions ({@code lower(email)}) rather than plain columns
     * @param partial whether it covers only rows matching a predicate
     * @param valid whether the engine can use it; {@code false} for PostgreSQL's INVALID index left by a failed {@code CREATE INDEX CONCURRENTLY}
     * @param definition the engine's own definition, for display
     * @throws NullPointerException if a component is {@code null}
     */
    public Index {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
        requireNonNull(definition, "definition");
    }
}
