package dev.rehearsal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A database engine a rehearsal runs on.
 *
 * <p>The {@linkplain #id() id} is the lower-case name used in configuration keys
 * ({@code rehearsal.postgresql.url}) and in engine-dependent migration locations
 * ({@code classpath:db/migration/{engine}}).
 *
 * @since 0.1
 */
public enum Engine {

    /** PostgreSQL: transactional DDL, a failed migration rolls back as a whole. */
    POSTGRESQL("postgresql", "PostgreSQL", "postgresql", true),

    /** MySQL: every DDL statement commits implicitly, a failed migration can stay partially applied. */
    MYSQL("mysql", "MySQL", "mysql", false),

    /** MariaDB: every DDL statement commits implicitly, a failed migration can stay partially applied. */
    MARIADB("mariadb", "MariaDB", "mysql", false);

    private final String id;
    private final String displayName;
    private final String family;
    private final boolean transactionalDdl;

    Engine(String id, String displayName, String family, boolean transactionalDdl) {
        this.id = id;
        this.displayName = displayName;
        this.family = family;
        this.transactionalDdl = transactionalDdl;
    }

    /**
     * Return the lower-case id of this engine, e.g. {@code "mariadb"}.
     *
     * @return the id; never {@code null}
     */
    public String id() {
        return id;
    }

    /**
     * Return the name of this engine as its vendor spells it, e.g. {@code "MariaDB"}.
     *
     * @return the display name; never {@code null}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Return the id of the engine family: {@code "postgresql"}, or {@code "mysql"} for MySQL and MariaDB.
     *
     * <p>Used for the {@code {family}} placeholder in migration locations, for teams that keep one set of
     * scripts for MySQL and MariaDB.
     *
     * @return the family id; never {@code null}
     */
    public String family() {
        return family;
    }

    /**
     * Tell whether DDL statements take part in transactions on this engine.
     *
     * @return {@code true} for PostgreSQL, {@code false} for the MySQL family
     */
    public boolean hasTransactionalDdl() {
        return transactionalDdl;
    }

    /**
     * Tell whether this engine belongs to the MySQL family (MySQL or MariaDB).
     *
     * @return {@code true} for MySQL and MariaDB
     */
    public boolean isMysqlFamily() {
        return "mysql".equals(family);
    }

    /**
     * Find the engine with the given id, ignoring case.
     *
     * @param id the id, e.g. {@code "postgresql"}; must not be {@code null}
     * @return the engine
     * @throws IllegalArgumentException if no engine has that id; the message lists the valid ids
     */
    public static Engine fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Engine engine : values()) {
            if (engine.id.equals(wanted)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + id + "'; valid engines are "
                + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", ")) + ".\nTo fix this, use one of those ids.");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
