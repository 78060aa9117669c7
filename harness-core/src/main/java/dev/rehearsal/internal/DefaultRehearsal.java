package dev.rehearsal.internal;

import dev.rehearsal.AppliedMigration;
import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.Engine;
import dev.rehearsal.HistoryRow;
import dev.rehearsal.Leftover;
import dev.rehearsal.MigrationStatus;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.RepairOutcome;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.internal.derive.BreakingDataDeriver;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.flyway.FlywaySteps;
import dev.rehearsal.internal.flyway.MigrationSettings;
import dev.rehearsal.internal.flyway.TouchedTables;
import dev.rehearsal.internal.jdbc.SafetyGuard;
import dev.rehearsal.internal.jdbc.SqlText;
import dev.rehearsal.internal.jdbc.TrackingDataSource;
import dev.rehearsal.internal.schema.SchemaReader;
import dev.rehearsal.internal.server.RehearsalDatabase;
import dev.rehearsal.internal.snapshot.DataReader;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.SchemaDiff;
import dev.rehearsal.seed.BreakingData;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.seed.spi.SeedTerms;
import dev.rehearsal.seed.spi.Seeder;
import dev.rehearsal.snapshot.DataSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link Rehearsal} a test gets: a migration runner and SQL access on one rehearsal database.
 */
public final class DefaultRehearsal implements Rehearsal {

    private final RehearsalDatabase database;
    private final FlywaySteps runner;
    private final Consumer<StepOutcome> reporter;
    private final TrackingDataSource dataSource;
    private final State state;

    /** What the views of one rehearsal database share. */
    private static final class State {
        final List<SeedReport> seeded = new ArrayList<>();
        StepOutcome lastStep;
    }

    /**
     * @param database the database, owned by whoever created it, not by this handle
     * @param settings the Flyway settings
     * @param reporter receives every step's outcome, e.g. to print it
     * @throws RehearsalConfigurationException if a migration location does not exist
     */
    public DefaultRehearsal(RehearsalDatabase database, MigrationSettings settings, Consumer<StepOutcome> reporter) {
        this(database, settings, reporter, new State(), true);
    }

    /**
     * A rehearsal on a database that already holds seeded rows, e.g. a copy of a cached state.
     *
     * @param seeded what was seeded in it, shown in every verdict
     */
    public DefaultRehearsal(RehearsalDatabase database, MigrationSettings settings, Consumer<StepOutcome> reporter,
            List<SeedReport> seeded) {
        this(database, settings, reporter, new State(), true);
        state.seeded.addAll(seeded);
    }

    /** A view on the same database: the seed reports and the last step are shared. */
    private DefaultRehearsal(RehearsalDatabase database, MigrationSettings settings, Consumer<StepOutcome> reporter,
            State state, boolean damageChecks) {
        this.state = state;
        this.database = Objects.requireNonNull(database, "database");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        // where the engine has schemas, unqualified names resolve in Flyway's first one, as they do in the migrations
        Optional<String> schemaProperty = database.server().dialect().currentSchemaProperty();
        this.dataSource = Objects.requireNonNull(settings, "settings").schemas().isEmpty() || schemaProperty.isEmpty()
                ? database.dataSource()
                : database.dataSource().withProperty(schemaProperty.get(), settings.schemas().get(0));
        this.runner = new FlywaySteps(database, settings, dataSource, damageChecks);
    }

    /** The rehearsal's database as the admin, names resolving in the same schema as {@link #dataSource}. */
    private javax.sql.DataSource asAdmin() {
        TrackingDataSource admin = database.server().adminDataSource(database.name());
        Optional<String> schemaProperty = database.server().dialect().currentSchemaProperty();
        return runner.settings().schemas().isEmpty() || schemaProperty.isEmpty() ? admin
                : admin.withProperty(schemaProperty.get(), runner.settings().schemas().get(0));
    }

    @Override
    public Engine engine() {
        return database.info().engine();
    }

