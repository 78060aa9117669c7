package dev.rehearsal;

/**
 * What a migration step that reports success can have done without saying so.
 *
 * @since 0.1
 */
public enum DamageKind {

    /** The engine raised warnings: MySQL-family truncation or NULL coercion under a non-strict sql_mode. */
    WARNINGS,

    /** Rows disappeared without a DELETE or TRUNCATE in the step: {@code ALTER IGNORE}, a cascade, a trigger. */
    ROWS_LOST,

    /** Rows now violate a foreign key that exists: it was added with checks off, or NOT VALID. */
    FOREIGN_KEY_VIOLATED,

    /**
     * Rows now violate a CHECK constraint that exists: the engine accepted it without enforcing it on them (MariaDB
     * {@code check_constraint_checks=0}, MySQL {@code NOT ENFORCED}).
     */
    CHECK_VIOLATED,

    /** The step left an INVALID index: {@code IF NOT EXISTS} over the leftover of a failed concurrent build. */
    INVALID_INDEX,

    /** The step added a constraint NOT VALID: existing rows were never checked against it. */
    NOT_VALID_CONSTRAINT
}
