package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A row of Flyway's history table.
 *
 * @param rank the order it was installed in
 * @param version the version; empty for a repeatable migration
 * @param description the description
 * @param script the script
 * @param success whether the migration succeeded; {@code false} for the failed row the MySQL family keeps
 * @since 0.1
 */
public record HistoryRow(int rank, Optional<String> version, String description, String script, boolean success) {

    /**
     * Create a history row.
     *
     * @param rank the order it was installed in
     * @param version the version; empty for a repeatable migration
     * @param description the description
     * @param script the script
     * @param success whether the migration succeeded; {@code false} for the failed row the MySQL family keeps
     * @throws NullPointerException if a component is {@code null}
     */
    public HistoryRow {
        requireNonNull(version, "version");
        requireNonNull(description, "description");
        requireNonNull(script, "script");
    }
}
