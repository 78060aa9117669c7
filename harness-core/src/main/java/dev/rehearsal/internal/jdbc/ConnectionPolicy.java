package dev.rehearsal.internal.jdbc;

import java.time.Duration;

/**
 * The bounds every connection of the harness gets: nothing it opens can wait forever.
 *
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout how long one read from the server may block; bounds every statement
 * @param lockTimeout how long a statement of the rehearsal may wait for a lock held by another session
 */
public record ConnectionPolicy(Duration connectTimeout, Duration socketTimeout, Duration lockTimeout) {

    /** The defaults: 10 s to connect, 5 min per read, 30 s per lock wait. */
    public static final ConnectionPolicy DEFAULT =
            new ConnectionPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30));

    /** Whole seconds, rounded up, at least one. */
    public static long ceilSeconds(Duration duration) {
        long seconds = duration.toSeconds();
        return Math.max(1, duration.toNanosPart() > 0 ? seconds + 1 : seconds);
    }
}
