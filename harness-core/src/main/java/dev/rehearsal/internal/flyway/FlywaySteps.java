package dev.rehearsal.internal.flyway;

import dev.rehearsal.AppliedMigration;
import dev.rehearsal.Damage;
import dev.rehearsal.Engine;
import dev.rehearsal.Failure;
import dev.rehearsal.HistoryRow;
import dev.rehearsal.LeftBehind;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.RepairOutcome;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.jdbc.SafetyGuard;
import dev.rehearsal.internal.jdbc.SqlText;
import dev.rehearsal.internal.server.RehearsalDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.RepairResult;

/**
 * The migrate steps of one rehearsal database, each turned into a {@link StepOutcome}: migrate to a version, to the
 * next, to the latest; resume a failed script ({@link Resume}); repair. Flyway is configured once
 * ({@link ConfiguredFlyway}); the history table is read in one place ({@link HistoryTable}).
 */
public final class FlywaySteps {

    private final RehearsalDatabase database;
    private final DataSource reads;
    private final MigrationSettings settings;
    private final List<String> locations;
    private final FailureTranslator translator;
    private final boolean damageChecks;
    private final ConfiguredFlyway flyway;
    private final HistoryTable history;

    /**
     * @param database the rehearsal database
     * @param settings the migration settings
     * @param reads connections that resolve names as the migrations do, for the harness's own reads
     * @param damageChecks whether each successful step is checked for damage; off for the internal clean runs,
     *     whose empty databases have nothing to lose
     * @throws RehearsalConfigurationException if a location does not exist, or Flyway rejects a setting
     */
    public FlywaySteps(RehearsalDatabase database, MigrationSettings settings, DataSource reads, boolean damageChecks) {
        this.damageChecks = damageChecks;
        this.database = database;
        this.reads = reads;
        this.settings = settings;
        this.locations = settings.locationsFor(database.info().engine());
        if (dialect().schemaIsDatabase() && !settings.schemas().isEmpty()) {
            throw new RehearsalConfigurationException(settings.origin() + ": schemas = " + settings.schemas() + " cannot"
                    + " be used on " + engine().displayName() + ": there a Flyway schema is a database,"
                    + " and a rehearsal migrates into the one database it created for the test.\nTo fix this, remove"
                    + " schemas for MySQL and MariaDB rehearsals; the rehearsal database plays the part of your schema.");
        }
        // Flyway runs initSql on each of its connections, outside the statement callbacks the guard sits in
        String initSql = settings.flywayProperties().getOrDefault("flyway.initSql", "");
        SqlText.split(initSql, engine()).forEach(statement -> SafetyGuard.check(statement, database.info()));
        this.translator = new FailureTranslator(dialect());
        this.history = new HistoryTable(dialect(), settings.table(), database.info());
        FlywayVersion.warnIfOlder(System.out::println);
        this.flyway = new ConfiguredFlyway(database, settings, locations);
    }

    public Engine engine() {
        return database.info().engine();
    }

    public boolean damageChecks() {
        return damageChecks;
    }

    public MigrationSettings settings() {
        return settings;
    }

    /** The history table: its name and the harness's reads of it. */
    public HistoryTable history() {
        return history;
    }

    Dialect dialect() {
        return database.server().dialect();
    }

    RehearsalDatabase database() {
        return database;
    }

    List<String> locations() {
        return locations;
    }

    ConfiguredFlyway flyway() {
        return flyway;
    }

    FailureTranslator translator() {
        return translator;
    }

    /** What the history table and the locations say now. */
    public MigrationInfoService info() {
        return flyway.info();
    }

    /**
     * The highest version applied successfully.
     *
     * @param dataSource connections that resolve the history table as the migrations do
     */
    public Optional<String> currentVersion(DataSource dataSource) {
        return history.currentVersion(dataSource, this::info);
    }

    /** The rows of the history table, in installation order; empty before the first migrate. */
    public List<HistoryRow> history(DataSource dataSource) {
        return history.rows(dataSource);
    }

