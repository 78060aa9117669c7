package dev.rehearsal;

import static java.util.Objects.requireNonNull;

/**
 * Something a successful migration step did without saying so.
 *
 * @param kind what it is
 * @param table the table it concerns
 * @param description what happened, in one line, e.g. {@code "3 rows lost (1200 -> 1197), keys [7, 19, 42]"}
 * @since 0.1
 */
public record Damage(DamageKind kind, String table, String description) {

    /**
     * Create a damage finding.
     *
     * @param kind what it is
     * @param table the table it concerns
     * @param description what happened, in one line, e.g. {@code "3 rows lost (1200 -> 1197), keys [7, 19, 42]"}
     * @throws NullPointerException if a component is {@code null}
     */
    public Damage {
        requireNonNull(kind, "kind");
        requireNonNull(table, "table");
        requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return kind + " " + table + ": " + description;
    }
}
