package dev.rehearsal;

import dev.rehearsal.internal.flyway.MigrationSettings;
import dev.rehearsal.internal.spring.SpringBootFlywayConfig;
import dev.rehearsal.internal.spring.SpringFlywaySettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Flyway settings a rehearsal migrates with: the ones the project already has. Immutable; each {@code with...}
 * method returns a copy.
 * <pre>{@code
 * Migrations migrations = Migrations.at("classpath:db/migration")
 *         .withPlaceholder("owner", "app")
 *         .withSchemas("app");
 * }</pre>
 *
 * <p>Settings the harness owns are refused where they are given, with the reason: where Flyway connects, the target
 * version (each step chooses it), a timeout in {@code initSql}, an unbounded {@code lockRetryCount}.
 *
 * @since 0.1
 */
public final class Migrations {

    private static final Set<String> NOTED = ConcurrentHashMap.newKeySet();

    private final MigrationSettings settings;

    private Migrations(MigrationSettings settings) {
        this.settings = settings;
    }

    /**
     * Return the settings for migrations in these locations, everything else Flyway's default.
     *
     * @param locations Flyway locations, e.g. {@code "classpath:db/migration"} or {@code "filesystem:src/main/sql"};
     *     {@code {engine}} and {@code {family}} are replaced per engine ({@code postgresql}, {@code mysql},
     *     {@code mariadb}; family {@code postgresql} or {@code mysql}), and so is Spring Boot's {@code {vendor}}
     * @return the settings; never {@code null}
     * @throws RehearsalConfigurationException if no location is given, or one is blank
     */
    public static Migrations at(String... locations) {
        Objects.requireNonNull(locations, "locations");
        if (locations.length == 0 || Arrays.stream(locations).anyMatch(l -> l == null || l.isBlank())) {
            throw new RehearsalConfigurationException("Migrations.at(" + quoted(Arrays.asList(locations)) + ") names "
                    + (locations.length == 0 ? "no location" : "a blank or null location") + ".\nTo fix this, name"
                    + " the folders of the migrations, e.g. Migrations.at(\"classpath:db/migration\").");
        }
        return new Migrations(MigrationSettings.defaults(defaultClassLoader(), "Migrations.at(" + quoted(Arrays.asList(locations)) + ")")
                .withLocations(List.of(locations), "Migrations.at(" + quoted(Arrays.asList(locations)) + ")"));
    }

    /**
     * Return the settings a Spring Boot application gives Flyway in its own configuration files
     * ({@code spring.flyway.*} in {@code application.properties} / {@code .yml} on the class path, with the profiles'
     * files over them), without starting Spring. Settings a rehearsal does not carry over are printed once.
     *
     * @param name the files' base name, usually {@code "application"}
     * @param profiles the active profiles, lowest precedence first
     * @param classLoader where the files and {@code classpath:} locations are looked up
     * @param origin what declared it, named in messages, e.g. {@code "@SpringBootFlyway on OrdersTest"}
     * @return the settings; never {@code null}
     * @throws RehearsalConfigurationException if a file cannot be read or sets a value a rehearsal cannot use
     */
    public static Migrations fromSpringBoot(String name, List<String> profiles, ClassLoader classLoader, String origin) {
        SpringFlywaySettings boot = SpringBootFlywayConfig.read(classLoader, name, List.copyOf(profiles), origin);
        boot.ignored().forEach(note -> {
            if (NOTED.add(origin + note)) {
                System.out.println("Rehearsal: " + origin + ": " + note + ".");
            }
        });
        String files = boot.files().isEmpty() ? "no " + name + " files found" : String.join(", ", boot.files());
        String described = origin + " (" + files
                + (boot.profiles().isEmpty() ? "" : "; profiles " + String.join(", ", boot.profiles())) + ")";
        return new Migrations(new MigrationSettings(boot.locations(), boot.placeholders(), boot.schemas(), boot.table(),
                boot.postgresqlTransactionalLock().orElse(true), boot.flywayProperties(), classLoader, described));
    }

    /**
     * Return a copy in other locations.
     *
     * @param locations as for {@link #at(String...)}
     * @return the copy
     * @throws RehearsalConfigurationException if no location is given, or one is blank
     */
    public Migrations withLocations(String... locations) {
        at(locations); // the same checks
        boolean own = settings.origin().equals("Migrations.at(" + quoted(settings.locations()) + ")");
        String origin = own ? "Migrations.at(" + quoted(Arrays.asList(locations)) + ")" : settings.origin();
        return new Migrations(settings.withLocations(List.of(locations), origin));
    }

    /**
     * Return a copy with one more Flyway placeholder ({@code ${name}} in the scripts).
     *
     * @param name the placeholder's name
     * @param value its value; never printed
     * @return the copy
     */
    public Migrations withPlaceholder(String name, String value) {
        Map<String, String> placeholders = new LinkedHashMap<>(settings.placeholders());
        placeholders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return withPlaceholders(placeholders);
    }

    /**
     * Return a copy with exactly these placeholders.
     *
     * @param placeholders names and values; values are never printed
     * @return the copy
     */
    public Migrations withPlaceholders(Map<String, String> placeholders) {
        return copy(new MigrationSettings(settings.locations(), placeholders, settings.schemas(), settings.table(),
                settings.postgresqlTransactionalLock(), settings.flywayProperties(), settings.classLoader(),
                settings.origin()));
    }

