package dev.rehearsal.internal.server;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The user a run rehearses as on a server it shares, made by the admin for this run only: on PostgreSQL a role with
 * LOGIN and nothing else (no superuser, no CREATEDB, no CREATEROLE, not a member of any role, so neither
 * {@code pg_execute_server_program} nor {@code pg_signal_backend}) that owns each rehearsal database; on the MySQL family
 * an account from the host the harness connects from, with every privilege on each rehearsal database and no global
 * one (no SUPER, PROCESS, FILE, CONNECTION ADMIN). Its name carries the run's token ({@link Runs}), so a later run
 * drops it when this one was killed. Its password is random, never printed.
 */
final class RunUser {

    private final String name;
    private final String host;
    private final String password;

    private RunUser(String name, String host, String password) {
        this.name = name;
        this.host = host;
        this.password = password;
    }

    /**
     * Create the user on the server.
     *
     * @throws RehearsalConfigurationException if the admin may not, naming {@link RehearsalSettings#PRIVILEGES}
     */
    static RunUser create(JdbcServer server, String name) {
        String password = Servers.randomPassword();
        try (Connection connection = server.admin().getConnection(); Statement st = connection.createStatement()) {
            if (server.engine() == Engine.POSTGRESQL) {
                st.execute("CREATE ROLE " + server.dialect().quote(name) + " LOGIN PASSWORD '" + password + "' NOSUPERUSER"
                        + " NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
                // an admin that is not a superuser may give a database to a role only when it may act as that role
                if (!superuser(st)) {
                    st.execute("GRANT " + server.dialect().quote(name) + " TO " + server.dialect().quote(server.adminUser()));
                }
                return new RunUser(name, "", password);
            }
            String host;
            // the host part the server gave the admin's own session: connections from here match an account there
            // exactly, ahead of any anonymous account of that host
            try (ResultSet rs = st.executeQuery("SELECT SUBSTRING_INDEX(USER(), '@', -1)")) {
                rs.next();
                host = rs.getString(1);
            }
            RunUser user = new RunUser(name, host, password);
            st.execute("CREATE USER " + user.account() + " IDENTIFIED BY '" + password + "'");
            return user;
        } catch (SQLException e) {
            throw new RehearsalConfigurationException("Could not create the user " + name + " that rehearsals on "
                    + server.describe() + " run as with least privilege (" + RehearsalSettings.PRIVILEGES + " = least, the"
                    + " default on an existing server): " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ", code "
                    + e.getErrorCode() + ").\nTo fix this, let the admin user create " + (server.engine() == Engine.POSTGRESQL
                    ? "roles (CREATEROLE)" : "users (CREATE USER) and grant privileges on databases (GRANT OPTION)")
                    + ", or set " + RehearsalSettings.PRIVILEGES + "=admin to rehearse as the admin user itself.", e);
        }
    }

    private static boolean superuser(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    String name() {
        return name;
    }

    /** The clause of a PostgreSQL {@code CREATE DATABASE} that gives it to this user; nothing on the MySQL family. */
    String ownerClause(Engine engine) {
        return engine == Engine.POSTGRESQL ? " OWNER " + quotePostgres(name) : "";
    }

    /**
     * The MySQL-family grant of a database to this user. {@code _} and {@code %} in a grant's database name are
     * patterns: escaped, so that the grant names that one database.
     */
    String grantOn(String database) {
        String escaped = database.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%").replace("`", "``");
        return "GRANT ALL PRIVILEGES ON `" + escaped + "`.* TO " + account();
    }

    /** The admin's connection properties with this user's credentials instead. */
    Properties properties(Properties admin) {
        Properties p = new Properties();
        p.putAll(admin);
        p.setProperty("user", name);
        p.setProperty("password", password);
        return p;
    }

    /** Drop the user; what it still owns (a database kept for inspection) keeps it, until a later run. */
    void drop(JdbcServer server) {
        try (Connection connection = server.admin().getConnection(); Statement st = connection.createStatement()) {
            st.execute(server.engine() == Engine.POSTGRESQL ? "DROP ROLE IF EXISTS " + quotePostgres(name)
                    : "DROP USER IF EXISTS " + account());
        } catch (SQLException e) {
            // a database kept on failure still belongs to it: a later run drops both once this one has ended
        }
    }

    private String account() {
        return "'" + name.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
    }

    private static String quotePostgres(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
