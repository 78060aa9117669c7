package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Engine;
import java.util.List;
import java.util.Optional;

/**
 * The tables of a rehearsal database as the engine reports them, in a model that is the same for every engine.
 * Flyway's history table is not part of it.
 *
 * @param engine the engine it was read from
 * @param name the schema (PostgreSQL) or database (MySQL family) it was read from
 * @param tables its tables, by name
 * @since 0.1
 */
public record Schema(Engine engine, String name, List<Table> tables) {

    /**
     * Create a schema.
     *
     * @param engine the engine it was read from
     * @param name the schema (PostgreSQL) or database (MySQL family) it was read from
     * @param tables its tables, by name
     * @throws NullPointerException if a component is {@code null}
     */
    public Schema {
        requireNonNull(engine, "engine");
        requireNonNull(name, "name");
        tables = List.copyOf(tables);
    }

    /**
     * Find a table by name, ignoring case.
     *
     * @param name the table's name; must not be {@code null}
     * @return the table, if there is one
     */
    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
