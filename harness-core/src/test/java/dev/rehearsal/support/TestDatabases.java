package dev.rehearsal.support;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.DefaultRehearsal;
import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.flyway.MigrationSettings;
import dev.rehearsal.internal.server.JdbcServer;
import dev.rehearsal.internal.server.RehearsalDatabase;
import dev.rehearsal.internal.server.ServerSpec;
import dev.rehearsal.internal.server.Servers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Servers for the core's own tests, chosen exactly as for users: embedded by default, an existing server with
 * {@code -Drehearsal.<engine>.url}, a container with {@code -Drehearsal.<engine>.image}. One per engine per JVM.
 *
 * <p>The engines to test come from {@code -Dtests.engines} (default {@code postgresql,mariadb}); an
 * engine listed there that cannot be provided fails its tests, it is never skipped.
 */
public final class TestDatabases {

    private static final Map<Engine, JdbcServer> SERVERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.values().forEach(server -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the JVM is going down
            }
        })));
    }

    private TestDatabases() {
    }

    /** {@code @MethodSource(ENGINES)}: a parameterized test runs once per engine this run tests. */
    public static final String ENGINES = "dev.rehearsal.support.TestDatabases#engines";

    /** {@code @MethodSource(MYSQL_FAMILY)}: once per MySQL-family engine this run tests. */
    public static final String MYSQL_FAMILY = "dev.rehearsal.support.TestDatabases#mysqlFamily";

    /** The engines this run tests. */
    public static Stream<Engine> engines() {
        String list = System.getProperty("tests.engines", "postgresql,mariadb");
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Engine::fromId);
    }

    /** The MySQL-family engines this run tests. */
    public static Stream<Engine> mysqlFamily() {
        return engines().filter(Engine::isMysqlFamily);
    }

    public static JdbcServer server(Engine engine) {
        return SERVERS.computeIfAbsent(engine, e -> {
            Settings settings = Settings.fromSystem();
            ServerSpec spec = ServerSpec.select(e, Optional.empty(), "test", settings);
            return Servers.start(spec, settings.connectionPolicy(), settings.startupTimeout());
        });
    }

    /**
     * The settings that reach this JVM's shared server of an engine as an existing server, for runs of their own
     * (the JUnit engine test kit) that should not start servers again.
     */
    public static Map<String, String> asExistingServer(Engine engine) {
        JdbcServer server = server(engine);
        return Map.of(RehearsalSettings.url(engine), server.adminUrl().toUrl(),
                RehearsalSettings.username(engine), server.adminUser(),
                RehearsalSettings.password(engine), server.adminPassword());
    }

    /**
     * The same, as a map of one's own to add settings to, with the verdicts not printed: what a test that starts a
     * {@link dev.rehearsal.RehearsalServer} on the shared server begins with.
     */
    public static Map<String, String> quietExistingServer(Engine engine) {
        Map<String, String> settings = new java.util.HashMap<>(asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        return settings;
    }

    /** Whether a database is on this JVM's shared server of an engine: how tests see what the harness dropped. */
    public static boolean databaseExists(Engine engine, String name) {
        String sql = engine == Engine.POSTGRESQL
                ? "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"
                : "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'";
        try (java.sql.Connection c = admin(engine); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's id of a session: PostgreSQL's backend pid, the MySQL family's connection id. */
    public static long sessionId(java.sql.Statement st, Engine engine) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = st.executeQuery(engine == Engine.POSTGRESQL ? "SELECT pg_backend_pid()"
                : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A connection to the shared server's own database, for tests that look at or clean up after the harness. */
    public static java.sql.Connection admin(Engine engine) throws java.sql.SQLException {
        Map<String, String> server = asExistingServer(engine);
        return java.sql.DriverManager.getConnection(server.get(RehearsalSettings.url(engine)),
                server.get(RehearsalSettings.username(engine)), server.get(RehearsalSettings.password(engine)));
    }

    /** A rehearsal on a fresh database, migrations given in the public form (for tests outside the core). */
    public static Scope rehearsalWith(Engine engine, UnaryOperator<Migrations> customize, String... locations) {
        Migrations migrations = customize.apply(Migrations.at(locations).describedAs("test")
                .withClassLoader(TestDatabases.class.getClassLoader()));
        return rehearsal(engine, ignored -> new MigrationSettings(migrations.locations(), migrations.placeholders(),
                migrations.schemas(), migrations.table(), migrations.postgresqlTransactionalLock(),
                migrations.flywayProperties(), migrations.classLoader(), migrations.origin()), locations);
    }

    /** A rehearsal on a fresh database, with the given locations. */
    public static Scope rehearsal(Engine engine, String... locations) {
        return rehearsal(engine, settings -> settings, locations);
    }

    public static Scope rehearsal(Engine engine, UnaryOperator<MigrationSettings> customize, String... locations) {
        RehearsalDatabase database = server(engine).createDatabase("core_test");
        MigrationSettings settings = customize.apply(MigrationSettings.defaults(TestDatabases.class.getClassLoader(), "test")
                .withLocations(List.of(locations), "test"));
        try {
            return new Scope(database, new DefaultRehearsal(database, settings, outcome -> System.out.println(outcome)));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** A rehearsal and the database it owns; closing drops the database. */
    public record Scope(RehearsalDatabase database, Rehearsal rehearsal) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }
}
