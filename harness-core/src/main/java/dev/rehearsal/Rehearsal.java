package dev.rehearsal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.seed.BreakingData;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.seed.spi.SeedTerms;
import dev.rehearsal.snapshot.DataSnapshot;
import javax.sql.DataSource;

/**
 * A migration rehearsal on one fresh database the harness created for it.
 *
 * <p>Migrate to a version, put data in, migrate on, and assert on the {@link StepOutcome} each step returns:
 * <pre>{@code
 * rehearsal.migrateTo("2");
 * rehearsal.execute("insert into orders (id, customer_id) values (1001, 999)"); // an orphan
 * StepOutcome outcome = rehearsal.migrateToNext();
 * assertThat(outcome).hasFailed().isInScript("V3__orders_customer_fk.sql").isDataDependent();
 * }</pre>
 *
 * <p>A failing migration is a verdict, not an exception. Exceptions are kept for requests that cannot be
 * carried out: an unknown version, a target below the current version, SQL that fails in {@link #execute}.
 *
 * <p>Instances are not thread-safe: use one from one test at a time.
 *
 * <p>The JUnit extension hands one to each test and drops its database after the test. Without JUnit, a
 * {@link RehearsalServer} opens one; closing it drops the database:
 * <pre>{@code
 * try (RehearsalServer server = RehearsalServer.start(Engine.POSTGRESQL);
 *      Rehearsal rehearsal = server.open(Migrations.at("classpath:db/migration"))) {
 *     rehearsal.migrateTo("2");
 *     System.out.println(rehearsal.migrateToNext().verdict());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface Rehearsal extends AutoCloseable {

    /**
     * Return the engine this rehearsal runs on.
     *
     * @return the engine; never {@code null}
     */
    Engine engine();

    /**
     * Describe the database this rehearsal runs on: engine, provider, server version, name.
     *
     * @return the description; never {@code null}
     */
    DatabaseInfo database();

    /**
     * Return a data source for the rehearsal database.
     *
     * <p>Connections have the harness's connect and socket timeouts. Connections left open are closed when
     * the rehearsal ends.
     *
     * @return the data source; never {@code null}
     */
    DataSource dataSource();

    /**
     * Return the version the database is at, as its Flyway history table says.
     *
     * @return the current version; empty while nothing is applied
     */
    Optional<String> currentVersion();

    /**
     * Return the versions not yet applied, in the order Flyway would apply them. A version whose history row records
     * a failure (MySQL family, or a PostgreSQL script run outside a transaction) is not among them: Flyway applies
     * nothing until {@link #repair()} removes that row; {@link #status()} shows it.
     *
     * @return the pending versions; never {@code null}
     */
    List<String> pendingVersions();

    /**
     * Read the tables of the rehearsal database as they are now: columns and types, keys, foreign keys, checks,
     * indexes and enums. Flyway's history table is left out.
     *
     * @return the schema; never {@code null}
     */
    Schema schema();

    /**
     * Read the schema a clean run of this rehearsal's migrations gives: on a fresh database of the same server,
     * migrated to this rehearsal's current version, then dropped. After a failure and a recovery, this database should
     * converge to it. The run is made once per server, settings, scripts (by Flyway checksum) and version, and shared
     * by every rehearsal of the test run that asks for the same.
     *
     * @return the schema of the clean run; never {@code null}
     * @throws RehearsalException if the clean run itself fails
     */
    Schema cleanRunSchema();

    /**
     * Find what failures, and patterns thought safe, left in the database: NOT VALID constraints, INVALID indexes,
     * rows violating foreign keys that exist, and the objects of a script recorded as failed.
     *
     * @return the leftovers; empty when there are none
     */
    List<Leftover> leftovers();

    /**
     * Tell where the database stands: version, pending migrations, last step, history, whether the schema matches the
     * history, and leftovers. Its {@code toString()} is a readable block.
     *
     * @return the status; never {@code null}
     */
    MigrationStatus status();

    /**
     * Take a snapshot of the data: every row of the tables named, in one read-only transaction. Take one before a
     * step and assert with {@code assertThat(rehearsal).preservesData(before, mapping)} after it.
     *
     * @param tables the tables, any case; none for every table except Flyway's history table
     * @return the snapshot; never {@code null}
     * @throws RehearsalConfigurationException if a table does not exist, or holds more than 250,000 rows (a
     *     snapshot keeps every row in memory)
     */
    DataSnapshot snapshotData(String... tables);

    /**
     * Migrate up to and including the given version.
     *
     * @param version a version of the migration locations, e.g. {@code "3"} or {@code "2.1"}; must not be
     *     {@code null}
     * @return the outcome of the step; never {@code null}
     * @throws RehearsalConfigurationException if no migration has that version, or it is below the current one
     */
    StepOutcome migrateTo(String version);

    /**
     * Migrate up to and including the given version, losing the connection at a statement of that version's
     * migration: the step's connections go through a fault point of the harness's own, which closes, resets or
     * freezes them there (see {@link ConnectionFault}). The migrations before it run as usual.
     *
     * @param version a pending version whose migration is a SQL script; must not be {@code null}
     * @param fault where and how the connection is lost; must not be {@code null}
     * @return the outcome of the step: {@link FailureClass#CONNECTION_LOST} at that statement, its detail saying when
     *     the fault struck, when the driver noticed and when the server ended the session; never {@code null}
     * @throws RehearsalConfigurationException if no pending migration has that version, it is not a SQL script, or
     *     it has fewer statements than the fault's
     */
    StepOutcome migrateTo(String version, ConnectionFault fault);

    /**
     * Rehearse the next migration losing its connection at each statement boundary in turn — before each statement,
     * and after the last one before Flyway records it — each cut on a copy of this database as it is now (rows
     * included), each followed by the recovery, and compared with an uncut run from the same copy: history at the
     * version, same schema, same rows in every table. This database is left as it is.
     * <pre>{@code
     * CutPoints cuts = rehearsal.cutAtEachStatement("5", Recovery.REPAIR_AND_RERUN);
     * assertThat(cuts.notConverging()).isEmpty();   // else: which k, what it left, why
     * }</pre>
     *
     * @param version the next pending version, a SQL script; must not be {@code null}
     * @param recovery what to run after each cut; must not be {@code null}
     * @return one row per cut; never {@code null}
     * @throws RehearsalConfigurationException if the version is not the next pending one or not a SQL script
     * @throws RehearsalException if the migration fails without a cut, or this database cannot be copied exactly
     */
    CutPoints cutAtEachStatement(String version, Recovery recovery);

    /**
     * Migrate to the next version: the first pending one, or the failed one if the history holds a failed row.
     *
     * @return the outcome of the step; never {@code null}
     * @throws RehearsalException if no migration is pending
     */
    StepOutcome migrateToNext();

    /**
     * Migrate to the latest version of the migration locations.
     *
     * @return the outcome of the step; never {@code null}
     */
    StepOutcome migrateToLatest();

    /**
     * Execute SQL on the rehearsal database: setup data, a data fix. Several statements separated by
     * {@code ;} are allowed.
     *
     * <p>Statements that would leave the rehearsal database ({@code DROP DATABASE}, {@code USE other}) are
     * refused before anything runs.
     *
     * @param sql the SQL; must not be {@code null}
     * @return the number of rows the statements changed, summed
     * @throws RehearsalException if the SQL fails; the message holds the SQLSTATE, code and statement
     * @throws UnsafeOperationException if the SQL drops another database or switches the session to one
     */
    long execute(String sql);

    /**
     * Execute a SQL script from the classpath ({@code classpath:fixes/orphans.sql}) or the file system
     * ({@code filesystem:src/test/sql/orphans.sql}, or a plain path).
     *
     * @param location where the script is; must not be {@code null}
     * @return the number of rows the script changed, summed
     * @throws RehearsalConfigurationException if the script cannot be found
     * @throws RehearsalException if the script fails
     * @see #execute(String)
     */
    long executeScript(String location);

    /**
     * Run a query and return its rows, each a map from column label to value, in column order.
     *
     * @param sql the query; must not be {@code null}
     * @return the rows; never {@code null}
     * @throws RehearsalException if the query fails
     */
    List<Map<String, Object>> query(String sql);

    /**
     * Run a query that returns one number, e.g. {@code select count(*) from orders}.
     *
     * @param sql the query; must not be {@code null}
     * @return the number in the first column of the first row
     * @throws RehearsalException if the query fails or returns no row or no number
     */
    long queryForLong(String sql);

    /**
     * Fill the database at its current version with realistic rows, and plant the plan's defects. Needs the
     * {@code rehearsal-data-generators} module on the test classpath (the JUnit extension brings it).
     *
     * @param plan what to seed; must not be {@code null}
     * @return what was seeded; it is also printed with every later verdict
     * @throws RehearsalConfigurationException if the plan names a table or column that does not exist, asks for a
     *     defect the schema makes impossible, or overrides a column with values of the wrong type
     * @throws RehearsalException if loading the rows fails
     */
    SeedReport seed(SeedPlan plan);

    /**
     * Seed as {@link #seed(SeedPlan)} does, with messages in the words of whatever declared the plan: for a tool that
     * reads seeds from annotations or a configuration file, so that an error names the attribute the user wrote, not
     * a {@code SeedPlan} method they never called.
     *
     * @param plan what to seed; must not be {@code null}
     * @param terms the words for what the user wrote; {@link SeedTerms#FLUENT} for plans built in code
     * @return what was seeded
     * @throws RehearsalConfigurationException as {@link #seed(SeedPlan)} does, worded in {@code terms}
     * @throws RehearsalException if loading the rows fails
     */
    SeedReport seed(SeedPlan plan, SeedTerms terms);

    /**
     * Derive the data that would break the next pending migration: run it on a scratch database of the same server
     * (migrated to this rehearsal's current version, schema only, then dropped), compare the schema before and after
     * it, and turn what it newly requires of existing rows into defects, each with why ("V2 adds fk_orders_customer:
     * orders.customer_id -> customers.id"). Plant them with {@code seed(SeedPlan.withSeed(n).defects(breaking.asDefects()))}
     * before migrating.
     *
     * @return the breaking data; {@link BreakingData#isEmpty()} when the migration asks nothing new of existing rows
     * @throws RehearsalException if no migration is pending, or the migration fails on the scratch database itself
     *     (a syntax or schema failure, which no data causes): the message says which and shows its verdict
     */
    BreakingData deriveBreakingData();

    /**
     * Hold a lock on a table of this rehearsal's database in a session of the harness's own, as other traffic would
     * while the migration runs: the next step then waits for it, and either gives up within its lock timeout (a
     * {@code LOCK_TIMEOUT} verdict whose detail names the sessions holding locks, this one among them) or goes on once
     * the lock is let go ({@link LockSpec#releasedAfter(java.time.Duration)}), and {@link HeldLock#waited()} says for
     * how long.
     *
     * @param lock what to hold, e.g. {@code LockSpec.table("orders").releasedAfter(Duration.ofSeconds(2))}
     * @return the held lock; close it (try-with-resources) to let go
     * @throws RehearsalConfigurationException if the table is not in the database
     * @throws RehearsalException if the lock cannot be taken (another session holds a conflicting one past the lock
     *     timeout)
     */
    HeldLock holdLock(LockSpec lock);

    /**
     * Start writes on tables of this rehearsal's database, at a fixed rate on connections of their own, as the
     * application would write while the migration runs; stop them after the step to read how long each waited.
     *
     * @param load the tables and the rate, e.g. {@code WriteLoad.on("orders").perSecond(50)}
     * @return the running writes; close them (try-with-resources) or {@link RunningWrites#stop()} them
     * @throws RehearsalConfigurationException if a table is not in the database, has no primary key, or has no rows
     */
    RunningWrites startWrites(WriteLoad load);

    /**
     * Return what has been seeded into this database so far.
     *
     * @return the seed reports, oldest first; never {@code null}
     */
    List<SeedReport> seeded();

    /**
     * Resume the script the history records as failed, from its first statement not in effect, as Atlas does: on
     * MySQL and MariaDB a failed script's earlier statements stay applied, and a plain rerun fails on them; so do
     * those of a PostgreSQL script Flyway runs outside a transaction. Runs the remaining statements and, once they
     * all succeed, removes the failed history row and records the migration as applied with its checksum, then
     * checks the step for damage as a migrate step is. Call it right after the migrate step that failed, or after a
     * resume that failed.
     *
     * @return the outcome of the resume; if a remaining statement fails, it fails with that statement and its codes,
     *     and the failed history row stays
     * @throws RehearsalException when the history holds no failed row (a PostgreSQL script that ran in a
     *     transaction rolled back whole), when this rehearsal did not see the failure, or when the script changed
     *     since
     */
    StepOutcome resumeFailedMigration();

    /**
     * Run Flyway {@code repair}: remove failed rows from the history table and realign checksums.
     *
     * @return what repair changed; never {@code null}
     */
    RepairOutcome repair();

    /**
     * Return a view of this rehearsal that migrates from other locations, on the same database with the same
     * settings. Use it to rehearse a roll-forward: the fixed chain, a new data-fix migration added.
     *
     * @param locations the migration locations, e.g. {@code "classpath:db/migration"}; {@code {engine}} and
     *     {@code {family}} are replaced as in the annotation; must not be {@code null} or empty
     * @return the view; never {@code null}
     * @throws RehearsalConfigurationException if a location does not exist
     */
    Rehearsal withLocations(String... locations);

    /**
     * Close the connections opened on the database and leave it on the server, to be looked at. The rehearsal stays
     * usable; closing it afterwards closes the connections opened since and no longer drops the database. An embedded
     * or container server still goes, with its databases, when it stops.
     *
     * @return a line saying where the database is kept: its name, the server and the JDBC URL
     */
    String keepDatabase();

    /**
     * Close the connections opened on the database and drop it; later calls to this rehearsal (and to every view of
     * it) fail, saying so. Closing again does nothing. Under the JUnit extension the harness closes it after the test.
     *
     * @throws RehearsalException if the database cannot be dropped; it is then left on the server, and the message
     *     names it
     */
    @Override
    void close();
}
