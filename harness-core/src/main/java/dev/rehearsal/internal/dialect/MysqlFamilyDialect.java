package dev.rehearsal.internal.dialect;

import dev.rehearsal.Engine;
import dev.rehearsal.FailureClass;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.TrackingDataSource;
import dev.rehearsal.internal.jdbc.SqlText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB: classification by vendor error code, culprits parsed from the message text.
 *
 * <p>The SQLSTATE is not enough on this family: strict-mode hard errors arrive as {@code 01000}, and
 * {@code 23000} covers duplicate keys, foreign keys and CHECK constraints alike. The SQLSTATE also depends on
 * the driver (Connector/J reports {@code 22001} where the server sends {@code 22003}); vendor codes do not.
 */
final class MysqlFamilyDialect implements Dialect {

    private static final Set<Integer> SYNTAX = Set.of(1064, 1149, 1065);
    private static final Set<Integer> SCHEMA = Set.of(
            1005, 1022, 1025, 1050, 1051, 1054, 1060, 1061, 1068, 1071, 1072, 1091, 1118, 1146, 1166, 1170, 1176,
            1215, 1217, 1304, 1305, 1356, 1359, 1360, 1553, 1822, 1826, 1828, 3730, 3780);
    private static final Set<Integer> DATA = Set.of(
            167, 1048, 1062, 1138, 1169, 1216, 1242, 1263, 1264, 1265, 1292, 1365, 1366, 1406, 1452, 1467, 1526,
            1586, 1690, 1859, 3819, 4025);
    private static final Set<Integer> LOCK = Set.of(1205, 1213, 3024, 3572, 1969);
    /**
     * Access denied: to a database (1044), a table (1142), a column (1143), a routine (1370); a privilege such as SUPER
     * or SET USER needed (1227); a routine created with binary logging on (1419); another user's session (1095);
     * creating users (1211, 1410).
     */
    private static final Set<Integer> PRIVILEGE = Set.of(1044, 1095, 1142, 1143, 1211, 1227, 1370, 1410, 1419);
    private static final Set<Integer> CONNECTION = Set.of(1053, 1152, 1159, 1161, 1927, 2002, 2003, 2006, 2013, 2055);