    public List<String> pendingVersions() {
        return Arrays.stream(info().pending()).map(MigrationInfo::getVersion).filter(v -> v != null)
                .map(MigrationVersion::getVersion).toList();
    }

    /** The script of each versioned migration the locations hold, by version, in order. */
    public java.util.Map<String, String> scripts() {
        java.util.Map<String, String> scripts = new java.util.LinkedHashMap<>();
        for (MigrationInfo migration : info().all()) {
            if (migration.getVersion() != null && migration.getScript() != null) {
                scripts.putIfAbsent(migration.getVersion().getVersion(), migration.getScript());
            }
        }
        return scripts;
    }

    /** The Flyway checksum of each versioned migration the locations hold, by version, in order. */
    public java.util.Map<String, Integer> checksums() {
        java.util.Map<String, Integer> checksums = new java.util.LinkedHashMap<>();
        for (MigrationInfo migration : info().all()) {
            if (migration.getVersion() != null && migration.getChecksum() != null) {
                checksums.put(migration.getVersion().getVersion(), migration.getChecksum());
            }
        }
        return checksums;
    }

    /**
     * What the locations hold, as Flyway resolves it: each migration's version, script and checksum. Two runs of
     * equal settings over the same fingerprint migrate the same way.
     */
    public List<String> fingerprint() {
        return Arrays.stream(info().all()).filter(i -> i.getState().isResolved())
                .map(i -> i.getVersion() + " " + i.getScript() + " " + i.getChecksum()).sorted().toList();
    }

    /**
     * What the locations hold up to a version, as Flyway resolves it: each versioned migration's version, script and
     * checksum up to it, and every repeatable one's (Flyway applies them at every target). What makes a state at that
     * version, with the settings.
     */
    public List<String> fingerprintUpTo(String version) {
        MigrationVersion target;
        try {
            target = MigrationVersion.fromVersion(version.strip());
        } catch (RuntimeException e) {
            target = null; // not a version: the build's migrate names the versions there are
        }
        MigrationVersion upTo = target;
        return Arrays.stream(info().all()).filter(i -> i.getState().isResolved())
                .filter(i -> i.getVersion() == null || upTo == null || i.getVersion().compareTo(upTo) <= 0)
                .map(i -> i.getVersion() + " " + i.getScript() + " " + i.getChecksum()).sorted().toList();
    }

    /**
     * The statements of the versioned migration of a version, as Flyway would run them (placeholders replaced); empty
     * when it is not a SQL script the harness can read (a Java migration).
     */
    public Optional<List<String>> statementsOf(String version) {
        MigrationVersion wanted = MigrationVersion.fromVersion(version);
        Optional<MigrationInfo> migration = Arrays.stream(info().all())
                .filter(i -> wanted.equals(i.getVersion()) && i.getState().isResolved()).findFirst();
        return migration.flatMap(this::statements);
    }

    /**
     * The statements a migrate step up to a target would run, in order: the pending versioned migrations up to it, then
     * the pending repeatable ones; empty when one of them is not a SQL script the harness can read.
     *
     * @param target a version, or {@code "latest"}
     */
    Optional<List<String>> pendingStatements(MigrationInfoService info, String target) {
        MigrationVersion upTo = "latest".equals(target) ? null : MigrationVersion.fromVersion(target);
        List<String> statements = new ArrayList<>();
        for (MigrationInfo pending : info.pending()) {
            if (pending.getVersion() != null && upTo != null && pending.getVersion().compareTo(upTo) > 0) {
                continue;
            }
            Optional<List<String>> of = statements(pending);
            if (of.isEmpty()) {
                return Optional.empty();
            }
            statements.addAll(of.get());
        }
        return Optional.of(statements);
    }

    private Optional<List<String>> statements(MigrationInfo migration) {
        if (migration.getScript() == null || !migration.getScript().toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
            return Optional.empty();
        }
        try {
            return Optional.of(SqlText.split(ScriptSource.text(migration, flyway.reads().getConfiguration(), locations,
                    database.name()), engine()));
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // read as the step runs it, by Flyway, which reports what it cannot read
        }
    }

