package dev.rehearsal.internal.flyway;

import dev.rehearsal.AppliedMigration;
import dev.rehearsal.Engine;
import dev.rehearsal.Failure;
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
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Runs Flyway on one rehearsal database and turns each migrate step into a {@link StepOutcome}.
 */
public final class MigrationRunner {

    /**
     * MySQL-family warnings that mean rows were changed to fit: truncation, out-of-range clipping, NULL coerced to a
     * default, text coerced to a number or date. Notes such as 1305 (IF EXISTS found nothing) are not damage, nor are
     * PostgreSQL notices, which never stand for changed data.
     */
    private static final java.util.Set<Integer> DATA_WARNINGS = java.util.Set.of(1048, 1262, 1263, 1264, 1265, 1292,
            1366, 1406, 1411, 1690);

    private final RehearsalDatabase database;
    private final DataSource reads;
    private final MigrationSettings settings;
    private final List<String> locations;
    private final FailureTranslator translator;
    private final boolean damageChecks;

    /**
     * @throws RehearsalConfigurationException if a location does not exist or holds no migration
     */
    public MigrationRunner(RehearsalDatabase database, MigrationSettings settings, DataSource reads) {
        this(database, settings, reads, true);
    }

    /**
     * @param damageChecks whether each successful step is checked for damage; off for the internal clean runs,
     *     whose empty databases have nothing to lose
     */
    public MigrationRunner(RehearsalDatabase database, MigrationSettings settings, DataSource reads,
            boolean damageChecks) {
        this.damageChecks = damageChecks;
        this.database = database;
        this.reads = reads;
        this.settings = settings;
        this.locations = settings.locationsFor(database.info().engine());
        if (database.info().engine().isMysqlFamily() && !settings.schemas().isEmpty()) {
            throw new RehearsalConfigurationException(settings.origin() + ": schemas = " + settings.schemas() + " cannot"
                    + " be used on " + database.info().engine().displayName() + ": there a Flyway schema is a database,"
                    + " and a rehearsal migrates into the one database it created for the test.\nTo fix this, remove"
                    + " schemas for MySQL and MariaDB rehearsals; the rehearsal database plays the part of your schema.");
        }
        // Flyway runs initSql on each of its connections, outside the statement callbacks the guard sits in
        String initSql = settings.flywayProperties().getOrDefault("flyway.initSql", "");
        SqlText.split(initSql, engine()).forEach(statement -> SafetyGuard.check(statement, database.info()));
        this.translator = new FailureTranslator(database.server().dialect());
        FlywayVersion.warnIfOlder(System.out::println);
        try {
            flyway(null, null);
        } catch (FlywayException e) {
            throw new RehearsalConfigurationException(settings.origin() + ": Flyway rejects the settings "
                    + settings.flywayProperties().keySet() + ": " + FailureTranslator.flywayMessage(e) + "\nTo fix this, correct"
                    + " or remove the setting it names (flywayProperties take Flyway's names, e.g. outOfOrder=true).", e);
        }
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

    /** What the history table and the locations say now. */
    public MigrationInfoService info() {
        return info(flyway(null, null));
    }

    /** Flyway's info; a failure to read the migrations is a configuration error of the locations. */
    private MigrationInfoService info(Flyway flyway) {
        try {
            return flyway.info();
        } catch (FlywayException e) {
            if (FailureTranslator.sqlCause(e).isPresent()) {
                throw new RehearsalException("Flyway could not read the history of " + database.info() + ": "
                        + FailureTranslator.flywayMessage(e), e);
            }
            throw new RehearsalConfigurationException("Flyway cannot read the migrations in " + locations + " ("
                    + settings.origin() + "): " + FailureTranslator.flywayMessage(e) + "\nTo fix this, correct the"
                    + " migration files or the Flyway settings named there.", e);
        }
    }

    /**
     * The highest version applied successfully, read from the history table: one small query, where Flyway's
     * {@code info()} also scans the locations.
     *
     * @param dataSource connections that resolve the history table as the migrations do
     */
    public Optional<String> currentVersion(DataSource dataSource) {
        Dialect dialect = database.server().dialect();
        String table = settings.table().orElse("flyway_schema_history");
        String sql = "SELECT version, type FROM " + dialect.quote(table) + " WHERE success"
                + (engine().isMysqlFamily() ? " = 1" : "") + " AND version IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            if (!historyExists(connection, table)) {
                return Optional.empty();
            }
            Optional<MigrationVersion> highest = Optional.empty();
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    String type = String.valueOf(rows.getString(2)).toUpperCase(Locale.ROOT);
                    if (type.equals("DELETE") || type.startsWith("UNDO")) {
                        // a marker that takes back an earlier row: Flyway's own reading of the history decides
                        return currentVersion(info());
                    }
                    MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                    if (highest.isEmpty() || version.compareTo(highest.get()) > 0) {
                        highest = Optional.of(version);
                    }
                }
            }
            return highest.map(MigrationVersion::getVersion);
        } catch (SQLException e) {
            return currentVersion(info());
        }
    }

    /** The rows of the history table, in installation order; empty before the first migrate. */
    public List<dev.rehearsal.HistoryRow> history(DataSource dataSource) {
        Dialect dialect = database.server().dialect();
        String table = settings.table().orElse("flyway_schema_history");
        List<dev.rehearsal.HistoryRow> rows = new java.util.ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!historyExists(connection, table)) {
                return rows;
            }
            try (ResultSet rs = statement.executeQuery("SELECT installed_rank, version, description, script, success FROM "
                    + dialect.quote(table) + " ORDER BY installed_rank")) {
                while (rs.next()) {
                    rows.add(new dev.rehearsal.HistoryRow(rs.getInt(1), Optional.ofNullable(rs.getString(2)),
                            String.valueOf(rs.getString(3)), String.valueOf(rs.getString(4)), rs.getBoolean(5)));
                }
            }
        } catch (SQLException e) {
            throw new RehearsalException("Could not read the history table " + table + " of " + database.info() + ": "
                    + e.getMessage(), e);
        }
        return rows;
    }

    private static boolean historyExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        String catalog = connection.getCatalog();
        for (String name : new String[] {table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(catalog, schema, name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The highest version applied successfully. Flyway's own {@code current()} also counts a failed migration,
     * which the database is not at.
     */
    static Optional<String> currentVersion(MigrationInfoService info) {
        return Arrays.stream(info.applied())
                .filter(i -> i.getVersion() != null && !i.getState().isFailed())
                .filter(i -> !Set.of("DELETED", "UNDONE").contains(i.getState().name()))
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion);
    }

    public List<String> pendingVersions() {
        return Arrays.stream(info().pending()).map(MigrationRunner::version).flatMap(Optional::stream).toList();
    }

    /**
     * What the locations hold, as Flyway resolves it: each migration's version, script and checksum. Two runs of
     * equal settings over the same fingerprint migrate the same way.
     */
    public List<String> fingerprint() {
        return Arrays.stream(info().all()).filter(i -> i.getState().isResolved())
                .map(i -> i.getVersion() + " " + i.getScript() + " " + i.getChecksum()).sorted().toList();
    }

    /** Migrate up to and including a version of the locations. */
    public StepOutcome migrateTo(String version) {
        MigrationInfoService info = info();
        MigrationVersion target = knownVersion(version, info);
        Optional<String> current = currentVersion(info);
        if (current.isPresent() && MigrationVersion.fromVersion(current.get()).compareTo(target) > 0) {
            throw new RehearsalConfigurationException("migrateTo(\"" + version + "\"): the database is already at version "
                    + current.get() + ", above " + target + ". A rehearsal only migrates forward, as production does.\n"
                    + "To fix this, migrate to a version above " + current.get() + ", or start a new rehearsal.");
        }
        return run("migrate to version " + target, target.getVersion());
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
                    + " at version " + currentVersion(info).orElse("<none>") + ", the latest there is.\n"
                    + "To fix this, add the migration you want to rehearse to the locations, or use migrateToLatest()"
                    + " which succeeds when nothing is pending.");
        }
        String version = next.get().getVersion().getVersion();
        return run("migrate to next version (" + version + ")", version);
    }

    public StepOutcome migrateToLatest() {
        return run("migrate to latest", "latest");
    }

    /**
     * Resume the script the history records as failed, from the first statement not in effect: run the remaining
     * statements and, once they all succeed, remove the failed row and record the migration as applied with its real
     * checksum. If a remaining statement fails, the failed row stays, as it would in production.
     *
     * @param dataSource connections to the rehearsal database
     * @param lastStep the rehearsal's last migrate step, which must be that script's failure
     * @throws RehearsalException if no failed row exists (a transactional PostgreSQL script rolls back whole), or
     *     if the failure was not seen by this rehearsal or the script changed since
     */
    public StepOutcome resume(DataSource dataSource, Optional<StepOutcome> lastStep) {
        MigrationInfoService info = info();
        Optional<MigrationInfo> failedRow = Arrays.stream(info.all())
                .filter(i -> i.getVersion() != null && i.getState().isFailed())
                .reduce((a, b) -> b);
        if (failedRow.isEmpty() && !engine().isMysqlFamily()) {
            throw new RehearsalException("resumeFailedMigration(): on " + engine().displayName() + " a failed script that"
                    + " ran in a transaction is rolled back as a whole, so nothing of it is in effect and there is"
                    + " nothing to resume.\nTo fix this, remove the cause and migrate again (migrateToNext()).");
        }
        MigrationInfo failed = failedRow.orElseThrow(() -> new RehearsalException("resumeFailedMigration(): the history"
                + " of " + database.name() + " records no failed migration, so there is nothing to resume.\nTo fix this,"
                + " resume only after a migrate step failed part-way; use migrateToNext() to go on otherwise."));
        String script = failed.getScript();
        String version = failed.getVersion().getVersion();
        StepOutcome failure = lastStep.filter(s -> s.failure().flatMap(Failure::script).equals(Optional.of(script)))
                .filter(s -> s.failure().get().isStatementFailure())
                .orElseThrow(() -> new RehearsalException("resumeFailedMigration(): this rehearsal did not see how " + script
                        + " failed, so it cannot tell which of its statements are in effect.\nTo fix this, resume right"
                        + " after the migrate step that failed."));
        LeftBehind left = failure.leftBehind().orElseThrow();
        List<dev.rehearsal.ExecutedStatement> inEffect = new java.util.ArrayList<>(left.stillApplied());
        for (int i = 0; i < inEffect.size(); i++) {
            if (inEffect.get(i).index() != i + 1) {
                throw new RehearsalException("resumeFailedMigration(): the statements of " + script + " in effect are not"
                        + " its first ones, so there is no point to resume from.\nTo fix this, undo the statements in effect"
                        + " with execute(...) and migrate again after repair(), or write a compensating migration.");
            }
        }
        int from = inEffect.size() + 1;
        List<SqlText.Located> statements = SqlText.splitWithLines(ScriptSource.text(failed,
                flyway(null, null).getConfiguration(), locations, database.name()), engine());
        for (dev.rehearsal.ExecutedStatement executed : left.executedBeforeFailure()) {
            String ours = executed.index() <= statements.size() ? statements.get(executed.index() - 1).sql() : "";
            if (!squeeze(ours).equals(squeeze(SqlText.trimTerminator(executed.sql())))) {
                throw new RehearsalException("resumeFailedMigration(): statement " + executed.index() + " of " + script
                        + " as Flyway ran it does not match the script as read now, so resuming could run the wrong"
                        + " statements.\nTo fix this, resume only a script that was not changed since it failed.");
            }
        }
        String step = "resume " + script + " from statement " + from;
        Optional<String> before = currentVersion(info);
        String historyTable = settings.table().orElse("flyway_schema_history");
        DamageCheck.Census census = damageChecks
                ? DamageCheck.census(reads, engine(), database.server().dialect(), historyTable) : null;
        for (int j = from; j <= statements.size(); j++) {
            SafetyGuard.check(statements.get(j - 1).sql(), database.info());
        }
        long start = System.nanoTime();
        List<String> ran = new java.util.ArrayList<>();
        List<String> warnings = new java.util.ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int j = from; j <= statements.size(); j++) {
                SqlText.Located located = statements.get(j - 1);
                try {
                    statement.execute(located.sql());
                } catch (SQLException e) {
                    Failure again = translator.statementFailure(version, script, failed.getChecksum(), j, located.line(), located.sql(), e);
                    LeftBehind stays = new LeftBehind(currentVersion(dataSource), false, List.copyOf(inEffect),
                            List.copyOf(inEffect), true);
                    return new StepOutcome(database.info(), step, before, currentVersion(dataSource), List.of(),
                            Optional.of(again), Optional.of(stays), List.of(), List.of(),
                            Duration.ofNanos(System.nanoTime() - start));
                }
                inEffect.add(new dev.rehearsal.ExecutedStatement(j, located.sql()));
                ran.add(located.sql());
                for (java.sql.SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                    if (engine().isMysqlFamily() && DATA_WARNINGS.contains(w.getErrorCode())) {
                        warnings.add(Dialect.tableOfStatement(located.sql()).orElse(script) + "\t" + script
                                + " statement " + j + " changed data with warning " + w.getErrorCode() + ": "
                                + w.getMessage());
                    }
                }
                statement.clearWarnings();
            }
        } catch (SQLException e) {
            throw new RehearsalException(step + " could not connect to " + database.info() + ": " + e.getMessage(), e);
        }
        record(dataSource, step, version);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<dev.rehearsal.Damage> damage = census == null ? List.of() : DamageCheck.findings(census, reads, engine(),
                database.server().dialect(), historyTable, ran, warnings);
        return new StepOutcome(database.info(), step, before, currentVersion(dataSource),
                List.of(new AppliedMigration(version, failed.getDescription(), script)), Optional.empty(), Optional.empty(),
                List.of(), damage, took);
    }

    /**
     * Record a resumed migration as applied: remove its failed row, then let Flyway write the row it writes for a
     * success, with the script's checksum, without running anything. Unlike {@code repair}, nothing else in the
     * history changes (checksums of applied scripts stay as they were, so a changed script is still caught), and
     * repeatable migrations, which a target does not hold back, are not recorded in passing.
     */
    private void record(DataSource dataSource, String step, String version) {
        Dialect dialect = database.server().dialect();
        String table = settings.table().orElse("flyway_schema_history");
        try (Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement delete = connection.prepareStatement("DELETE FROM " + dialect.quote(table)
                        + " WHERE version = ? AND " + (engine().isMysqlFamily() ? "success = 0" : "NOT success"))) {
            delete.setString(1, version);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new RehearsalException(step + ": the remaining statements ran, but the failed row of version " + version
                    + " could not be removed from " + table + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure(settings.classLoader()).configuration(flyway(null, version).getConfiguration())
                    .skipExecutingMigrations(true)
                    .repeatableSqlMigrationPrefix("REHEARSAL_RECORDS_NO_REPEATABLE_")
                    .validateOnMigrate(false) // the applied repeatables are unresolvable under that prefix
                    .skipDefaultCallbacks(true)
                    .callbacks(new Callback[0])
                    .load().migrate();
        } catch (FlywayException e) {
            throw new RehearsalException(step + ": the remaining statements ran and the failed row of version " + version
                    + " was removed, but Flyway could not record the version as applied: "
                    + FailureTranslator.flywayMessage(e) + "\nThe database holds every statement of the script; its"
                    + " history lacks the row.", e);
        }
    }

    private static String squeeze(String sql) {
        return SqlText.stripLeadingComments(sql).replaceAll("\\s+", " ").strip();
    }

    public RepairOutcome repair() {
        RepairResult result;
        try {
            result = flyway(null, null).repair();
        } catch (FlywayException e) {
            throw new RehearsalException("repair() failed on " + database.info() + ": " + FailureTranslator.flywayMessage(e), e);
        }
        List<String> removed = result.migrationsRemoved == null ? List.of()
                : result.migrationsRemoved.stream().map(r -> r.version).toList();
        return new RepairOutcome(removed, currentVersion(info()));
    }

    private StepOutcome run(String step, String target) {
        StatementRecorder recorder = new StatementRecorder(database.info());
        Flyway flyway = flyway(recorder, target);
        String historyTable = settings.table().orElse("flyway_schema_history");
        DamageCheck.Census census = damageChecks
                ? DamageCheck.census(reads, engine(), database.server().dialect(), historyTable) : null;
        MigrationInfoService beforeInfo = info(flyway);
        Optional<String> before = currentVersion(beforeInfo);
        Optional<MigrationInfo> firstPending = Arrays.stream(beforeInfo.pending()).findFirst();
        long start = System.nanoTime();
        RuntimeException thrown = null;
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            thrown = e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        MigrationInfoService after = info();
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
        Optional<Failure> failure = Optional.empty();
        Optional<LeftBehind> leftBehind = Optional.empty();
        List<dev.rehearsal.Damage> damage = List.of();
        if (thrown != null) {
            Failure f = translator.failure(thrown, recorder, after, firstPending);
            failure = Optional.of(f);
            leftBehind = Optional.of(translator.leftBehind(f, recorder, after));
        } else if (census != null) {
            List<String> statements = new java.util.ArrayList<>();
            List<String> warnings = new java.util.ArrayList<>();
            for (StatementRecorder.MigrationRun run : recorder.runs()) {
                for (StatementRecorder.StatementRun statement : run.statements) {
                    statements.add(statement.sql);
                    String table = dev.rehearsal.internal.dialect.Dialect.tableOfStatement(statement.sql).orElse(run.script);
                    statement.warnings.stream()
                            .filter(w -> engine().isMysqlFamily() && DATA_WARNINGS.contains(w.getCode()))
                            .forEach(w -> warnings.add(table + "\t" + run.script + " statement " + statement.index
                                    + " changed data with warning " + w.getCode() + ": " + w.getMessage()));
                }
            }
            damage = DamageCheck.findings(census, reads, engine(), database.server().dialect(), historyTable, statements,
                    warnings);
        }
        return new StepOutcome(database.info(), step, before, currentVersion(after), applied, failure, leftBehind,
                List.of(), damage, took);
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

    private Flyway flyway(StatementRecorder recorder, String target) {
        FluentConfiguration config = Flyway.configure(settings.classLoader());
        if (!settings.flywayProperties().isEmpty()) {
            config.configuration(settings.flywayProperties());
        }
        if (settings.flywayProperties().keySet().stream().noneMatch(k -> k.equalsIgnoreCase("flyway.loggers"))) {
            config.loggers(QuietLogCreator.class.getName());
        }
        config.dataSource(database.dataSource())
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                .cleanDisabled(true);
        if (!settings.placeholders().isEmpty()) {
            Map<String, String> placeholders = new LinkedHashMap<>(config.getPlaceholders());
            placeholders.putAll(settings.placeholders());
            config.placeholders(placeholders);
        }
        if (!settings.schemas().isEmpty()) {
            config.schemas(settings.schemas().toArray(String[]::new));
        }
        settings.table().ifPresent(config::table);
        if (recorder != null) {
            Callback[] configured = config.getCallbacks();
            Callback[] callbacks = Arrays.copyOf(configured, configured.length + 1);
            callbacks[configured.length] = recorder;
            config.callbacks(callbacks);
        }
        if (target != null) {
            config.target(target);
        }
        if (engine() == Engine.POSTGRESQL && !settings.postgresqlTransactionalLock()) {
            config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        }
        return config.load();
    }

    private static Optional<String> version(MigrationInfo info) {
        return Optional.ofNullable(info).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion);
    }
}