    private static final Pattern CONSTRAINT = Pattern.compile("CONSTRAINT [`']([^`']+)[`']");
    private static final Pattern CHECK_VIOLATED = Pattern.compile("Check constraint '([^']+)' is violated");
    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '([^']+)'");
    private static final Pattern DUPLICATE_INDEX = Pattern.compile("Duplicate key name '([^']+)'");
    private static final Pattern FK_COLUMN = Pattern.compile("FOREIGN KEY \\(`([^`]+)`\\)");
    private static final Pattern FOR_COLUMN = Pattern.compile("for column ((?:[`'][^`']+[`']\\.)*)[`']([^`']+)[`']");
    private static final Pattern NAMED_COLUMN = Pattern.compile(
            "(?:Column|column name|Unknown column|DROP COLUMN|Can't DROP) [`']([^`']+)[`']");
    private static final Pattern QUALIFIED_TABLE = Pattern.compile("`[^`]+`\\.`([^`#][^`]*)`");
    private static final Pattern TABLE_WORD = Pattern.compile("Table '(?:[^'.]+\\.)?([^'.]+)'");

    private final Engine engine;

    MysqlFamilyDialect(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public String booleanIs(String column, boolean value) {
        return column + (value ? " = 1" : " = 0");
    }

    /**
     * Warnings that mean rows were changed to fit: truncation, out-of-range clipping, NULL coerced to a default, text
     * coerced to a number or date. Notes such as 1305 (IF EXISTS found nothing) are not damage.
     */
    private static final java.util.Set<Integer> DATA_WARNINGS = java.util.Set.of(1048, 1262, 1263, 1264, 1265, 1292,
            1366, 1406, 1411, 1690);

    @Override
    public boolean changedData(int vendorCode) {
        return DATA_WARNINGS.contains(vendorCode);
    }

    @Override
    public boolean schemaIsDatabase() {
        return true;
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String jdbcScheme() {
        return "jdbc:mysql";
    }

    @Override
    public int defaultPort() {
        return 3306;
    }

    @Override
    public Properties connectionProperties(ConnectionPolicy policy) {
        Properties p = new Properties();
        // Connector/J's connectTimeout bounds only the TCP connect; the handshake's reads wait as long as the socket
        // timeout. So the handshake gets the connect timeout, and the connection the socket timeout once it is open.
        long connectMillis = policy.connectTimeout().toMillis();
        p.setProperty("connectTimeout", Long.toString(connectMillis));
        p.setProperty("socketTimeout", Long.toString(Math.min(connectMillis, policy.socketTimeout().toMillis())));
        p.setProperty(TrackingDataSource.SOCKET_TIMEOUT_AFTER_CONNECT, Long.toString(policy.socketTimeout().toMillis()));
        long lockSeconds = ConnectionPolicy.ceilSeconds(policy.lockTimeout());
        p.setProperty("sessionVariables", "lock_wait_timeout=" + lockSeconds + ",innodb_lock_wait_timeout=" + lockSeconds);
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("rewriteBatchedStatements", "true");
        p.setProperty("connectionAttributes", "program_name:rehearsal");
        return p;
    }

    @Override
    public String serverVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public FailureClass classify(Optional<String> sqlState, int vendorCode, String statement) {
        if (SYNTAX.contains(vendorCode)) {
            return FailureClass.SYNTAX;
        }
        if (vendorCode == 1451) {
            // "Cannot delete or update a parent row": a DROP or ALTER meets dependent objects; a DELETE meets rows
            String first = SqlText.leadingWords(statement, 1).stream().findFirst().orElse("");
            return "DROP".equals(first) || "ALTER".equals(first) ? FailureClass.SCHEMA_DEPENDENT : FailureClass.DATA_DEPENDENT;
        }
        if (SCHEMA.contains(vendorCode)) {
            return FailureClass.SCHEMA_DEPENDENT;
        }
        if (DATA.contains(vendorCode)) {
            return FailureClass.DATA_DEPENDENT;
        }
        if (LOCK.contains(vendorCode)) {
            return FailureClass.LOCK_TIMEOUT;
        }
        if (PRIVILEGE.contains(vendorCode)) {
            return FailureClass.PRIVILEGE;
        }
        if (CONNECTION.contains(vendorCode) || sqlState.filter(s -> s.startsWith("08")).isPresent()) {
            return FailureClass.CONNECTION_LOST;
        }
        return FailureClass.OTHER;
    }

    @Override
    public ErrorFields fields(SQLException error, String statement) {
        String message = Dialect.firstLine(error.getMessage());
        Optional<String> constraint = group(CONSTRAINT, message)
                .or(() -> group(CHECK_VIOLATED, message))
                .or(() -> group(DUPLICATE_KEY, message).map(MysqlFamilyDialect::unqualified))
                .or(() -> group(DUPLICATE_INDEX, message));
        Optional<String> column = group(FK_COLUMN, message)
                .or(() -> {
                    Matcher m = FOR_COLUMN.matcher(message);
                    return m.find() ? Optional.of(m.group(2)) : Optional.empty();
                })
                .or(() -> group(NAMED_COLUMN, message));
        Optional<String> table = group(QUALIFIED_TABLE, message)
                .filter(t -> !t.startsWith("#sql"))
                .or(() -> group(TABLE_WORD, message))
                .or(() -> tableOf(statement));
        return new ErrorFields(message, Optional.empty(), constraint, table, column);
    }

    @Override
    public boolean staysInEffect(String statement, boolean laterOneCommits) {
        return laterOneCommits || commitsImplicitly(statement);
    }

    @Override
    public boolean commitsImplicitly(String statement) {
        return SqlText.commitsImplicitlyOnMysql(statement);
    }

    private static Optional<String> group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** MySQL 8 names keys {@code table.key}; MariaDB just {@code key}. */
    private static String unqualified(String key) {
        int dot = key.lastIndexOf('.');
        return dot >= 0 ? key.substring(dot + 1) : key;
    }
}
