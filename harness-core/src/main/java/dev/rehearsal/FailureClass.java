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
     * The session lacks a privilege the statement needs: a superuser's, another user's, or one on an object it does not
     * own. On an existing server the harness rehearses as a user with least privilege by default, and the verdict names
     * {@link RehearsalSettings#PRIVILEGES}, which rehearses as the configured admin instead.
     *
     * @since 0.1
     */
    PRIVILEGE,

    /**
     * Anything else: a statement that cannot run in the current transaction context, an unsupported feature, an error
     * raised by the script itself, or Flyway refusing to migrate.
     */
    OTHER
}
