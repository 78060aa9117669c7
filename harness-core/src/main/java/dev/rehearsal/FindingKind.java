package dev.rehearsal;

/**
 * What a {@link Finding} says of a step's timeouts: right in the rehearsal, wrong for production.
 *
 * @since 0.1
 */
public enum FindingKind {
    /**
     * A statement takes a lock on a table that existed before the step (an {@code ALTER TABLE}, a {@code CREATE INDEX}
     * without {@code CONCURRENTLY}, a {@code DROP}, a {@code TRUNCATE}) and the script set no lock timeout before it
     * (PostgreSQL {@code SET lock_timeout}, the MySQL family {@code SET lock_wait_timeout}): the rehearsal bounds the
     * wait with {@code rehearsal.timeout.lock}, production with whatever the server has (PostgreSQL's default: forever),
     * and every write on the table queues behind the waiting statement.
     */
    NO_LOCK_TIMEOUT,
    /**
     * A PostgreSQL {@code CREATE INDEX CONCURRENTLY} runs under a {@code statement_timeout} the script set that it
     * used half or more of on the rehearsal's rows, or that cancelled it: on production's rows it may run out of time,
     * and a cancelled build leaves an INVALID index behind.
     */
    TIMEOUT_TOO_SHORT
}
