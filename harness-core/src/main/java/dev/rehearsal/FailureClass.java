package dev.rehearsal;

/**
 * Why a migration statement failed, independent of the engine.
 *
 * <p>On PostgreSQL the class follows the SQLSTATE. On MySQL and MariaDB it follows the vendor error code,
 * because the SQLSTATE there is not precise enough: strict-mode hard errors arrive as {@code 01000}, a
 * warning class, and {@code 23000} covers duplicate keys, foreign keys and CHECK constraints alike.
 *
 * @since 0.1
 */
public enum FailureClass {

    /** The statement cannot be parsed; it fails on any database. */
    SYNTAX,

    /**
     * The schema is not in the state the statement assumes: an object is missing or already exists, a
     * definition is incompatible, or other objects depend on what the statement changes.
     */
    SCHEMA_DEPENDENT,

    /** Existing rows violate what the statement adds or changes: orphans, NULLs, duplicates, values that do not fit. */
    DATA_DEPENDENT,

    /** The statement gave up waiting: a lock timeout, a statement timeout or a deadlock with another session. */
    LOCK_TIMEOUT,

    /** The connection to the server was lost while the statement ran. */
    CONNECTION_LOST,

    /**
     * Anything else: missing privileges, a statement that cannot run in the current transaction context,
     * an unsupported feature, an error raised by the script itself, or Flyway refusing to migrate.
     */
    OTHER
}
