package dev.rehearsal.internal.dialect;

import dev.rehearsal.Engine;
import dev.rehearsal.FailureClass;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL: classification by SQLSTATE, culprits from the server's error fields.
 */
final class PostgresDialect implements Dialect {

    private static final Pattern RELATION = Pattern.compile("relation \"([^\"]+)\"");
    private static final Pattern COLUMN = Pattern.compile("column \"([^\"]+)\"");
    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public String booleanIs(String column, boolean value) {
        return value ? column : "NOT " + column;
    }

    @Override
    public void configure(org.flywaydb.core.api.configuration.FluentConfiguration flyway, boolean postgresqlTransactionalLock) {
        if (!postgresqlTransactionalLock) {
            flyway.getConfigurationExtension(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
                    .setTransactionalLock(false);
        }
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Optional<String> currentSchemaProperty() {
        return Optional.of("currentSchema");
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String jdbcScheme() {
        return "jdbc:postgresql";
    }

    @Override
    public int defaultPort() {
        return 5432;
    }

    @Override
    public Properties connectionProperties(ConnectionPolicy policy) {
        Properties p = new Properties();
        p.setProperty("connectTimeout", Long.toString(ConnectionPolicy.ceilSeconds(policy.connectTimeout())));
        p.setProperty("loginTimeout", Long.toString(ConnectionPolicy.ceilSeconds(policy.connectTimeout())));
        p.setProperty("socketTimeout", Long.toString(ConnectionPolicy.ceilSeconds(policy.socketTimeout())));
        p.setProperty("options", "-c lock_timeout=" + policy.lockTimeout().toMillis());
        p.setProperty("ApplicationName", "rehearsal");
        // the application name and extra_float_digits go in the startup packet, not in a SET after it: a pooled
        // connection's reset (DISCARD ALL) keeps what a session started with, and the harness finds its own sessions
        // by that name
        p.setProperty("assumeMinServerVersion", "9.0");
        return p;
    }

    @Override
    public String serverVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            String version = rs.getString(1);
            int space = version.indexOf(' ');
            return space < 0 ? version : version.substring(0, space);
        }
    }

    @Override
    public FailureClass classify(Optional<String> sqlState, int vendorCode, String statement) {
        if (sqlState.isEmpty()) {
            return FailureClass.OTHER;
        }
        String state = sqlState.get();
        String cls = state.length() >= 2 ? state.substring(0, 2) : state;
        return switch (state) {
            case "42601", "42602", "42622" -> FailureClass.SYNTAX;
            case "42501" -> FailureClass.PRIVILEGE;
            case "55P03", "57014", "40P01", "40001" -> FailureClass.LOCK_TIMEOUT;
            case "57P01", "57P02", "57P03" -> FailureClass.CONNECTION_LOST;
            default -> switch (cls) {
                case "42", "2B" -> FailureClass.SCHEMA_DEPENDENT;
                case "22", "23", "21" -> FailureClass.DATA_DEPENDENT;
                case "08" -> FailureClass.CONNECTION_LOST;
                default -> FailureClass.OTHER;
            };
        };
    }

    @Override
    public ErrorFields fields(SQLException error, String statement) {
        ServerErrorMessage server = error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String fallback = Dialect.firstLine(error.getMessage());
        String message = server != null && server.getMessage() != null ? server.getMessage()
                : fallback.startsWith("ERROR: ") ? fallback.substring("ERROR: ".length()) : fallback;
        Optional<String> detail = server == null ? Optional.empty() : ErrorFields.nonBlank(server.getDetail());
        Optional<String> constraint = (server == null ? Optional.<String>empty() : ErrorFields.nonBlank(server.getConstraint()))
                .or(() -> group(CONSTRAINT, message));
        Optional<String> table = (server == null ? Optional.<String>empty() : ErrorFields.nonBlank(server.getTable()))
                .or(() -> group(RELATION, message))
                .or(() -> tableOf(statement));
        Optional<String> column = (server == null ? Optional.<String>empty() : ErrorFields.nonBlank(server.getColumn()))
                .or(() -> group(COLUMN, message))
                .or(() -> detail.flatMap(PostgresDialect::keyColumn));
        return new ErrorFields(message, detail, constraint, table, column);
    }

    @Override
    public boolean staysInEffect(String statement, boolean laterOneCommits) {
        return false;
    }

    private static Optional<String> group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code Key (customer_id)=(999) ...} names the column of a single-column key. */
    private static Optional<String> keyColumn(String detail) {
        Matcher m = Pattern.compile("^Key \\(([^,()]+)\\)=").matcher(detail);
        return m.find() ? Optional.of(m.group(1).replace("\"", "")) : Optional.empty();
    }
}
