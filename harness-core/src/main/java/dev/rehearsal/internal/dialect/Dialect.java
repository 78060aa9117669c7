package dev.rehearsal.internal.dialect;

import dev.rehearsal.Engine;
import dev.rehearsal.FailureClass;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything that differs between engines, so the rehearsal flow never branches on the engine.
 */
public interface Dialect {

    /** Statement forms whose target table the failure can be attributed to. */

    static Dialect of(Engine engine) {
        return engine == Engine.POSTGRESQL ? new PostgresDialect() : new MysqlFamilyDialect(engine);
    }

    Engine engine();

    /** Quote an identifier. */
    String quote(String identifier);

    /** The JDBC scheme harness-built URLs use, e.g. {@code jdbc:postgresql}. */
    String jdbcScheme();

    /** The default port of the engine's server. */
    int defaultPort();

    /** The statement that creates a database. */
    default String createDatabase(String name) {
        return "CREATE DATABASE " + quote(name);
    }

    /**
     * The query counting the rows of a table whose foreign key columns, all set, match no row of the referenced
     * table: what a foreign key added with checks off or NOT VALID leaves unchecked.
     */
    default String countOrphans(dev.rehearsal.schema.Table table, dev.rehearsal.schema.ForeignKey fk) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(quote(table.name())).append(" c WHERE ");
        for (int i = 0; i < fk.columns().size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append("c.").append(quote(fk.columns().get(i))).append(" IS NOT NULL");
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(quote(fk.referencedTable())).append(" p WHERE ");
        for (int i = 0; i < fk.columns().size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append("p.").append(quote(fk.referencedColumns().get(i))).append(" = c.")
                    .append(quote(fk.columns().get(i)));
        }
        return sql.append(")").toString();
    }

    /** The query counting the rows of a table for which a CHECK constraint's predicate is false. */
    default String countCheckViolations(dev.rehearsal.schema.Table table, dev.rehearsal.schema.Check check) {
        return "SELECT COUNT(*) FROM " + quote(table.name()) + " WHERE NOT (" + check.expression() + ")";
    }

    /** A predicate on a boolean column, e.g. the history table's {@code success}: the engines store booleans apart. */
    String booleanIs(String column, boolean value);

    /**
     * Whether a warning the engine raised on a statement means that rows were changed to fit (truncated, clipped,
     * coerced): damage, not noise.
     */
    default boolean changedData(int vendorCode) {
        return false;
    }

    /** Whether DDL runs inside a transaction and rolls back with it, so a failed script leaves nothing of itself. */
    default boolean transactionalDdl() {
        return false;
    }

    /** Whether a Flyway schema is a database on this engine, so a rehearsal (one database) cannot take several. */
    default boolean schemaIsDatabase() {
        return false;
    }

    /** The Flyway settings this engine takes from a rehearsal's migration settings, e.g. PostgreSQL's lock. */
    default void configure(org.flywaydb.core.api.configuration.FluentConfiguration flyway, boolean postgresqlTransactionalLock) {
    }

    /**
     * The connection property that makes unqualified names resolve in a schema as they do in the migrations, if the
     * engine has schemas apart from databases.
     */
    default Optional<String> currentSchemaProperty() {
        return Optional.empty();
    }

    /** The statement that drops a database. */
    default String dropDatabase(String name) {
        return "DROP DATABASE " + quote(name);
    }

    /** Connection properties that apply the policy's timeouts to a connection and its session. */
    Properties connectionProperties(ConnectionPolicy policy);

    /** The server's version, e.g. {@code 18.6} or {@code 11.4.5-MariaDB}. */
    String serverVersion(Connection connection) throws SQLException;

    /** Classify an error by what the engine reports. */
    FailureClass classify(Optional<String> sqlState, int vendorCode, String statement);

    /** Read what the error names as the culprit. */
    ErrorFields fields(SQLException error, String statement);

    /**
     * Tell whether a statement that succeeded inside the failing script's transaction stays in effect after
     * the transaction is rolled back.
     *
     * @param laterOneCommits whether a statement that ran after it (the failing one included, when the engine parsed
     *     it) {@linkplain #commitsImplicitly commits implicitly}
     */
    boolean staysInEffect(String statement, boolean laterOneCommits);

    /** Whether running a statement commits the transaction it runs in (the MySQL family's DDL). */
    default boolean commitsImplicitly(String statement) {
        return false;
    }

    /** The table a statement acts on, read from its leading words as this engine reads them. */
    default Optional<String> tableOf(String statement) {
        return dev.rehearsal.internal.jdbc.SqlText.tableOf(statement, engine());
    }

    /** The first line of an error message. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