    /** Migrate up to and including a version of the locations. */
    public StepOutcome migrateTo(String version) {
        MigrationInfoService info = info();
        MigrationVersion target = knownVersion(version, info);
        Optional<String> current = HistoryTable.currentVersion(info);
        if (current.isPresent() && MigrationVersion.fromVersion(current.get()).compareTo(target) > 0) {
            throw new RehearsalConfigurationException("migrateTo(\"" + version + "\"): the database is already at version "
                    + current.get() + ", above " + target + ". A rehearsal only migrates forward, as production does.\n"
                    + "To fix this, migrate to a version above " + current.get() + ", or start a new rehearsal.");
        }
        return run("migrate to version " + target, target.getVersion(), Optional.of(info));
    }

    /**
     * Migrate up to and including a version, the connections of the step going through a fault point that strikes in
     * that version's migration.
     */
    public StepOutcome migrateTo(String version, dev.rehearsal.ConnectionFault fault) {
        MigrationInfoService info = info();
        MigrationVersion target = knownVersion(version, info);
        Optional<String> current = HistoryTable.currentVersion(info);
        if (current.isPresent() && MigrationVersion.fromVersion(current.get()).compareTo(target) >= 0) {
            throw new RehearsalConfigurationException("migrateTo(\"" + version + "\", " + fault + "): the database is"
                    + " already at version " + current.get() + ", so V" + target + " does not run.\nTo fix this, rehearse"
                    + " the fault in a migration that is pending.");
        }
        MigrationInfo migration = Arrays.stream(info.all()).filter(i -> target.equals(i.getVersion())).findFirst()
                .orElseThrow();
        List<String> statements = statements(migration).orElseThrow(() -> new RehearsalConfigurationException(
                "migrateTo(\"" + version + "\", " + fault + "): V" + target + " is not a SQL script the harness reads"
                        + " (" + migration.getScript() + "), so it cannot tell its statements.\nTo fix this, rehearse the"
                        + " fault in a SQL migration."));
        StepFault point = StepFault.open(database, fault, target.getVersion(), statements.size());
        try {
            return run("migrate to version " + target + " with a fault: " + fault, target.getVersion(), Optional.of(info),
                    point);
        } finally {
            point.close();
        }
    }

    /**
     * Migrate up to and including a version the caller read from the locations just before (the sweep's steps): the
     * version is not looked up again, which would resolve and checksum every script once more.
     */
    public StepOutcome migrateToResolved(String version) {
        return run("migrate to version " + version, version, Optional.empty());
    }

    /**
     * The statements of every versioned migration, by version, as Flyway would run them (placeholders replaced); a
     * version whose migration is not a SQL script the harness can read (a Java migration) maps to empty. One
     * resolution of the locations for all.
     */
    public java.util.Map<String, Optional<List<String>>> statementsByVersion() {
        java.util.Map<String, Optional<List<String>>> statements = new java.util.LinkedHashMap<>();
        for (MigrationInfo migration : info().all()) {
            if (migration.getVersion() != null && migration.getState().isResolved()) {
                statements.putIfAbsent(migration.getVersion().getVersion(), statements(migration));
            }
        }
        return statements;
    }

    /** Migrate to the first pending version, or to the failed one if the history holds a failed row. */
    public StepOutcome migrateToNext() {
        MigrationInfoService info = info();
        Optional<MigrationInfo> next = Arrays.stream(info.all())
                .filter(i -> i.getVersion() != null && i.getState().isFailed())
                .findFirst()
                .or(() -> Arrays.stream(info.pending()).filter(i -> i.getVersion() != null).findFirst());
        if (next.isEmpty()) {
            throw new RehearsalException("migrateToNext(): no migration is pending in " + locations + "; the database is"
                    + " at version " + HistoryTable.currentVersion(info).orElse("<none>") + ", the latest there is.\n"
                    + "To fix this, add the migration you want to rehearse to the locations, or use migrateToLatest()"
                    + " which succeeds when nothing is pending.");
        }
        String version = next.get().getVersion().getVersion();
        return run("migrate to next version (" + version + ")", version, Optional.of(info));
    }

