package dev.rehearsal;

import static java.util.Objects.requireNonNull;

/**
 * A migration that a step applied successfully.
 *
 * @param version the version, e.g. {@code "3"} or {@code "2.1"}
 * @param description the description from the script name, e.g. {@code "orders customer fk"}
 * @param script the script name, e.g. {@code "V3__orders_customer_fk.sql"}
 * @since 0.1
 */
public record AppliedMigration(String version, String description, String script) {

    /**
     * Create an applied migration.
     *
     * @param version the version, e.g. {@code "3"} or {@code "2.1"}
     * @param description the description from the script name, e.g. {@code "orders customer fk"}
     * @param script the script name, e.g. {@code "V3__orders_customer_fk.sql"}
     * @throws NullPointerException if any component is {@code null}
     */
    public AppliedMigration {
        requireNonNull(version, "version");
        requireNonNull(description, "description");
        requireNonNull(script, "script");
    }
}
