package dev.rehearsal.internal.flyway;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flyway settings a rehearsal migrates with: the ones a project already has (locations, placeholders,
 * schemas, history table, PostgreSQL transactional lock, any other Flyway property), and where they came from.
 *
 * @param locations migration locations; {@code {engine}} and {@code {family}} are replaced per engine, and so is
 *     Spring Boot's {@code {vendor}} (as {@code {engine}}: Boot's vendor ids are the engine ids)
 * @param placeholders Flyway placeholders
 * @param schemas schemas Flyway manages; empty for the connection's default
 * @param table the history table's name; empty for Flyway's default
 * @param postgresqlTransactionalLock whether Flyway takes its PostgreSQL lock inside a transaction (Flyway's
 *     default {@code true}); must be {@code false} for scripts with {@code CREATE INDEX CONCURRENTLY}
 * @param flywayProperties further Flyway properties, e.g. {@code flyway.outOfOrder=true}
 * @param classLoader where {@code classpath:} locations are looked up
 * @param origin where the settings were declared, named in messages, e.g. {@code @MigrationRehearsal on OrdersTest}
 */
public record MigrationSettings(
        List<String> locations,
        Map<String, String> placeholders,
        List<String> schemas,
        Optional<String> table,
        boolean postgresqlTransactionalLock,
        Map<String, String> flywayProperties,
        ClassLoader classLoader,
        String origin) {

    public MigrationSettings {
        locations = List.copyOf(locations);
        placeholders = Map.copyOf(placeholders);
        schemas = List.copyOf(schemas);
        requireNonNull(table, "table");
        requireNonNull(origin, "origin");
        flywayProperties = Map.copyOf(normalized(flywayProperties));
        flywayProperties.forEach((key, value) -> refuseReserved(key, value, origin));
        requireNonNull(classLoader, "classLoader");
    }


    /**
     * Flyway settings the harness owns: where Flyway connects, what it migrates to, and how long it may wait. A user
     * value for them would point Flyway away from the rehearsal database, or let it wait without bound.
     */
    private static void refuseReserved(String key, String value, String origin) {
        String name = key.substring("flyway.".length());
        String why = null;
        String fix = null;
        if (name.matches("(?i)url|user|password|driver|jdbcProperties\\..*|environment|environments\\..*")) {
            why = "would connect Flyway elsewhere; the harness connects it to the database it created for the test";
            fix = "remove it; choose the server with rehearsal.<engine>.url or an image (docs/databases.md)";
        } else if (name.equalsIgnoreCase("locations")) {
            why = "duplicates the migration locations";
            fix = "remove it and name the folders where the rehearsal is declared: locations = {...} on"
                    + " @MigrationRehearsal, Migrations.at(...) in code";
        } else if (name.matches("(?i)schemas|defaultSchema")) {
            why = "duplicates the schemas setting";
            fix = "remove it and name the schemas where the rehearsal is declared: schemas = {...} on"
                    + " @MigrationRehearsal, Migrations.withSchemas(...) in code";
        } else if (name.equalsIgnoreCase("table")) {
            why = "duplicates the history table setting";
            fix = "remove it and name the table where the rehearsal is declared: table = \"...\" on"
                    + " @MigrationRehearsal, Migrations.withTable(...) in code";
        } else if (name.equalsIgnoreCase("target")) {
            why = "is chosen by each step of the rehearsal";
            fix = "remove it and call migrateTo(version), migrateToNext() or migrateToLatest()";
        } else if (name.equalsIgnoreCase("initSql") && dev.rehearsal.internal.jdbc.ConnectionPolicy.SESSION_TIMEOUTS.matcher(value).find()) {
            why = "sets a timeout on every connection Flyway opens, in place of the harness's bounds";
            fix = "remove the timeout from initSql and set rehearsal.timeout.lock or rehearsal.timeout.socket";
        } else if (name.equalsIgnoreCase("lockRetryCount") && value.strip().startsWith("-")) {
            why = "= " + value.strip() + " makes Flyway wait for its lock without bound";
            fix = "give 0 or more retries, or remove it (Flyway's default is 50)";
        }
        if (why != null) {
            throw new RehearsalConfigurationException(origin + ": flywayProperties names " + key + ", which " + why
                    + ".\nTo fix this, " + fix + ".");
        }
    }

    /** The settings without the values of placeholders and Flyway properties, which may hold secrets. */
    @Override
    public String toString() {
        return "MigrationSettings[locations=" + locations + ", placeholders=" + placeholders.keySet() + ", schemas="
                + schemas + ", table=" + table + ", postgresqlTransactionalLock=" + postgresqlTransactionalLock
                + ", flywayProperties=" + flywayProperties.keySet() + ", origin=" + origin + "]";
    }

    /** Flyway's defaults: {@code classpath:db/migration}, nothing else set. */
    public static MigrationSettings defaults(ClassLoader classLoader, String origin) {
        return new MigrationSettings(List.of("classpath:db/migration"), Map.of(), List.of(), Optional.empty(), true,
                Map.of(), classLoader, origin);
    }

    /** The same settings with Flyway's PostgreSQL transactional lock on or off. */
    public MigrationSettings withPostgresqlTransactionalLock(boolean lock) {
        return new MigrationSettings(locations, placeholders, schemas, table, lock, flywayProperties, classLoader, origin);
    }

    public MigrationSettings withLocations(List<String> newLocations, String newOrigin) {
        return new MigrationSettings(newLocations, placeholders, schemas, table, postgresqlTransactionalLock,
                flywayProperties, classLoader, newOrigin);
    }

    /**
     * Return the locations for an engine, placeholders replaced, each checked to exist.
     *
     * @throws RehearsalConfigurationException if a location is empty or does not exist
     */
    public List<String> locationsFor(Engine engine) {
        if (locations.isEmpty()) {
            throw new RehearsalConfigurationException(origin + ": no migration locations are given.\n"
                    + "To fix this, name at least one, e.g. locations = \"classpath:db/migration\".");
        }
        return locations.stream().map(location -> {
            String resolved = location.replace("{engine}", engine.id()).replace("{vendor}", engine.id())
                    .replace("{family}", engine.family());
            if (resolved.isBlank()) {
                throw new RehearsalConfigurationException(origin + ": a migration location is blank.\n"
                        + "To fix this, remove it or name a folder, e.g. \"classpath:db/migration\".");
            }
            if (!exists(resolved)) {
                String forEngine = resolved.equals(location) ? "" : " (for " + engine.displayName() + ": " + resolved + ")";
                throw new RehearsalConfigurationException(origin + ": migration location \"" + location + "\"" + forEngine
                        + " does not exist" + (isClasspath(resolved) ? " on the classpath" : "") + ".\nTo fix this,"
                        + " correct the location or create the folder; classpath locations are folders under"
                        + " src/main/resources or src/test/resources, e.g. \"classpath:db/migration\" for"
                        + " src/test/resources/db/migration.");
            }
            return resolved;
        }).toList();
    }

    private boolean exists(String location) {
        if (isClasspath(location)) {
            String path = location.substring("classpath:".length()).replaceAll("^/+", "");
            return classLoader.getResource(path) != null;
        }
        if (location.startsWith("filesystem:")) {
            return Files.isDirectory(Path.of(location.substring("filesystem:".length())));
        }
        if (location.contains(":") && !location.matches("^[A-Za-z]:[\\\\/].*")) {
            return true; // another scheme Flyway understands (s3:, gcs:); Flyway checks it
        }
        return classLoader.getResource(location.replaceAll("^/+", "")) != null || Files.isDirectory(Path.of(location));
    }

    private static boolean isClasspath(String location) {
        return location.startsWith("classpath:");
    }

    private static Map<String, String> normalized(Map<String, String> properties) {
        Map<String, String> result = new LinkedHashMap<>();
        properties.forEach((key, value) -> result.put(key.startsWith("flyway.") ? key : "flyway." + key, value));
        return result;
    }
}
