package dev.rehearsal;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a migration script, as Flyway executed it.
 *
 * @param index the 1-based position of the statement in its script
 * @param sql the statement text as Flyway sent it, leading comments included
 * @since 0.1
 */
public record ExecutedStatement(int index, String sql) {

    /**
     * Create an executed statement.
     *
     * @param index the 1-based position of the statement in its script
     * @param sql the statement text as Flyway sent it, leading comments included
     * @throws NullPointerException if {@code sql} is {@code null}
     * @throws IllegalArgumentException if {@code index} is not positive
     */
    public ExecutedStatement {
        requireNonNull(sql, "sql");
        if (index < 1) {
            throw new IllegalArgumentException("statement index must be 1 or more, was " + index);
        }
    }
}
