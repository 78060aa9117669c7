package dev.rehearsal.internal.server;

import dev.rehearsal.ProviderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * What earlier runs of this machine left behind when they ended without closing ({@code kill -9}, a crashed JVM): their
 * rehearsal databases and the users they rehearsed as on an existing server, their embedded servers' processes and
 * folders, their containers. Only what a run that is
 * known to have ended made ({@link Runs}); never a live parallel run's, never another machine's, never anything the
 * harness did not name. Cleaned when a later run starts, and said in one line.
 */
final class Leftovers {

    private static final AtomicBoolean FOLDERS_CLEANED = new AtomicBoolean();
    private static final AtomicBoolean CONTAINERS_CLEANED = new AtomicBoolean();

    private Leftovers() {
    }

    /**
     * Clean up after ended runs, as a server starts: their databases on this server when it is an existing one, and,
     * once per JVM, their embedded servers.
     *
     * @return the line that says what was cleaned (or could not be, with how to), if anything was found
     */
    static Optional<String> cleanFor(JdbcServer server) {
        List<String> said = new ArrayList<>();
        if (FOLDERS_CLEANED.compareAndSet(false, true)) {
            cleanFolders().ifPresent(said::add);
        }
        if (server.provider() == ProviderKind.EXISTING) {
            cleanDatabases(server).ifPresent(said::add);
            cleanUsers(server).ifPresent(said::add);
        }
        if (server.provider() == ProviderKind.CONTAINER && CONTAINERS_CLEANED.compareAndSet(false, true)) {
            Containers.cleanEnded().ifPresent(said::add);
        }
        return said.isEmpty() ? Optional.empty()
                : Optional.of("rehearsal: cleaned up after earlier runs that ended without closing: " + String.join("; ", said));
    }

    /** The databases of ended runs on a server: dropped, or named with the statement that drops them. */
    static Optional<String> cleanDatabases(JdbcServer server) {
        List<String> leftover = new ArrayList<>();
        String list = server.engine() == dev.rehearsal.Engine.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'rehearsal\\_%'"
                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'rehearsal\\_%'";
        try (Connection connection = server.admin().getConnection(); Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(list)) {
            while (rs.next()) {
                String name = rs.getString(1);
                Runs.ownerOfDatabase(name).filter(Runs::ended).ifPresent(owner -> leftover.add(name));
            }
        } catch (SQLException e) {
            return Optional.empty(); // a server that cannot be listed is not cleaned; its databases stay as they are
        }
        if (leftover.isEmpty()) {
            return Optional.empty();
        }
        List<String> dropped = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        for (String name : leftover) {
            owners.add(Runs.ownerOfDatabase(name).orElseThrow());
            try (Connection connection = server.admin().getConnection(); Statement st = connection.createStatement()) {
                st.execute(server.dialect().dropDatabase(name));
                dropped.add(name);
            } catch (SQLException e) {
                kept.add(name + " (" + e.getMessage() + "; drop it with: " + server.dialect().dropDatabase(name) + ")");
            }
        }
        return Optional.of((dropped.isEmpty() ? "" : "dropped " + dropped.size() + " database(s) on " + server.describe()
                + " (" + String.join(", ", dropped) + ")") + (kept.isEmpty() ? "" : (dropped.isEmpty() ? "" : "; ")
                + "could not drop " + String.join(", ", kept)) + " of " + owners.size() + " run(s)");
    }

    /**
     * The users ended runs rehearsed as ({@link RunUser}): dropped once their databases are gone, or named with the
     * statement that drops them.
     */
    static Optional<String> cleanUsers(JdbcServer server) {
        boolean postgres = server.engine() == dev.rehearsal.Engine.POSTGRESQL;
        List<String> drops = new ArrayList<>();
        try (Connection connection = server.admin().getConnection(); Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(postgres ? "SELECT rolname, '' FROM pg_roles WHERE rolname LIKE 'rehearsal\\_%'"
                        : "SELECT User, Host FROM mysql.user WHERE User LIKE 'rehearsal\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (Runs.ownerOfDatabase(name).filter(Runs::ended).isPresent()) {
                    drops.add(postgres ? "DROP ROLE " + server.dialect().quote(name)
                            : "DROP USER '" + name.replace("'", "''") + "'@'" + rs.getString(2).replace("'", "''") + "'");
                }
            }
        } catch (SQLException e) {
            return Optional.empty(); // an admin that may not list users cleans none; they hold no database any more
        }
        if (drops.isEmpty()) {
            return Optional.empty();
        }
        int dropped = 0;
        List<String> kept = new ArrayList<>();
        for (String drop : drops) {
            try (Connection connection = server.admin().getConnection(); Statement st = connection.createStatement()) {
                st.execute(drop);
                dropped++;
            } catch (SQLException e) {
                kept.add(e.getMessage() + "; drop it with: " + drop);
            }
        }
        return Optional.of((dropped == 0 ? "" : "dropped " + dropped + " user(s) they rehearsed as")
                + (kept.isEmpty() ? "" : (dropped == 0 ? "" : "; ") + "could not drop " + String.join(", ", kept)));
    }

    /**
     * The embedded servers of ended runs: the process whose command line names the folder is stopped, the folder
     * removed. Looked for in the temporary folder and in {@code /dev/shm}, where the harness makes them.
     */
    static Optional<String> cleanFolders() {
        List<Path> roots = List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"));
        int stopped = 0;
        long bytes = 0;
        List<Path> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> folders;
            try (Stream<Path> list = Files.list(root)) {
                folders = list.filter(Files::isDirectory)
                        .filter(p -> Runs.ownerOfFolder(p.getFileName().toString()).filter(Runs::ended).isPresent())
                        .toList();
            } catch (IOException e) {
                continue;
            }
            for (Path folder : folders) {
                stopped += stopProcessesOf(folder);
                bytes += size(folder);
                Servers.deleteQuietly(folder);
                if (Files.exists(folder)) {
                    failed.add(folder + " (remove it with: rm -rf " + folder + ")");
                } else {
                    removed.add(folder);
                }
            }
        }
        forgetEndedRuns();
        if (removed.isEmpty() && failed.isEmpty() && stopped == 0) {
            return Optional.empty();
        }
        return Optional.of("stopped " + stopped + " embedded server process(es) and removed " + removed.size()
                + " folder(s) (" + (bytes / 1024 / 1024) + " MB)" + (failed.isEmpty() ? ""
                : "; could not remove " + String.join(", ", failed)));
    }

    /** Stop the processes whose command line names the folder: an embedded server started on it. */
    private static int stopProcessesOf(Path folder) {
        String path = folder.toAbsolutePath().toString();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(path)).orElse(false))
                .toList();
        for (ProcessHandle server : servers) {
            server.destroyForcibly();
        }
        for (ProcessHandle server : servers) {
            try {
                server.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the folder that cannot be removed, if it cannot
            }
        }
        return servers.size();
    }

    private static long size(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Lock files of runs that ended over a week ago: what they left on servers this machine no longer reaches is not
     * looked for again (a lock file is all that tells an ended run's databases from another machine's).
     */
    private static void forgetEndedRuns() {
        long weekAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(7);
        try (Stream<Path> files = Files.list(Runs.folder())) {
            files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{8}\\.lock"))
                    .filter(f -> f.toFile().lastModified() < weekAgo)
                    .map(f -> f.getFileName().toString().substring(0, 8)).filter(Runs::ended).forEach(Runs::forget);
        } catch (IOException | RuntimeException e) {
            // nothing to forget
        }
    }
}