    public StepOutcome migrateToLatest() {
        return run("migrate to latest", "latest", Optional.empty());
    }

    /** See {@link Resume}. */
    public StepOutcome resume(DataSource dataSource, Optional<StepOutcome> lastStep) {
        return new Resume(this).run(dataSource, lastStep);
    }

    public RepairOutcome repair() {
        RepairResult result;
        try {
            result = flyway.reads().repair();
        } catch (FlywayException e) {
            throw new RehearsalException("repair() failed on " + database.info() + ": " + FailureTranslator.flywayMessage(e), e);
        }
        List<String> removed = result.migrationsRemoved == null ? List.of()
                : result.migrationsRemoved.stream().map(r -> r.version).toList();
        return new RepairOutcome(removed, HistoryTable.currentVersion(info()));
    }

    /**
     * The state before a step, when damage is checked; {@code null} otherwise.
     *
     * @param statements what the step will run, as far as the harness can read it: the tables the census covers
     */
    DamageCheck.Census census(Optional<List<String>> statements) {
        if (!damageChecks) {
            return null;
        }
        try (Connection connection = connect()) {
            return DamageCheck.census(connection, engine(), dialect(), history.name(), () -> statements).orElse(null);
        } catch (SQLException e) {
            throw closeFailed(e);
        }
    }

    /** The damage a step did, compared with the census before it; none when damage is not checked. */
    List<Damage> findings(DamageCheck.Census census, List<String> statements, List<DamageCheck.DataWarning> warnings) {
        if (census == null) {
            return List.of();
        }
        try (Connection connection = connect()) {
            return DamageCheck.findings(census, connection, engine(), dialect(), history.name(), statements, warnings);
        } catch (SQLException e) {
            throw closeFailed(e);
        }
    }

    /**
     * The failure of a step that gave up waiting for a lock, with the sessions that held locks in the database then
     * (its detail, after the server's own if any): the one the step waited for is among them.
     */
    private Failure withBlockers(Failure f) {
        List<String> blockers;
        // as the admin: the run's own user, with least privilege, sees no other user's sessions
        try (Connection connection = database.server().adminDataSource(database.name()).getConnection()) {
            blockers = Blockers.of(connection, engine());
        } catch (SQLException | RehearsalException e) {
            return f; // the verdict stands without them
        }
        if (blockers.isEmpty()) {
            return f;
        }
        String held = "sessions holding locks in the database: " + String.join("; ", blockers);
        return new Failure(f.version(), f.script(), f.checksum(), f.statementIndex(), f.line(), f.statement(),
                f.sqlState(), f.vendorCode(), f.message(), Optional.of(f.detail().map(d -> d + "; ").orElse("") + held),
                f.constraint(), f.table(), f.column(), f.failureClass());
    }

    private static Failure withDetail(Failure f, String more) {
        return new Failure(f.version(), f.script(), f.checksum(), f.statementIndex(), f.line(), f.statement(),
                f.sqlState(), f.vendorCode(), f.message(), Optional.of(f.detail().map(d -> d + "; ").orElse("") + more),
                f.constraint(), f.table(), f.column(), f.failureClass());
    }

    /** The failure of a step that lacked a privilege, saying which user it ran as and how to run it as the admin. */
    private Failure withPrivileges(Failure f) {
        String who = database.server().runUserName().map(user -> "the rehearsal ran as " + user + ", the run's own user"
                + " with least privilege (" + dev.rehearsal.RehearsalSettings.PRIVILEGES + " = least" + (database.info()
                        .provider() == dev.rehearsal.ProviderKind.EXISTING ? ", the default on an existing server" : "")
                + "): it may use only the rehearsal's database; set " + dev.rehearsal.RehearsalSettings.PRIVILEGES
                + "=admin to rehearse as " + database.server().adminUser() + ", if production runs this migration with"
                + " that privilege").orElse("the rehearsal ran as " + database.server().adminUser() + ", the configured"
                        + " admin user (" + dev.rehearsal.RehearsalSettings.PRIVILEGES + " = admin)");
        return new Failure(f.version(), f.script(), f.checksum(), f.statementIndex(), f.line(), f.statement(),
                f.sqlState(), f.vendorCode(), f.message(), Optional.of(f.detail().map(d -> d + "; ").orElse("") + who),
                f.constraint(), f.table(), f.column(), f.failureClass());
    }

