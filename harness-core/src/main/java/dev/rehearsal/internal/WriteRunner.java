package dev.rehearsal.internal;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.RunningWrites;
import dev.rehearsal.WriteLoad;
import dev.rehearsal.WriteWaits;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Runs a {@link WriteLoad}: one timer thread puts a write on a queue at each tick, the worker threads (one connection
 * each) take them in turn, and each write's wait runs from its tick to the server's answer. {@link #stop()} ends the
 * timer, lets the workers finish what is queued (within the lock timeout and a margin), closes their connections and
 * joins them: no thread or session of the load outlives it.
 */
final class WriteRunner implements RunningWrites {

    /** How to write one row of a table: the UPDATE, and the keys of the rows it picks from. */
    private record Target(String table, String update, List<List<Object>> keys) {
    }

    private record Due(Target target, long nanos) {
    }

    /** The statement each worker runs now, to cancel it when the load stops past its bound. */
    private final List<PreparedStatement> running = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Done(String table, long dueNanos, long waitedNanos, boolean failed) {
    }

    private final WriteLoad load;
    private final Duration drain;
    private final LinkedBlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    private final AtomicInteger issued = new AtomicInteger();
    /** When the load started: the timeline counts from here. */
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private WriteWaits report;

    private WriteRunner(WriteLoad load, Duration drain) {
        this.load = load;
        this.drain = drain;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rehearsal-writes-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Start the load.
     *
     * @param lockTimeout how long a write may wait for a lock: what stopping waits for, with a margin
     * @throws RehearsalConfigurationException if a table is not in the database, has no primary key or no rows
     */
    static WriteRunner start(WriteLoad load, Dialect dialect, DataSource dataSource, Schema schema, Duration lockTimeout) {
        List<Target> targets = new ArrayList<>();
        for (String name : load.tables()) {
            targets.add(target(load, name, dialect, dataSource, schema));
        }
        WriteRunner runner = new WriteRunner(load, lockTimeout.plusSeconds(10));
        try {
            for (int i = 0; i < load.connections(); i++) {
                // the server connection itself, never given back to a pool: a worker may still hold its statement
                // when the load stops, and the connection must then close with it, not serve the next user
                Connection connection = dataSource.getConnection().unwrap(Connection.class);
                runner.connections.add(connection);
                Map<Target, PreparedStatement> statements = new java.util.IdentityHashMap<>();
                for (Target target : targets) {
                    PreparedStatement update = connection.prepareStatement(target.update());
                    statements.put(target, update);
                    runner.running.add(update);
                }
                Thread worker = new Thread(() -> runner.work(statements), "rehearsal-writes-" + (i + 1));
                worker.setDaemon(true);
                runner.workers.add(worker);
            }
        } catch (SQLException e) {
            runner.connections.forEach(WriteRunner::closeQuietly);
            throw new RehearsalException("startWrites(" + load + ") could not open its connections: " + e.getMessage(), e);
        }
        runner.workers.forEach(Thread::start);
        long period = Math.max(1, TimeUnit.SECONDS.toNanos(1) / load.perSecond());
        AtomicInteger next = new AtomicInteger();
        runner.timer.scheduleAtFixedRate(() -> {
            runner.issued.incrementAndGet();
            runner.queue.add(new Due(targets.get(Math.floorMod(next.getAndIncrement(), targets.size())), System.nanoTime()));
        }, 0, period, TimeUnit.NANOSECONDS);
        return runner;
    }

    private static Target target(WriteLoad load, String name, Dialect dialect, DataSource dataSource, Schema schema) {
        Table table = schema.table(name).orElseThrow(() -> new RehearsalConfigurationException("startWrites(" + load
                + "): the rehearsal's database has no table '" + name + "'; its tables are "
                + schema.tables().stream().map(Table::name).toList() + ".\nTo fix this, name one of them, or migrate to"
                + " the version that creates it first."));
        List<String> key = table.primaryKey().map(k -> k.columns()).orElseThrow(() -> new RehearsalConfigurationException(
                "startWrites(" + load + "): " + table.name() + " has no primary key to pick the rows it writes by.\nTo fix"
                        + " this, write to a table with a primary key."));
        String set = table.columns().stream().filter(c -> !key.contains(c.name())
                && c.generation() == Column.Generation.NONE).map(Column::name).findFirst().orElse(key.get(0));
        String where = String.join(" AND ", key.stream().map(k -> dialect.quote(k) + " = ?").toList());
        String update = "UPDATE " + dialect.quote(table.name()) + " SET " + dialect.quote(set) + " = " + dialect.quote(set)
                + " WHERE " + where;
        List<List<Object>> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + String.join(", ", key.stream().map(dialect::quote).toList())
                        + " FROM " + dialect.quote(table.name()) + " ORDER BY " + String.join(", ",
                                key.stream().map(dialect::quote).toList()) + " LIMIT 1000")) {
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= key.size(); i++) {
                    values.add(rs.getObject(i));
                }
                keys.add(values);
            }
        } catch (SQLException e) {
            throw new RehearsalException("startWrites(" + load + ") could not read the keys of " + table.name() + ": "
                    + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new RehearsalConfigurationException("startWrites(" + load + "): " + table.name() + " has no rows to"
                    + " write.\nTo fix this, seed it first (seed(...) or @SeedData).");
        }
        return new Target(table.name(), update, keys);
    }

    private void work(Map<Target, PreparedStatement> statements) {
        while (true) {
            Due due;
            try {
                due = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (due == null) {
                if (stopping.get()) {
                    return;
                }
                continue;
            }
            PreparedStatement update = statements.get(due.target());
            List<Object> key = due.target().keys().get(ThreadLocalRandom.current().nextInt(due.target().keys().size()));
            boolean failed = false;
            try {
                for (int i = 0; i < key.size(); i++) {
                    update.setObject(i + 1, key.get(i));
                }
                update.executeUpdate();
            } catch (SQLException e) {
                failed = true; // refused: a lock timeout, a row the migration changed, a closed connection at stop
            }
            done.add(new Done(due.target().table(), due.nanos(), System.nanoTime() - due.nanos(), failed));
        }
    }

    @Override
    public synchronized WriteWaits stop() {
        if (report != null) {
            return report;
        }
        timer.shutdownNow();
        stopping.set(true);
        long stoppedAt = System.nanoTime();
        long deadline = stoppedAt + drain.toNanos();
        for (Thread worker : workers) {
            join(worker, deadline);
        }
        // past the bound, a write still waiting is cancelled on the server, its worker stopped, then the connections
        // closed: nothing of the load outlives stop()
        if (workers.stream().anyMatch(Thread::isAlive)) {
            for (PreparedStatement update : running) {
                try {
                    update.cancel();
                } catch (SQLException | RuntimeException ignored) {
                    // the close below ends it
                }
            }
            for (Thread worker : workers) {
                worker.interrupt();
                join(worker, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            }
        }
        connections.forEach(WriteRunner::closeQuietly);
        // writes still queued never ran: refused, having waited until the stop
        for (Due due = queue.poll(); due != null; due = queue.poll()) {
            done.add(new Done(due.target().table(), due.nanos(), stoppedAt - due.nanos(), true));
        }
        report = report();
        return report;
    }

    private static void join(Thread worker, long deadline) {
        try {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private WriteWaits report() {
        List<Done> all = new ArrayList<>(done);
        long[] waits = all.stream().mapToLong(Done::waitedNanos).sorted().toArray();
        Map<String, Duration> byTable = new HashMap<>();
        for (Done d : all) {
            byTable.merge(d.table(), Duration.ofNanos(d.waitedNanos()), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        int failed = (int) all.stream().filter(Done::failed).count();
        return new WriteWaits(load, issued.get(), failed, Duration.ofNanos(percentile(waits, 1.0)),
                Duration.ofNanos(percentile(waits, 0.99)), Duration.ofNanos(percentile(waits, 0.5)), byTable,
                blockedByTable(all), all.stream().sorted((a, b) -> Long.compare(a.dueNanos(), b.dueNanos()))
                        .map(d -> new WriteWaits.Write(d.table(), Duration.ofNanos(Math.max(0, d.dueNanos() - startNanos)),
                                Duration.ofNanos(d.waitedNanos()), d.failed()))
                        .toList());
    }

    /** A write that waited longer than this was held up, not merely slow. */
    static final long BLOCKED_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * How long the writes on each table were held up, as they saw it: the union of the spans from when each write
     * that waited over {@link #BLOCKED_NANOS} was due to when it was answered. One lock held for a second shows as about
     * a second, however many writes queued behind it; two holds apart add up.
     */
    static Map<String, Duration> blockedByTable(List<Done> all) {
        Map<String, List<long[]>> spans = new HashMap<>();
        for (Done d : all) {
            if (d.waitedNanos() > BLOCKED_NANOS) {
                spans.computeIfAbsent(d.table(), t -> new ArrayList<>())
                        .add(new long[] {d.dueNanos(), d.dueNanos() + d.waitedNanos()});
            }
        }
        Map<String, Duration> blocked = new HashMap<>();
        spans.forEach((table, list) -> {
            list.sort((a, b) -> Long.compare(a[0], b[0]));
            long total = 0;
            long start = list.get(0)[0];
            long end = list.get(0)[1];
            for (long[] span : list) {
                if (span[0] > end) {
                    total += end - start;
                    start = span[0];
                    end = span[1];
                } else {
                    end = Math.max(end, span[1]);
                }
            }
            total += end - start;
            blocked.put(table, Duration.ofNanos(total));
        });
        return blocked;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session ends with the connection either way
        }
    }

    @Override
    public void close() {
        stop();
    }
}
