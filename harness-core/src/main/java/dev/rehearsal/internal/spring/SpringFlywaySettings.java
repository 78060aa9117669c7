package dev.rehearsal.internal.spring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flyway settings a Spring Boot application's {@code spring.flyway.*} configuration gives, as the rehearsal
 * uses them.
 *
 * @param locations migration locations, Boot's default {@code classpath:db/migration} when unset; Boot's
 *     {@code {vendor}} is left in, {@link dev.rehearsal.internal.flyway.MigrationSettings#locationsFor} replaces it
 * @param placeholders Flyway placeholders ({@code spring.flyway.placeholders.*})
 * @param schemas the schemas; {@code default-schema}, when set, comes first, which is the schema Flyway then
 *     defaults to
 * @param table the history table, if set
 * @param postgresqlTransactionalLock {@code postgresql.transactional-lock}, if set
 * @param flywayProperties every other setting, under Flyway's own names ({@code flyway.baselineOnMigrate})
 * @param ignored the keys that were set but are not carried over, each with why, e.g.
 *     {@code spring.flyway.url (classpath:application.yml): the harness connects Flyway to the database it created}
 * @param files the files read, highest precedence last, e.g. {@code classpath:application.yml}
 * @param profiles the active profiles
 */
public record SpringFlywaySettings(
        List<String> locations,
        Map<String, String> placeholders,
        List<String> schemas,
        Optional<String> table,
        Optional<Boolean> postgresqlTransactionalLock,
        Map<String, String> flywayProperties,
        List<String> ignored,
        List<String> files,
        List<String> profiles) {

    public SpringFlywaySettings {
        locations = List.copyOf(locations);
        placeholders = Map.copyOf(placeholders);
        schemas = List.copyOf(schemas);
        flywayProperties = Map.copyOf(flywayProperties);
        ignored = List.copyOf(ignored);
        files = List.copyOf(files);
        profiles = List.copyOf(profiles);
    }

    /** Without the values of placeholders and properties, which may hold secrets. */
    @Override
    public String toString() {
        return "SpringFlywaySettings[locations=" + locations + ", placeholders=" + placeholders.keySet() + ", schemas="
                + schemas + ", table=" + table + ", postgresqlTransactionalLock=" + postgresqlTransactionalLock
                + ", flywayProperties=" + flywayProperties.keySet() + ", ignored=" + ignored + ", files=" + files
                + ", profiles=" + profiles + "]";
    }
}
