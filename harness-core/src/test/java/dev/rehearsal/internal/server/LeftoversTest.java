package dev.rehearsal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.support.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run killed with {@code kill -9} leaves a database on an existing server, the user it rehearsed as there, and an embedded PostgreSQL running with its
 * folder; a later run drops the one and stops and removes the other, says so in one line, and leaves a live run's
 * databases alone.
 */
class LeftoversTest {

    @Test
    void a_killed_runs_databases_server_and_folder_are_cleaned_by_a_later_run_and_a_live_runs_are_not() throws Exception {
        Map<String, String> shared = TestDatabases.asExistingServer(Engine.POSTGRESQL);
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                LeftBehindRun.class.getName(), shared.get(RehearsalSettings.url(Engine.POSTGRESQL)),
                shared.get(RehearsalSettings.username(Engine.POSTGRESQL)),
                shared.get(RehearsalSettings.password(Engine.POSTGRESQL))).redirectErrorStream(true).start();
        String token = null;
        String database = null;
        String user = null;
        List<String> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals("READY"); line = out.readLine()) {
                printed.add(line);
                if (line.startsWith("TOKEN ")) {
                    token = line.substring(6);
                } else if (line.startsWith("DATABASE ")) {
                    database = line.substring(9);
                } else if (line.startsWith("USER ")) {
                    user = line.substring(5);
                }
            }
            assertThat(database).as("the run's output: " + printed).isNotNull();
            run.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs
        }
        String owner = token;
        String left = database;
        List<Path> folders = folders(owner);
        assertThat(folders).as("its embedded PostgreSQL's folder").isNotEmpty();
        assertThat(processesOf(folders)).as("its embedded PostgreSQL, still running").isNotEmpty();
        assertThat(TestDatabases.databaseExists(Engine.POSTGRESQL, database)).isTrue();
        assertThat(roleExists(user)).as("the user it rehearsed as").isTrue();

        JdbcServer later = Servers.start(ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "test",
                new Settings(key -> Optional.ofNullable(shared.get(key)))), ConnectionPolicy.DEFAULT, Duration.ofMinutes(1));
        RehearsalDatabase live = later.createDatabase("live");
        try {
            Optional<String> databases = Leftovers.cleanDatabases(later);
            Optional<String> users = Leftovers.cleanUsers(later);
            Optional<String> servers = Leftovers.cleanFolders();

            assertThat(databases).hasValueSatisfying(line -> assertThat(line).startsWith("dropped 1 database(s) on")
                    .contains(left).endsWith(" of 1 run(s)"));
            assertThat(servers).hasValueSatisfying(line -> assertThat(line)
                    .startsWith("stopped 1 embedded server process(es) and removed "));
            assertThat(TestDatabases.databaseExists(Engine.POSTGRESQL, database)).isFalse();
            assertThat(users).hasValue("dropped 1 user(s) they rehearsed as");
            assertThat(roleExists(user)).isFalse();
            assertThat(processesOf(folders)).isEmpty();
            assertThat(folders).allSatisfy(folder -> assertThat(folder).doesNotExist());
            assertThat(TestDatabases.databaseExists(Engine.POSTGRESQL, live.name())).as("a live run's").isTrue();
            assertThat(Leftovers.cleanDatabases(later)).as("nothing left the second time").isEmpty();
            assertThat(Leftovers.cleanUsers(later)).as("no user left the second time").isEmpty();
        } finally {
            live.close();
            later.close();
        }
    }

    private static boolean roleExists(String role) throws Exception {
        try (java.sql.Connection c = TestDatabases.admin(Engine.POSTGRESQL); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
            return rs.next();
        }
    }

    private static List<Path> folders(String token) throws Exception {
        List<Path> folders = new ArrayList<>();
        for (Path root : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> list = Files.list(root)) {
                    list.filter(p -> p.getFileName().toString().startsWith("rehearsal-postgres-" + token + "-"))
                            .forEach(folders::add);
                }
            }
        }
        return folders;
    }

    private static List<ProcessHandle> processesOf(List<Path> folders) {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive() && p.info().commandLine()
                .map(c -> folders.stream().anyMatch(f -> c.contains(f.toAbsolutePath().toString()))).orElse(false))
                .toList();
    }
}