    /** Whether a connection could not be made or was lost: an SQLSTATE of class 08 in the cause chain, or a socket error. */
    private static boolean connectionLost(Throwable thrown) {
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the driver gave up reading because the server sent nothing within the socket timeout. */
    private static boolean timedOut(Throwable thrown) {
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || String.valueOf(t.getMessage()).contains("Read timed out")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A statement outlived its client: the driver stopped waiting after the socket timeout, and the server went on
     * running it. The harness ends that session of its own, so that the statement does not keep changing the
     * database (or holding up its drop), and says so.
     */
    /** A step the harness cancelled past {@code rehearsal.timeout.step}: a time bound that gave up, as a lock's does. */
    private static Failure overtime(Failure f, Duration bound) {
        String said = "the step ran longer than " + dev.rehearsal.RehearsalSettings.STEP_TIMEOUT + " (" + bound.toMillis()
                + " ms), so the harness cancelled its statement";
        return new Failure(f.version(), f.script(), f.checksum(), f.statementIndex(), f.line(), f.statement(),
                f.sqlState(), f.vendorCode(), f.message(), Optional.of(said + f.detail().map(d -> "; " + d).orElse("")),
                f.constraint(), f.table(), f.column(), dev.rehearsal.FailureClass.LOCK_TIMEOUT);
    }

    /**
     * A step that failed on a server that then answered no new connection either (frozen, stopped, unreachable): the
     * verdict of what the step saw, the failing statement and its error, with a detail that says the history could not
     * be read back; what was left is worked out from the statements that ran, as after any failure, with no failed
     * history row (its write needed the same server); the version is the one before the step, raised only by the
     * migrations Flyway reported finished.
     */
    private StepOutcome unanswered(String step, Optional<String> before, RuntimeException thrown,
            RuntimeException unanswered, StatementRecorder recorder, Optional<Optional<List<Long>>> endedAfterTimeout,
            Duration took) {
        Failure f = withLine(translator.failure(thrown, recorder, null, Optional.empty()), recorder);
        if (endedAfterTimeout.isPresent()) {
            f = afterSocketTimeout(f, endedAfterTimeout.get());
        }
        String cause = Optional.ofNullable(unanswered.getMessage()).map(Dialect::firstLine).orElse(unanswered.toString());
        String said = "then the server did not answer a new connection either (" + cause + "): the history could not be"
                + " read, so what the step left in the database is not known";
        f = new Failure(f.version(), f.script(), f.checksum(), f.statementIndex(), f.line(), f.statement(),
                f.sqlState(), f.vendorCode(), f.message(), Optional.of(f.detail().map(d -> d + "; ").orElse("") + said),
                f.constraint(), f.table(), f.column(), f.failureClass());
        List<AppliedMigration> applied = recorder.runs().stream()
                .filter(r -> r.state == StatementRecorder.State.SUCCEEDED && !r.version.isEmpty())
                .map(r -> new AppliedMigration(r.version, r.description, r.script))
                .toList();
        lastStatements = recorder.runs().stream().flatMap(r -> r.statements.stream()).map(st -> st.sql).toList();
        Optional<String> versionAfter = applied.isEmpty() ? before : Optional.of(applied.get(applied.size() - 1).version());
        return new StepOutcome(database.info(), step, before, versionAfter, applied, Optional.of(f),
                Optional.of(translator.leftBehind(f, recorder, null, versionAfter)), List.of(), List.of(), took);
    }

    /**
     * @param asked the sessions of the harness's own that were still running the statement and that it ended; empty
     *     when the server could not be asked
     */
    private Failure afterSocketTimeout(Failure f, Optional<List<Long>> asked) {
        List<Long> ended = asked.orElse(List.of());
        String said = "the server sent no answer within " + dev.rehearsal.RehearsalSettings.SOCKET_TIMEOUT + " ("
                + database.server().policy().socketTimeout().toMillis() + " ms), so the driver gave up"
                + (asked.isEmpty() ? "; whether the statement went on running there could not be asked"
                : ended.isEmpty() ? "; the statement was no longer running on the server"
                : "; the statement went on running on the server, in session " + ended.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ", which the harness ended (its work rolled back where the"
                        + " engine can)");
        return new Failure(f.version(), f.script(), f.checksum(), f.statementIndex(), f.line(), f.statement(),
                f.sqlState(), f.vendorCode(), f.message(), Optional.of(f.detail().map(d -> d + "; ").orElse("") + said),
                f.constraint(), f.table(), f.column(), f.failureClass());
    }

    /**
     * Whether a step runs more than its scripts' statements, which the damage check then cannot read its scope from:
     * callbacks (Java ones, SQL ones in the locations), {@code initSql}, or session settings that turn checks off.
     */
    private boolean runsMoreThanItsScripts() {
        String session = database.dataSource().sessionSettings().toLowerCase(java.util.Locale.ROOT);
        return flyway.reads().getConfiguration().getCallbacks().length > 0
                || !settings.flywayProperties().getOrDefault("flyway.initSql", "").isBlank()
                || session.contains("foreign_key_checks") || session.contains("check_constraint_checks")
                || session.contains("session_replication_role")
                || LocationFiles.holdCallbacks(settings, engine());
    }

    /** A connection of the harness's own reads around a step: one for what it reads before, one for after. */
    private Connection connect() {
        try {
            return reads.getConnection();
        } catch (SQLException e) {
            throw new RehearsalException("Could not connect to " + database.info() + ": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private RehearsalException closeFailed(SQLException e) {
        return new RehearsalException("Could not close a connection to " + database.info() + ": " + e.getMessage(), e);
    }

    /** The statements the last step ran, in order, as Flyway sent them. */
    private volatile List<String> lastStatements = List.of();

    /** The statements the last migrate step ran, in order, as Flyway sent them; empty before the first. */
    public List<String> lastStatements() {
        return lastStatements;
    }

    /**
     * @param known what Flyway said just before, when the caller asked (one resolution of the locations fewer: each
     *     reads and checksums every script)
     */
    private StepOutcome run(String step, String target, Optional<MigrationInfoService> known) {
        return run(step, target, known, null);
    }

    private StepOutcome run(String step, String target, Optional<MigrationInfoService> known, StepFault fault) {
        StatementRecorder recorder = new StatementRecorder(database.info());
        if (fault != null) {
            recorder.listen(fault);
        }
        Flyway migrating = fault == null ? flyway.step(recorder, target) : flyway.step(recorder, target, fault.connections());
        // what Flyway says before the step, asked only when needed: it resolves and checksums every script again
        MigrationInfoService[] asked = {known.orElse(null)};
        Supplier<MigrationInfoService> beforeInfo = () -> asked[0] != null ? asked[0] : (asked[0] = flyway.info(migrating));
        DamageCheck.Census census = null;
        Optional<String> before;
        try (Connection connection = connect()) {
            if (damageChecks) {
                census = DamageCheck.census(connection, engine(), dialect(), history.name(),
                        () -> runsMoreThanItsScripts() ? Optional.empty() : pendingStatements(beforeInfo.get(), target))
                        .orElse(null);
            }
            before = known.isPresent() ? HistoryTable.currentVersion(known.get())
                    : history.currentVersion(connection, beforeInfo);
        } catch (SQLException e) {
            throw closeFailed(e);
        }
        long start = System.nanoTime();
        RuntimeException thrown = null;
        // the step's whole time is bounded too: past it, the statement of the harness's own that runs is cancelled,
        // and again each second, so that a step of many statements, each within the socket timeout, still ends
        java.util.concurrent.atomic.AtomicBoolean overtime = new java.util.concurrent.atomic.AtomicBoolean();
        boolean[] ended = {false};
        Duration bound = database.server().policy().stepTimeout();
        java.util.concurrent.ScheduledFuture<?> watchdog = StepTimer.every(bound, Duration.ofSeconds(1), () -> {
            synchronized (ended) {
                if (!ended[0]) { // never a statement of the harness's own after the step
                    overtime.set(true);
                    database.server().cancelStatements(database.name(), database.dataSource().sessions());
                    if (fault != null) {
                        database.server().cancelStatements(database.name(), fault.connections().sessions());
                    }
                }
            }
        });
        try {
            migrating.migrate();
        } catch (FlywayException e) {
            thrown = e;
        } finally {
            watchdog.cancel(false);
            synchronized (ended) {
                ended[0] = true;
            }
        }
        long stepEnd = System.nanoTime();
        Duration took = Duration.ofNanos(stepEnd - start);
        // a fault point is closed first (a frozen connection ends there) and the server's sessions of the step waited for
        String faultSaid = fault == null ? null : fault.end(database, stepEnd, database.server().policy().socketTimeout());
        // a statement the driver stopped waiting for may go on running on the server: its session, the harness's own,
        // is ended first, so that nothing the harness reads next waits for it
        Optional<Optional<List<Long>>> endedAfterTimeout = thrown != null && timedOut(thrown)
                ? Optional.of(database.server().endSessionsIfAnswered(database.name(), database.dataSource().sessions(),
                        true))
                : Optional.empty();
        // after a success the history table alone says where the database is (Flyway's info() would resolve and
        // checksum every script again); after a failure the translator reads Flyway's view of it
        MigrationInfoService after = null;
        RuntimeException unanswered = null;
        if (thrown != null) {
            try {
                after = info();
            } catch (RuntimeException e) {
                if (!connectionLost(e)) {
                    throw e;
                }
                // the server that failed the step no longer answers (frozen, gone): the verdict is what the step saw
                unanswered = e;
            }
        }
        if (unanswered != null) {
            return unanswered(step, before, thrown, unanswered, recorder, endedAfterTimeout, took);
        }
        if (thrown != null) {
            recorder.markUncommittedRunsFailed(Arrays.stream(after.applied())
                    .filter(i -> i.getVersion() != null && !i.getState().isFailed())
                    .map(i -> i.getVersion().getVersion())
                    .collect(Collectors.toSet()));
        }
        List<AppliedMigration> applied = recorder.runs().stream()
                .filter(r -> r.state == StatementRecorder.State.SUCCEEDED)
                .map(r -> new AppliedMigration(r.version, r.description, r.script))
                .toList();
        lastStatements = recorder.runs().stream().flatMap(r -> r.statements.stream()).map(st -> st.sql).toList();
        Optional<Failure> failure = Optional.empty();
        Optional<LeftBehind> leftBehind = Optional.empty();
        List<Damage> damage = List.of();
        if (thrown != null) {
            // when Flyway refused up front, nothing changed: what is pending now was pending before
            Failure f = withLine(translator.failure(thrown, recorder, after, Arrays.stream(after.pending()).findFirst()),
                    recorder);
            boolean cancelled = f.sqlState().filter(s -> s.equals("57014") || s.equals("70100")).isPresent()
                    || f.vendorCode().orElse(0) == 1317;
            if (overtime.get() && cancelled) {
                f = overtime(f, bound);
            } else if (f.failureClass() == dev.rehearsal.FailureClass.LOCK_TIMEOUT) {
                f = withBlockers(f);
            } else if (f.failureClass() == dev.rehearsal.FailureClass.PRIVILEGE) {
                f = withPrivileges(f);
            } else if (endedAfterTimeout.isPresent()) {
                f = afterSocketTimeout(f, endedAfterTimeout.get());
            }
            if (faultSaid != null) {
                f = withDetail(f, faultSaid);
            }
            failure = Optional.of(f);
            leftBehind = Optional.of(translator.leftBehind(f, recorder, after));
        }
        Optional<String> versionAfter;
        if (after != null) {
            versionAfter = HistoryTable.currentVersion(after);
        } else {
            // after a success the history table alone says where the database is, read on the connection that checks it
            try (Connection connection = connect()) {
                if (census != null) {
                    List<String> statements = new ArrayList<>();
                    List<DamageCheck.DataWarning> warnings = new ArrayList<>();
                    for (StatementRecorder.MigrationRun run : recorder.runs()) {
                        for (StatementRecorder.StatementRun statement : run.statements) {
                            statements.add(statement.sql);
                            statement.warnings.forEach(w -> DamageCheck.DataWarning.of(dialect(), w.getCode(),
                                    w.getMessage(), statement.sql, run.script, statement.index).ifPresent(warnings::add));
                        }
                    }
                    damage = DamageCheck.findings(census, connection, engine(), dialect(), history.name(), statements,
                            warnings);
                }
                versionAfter = history.currentVersion(connection, this::info);
            } catch (SQLException e) {
                throw closeFailed(e);
            }
        }
        List<dev.rehearsal.Finding> findings;
        try {
            findings = TimeoutFindings.of(recorder.runs(), dialect(), census == null ? null : census.schema());
        } catch (RuntimeException e) {
            findings = List.of(); // findings are advice: a statement the reader trips on costs the advice, not the verdict
        }
        return new StepOutcome(database.info(), step, before, versionAfter, applied, failure,
                leftBehind, List.of(), damage, took, findings);
    }

    /**
     * The failing statement's line when what Flyway threw does not carry it (a write of the failed history row that
     * failed after the statement, on a killed session): found by locating the statements the migration ran, in order,
     * in its script as Flyway read it; unchanged when they cannot all be found there.
     */
    private Failure withLine(Failure f, StatementRecorder recorder) {
        Optional<StatementRecorder.MigrationRun> run = recorder.last();
        if (f.line().isPresent() || f.statementIndex().isEmpty() || f.version().isEmpty() || run.isEmpty()
                || !f.version().get().equals(run.get().version)) {
            return f;
        }
        int index = f.statementIndex().getAsInt();
        if (index > run.get().statements.size()) {
            return f;
        }
        String text;
        try {
            text = ScriptSource.text(run.get().info, flyway.reads().getConfiguration(), locations, database.name());
        } catch (RuntimeException unreadable) {
            return f;
        }
        int from = 0;
        int at = -1;
        for (StatementRecorder.StatementRun statement : run.get().statements.subList(0, index)) {
            String sql = statement.sql.strip();
            at = sql.isEmpty() ? -1 : text.indexOf(sql, from);
            if (at < 0) {
                return f;
            }
            from = at + sql.length();
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return new Failure(f.version(), f.script(), f.checksum(), f.statementIndex(), java.util.OptionalInt.of(line),
                f.statement(), f.sqlState(), f.vendorCode(), f.message(), f.detail(), f.constraint(), f.table(),
                f.column(), f.failureClass());
    }

    private MigrationVersion knownVersion(String version, MigrationInfoService info) {
        List<MigrationVersion> known = Arrays.stream(info.all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null).distinct().sorted().toList();
        MigrationVersion wanted;
        try {
            wanted = MigrationVersion.fromVersion(version.strip());
        } catch (RuntimeException e) {
            wanted = null;
        }
        if (wanted == null || !known.contains(wanted)) {
            throw new RehearsalConfigurationException("migrateTo(\"" + version + "\"): no migration has version " + version
                    + " in " + locations + " (" + settings.origin() + "). Versions there: "
                    + (known.isEmpty() ? "none" : known.stream().map(MigrationVersion::getVersion).collect(Collectors.joining(", ")))
                    + ".\nTo fix this, use one of those versions, or add V" + version + "__<description>.sql to a location.");
        }
        return wanted;
    }
}
