package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock another session holds on a table while a migration runs, as production traffic or an operator would: for
 * {@link Rehearsal#holdLock(LockSpec)}. A rehearsal then shows whether the migration waits, for how long, and whether it
 * gives up within its lock timeout ({@code rehearsal.timeout.lock}, or the migration's own {@code SET lock_timeout}).
 *
 * <pre>{@code
 * try (HeldLock lock = rehearsal.holdLock(LockSpec.readOf("orders").releasedAfter(Duration.ofSeconds(2)))) {
 *     assertThat(rehearsal.migrateTo("7")).hasSucceeded();
 *     System.out.println("V7 waited " + lock.waited() + " for a long read of orders");
 * }
 * }</pre>
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class LockSpec {

    /** What the holding session does. */
    public enum Kind {
        /**
         * An open transaction that read the table: PostgreSQL's {@code ACCESS SHARE}, the MySQL family's shared
         * metadata lock. Blocks DDL on the table, not writes.
         */
        READ,
        /**
         * An open transaction that locked every row of the table ({@code SELECT … FOR UPDATE}): row locks, and the
         * table locks an update takes (PostgreSQL {@code ROW SHARE}, a MySQL-family shared metadata lock). Blocks DDL
         * and writes of those rows.
         */
        ROWS,
        /**
         * An explicit lock of the whole table: PostgreSQL {@code LOCK TABLE … IN ACCESS EXCLUSIVE MODE}, the MySQL
         * family {@code LOCK TABLES … WRITE}. Blocks everything on the table, reads included.
         */
        TABLE
    }

    private final Kind kind;
    private final String table;
    private final Optional<Duration> releasedAfter;

    private LockSpec(Kind kind, String table, Optional<Duration> releasedAfter) {
        this.kind = kind;
        this.table = table;
        this.releasedAfter = releasedAfter;
    }

    /**
     * An open transaction that read the table (a long report, a dump).
     *
     * @param table the table, as the schema names it
     * @return the lock
     */
    public static LockSpec readOf(String table) {
        return new LockSpec(Kind.READ, name(table), Optional.empty());
    }

    /**
     * An open transaction that locked every row of the table (a batch job mid-update).
     *
     * @param table the table, as the schema names it
     * @return the lock
     */
    public static LockSpec rowsOf(String table) {
        return new LockSpec(Kind.ROWS, name(table), Optional.empty());
    }

    /**
     * An explicit lock of the whole table.
     *
     * @param table the table, as the schema names it
     * @return the lock
     */
    public static LockSpec table(String table) {
        return new LockSpec(Kind.TABLE, name(table), Optional.empty());
    }

    /**
     * Return a copy whose holding session lets go (its transaction rolled back, its table lock released) this long
     * after it took the lock; without it, the lock is held until {@link HeldLock#close()}.
     *
     * @param after how long the lock is held; positive, at most an hour
     * @return the copy
     * @throws IllegalArgumentException if {@code after} is not positive or longer than an hour
     */
    public LockSpec releasedAfter(Duration after) {
        requireNonNull(after, "after");
        if (after.isNegative() || after.isZero() || after.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("LockSpec.releasedAfter(" + after + "): give a positive duration of at"
                    + " most an hour, e.g. Duration.ofSeconds(2); to hold the lock until the end, leave it out and close"
                    + " the HeldLock.");
        }
        return new LockSpec(kind, table, Optional.of(after));
    }

    /** @return what the holding session does */
    public Kind kind() {
        return kind;
    }

    /** @return the table */
    public String table() {
        return table;
    }

    /** @return how long the lock is held before it is let go; empty until {@link HeldLock#close()} */
    public Optional<Duration> releasedAfter() {
        return releasedAfter;
    }

    private static String name(String table) {
        requireNonNull(table, "table");
        if (table.isBlank()) {
            throw new IllegalArgumentException("LockSpec: the table name is blank; name a table of the rehearsal's"
                    + " database, e.g. LockSpec.readOf(\"orders\").");
        }
        return table.strip();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case READ -> "an open transaction that read " + table;
            case ROWS -> "an open transaction that locked every row of " + table;
            case TABLE -> "a lock of the whole table " + table;
        } + releasedAfter.map(d -> ", released after " + d.toMillis() + " ms").orElse("");
    }
}