    /**
     * Return a copy where Flyway manages these schemas (Flyway's {@code schemas}); the first holds the history table,
     * and on PostgreSQL unqualified names of the rehearsal's own SQL resolve in it.
     *
     * @param schemas the schemas; none for the connection's default
     * @return the copy
     * @throws RehearsalConfigurationException if a schema is blank
     */
    public Migrations withSchemas(String... schemas) {
        if (Arrays.stream(schemas).anyMatch(s -> s == null || s.isBlank())) {
            throw new RehearsalConfigurationException(settings.origin() + ": withSchemas(" + quoted(Arrays.asList(schemas))
                    + ") names a blank schema.\nTo fix this, remove it, or name the schema, e.g. withSchemas(\"app\").");
        }
        return copy(new MigrationSettings(settings.locations(), settings.placeholders(), List.of(schemas),
                settings.table(), settings.postgresqlTransactionalLock(), settings.flywayProperties(),
                settings.classLoader(), settings.origin()));
    }

    /**
     * Return a copy with another history table (Flyway's {@code table}; default {@code flyway_schema_history}).
     *
     * @param table the table's name
     * @return the copy
     * @throws RehearsalConfigurationException if it is blank
     */
    public Migrations withTable(String table) {
        if (table == null || table.isBlank()) {
            throw new RehearsalConfigurationException(settings.origin() + ": withTable(\"" + table + "\") names no"
                    + " table.\nTo fix this, name the history table, e.g. withTable(\"schema_version\").");
        }
        return copy(new MigrationSettings(settings.locations(), settings.placeholders(), settings.schemas(),
                Optional.of(table.strip()), settings.postgresqlTransactionalLock(), settings.flywayProperties(),
                settings.classLoader(), settings.origin()));
    }

    /**
     * Return a copy with Flyway's PostgreSQL transactional lock on or off (Flyway's default: on). Turn it off for
     * scripts with {@code CREATE INDEX CONCURRENTLY}, which otherwise waits for Flyway's own transaction forever.
     *
     * @param lock whether Flyway takes its lock inside a transaction
     * @return the copy
     */
    public Migrations withPostgresqlTransactionalLock(boolean lock) {
        return copy(settings.withPostgresqlTransactionalLock(lock));
    }

    /**
     * Return a copy with one more Flyway property, e.g. {@code withFlywayProperty("outOfOrder", "true")}.
     *
     * @param key the property, with or without the {@code flyway.} prefix
     * @param value its value; never printed
     * @return the copy
     * @throws RehearsalConfigurationException if the property is one the harness owns
     */
    public Migrations withFlywayProperty(String key, String value) {
        Map<String, String> properties = new LinkedHashMap<>(settings.flywayProperties());
        Objects.requireNonNull(key, "key");
        properties.put(key.startsWith("flyway.") ? key : "flyway." + key, Objects.requireNonNull(value, "value"));
        return withFlywayProperties(properties);
    }

    /**
     * Return a copy with exactly these further Flyway properties.
     *
     * @param properties keys with or without the {@code flyway.} prefix, and values; values are never printed
     * @return the copy
     * @throws RehearsalConfigurationException if a property is one the harness owns
     */
    public Migrations withFlywayProperties(Map<String, String> properties) {
        return copy(new MigrationSettings(settings.locations(), settings.placeholders(), settings.schemas(),
                settings.table(), settings.postgresqlTransactionalLock(), properties, settings.classLoader(),
                settings.origin()));
    }

    /**
     * Return a copy that looks up {@code classpath:} locations (and Java migrations) in this class loader; by default
     * the thread's context class loader when these settings were made.
     *
     * @param classLoader the class loader
     * @return the copy
     */
    public Migrations withClassLoader(ClassLoader classLoader) {
        return copy(new MigrationSettings(settings.locations(), settings.placeholders(), settings.schemas(),
                settings.table(), settings.postgresqlTransactionalLock(), settings.flywayProperties(),
                Objects.requireNonNull(classLoader, "classLoader"), settings.origin()));
    }

    /**
     * Return a copy that messages name as declared by this origin, e.g. {@code "rehearsal-maven-plugin in pom.xml"}.
     *
     * @param origin where the settings were declared
     * @return the copy
     */
    public Migrations describedAs(String origin) {
        return copy(new MigrationSettings(settings.locations(), settings.placeholders(), settings.schemas(),
                settings.table(), settings.postgresqlTransactionalLock(), settings.flywayProperties(),
                settings.classLoader(), Objects.requireNonNull(origin, "origin")));
    }

    /** @return the locations, as given */
    public List<String> locations() {
        return settings.locations();
    }

    /** @return the placeholders */
    public Map<String, String> placeholders() {
        return settings.placeholders();
    }

    /** @return the schemas Flyway manages; empty for the connection's default */
    public List<String> schemas() {
        return settings.schemas();
    }

    /** @return the history table; empty for Flyway's default */
    public Optional<String> table() {
        return settings.table();
    }

    /** @return whether Flyway takes its PostgreSQL lock inside a transaction */
    public boolean postgresqlTransactionalLock() {
        return settings.postgresqlTransactionalLock();
    }

    /** @return the further Flyway properties, keys with the {@code flyway.} prefix */
    public Map<String, String> flywayProperties() {
        return settings.flywayProperties();
    }

    /** @return where {@code classpath:} locations are looked up */
    public ClassLoader classLoader() {
        return settings.classLoader();
    }

    /** @return where the settings were declared, as messages name it */
    public String origin() {
        return settings.origin();
    }

    /** The harness's form of these settings. */
    MigrationSettings settings() {
        return settings;
    }

    private Migrations copy(MigrationSettings changed) {
        return new Migrations(changed);
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Migrations.class.getClassLoader();
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> v == null ? "null" : "\"" + v + "\"").toList());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Migrations that && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    /** Describes the settings without the values of placeholders and Flyway properties, which may hold secrets. */
    @Override
    public String toString() {
        return "Migrations" + settings.toString().substring("MigrationSettings".length());
    }
}
