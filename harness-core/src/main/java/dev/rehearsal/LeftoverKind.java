package dev.rehearsal;

/**
 * What a failure, or a pattern thought safe, can leave in a database.
 *
 * @since 0.1
 */
public enum LeftoverKind {

    /** A PostgreSQL constraint added {@code NOT VALID}: existing rows were never checked against it. */
    NOT_VALID_CONSTRAINT,

    /**
     * A PostgreSQL index marked INVALID, left by a failed {@code CREATE INDEX CONCURRENTLY}: queries do not use it,
     * a unique one does not enforce uniqueness, and {@code IF NOT EXISTS} skips over it.
     */
    INVALID_INDEX,

    /** Rows that violate a foreign key which exists: loaded with checks off, or before a NOT VALID constraint. */
    FOREIGN_KEY_VIOLATED,

    /**
     * Rows that violate a CHECK constraint which exists: added with checks off (MariaDB
     * {@code check_constraint_checks=0}), or declared {@code NOT ENFORCED} (MySQL).
     */
    CHECK_VIOLATED,

    /** An object left by the applied statements of a script recorded as failed (MySQL family). */
    PARTIALLY_APPLIED
}