    @Override
    public DatabaseInfo database() {
        return database.info();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Optional<String> currentVersion() {
        database.requireLive();
        return runner.currentVersion(dataSource);
    }

    @Override
    public List<String> pendingVersions() {
        database.requireLive();
        return runner.pendingVersions();
    }

    /**
     * This rehearsal's database and state without the damage census around each step: for the sweep, whose verdicts
     * are failures and successes, and which would otherwise read every table's keys twice per version.
     */
    public DefaultRehearsal withoutDamageChecks() {
        return new DefaultRehearsal(database, runner.settings(), reporter, state, false);
    }

    /** This rehearsal's database and state, under settings without one Flyway property (the sweep's repeatables). */
    public DefaultRehearsal withoutFlywayProperty(String key) {
        MigrationSettings settings = runner.settings();
        Map<String, String> properties = new LinkedHashMap<>(settings.flywayProperties());
        properties.remove(key);
        return new DefaultRehearsal(database, new MigrationSettings(settings.locations(), settings.placeholders(),
                settings.schemas(), settings.table(), settings.postgresqlTransactionalLock(), properties,
                settings.classLoader(), settings.origin()), reporter, state, runner.damageChecks());
    }

    /**
     * A rehearsal on a copy of this one's database as it is now: schema, rows, history and what was seeded. The copy is
     * the caller's to close; this rehearsal's connections are closed first (a template must have none on
     * PostgreSQL).
     *
     * @param hint a readable part of the copy's name
     * @return the copy; empty when a copy could not carry this database exactly (MySQL-family events or sequences)
     */
    public Optional<DefaultRehearsal> copy(String hint) {
        return copy(hint, reporter);
    }

    private Optional<DefaultRehearsal> copy(String hint, Consumer<StepOutcome> reporter) {
        database.requireLive();
        database.dataSource().closeOpenConnections();
        if (database.server().cannotCopy(database).isPresent()) {
            return Optional.empty();
        }
        String source = database.name();
        String version = currentVersion().orElse("<none>");
        database.dataSource().closeOpenConnections(); // the read just now, too
        RehearsalDatabase copy = database.server().copyDatabase(database, hint, millis -> "copy of " + source
                + " as it was at version " + version + ", copied in " + millis + " ms");
        try {
            DefaultRehearsal rehearsal = new DefaultRehearsal(copy, runner.settings(), reporter, new State(),
                    runner.damageChecks());
            rehearsal.state.seeded.addAll(state.seeded);
            return Optional.of(rehearsal);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /**
     * After a migration failed on the rows: this database back as it was before the migration, with the tables the
     * migration names (and every table that references one of them) emptied, for the sweep, which runs the migration
     * again and seeds those tables anew while the other tables keep their rows. Nothing is emptied, and the result is
     * empty, when the database is not as it was before (a MySQL-family statement before the failing one stayed in
     * effect: the schema differs), or the tables cannot be told (code, a Java migration). A failed history row (the
     * MySQL family records one) is removed first, as {@code repair()} does.
     *
     * @param previous the version before the migration; empty when it was the first
     * @param before the schema before the migration
     * @param statements the migration's statements as Flyway runs them
     * @return the tables emptied
     */
    public Optional<List<String>> emptyTablesTouchedBy(Optional<String> previous, Schema before,
            Optional<List<String>> statements) {
        database.requireLive();
        if (!schema().equals(before)) {
            return Optional.empty();
        }
        if (!runner.repair().versionAfter().equals(previous)) {
            return Optional.empty();
        }
        Dialect dialect = Dialect.of(engine());
        try (Connection connection = dataSource.getConnection()) {
            Optional<List<String>> tables = TouchedTables.of(connection, dialect, before, statements);
            if (tables.isPresent()) {
                TouchedTables.empty(connection, dialect, tables.get());
            }
            return tables;
        } catch (SQLException e) {
            throw new RehearsalException("Could not empty the tables of " + database.info() + " that the failed migration"
                    + " names: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** The statements of the versioned migration of a version as Flyway would run them; empty for a Java migration. */
    public Optional<List<String>> statementsOf(String version) {
        database.requireLive();
        return runner.statementsOf(version);
    }

    /** The statements of every versioned migration, by version, from one resolution of the locations. */
    public Map<String, Optional<List<String>>> statementsByVersion() {
        database.requireLive();
        return runner.statementsByVersion();
    }

    /**
     * Migrate to a version the caller just read from the locations, without looking it up again (one resolution of
     * every script fewer per step): for the sweep, which steps through the versions it listed.
     */
    public StepOutcome migrateToResolved(String version) {
        database.requireLive();
        return reported(runner.migrateToResolved(version));
    }

    /** The statements the last migrate step ran, in order, as Flyway sent them. */
    public List<String> lastStatements() {
        return runner.lastStatements();
    }

    /** The script of each versioned migration, by version. */
    public Map<String, String> scripts() {
        database.requireLive();
        return runner.scripts();
    }

    /** The Flyway checksum of each versioned migration, by version: what a sweep's baseline pins. */
    public Map<String, Integer> checksums() {
        database.requireLive();
        return runner.checksums();
    }

    @Override
    public Schema schema() {
        database.requireLive();
        try (Connection connection = dataSource.getConnection()) {
            return SchemaReader.of(engine()).read(connection, engine(),
                    runner.history().name());
        } catch (SQLException e) {
            throw new RehearsalException("schema() could not connect to " + database.info() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StepOutcome migrateTo(String version) {
        database.requireLive();
        Objects.requireNonNull(version, "version");
        return reported(runner.migrateTo(version));
    }

    @Override
    public StepOutcome migrateTo(String version, dev.rehearsal.ConnectionFault fault) {
        database.requireLive();
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fault, "fault");
        StepOutcome outcome = runner.migrateTo(version, fault);
        return reported(fault.delay().isZero() ? outcome : withServerSide(outcome));
    }

    /**
     * After a fault that struck while a statement ran: whether the server finished that statement after the client was
     * gone, told by the schema. A scratch database is migrated to the version before the step and given the statements
     * that stayed; the database equals it (the statement did not finish, or changed no schema), or equals it with the
     * statement too (it finished: it is added to what the step left), or neither (said so).
     */
    private StepOutcome withServerSide(StepOutcome outcome) {
        Optional<dev.rehearsal.Failure> failure = outcome.failure()
                .filter(f -> f.failureClass() == dev.rehearsal.FailureClass.CONNECTION_LOST && f.statementIndex().isPresent()
                        && f.statement().isPresent());
        if (failure.isEmpty() || outcome.leftBehind().isEmpty()) {
            return outcome;
        }
        dev.rehearsal.Failure f = failure.get();
        dev.rehearsal.LeftBehind left = outcome.leftBehind().get();
        int k = f.statementIndex().getAsInt();
        String said;
        dev.rehearsal.LeftBehind now = left;
        try (RehearsalDatabase scratch = database.server().createDatabase("fault_check")) {
            DefaultRehearsal run = new DefaultRehearsal(scratch, runner.settings(), step -> { }, new State(), false);
            if (outcome.versionBefore().isPresent() && run.migrateTo(outcome.versionBefore().get()).failed()) {
                return outcome;
            }
            for (dev.rehearsal.ExecutedStatement stayed : left.stillApplied()) {
                run.execute(stayed.sql());
            }
            Schema actual = schema();
            if (SchemaDiff.between(run.schema(), actual).isEmpty()) {
                said = "the server did not finish statement " + k + " after the connection was lost, or it changed no"
                        + " schema (rows are not compared)";
            } else {
                run.execute(f.statement().get());
                if (SchemaDiff.between(run.schema(), actual).isEmpty()) {
                    said = "the server finished statement " + k + " after the connection was lost: it is in effect";
                    List<dev.rehearsal.ExecutedStatement> executed = new ArrayList<>(left.executedBeforeFailure());
                    List<dev.rehearsal.ExecutedStatement> stayed = new ArrayList<>(left.stillApplied());
                    dev.rehearsal.ExecutedStatement finished = new dev.rehearsal.ExecutedStatement(k, f.statement().get());
                    executed.add(finished);
                    if (database.server().dialect().commitsImplicitly(f.statement().get())) {
                        stayed = new ArrayList<>(executed); // it committed what ran before it, as it started
                    } else {
                        stayed.add(finished);
                    }
                    now = new dev.rehearsal.LeftBehind(left.version(), left.ranInTransaction(), executed, stayed,
                            left.failedHistoryRow());
                } else {
                    said = "the schema after the fault is neither the statements before " + k + " nor those with " + k
                            + " in effect";
                }
            }
        } catch (RehearsalException e) {
            said = "whether the server finished statement " + k + " could not be told: " + e.getMessage().lines()
                    .findFirst().orElse("");
        }
        dev.rehearsal.Failure told = new dev.rehearsal.Failure(f.version(), f.script(), f.checksum(), f.statementIndex(),
                f.line(), f.statement(), f.sqlState(), f.vendorCode(), f.message(),
                Optional.of(f.detail().map(d -> d + "; ").orElse("") + said), f.constraint(), f.table(), f.column(),
                f.failureClass());
        return new StepOutcome(outcome.database(), outcome.step(), outcome.versionBefore(), outcome.versionAfter(),
                outcome.applied(), Optional.of(told), Optional.of(now), outcome.data(), outcome.damage(),
                outcome.duration(), outcome.findings());
    }

    @Override
    public dev.rehearsal.CutPoints cutAtEachStatement(String version, dev.rehearsal.Recovery recovery) {
        database.requireLive();
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(recovery, "recovery");
        String call = "cutAtEachStatement(\"" + version + "\", " + recovery.name() + ")";
        List<String> pending = pendingVersions();
        org.flywaydb.core.api.MigrationVersion wanted = org.flywaydb.core.api.MigrationVersion.fromVersion(version);
        if (pending.isEmpty() || !org.flywaydb.core.api.MigrationVersion.fromVersion(pending.get(0)).equals(wanted)) {
            throw new RehearsalConfigurationException(call + ": V" + version + " is not the next pending migration (the"
                    + " database is at " + currentVersion().orElse("<none>") + ", pending " + pending + "); each cut starts"
                    + " from a copy of this database as it is now.\nTo fix this, migrate to the version just before it"
                    + " first (and seed the rows it should meet).");
        }
        String target = pending.get(0);
        List<String> statements = runner.statementsByVersion().getOrDefault(target, Optional.empty())
                .orElseThrow(() -> new RehearsalConfigurationException(call + ": V" + target + " is not a SQL script the"
                        + " harness reads, so it cannot tell its statement boundaries.\nTo fix this, rehearse cuts of a SQL"
                        + " migration."));
        Consumer<StepOutcome> quiet = outcome -> { };
        Schema cleanSchema;
        dev.rehearsal.snapshot.DataSnapshot cleanData;
        try (DefaultRehearsal clean = copyForCuts(call, quiet)) {
            StepOutcome uncut = clean.migrateTo(target);
            if (uncut.failed()) {
                throw new RehearsalException(call + ": V" + target + " fails without a cut, so no cut can converge with"
                        + " it:\n" + uncut);
            }
            cleanSchema = clean.schema();
            cleanData = clean.snapshotData();
        }
        List<dev.rehearsal.CutPoint> points = new ArrayList<>();
        for (int k = 1; k <= statements.size() + 1; k++) {
            boolean afterLast = k > statements.size();
            dev.rehearsal.ConnectionFault fault = afterLast ? dev.rehearsal.ConnectionFault.close().afterLastStatement()
                    : dev.rehearsal.ConnectionFault.close().atStatement(k);
            String text = afterLast ? "(after the last statement, before the history row)"
                    : SqlText.trimTerminator(SqlText.stripLeadingComments(statements.get(k - 1)).strip());
            try (DefaultRehearsal cut = copyForCuts(call, quiet)) {
                StepOutcome lost = cut.migrateTo(target, fault);
                String left = lost.leftBehind().map(dev.rehearsal.LeftBehind::describe)
                        .orElse(lost.succeeded() ? "nothing lost: the step succeeded" : "");
                Optional<StepOutcome> recovered = Optional.empty();
                Optional<String> divergence;
                try {
                    recovered = Optional.of(switch (recovery) {
                        case RERUN -> cut.migrateTo(target);
                        case REPAIR_AND_RERUN -> {
                            cut.repair();
                            yield cut.migrateTo(target);
                        }
                        case RESUME -> cut.resumeFailedMigration();
                    });
                    divergence = recovered.get().failed()
                            ? Optional.of("the recovery failed: " + recovered.get().failure().map(f -> f.script().orElse("")
                                    + " statement " + f.statementIndex().stream().mapToObj(String::valueOf).findFirst()
                                    .orElse("-") + " (" + f.failureClass() + "): " + f.message().lines().findFirst()
                                    .orElse("")).orElse(""))
                            : divergence(cut, target, cleanSchema, cleanData);
                } catch (RehearsalException e) {
                    divergence = Optional.of("the recovery was refused: " + e.getMessage().lines().findFirst().orElse(""));
                }
                points.add(new dev.rehearsal.CutPoint(k, text, lost, left, recovered, divergence.isEmpty(), divergence));
            }
        }
        return new dev.rehearsal.CutPoints(target, recovery, points);
    }

    /** A copy of this database for one cut (or the uncut run), its steps not printed. */
    private DefaultRehearsal copyForCuts(String call, Consumer<StepOutcome> quiet) {
        Optional<String> why = database.server().cannotCopy(database);
        if (why.isPresent()) {
            throw new RehearsalException(call + ": each cut starts from a copy of " + database.name() + ", and it cannot be"
                    + " copied exactly: " + why.get());
        }
        return copy("cut", quiet).orElseThrow();
    }

    /** How a recovered database differs from the uncut run: its history, its schema, its rows. */
    private static Optional<String> divergence(DefaultRehearsal recovered, String version, Schema cleanSchema,
            dev.rehearsal.snapshot.DataSnapshot cleanData) {
        Optional<String> at = recovered.currentVersion();
        if (at.isEmpty() || !org.flywaydb.core.api.MigrationVersion.fromVersion(at.get())
                .equals(org.flywaydb.core.api.MigrationVersion.fromVersion(version))) {
            return Optional.of("the history is at " + at.orElse("<none>") + ", not " + version);
        }
        dev.rehearsal.schema.SchemaDiff diff = dev.rehearsal.schema.SchemaDiff.between(cleanSchema, recovered.schema());
        if (!diff.isEmpty()) {
            return Optional.of("the schema differs from the uncut run: " + diff.report().lines().findFirst().orElse(""));
        }
        dev.rehearsal.snapshot.DataSnapshot data = recovered.snapshotData();
        for (dev.rehearsal.snapshot.DataSnapshot.TableRows table : cleanData.tables()) {
            Optional<dev.rehearsal.snapshot.DataSnapshot.TableRows> now = data.table(table.name());
            if (now.isEmpty() || !now.get().rows().equals(table.rows())) {
                int here = now.map(t -> t.rows().size()).orElse(0);
                return Optional.of("the rows of " + table.name() + " differ from the uncut run (" + (here == table.rows()
                        .size() ? "as many rows, other values" : table.rows().size() + " there, " + here + " here") + ")");
            }
        }
        return Optional.empty();
    }

    @Override
    public StepOutcome migrateToNext() {
        database.requireLive();
        return reported(runner.migrateToNext());
    }

    @Override
    public StepOutcome migrateToLatest() {
        database.requireLive();
        return reported(runner.migrateToLatest());
    }

    @Override
    public long execute(String sql) {
        database.requireLive();
        Objects.requireNonNull(sql, "sql");
        return executeStatements(sql, "execute(...)");
    }

    @Override
    public long executeScript(String location) {
        database.requireLive();
        Objects.requireNonNull(location, "location");
        return executeStatements(read(location), "executeScript(\"" + location + "\")");
    }

    @Override
    public List<Map<String, Object>> query(String sql) {
        database.requireLive();
        Objects.requireNonNull(sql, "sql");
        // a URL with allowMultiQueries would run every statement of the text: each is checked
        SqlText.split(sql, engine()).forEach(statement -> SafetyGuard.check(statement, database.info()));
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    row.put(meta.getColumnLabel(column), rows.getObject(column));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw sqlFailure("query(...)", 1, sql, e);
        }
    }

    @Override
    public long queryForLong(String sql) {
        database.requireLive();
        List<Map<String, Object>> rows = query(sql);
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new RehearsalException("queryForLong(...): the query returned no row: " + sql);
        }
        Object value = rows.get(0).values().iterator().next();
        if (!(value instanceof Number number)) {
            throw new RehearsalException("queryForLong(...): the first column holds " + value + ", not a number: " + sql);
        }
        return number.longValue();
    }

    @Override
    public StepOutcome resumeFailedMigration() {
        database.requireLive();
        return reported(runner.resume(dataSource, Optional.ofNullable(state.lastStep)));
    }

    @Override
    public RepairOutcome repair() {
        database.requireLive();
        return runner.repair();
    }

    @Override
    public Rehearsal withLocations(String... locations) {
        Objects.requireNonNull(locations, "locations");
        MigrationSettings settings = runner.settings();
        return new DefaultRehearsal(database,
                settings.withLocations(Arrays.asList(locations), "withLocations(" + String.join(", ", locations) + ")"),
                reporter, state, runner.damageChecks());
    }

    @Override
    public SeedReport seed(SeedPlan plan) {
        return seed(plan, SeedTerms.FLUENT);
    }

    @Override
    public SeedReport seed(SeedPlan plan, SeedTerms terms) {
        database.requireLive();
        Objects.requireNonNull(plan, "plan");
        Seeder seeder = ServiceLoader.load(Seeder.class, runner.settings().classLoader()).findFirst()
                .or(() -> ServiceLoader.load(Seeder.class, DefaultRehearsal.class.getClassLoader()).findFirst())
                .orElseThrow(() -> new RehearsalConfigurationException("seed(...) needs the data generators, which are"
                        + " not on the classpath.\nTo fix this, add the test dependency"
                        + " dev.rehearsal:rehearsal-data-generators (the JUnit extension brings it)."));
        // PostgreSQL loads rows past foreign keys only for a superuser (session_replication_role): as the admin then
        boolean bypass = engine() == Engine.POSTGRESQL && database.server().runUserName().isPresent()
                && plan.defects().stream().anyMatch(dev.rehearsal.seed.Defect::bypass);
        SeedReport report = seeder.seed(plan, new Seeder.Target(engine(), bypass ? asAdmin() : dataSource, schema(),
                currentVersion().orElse("<none>"), Objects.requireNonNull(terms, "terms")));
        state.seeded.add(report);
        return report;
    }

    @Override
    public String keepDatabase() {
        return database.keep();
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public List<SeedReport> seeded() {
        return List.copyOf(state.seeded);
    }

    private StepOutcome reported(StepOutcome outcome) {
        StepOutcome withData = outcome.withData(state.seeded);
        state.lastStep = withData;
        reporter.accept(withData);
        return withData;
    }

    @Override
    public Schema cleanRunSchema() {
        database.requireLive();
        Optional<String> version = currentVersion();
        MigrationSettings settings = runner.settings();
        // the origin only names the declaration in messages; the run depends on the settings, the scripts and the version
        Object key = List.of(settings.withLocations(settings.locations(), ""), runner.fingerprint(), version.orElse(""));
        return database.server().cleanRunSchema(key, () -> cleanRun(version));
    }

    private Schema cleanRun(Optional<String> version) {
        try (RehearsalDatabase clean = database.server().createDatabase("clean_run")) {
            DefaultRehearsal run = new DefaultRehearsal(clean, runner.settings(), outcome -> { }, new State(), false);
            if (version.isPresent()) {
                StepOutcome outcome = run.migrateTo(version.get());
                if (outcome.failed()) {
                    throw new RehearsalException("The clean run of " + runner.settings().origin() + " to version "
                            + version.get() + " failed on a fresh database, so there is nothing to converge to:\n"
                            + outcome.verdict());
                }
            }
            return run.schema();
        }
    }

    @Override
    public BreakingData deriveBreakingData() {
        database.requireLive();
        Optional<String> version = currentVersion();
        String next = runner.pendingVersions().stream().findFirst().orElseThrow(() -> new RehearsalException(
                "deriveBreakingData(): no migration is pending in " + runner.settings().locations() + " after version "
                + version.orElse("<none>") + ", so there is nothing to derive breaking data for.\nTo fix this, call it"
                + " at a version before the migration to rehearse, e.g. after migrateTo(\"1\")."));
        try (RehearsalDatabase scratch = database.server().createDatabase("derive")) {
            DefaultRehearsal run = new DefaultRehearsal(scratch, runner.settings(), outcome -> { }, new State(), false);
            if (version.isPresent()) {
                StepOutcome outcome = run.migrateTo(version.get());
                if (outcome.failed()) {
                    throw new RehearsalException("deriveBreakingData(): the migrations up to version " + version.get()
                            + " fail on an empty database, so the schema before version " + next + " cannot be read:\n"
                            + outcome.verdict());
                }
            }
            Schema before = run.schema();
            StepOutcome step = run.migrateTo(next);
            if (step.failed()) {
                throw new RehearsalException("deriveBreakingData(): version " + next + " fails on a database with no"
                        + " rows, so no data causes its failure (" + step.failure().map(f -> f.failureClass().name())
                        .orElse("") + "): fix the migration itself first.\n" + step.verdict());
            }
            String script = step.applied().stream().filter(m -> m.version().equals(next)).map(AppliedMigration::script)
                    .findFirst().orElse("V" + next);
            return BreakingDataDeriver.derive(before, run.schema(), next, script, run.runner.lastStatements());
        }
    }

    @Override
    public dev.rehearsal.HeldLock holdLock(dev.rehearsal.LockSpec lock) {
        database.requireLive();
        Objects.requireNonNull(lock, "lock");
        // another user's session, as the admin: it also reads how long others wait, which the run's own user may not
        return LockHolder.hold(lock, engine(), asAdmin(), schema());
    }

    @Override
    public dev.rehearsal.RunningWrites startWrites(dev.rehearsal.WriteLoad load) {
        database.requireLive();
        Objects.requireNonNull(load, "load");
        return WriteRunner.start(load, Dialect.of(engine()), dataSource, schema(),
                database.server().policy().lockTimeout());
    }

    @Override
    public List<Leftover> leftovers() {
        database.requireLive();
        String leftBy = leftBy(runner.history(dataSource));
        Schema actual = schema();
        SchemaDiff drift = leftBy == null ? SchemaDiff.between(actual, actual)
                : SchemaDiff.between(cleanRunSchema(), actual);
        return LeftoverFinder.find(actual, dataSource, database.server().dialect(), leftBy, drift);
    }

    @Override
    public MigrationStatus status() {
        database.requireLive();
        List<HistoryRow> history = runner.history(dataSource);
        Schema actual = schema();
        SchemaDiff drift = SchemaDiff.between(cleanRunSchema(), actual);
        return new MigrationStatus(database.info(), currentVersion(), pendingVersions(), history,
                Optional.ofNullable(state.lastStep), drift,
                LeftoverFinder.find(actual, dataSource, database.server().dialect(), leftBy(history), drift));
    }

    /**
     * What a difference from a clean run is to be put down to: the last script the history records as failed, else
     * the last step's failed script when statements of it stayed in effect and no history row records its failure (a
     * session killed during a statement: Flyway could not write the failed row); null when neither.
     */
    private String leftBy(List<HistoryRow> history) {
        Optional<String> failedRow = history.stream().filter(row -> !row.success()).map(HistoryRow::script)
                .reduce((a, b) -> b);
        if (failedRow.isPresent()) {
            return failedRow.get() + ", recorded as failed";
        }
        StepOutcome last = state.lastStep;
        if (last == null || !last.failed() || last.leftBehind().filter(l -> !l.failedHistoryRow()
                && !l.stillApplied().isEmpty()).isEmpty()) {
            return null;
        }
        return last.failure().flatMap(dev.rehearsal.Failure::script).map(script -> script + ", whose failure no"
                + " history row records").orElse(null);
    }

    @Override
    public DataSnapshot snapshotData(String... tables) {
        database.requireLive();
        Objects.requireNonNull(tables, "tables");
        String call = "snapshotData(" + Arrays.stream(tables).map(t -> "\"" + t + "\"").collect(Collectors.joining(", "))
                + ")";
        return DataReader.read(dataSource, schema(), database.server().dialect(), currentVersion(), List.of(tables), call,
                database.name());
    }

    private long executeStatements(String sql, String call) {
        List<String> statements = SqlText.split(sql, engine());
        statements.forEach(statement -> SafetyGuard.check(statement, database.info()));
        long changed = 0;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                try {
                    changed += changedRows(statement, statements.get(i));
                } catch (SQLException e) {
                    throw sqlFailure(call, i + 1, statements.get(i), e);
                }
            }
        } catch (SQLException e) {
            throw new RehearsalException(call + " failed on " + database.info() + " before running a statement: "
                    + e.getMessage(), e);
        }
        return changed;
    }

    private static long changedRows(Statement statement, String sql) throws SQLException {
        long changed = 0;
        boolean isResultSet = statement.execute(sql);
        while (true) {
            if (!isResultSet) {
                long count = statement.getLargeUpdateCount();
                if (count < 0) {
                    return changed;
                }
                changed += count;
            }
            isResultSet = statement.getMoreResults();
        }
    }

    private RehearsalException sqlFailure(String call, int index, String sql, SQLException e) {
        return new RehearsalException(call + " failed at statement " + index + " on " + database.info().describeServer()
                + ":\n    " + SqlText.trimTerminator(sql).replace("\n", "\n    ")
                + "\n  SQLSTATE " + e.getSQLState() + ", code " + e.getErrorCode() + ": " + e.getMessage(), e);
    }

    private String read(String location) {
        ClassLoader loader = runner.settings().classLoader();
        if (location.startsWith("classpath:")) {
            String path = location.substring("classpath:".length()).replaceAll("^/+", "");
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw scriptMissing(location, "it is not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw scriptMissing(location, e.getMessage());
            }
        }
        String file = location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw scriptMissing(location, "no such file (relative paths start at " + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw scriptMissing(location, e.getMessage());
        }
    }

    private static RehearsalConfigurationException scriptMissing(String location, String why) {
        return new RehearsalConfigurationException("executeScript(\"" + location + "\"): cannot read the script: " + why
                + ".\nTo fix this, use classpath:<path> for a script under src/test/resources, or filesystem:<path>.");
    }

    @Override
    public String toString() {
        return "Rehearsal[" + database.info() + "]";
    }
}
