package dev.rehearsal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.Failure;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.schema.SchemaDiff;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeededState;
import dev.rehearsal.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rehearsal opened at a seeded state starts from a copy of a state built once per server: the copy is exactly what a
 * build in the rehearsal's own database gives, it is the rehearsal's alone, and a state is built again when a script
 * changes and never cached when its build fails.
 */
class CachedStateTest {

    static RehearsalServer server(Engine engine, boolean cache, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        settings.put(RehearsalSettings.CACHE_ENABLED, Boolean.toString(cache));
        settings.putAll(more);
        return ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
    }

    static Migrations migrations(Engine engine) {
        return Migrations.at("classpath:db/state/" + (engine.isMysqlFamily() ? "mysql" : "postgresql"));
    }

    static SeededState state() {
        return SeededState.at("1", SeedPlan.withSeed(7).rows("customers", 300).rows("orders", 900)
                .defect(Defect.orphans("orders", "customer_id").count(3).bypassingConstraints()));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_copy_of_a_cached_state_is_what_a_build_in_the_rehearsals_own_database_gives(Engine engine) throws Exception {
        try (RehearsalServer cached = server(engine, true, Map.of()); RehearsalServer fresh = server(engine, false, Map.of());
                Rehearsal built = fresh.open(migrations(engine), state(), "fresh");
                Rehearsal first = cached.open(migrations(engine), state(), "first");
                Rehearsal second = cached.open(migrations(engine), state(), "second")) {
            assertThat(built.database().state()).hasValueSatisfying(s -> assertThat(s).startsWith("built for this test in ")
                    .endsWith("; cache off: rehearsal.cache.enabled=false)"));
            assertThat(first.database().state()).hasValueSatisfying(s -> assertThat(s)
                    .startsWith("copy of cached state rehearsal_state_first_").contains("for this test), copied in "));
            assertThat(second.database().state()).hasValueSatisfying(s -> assertThat(s)
                    .startsWith("copy of cached state rehearsal_state_first_").contains("by an earlier test), copied in "));

            Map<String, Object> expected = everything(built);
            assertThat(expected.get("rows")).asString().contains("orders");
            assertThat(everything(first)).isEqualTo(expected);
            assertThat(everything(second)).isEqualTo(expected);
            assertThat(SchemaDiff.between(built.schema(), first.schema()).isEmpty()).isTrue();
            assertThat(first.seeded()).extracting(Object::toString).isEqualTo(built.seeded().stream().map(Object::toString).toList());

            // the next step gives the same verdict, and the verdict says where the state came from
            StepOutcome fromBuild = built.migrateToNext();
            StepOutcome fromCopy = first.migrateToNext();
            assertThat(fromCopy.failed()).isEqualTo(fromBuild.failed());
            assertThat(fromCopy.failure().map(CachedStateTest::fields)).isEqualTo(fromBuild.failure().map(CachedStateTest::fields));
            assertThat(fromCopy.verdict()).contains("\n  state    copy of cached state rehearsal_state_first_")
                    .contains("\n  data     " + built.seeded().get(0));
            assertThat(everything(first)).isEqualTo(everything(built));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void equal_states_are_built_once_in_parallel_and_every_rehearsal_gets_a_copy_of_its_own(Engine engine) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (RehearsalServer server = server(engine, true, Map.of())) {
            List<Future<Rehearsal>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SeededState equal = SeededState.at("1", SeedPlan.withSeed(7).rows("customers", 300).rows("orders", 900)
                        .defect(Defect.orphans("orders", "customer_id").count(3).bypassingConstraints()));
                opening.add(pool.submit(() -> server.open(migrations(engine), equal, "parallel")));
            }
            List<Rehearsal> rehearsals = new ArrayList<>();
            for (Future<Rehearsal> f : opening) {
                rehearsals.add(f.get());
            }
            try {
                assertThat(rehearsals).extracting(r -> r.database().databaseName()).doesNotHaveDuplicates();
                assertThat(rehearsals).extracting(r -> r.database().state().orElseThrow())
                        .filteredOn(s -> s.contains("for this test")).hasSize(1);
                for (Rehearsal r : rehearsals) {
                    assertThat(r.queryForLong("SELECT COUNT(*) FROM orders")).isEqualTo(900);
                }
                rehearsals.get(0).execute("DELETE FROM orders");
                assertThat(rehearsals.get(1).queryForLong("SELECT COUNT(*) FROM orders")).as("never shared").isEqualTo(900);
            } finally {
                rehearsals.forEach(Rehearsal::close);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_script_changed_since_a_state_was_built_builds_it_again(Engine engine, @TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50));");
        Migrations migrations = Migrations.at("filesystem:" + folder);
        SeededState state = SeededState.at("1", SeedPlan.withSeed(1).defaultRows(5));
        try (RehearsalServer server = server(engine, true, Map.of())) {
            try (Rehearsal before = server.open(migrations, state, "before")) {
                assertThat(before.schema().table("notes").orElseThrow().columns()).hasSize(2);
            }
            Files.writeString(folder.resolve("V1__notes.sql"),
                    "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(50), author VARCHAR(50));");
            try (Rehearsal after = server.open(migrations, state, "after")) {
                assertThat(after.database().state()).hasValueSatisfying(s -> assertThat(s).contains("for this test"));
                assertThat(after.schema().table("notes").map(Table::columns).orElseThrow()).hasSize(3);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_state_whose_build_fails_fails_with_its_verdict_and_is_not_cached(Engine engine, @TempDir Path folder)
            throws Exception {
        Files.writeString(folder.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);");
        Files.writeString(folder.resolve("V2__broken.sql"), "ALTER TABLE no_such_table ADD COLUMN x INT;");
        Migrations migrations = Migrations.at("filesystem:" + folder);
        SeededState state = SeededState.at("2", SeedPlan.withSeed(1));
        try (RehearsalServer server = server(engine, true, Map.of())) {
            List<String> before = databases(engine);
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> server.open(migrations, state, "broken"))
                        .isInstanceOf(RehearsalException.class)
                        .hasMessageStartingWith("SeededState.at(\"2\", ...) could not migrate to the version to seed at,"
                                + " so the test did not run:\nmigrate to version 2 FAILED")
                        .hasMessageContaining("V2__broken.sql");
            }
            assertThat(databases(engine)).as("no state was kept").filteredOn(n -> !n.startsWith("rehearsal_cache_resolver"))
                    .containsExactlyInAnyOrderElementsOf(before);
            Files.writeString(folder.resolve("V2__broken.sql"), "ALTER TABLE notes ADD COLUMN x INT;");
            try (Rehearsal fixed = server.open(migrations, state, "fixed")) {
                assertThat(fixed.currentVersion()).hasValue("2");
            }
        }
    }

    @Test
    void a_cached_state_refuses_sessions_on_postgresql() {
        try (RehearsalServer server = server(Engine.POSTGRESQL, true, Map.of());
                Rehearsal rehearsal = server.open(migrations(Engine.POSTGRESQL), state(), "refuses")) {
            String template = rehearsal.database().state().orElseThrow().split(" ")[4];
            String url = rehearsal.database().jdbcUrl().replace(rehearsal.database().databaseName(), template);
            Map<String, String> admin = TestDatabases.asExistingServer(Engine.POSTGRESQL);
            assertThatThrownBy(() -> DriverManager.getConnection(url, admin.get(RehearsalSettings.username(Engine.POSTGRESQL)),
                    admin.get(RehearsalSettings.password(Engine.POSTGRESQL))).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("is not currently accepting connections");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void closing_the_server_drops_every_cached_state(Engine engine) {
        List<String> before = databases(engine);
        String template;
        try (RehearsalServer server = server(engine, true, Map.of());
                Rehearsal rehearsal = server.open(migrations(engine), state(), "dropped")) {
            template = rehearsal.database().state().orElseThrow().split(" ")[4];
            assertThat(databases(engine)).contains(template);
        }
        assertThat(databases(engine)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void a_cached_state_another_session_holds_open_is_waited_for_within_the_lock_timeout_then_named() throws Exception {
        Engine engine = Engine.POSTGRESQL;
        try (RehearsalServer server = server(engine, true, Map.of(RehearsalSettings.LOCK_TIMEOUT, "1s"))) {
            String template;
            try (Rehearsal first = server.open(migrations(engine), state(), "held")) {
                template = first.database().state().orElseThrow().split(" ")[4];
            }
            try (Connection c = TestDatabases.admin(engine); Statement st = c.createStatement()) {
                // the cache keeps sessions off its states; one that gets there anyway (a tool, after an admin allowed
                // it) holds up every copy
                st.execute("ALTER DATABASE " + template + " WITH ALLOW_CONNECTIONS true");
            }
            Map<String, String> admin = TestDatabases.asExistingServer(engine);
            String url = admin.get(RehearsalSettings.url(engine)).replaceFirst("/[^/?]*(\\?|$)", "/" + template + "$1");
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", admin.get(RehearsalSettings.username(engine)));
            properties.setProperty("password", admin.get(RehearsalSettings.password(engine)));
            properties.setProperty("ApplicationName", "state-holder");
            try (Connection holder = DriverManager.getConnection(url, properties); Statement st = holder.createStatement();
                    ResultSet pid = st.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                long start = System.nanoTime();
                assertThatThrownBy(() -> server.open(migrations(engine), state(), "waits"))
                        .isInstanceOf(RehearsalException.class)
                        .hasMessageStartingWith("Could not copy the cached state " + template)
                        .hasMessageContaining("another session holds it open: pid " + pid.getInt(1) + " (user ")
                        .hasMessageContaining("application 'state-holder'")
                        .hasMessageContaining("waited 1000 ms (rehearsal.timeout.lock)")
                        .hasMessageContaining("To fix this, close that session");
                assertThat((System.nanoTime() - start) / 1_000_000).as("within the bound").isLessThan(10_000);
            }
            try (Rehearsal after = server.open(migrations(engine), state(), "released")) {
                assertThat(after.database().state()).hasValueSatisfying(s -> assertThat(s).contains("by an earlier test"));
            }
        }
    }

    @Test
    void a_cached_state_whose_table_another_session_locks_fails_naming_the_session() throws Exception {
        Engine engine = TestDatabases.mysqlFamily().findFirst().orElse(Engine.MARIADB);
        try (RehearsalServer server = server(engine, true, Map.of(RehearsalSettings.LOCK_TIMEOUT, "1s"))) {
            String template;
            try (Rehearsal first = server.open(migrations(engine), state(), "locked")) {
                template = first.database().state().orElseThrow().split(" ")[4];
            }
            try (Connection holder = TestDatabases.admin(engine); Statement st = holder.createStatement()) {
                st.execute("USE " + template);
                st.execute("LOCK TABLES orders WRITE");
                long id;
                try (ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
                    rs.next();
                    id = rs.getLong(1);
                }
                assertThatThrownBy(() -> server.open(migrations(engine), state(), "waits"))
                        .isInstanceOf(RehearsalException.class)
                        .hasMessageStartingWith("Could not copy the cached state " + template)
                        .hasMessageContaining("Another session holds a lock on the cached state's tables: session " + id)
                        .hasMessageContaining("To fix this, close that session");
                st.execute("UNLOCK TABLES");
            }
        }
    }

    @Test
    void a_malformed_cache_setting_is_refused_naming_the_key_and_the_value() {
        assertThatThrownBy(() -> server(Engine.POSTGRESQL, true, Map.of(RehearsalSettings.CACHE_ENABLED, "sometimes")))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageContaining(RehearsalSettings.CACHE_ENABLED)
                .hasMessageContaining("sometimes");
        assertThatThrownBy(() -> RehearsalSettings.refuseUnknownKeys(List.of("rehearsal.cache.enable"), "a system property"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageContaining("the nearest key is rehearsal.cache.enabled");
    }

    @Test
    void a_state_a_copy_cannot_carry_exactly_is_built_for_each_rehearsal_saying_why(@TempDir Path folder) throws Exception {
        Engine engine = TestDatabases.mysqlFamily().findFirst().orElse(Engine.MARIADB);
        Files.writeString(folder.resolve("V1__numbers.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n"
                + "CREATE SEQUENCE note_numbers;");
        SeededState state = SeededState.at("1", SeedPlan.withSeed(1).defaultRows(5));
        try (RehearsalServer server = server(engine, true, Map.of())) {
            for (String name : List.of("one", "two")) {
                try (Rehearsal rehearsal = server.open(Migrations.at("filesystem:" + folder), state, name)) {
                    assertThat(rehearsal.database().state()).hasValueSatisfying(s -> assertThat(s)
                            .startsWith("built for this test in ").contains("not cached: it holds objects whose state a table copy does not carry:"
                                    + " note_numbers (SEQUENCE)"));
                    assertThat(rehearsal.queryForLong("SELECT COUNT(*) FROM notes")).isEqualTo(5);
                }
            }
        }
    }

    // --- what a state is made of, read the same way from any database

    private static List<Object> fields(Failure f) {
        return List.of(f.script(), f.statementIndex(), f.line(), f.sqlState(), f.vendorCode(), f.failureClass(),
                f.constraint(), f.table());
    }

    /** Schema, rows, history and the positions of sequences and auto-increments, with the database's name left out. */
    static Map<String, Object> everything(Rehearsal rehearsal) throws SQLException {
        Map<String, Object> all = new LinkedHashMap<>();
        String name = rehearsal.database().databaseName();
        List<String> tables = rehearsal.schema().tables().stream().map(Table::name).toList();
        all.put("rows", rehearsal.snapshotData(tables.toArray(String[]::new)).tables());
        all.put("history", rehearsal.query("SELECT installed_rank, version, description, type, script, checksum, success"
                + " FROM flyway_schema_history ORDER BY installed_rank"));
        if (rehearsal.engine() == Engine.POSTGRESQL) {
            all.put("sequences", rehearsal.query("SELECT sequencename, last_value, increment_by FROM pg_sequences"
                    + " WHERE schemaname = 'public' ORDER BY sequencename"));
            all.put("views", rehearsal.query("SELECT viewname, definition FROM pg_views WHERE schemaname = 'public'"
                    + " ORDER BY viewname"));
            all.put("triggers", rehearsal.query("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal"
                    + " ORDER BY tgname"));
            all.put("functions", rehearsal.query("SELECT proname, prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid ="
                    + " p.pronamespace WHERE n.nspname = 'public' ORDER BY proname"));
        } else {
            all.put("auto-increments", rehearsal.query("SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"));
            all.put("views", rehearsal.query("SELECT TABLE_NAME, REPLACE(VIEW_DEFINITION, '`" + name + "`.', '') AS d,"
                    + " CHECK_OPTION, SECURITY_TYPE FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()"
                    + " ORDER BY TABLE_NAME"));
            all.put("triggers", rehearsal.query("SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE,"
                    + " ACTION_STATEMENT, ACTION_TIMING, ACTION_ORDER, SQL_MODE FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME"));
            all.put("routines", rehearsal.query("SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, SQL_MODE,"
                    + " IS_DETERMINISTIC FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"
                    + " ORDER BY ROUTINE_NAME"));
            all.put("indexes", rehearsal.query("SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                    + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"));
        }
        return all;
    }

    private static List<String> databases(Engine engine) {
        String sql = engine == Engine.POSTGRESQL ? "SELECT datname FROM pg_database WHERE datname LIKE 'rehearsal\\_state%'"
                + " OR datname LIKE 'rehearsal\\_cache%'"
                : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'rehearsal\\_state%'"
                        + " OR schema_name LIKE 'rehearsal\\_cache%'";
        List<String> names = new ArrayList<>();
        try (Connection c = TestDatabases.admin(engine); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

}
