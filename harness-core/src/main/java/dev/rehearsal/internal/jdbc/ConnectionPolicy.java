package dev.rehearsal.internal.jdbc;

import java.time.Duration;

/**
 * The bounds every connection of the harness gets: nothing it opens can wait forever.
 *
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout how long one read from the server may block; bounds every statement
 * @param lockTimeout how long a statement of the rehearsal may wait for a lock held by another session
 * @param stepTimeout how long one migrate step may run in all
 */
public record ConnectionPolicy(Duration connectTimeout, Duration socketTimeout, Duration lockTimeout,
        Duration stepTimeout) {

    private static final Duration DEFAULT_STEP = Duration.ofMinutes(30);

    /** The defaults: 10 s to connect, 5 min per read, 30 s per lock wait, 30 min per step. */
    public static final ConnectionPolicy DEFAULT = new ConnectionPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofSeconds(30), DEFAULT_STEP);

    /** Bounds with the default step timeout. */
    public ConnectionPolicy(Duration connectTimeout, Duration socketTimeout, Duration lockTimeout) {
        this(connectTimeout, socketTimeout, lockTimeout, DEFAULT_STEP);
    }

    /**
     * The server settings that bound how long a session waits, on either family: set in a URL's session options or a
     * Flyway {@code initSql}, they would replace the harness's bounds. One list, for every place that refuses them.
     */
    public static final java.util.regex.Pattern SESSION_TIMEOUTS = java.util.regex.Pattern.compile(
            "(?i)\\b(lock_timeout|statement_timeout|lock_wait_timeout|innodb_lock_wait_timeout|max_execution_time"
                    + "|max_statement_time|idle_in_transaction_session_timeout)\\b");

    /** Whole seconds, rounded up, at least one. */
    public static long ceilSeconds(Duration duration) {
        long seconds = duration.toSeconds();
        return Math.max(1, duration.toNanosPart() > 0 ? seconds + 1 : seconds);
    }
}
