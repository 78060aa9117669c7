package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

/**
 * A CHECK constraint.
 *
 * @param name the constraint's name
 * @param expression the predicate as the engine shows it, e.g. {@code "(quantity > 0)"} or {@code "`quantity` > 0"}
 * @param validated whether the engine has checked the existing rows; {@code false} for PostgreSQL {@code NOT VALID}
 * @since 0.1
 */
public record Check(String name, String expression, boolean validated) {

    /**
     * Create a check.
     *
     * @param name the constraint's name
     * @param expression the predicate as the engine shows it, e.g. {@code "(quantity > 0)"} or {@code "`quantity` > 0"}
     * @param validated whether the engine has checked the existing rows; {@code false} for PostgreSQL {@code NOT VALID}
     * @throws NullPointerException if a component is {@code null}
     */
    public Check {
        requireNonNull(name, "name");
        requireNonNull(expression, "expression");
    }
}
