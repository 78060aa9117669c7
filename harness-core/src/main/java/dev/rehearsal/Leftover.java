package dev.rehearsal;

import static java.util.Objects.requireNonNull;

/**
 * One thing a failure, or a pattern thought safe, left in the database.
 *
 * @param kind what it is
 * @param table the table it is in
 * @param name the constraint, index or object
 * @param description what it means, in one line
 * @since 0.1
 */
public record Leftover(LeftoverKind kind, String table, String name, String description) {

    /**
     * Create a leftover.
     *
     * @param kind what it is
     * @param table the table it is in
     * @param name the constraint, index or object
     * @param description what it means, in one line
     * @throws NullPointerException if a component is {@code null}
     */
    public Leftover {
        requireNonNull(kind, "kind");
        requireNonNull(table, "table");
        requireNonNull(name, "name");
        requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return kind + " " + table + "." + name + ": " + description;
    }
}
