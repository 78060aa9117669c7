package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * Writes the harness drives on tables of a rehearsal's database while a migration step runs, as the application would
 * in production: for {@link Rehearsal#startWrites(WriteLoad)}. Each write updates one existing row, picked at random by
 * its primary key, taking the locks every write takes (the row's, and PostgreSQL's {@code ROW EXCLUSIVE} or the MySQL
 * family's shared-write metadata lock on the table); the writes are issued at a fixed rate, on connections of their
 * own, and each one's wait is measured from when it was due, so a write queued behind a blocked one counts its whole
 * wait.
 *
 * <pre>{@code
 * try (RunningWrites writes = rehearsal.startWrites(WriteLoad.on("orders").perSecond(50))) {
 *     rehearsal.migrateTo("7");
 *     assertThat(writes.stop()).blocksWritersAtMost(Duration.ofMillis(200));
 * }
 * }</pre>
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class WriteLoad {

    private final List<String> tables;
    private final int perSecond;
    private final int connections;

    private WriteLoad(List<String> tables, int perSecond, int connections) {
        this.tables = tables;
        this.perSecond = perSecond;
        this.connections = connections;
    }

    /**
     * Writes on these tables, 50 a second in all, on 4 connections.
     *
     * @param tables the tables, as the schema names them; each needs a primary key to pick rows by
     * @return the load
     * @throws IllegalArgumentException if no table is named, or a name is blank
     */
    public static WriteLoad on(String... tables) {
        requireNonNull(tables, "tables");
        if (tables.length == 0 || Arrays.stream(tables).anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("WriteLoad.on(" + Arrays.toString(tables) + "): name one or more tables"
                    + " of the rehearsal's database, e.g. WriteLoad.on(\"orders\").");
        }
        return new WriteLoad(Arrays.stream(tables).map(String::strip).toList(), 50, 4);
    }

    /**
     * Return a copy that issues this many writes a second, over all its tables in turn.
     *
     * @param writes 1 to 10,000
     * @return the copy
     * @throws IllegalArgumentException if {@code writes} is out of range
     */
    public WriteLoad perSecond(int writes) {
        if (writes < 1 || writes > 10_000) {
            throw new IllegalArgumentException("WriteLoad.perSecond(" + writes + "): give 1 to 10000 writes a second.");
        }
        return new WriteLoad(tables, writes, connections);
    }

    /**
     * Return a copy that writes on this many connections: as many writes can wait at once.
     *
     * @param count 1 to 64
     * @return the copy
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public WriteLoad connections(int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("WriteLoad.connections(" + count + "): give 1 to 64 connections.");
        }
        return new WriteLoad(tables, perSecond, count);
    }

    /** @return the tables written to */
    public List<String> tables() {
        return tables;
    }

    /** @return the writes issued each second */
    public int perSecond() {
        return perSecond;
    }

    /** @return the connections the writes run on */
    public int connections() {
        return connections;
    }

    @Override
    public String toString() {
        return perSecond + " writes a second on " + String.join(", ", tables) + " (" + connections + " connections)";
    }
}
