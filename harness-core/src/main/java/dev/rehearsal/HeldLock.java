package dev.rehearsal;

import java.time.Duration;

/**
 * A lock a session of the harness holds in a rehearsal's database, from {@link Rehearsal#holdLock(LockSpec)}, until
 * {@link #close()} or the time given by {@link LockSpec#releasedAfter(Duration)}. The session is the harness's own, on
 * the rehearsal's database only; it is named in a {@code LOCK_TIMEOUT} verdict's detail like any session holding
 * locks there (on PostgreSQL with the application name {@code rehearsal-held-lock}).
 *
 * @since 0.1
 */
public interface HeldLock extends AutoCloseable {

    /** @return what is held, and by which session, e.g. {@code a lock of the whole table orders, session 4711} */
    String describe();

    /** @return the server's id of the holding session (PostgreSQL backend pid, MySQL-family connection id) */
    long session();

    /** @return whether the lock has been let go */
    boolean released();

    /**
     * How long the longest waiter (the migration) had been waiting for a lock in the database when this one was let go:
     * zero when nothing waited then, e.g. when the step gave up before the release or ran before or after it.
     *
     * @return the wait; zero while the lock is held
     */
    Duration waited();

    /** Let go of the lock now, if it is still held, and end the session. Never throws. */
    @Override
    void close();
}
