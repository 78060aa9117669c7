package dev.rehearsal.seed;

/**
 * The kinds of deliberate inconsistency a seed can plant: the rows that years of real use leave behind and that
 * break the next migration.
 *
 * @since 0.1
 */
public enum DefectKind {
    /** References to parent rows that do not exist: breaks an added FOREIGN KEY. */
    ORPHANS,
    /** NULLs: break a column made NOT NULL. */
    NULLS,
    /** Rows with the same values in some columns: break an added UNIQUE or PRIMARY KEY. */
    DUPLICATES,
    /** Values equal but for letter case: break a unique index on lower(x) or a case-insensitive collation. */
    CASE_DUPLICATES,
    /** Values equal but for surrounding spaces: break a unique index on trim(x) or a PAD SPACE collation. */
    WHITESPACE_DUPLICATES,
    /** Strings longer than a future, shorter length: break a narrowing of varchar. */
    TOO_LONG,
    /** Numbers outside a future, smaller precision: break a narrowing of numeric or integer. */
    OUT_OF_RANGE,
    /** Text that does not cast to a future type: breaks a change of type. */
    NOT_CASTABLE,
    /** Text that is not a valid date: breaks a change to date or timestamp. */
    INVALID_DATES,
    /** Labels outside a future set: break a change to an enum or an IN check. */
    OUTSIDE_LABELS,
    /** Rows that violate a future CHECK predicate. */
    VIOLATING_CHECK,
    /** Text that is not JSON: breaks a change to json or a JSON_VALID check. */
    INVALID_JSON,
    /** Text that is not a UUID: breaks a change to uuid. */
    INVALID_UUID
}
