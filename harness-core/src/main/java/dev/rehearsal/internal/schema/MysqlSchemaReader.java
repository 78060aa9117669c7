package dev.rehearsal.internal.schema;

import dev.rehearsal.schema.Check;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Index;
import dev.rehearsal.schema.Key;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB, from {@code information_schema}. MariaDB's JSON is a {@code longtext} with a
 * {@code json_valid} check, and is reported as JSON.
 */
final class MysqlSchemaReader extends SchemaReader {

    private static final String TABLES = """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name""";

    private static final String COLUMNS = """
            SELECT table_name, column_name, column_default, is_nullable, data_type, column_type,
                   character_maximum_length, numeric_precision, numeric_scale, extra, generation_expression
            FROM information_schema.columns WHERE table_schema = DATABASE()
            ORDER BY table_name, ordinal_position""";

    /**
     * Primary, unique and foreign keys, from {@code key_column_usage} alone, which holds no other kind: the primary key
     * is always named {@code PRIMARY}, a foreign key names the table it references. The join with
     * {@code table_constraints} that would give the kind costs MariaDB twenty times as much (7 ms against 0.3 ms on a
     * dozen tables, measured), once per step of a sweep.
     */
    private static final String KEYS = """
            SELECT table_name, constraint_name, column_name, referenced_table_name, referenced_column_name
            FROM information_schema.key_column_usage WHERE table_schema = DATABASE()
            ORDER BY table_name, constraint_name, ordinal_position""";

    /** MariaDB names each check's table; MySQL only through table_constraints. */
    private static final String CHECKS_MARIADB = """
            SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints
            WHERE constraint_schema = DATABASE() ORDER BY table_name, constraint_name""";

    private static final String CHECKS_MYSQL = """
            SELECT tc.table_name, cc.constraint_name, cc.check_clause FROM information_schema.table_constraints tc
            JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema
                 AND cc.constraint_name = tc.constraint_name
            WHERE tc.table_schema = DATABASE() AND tc.constraint_type = 'CHECK'
            ORDER BY tc.table_name, cc.constraint_name""";

    private static final String INDEXES = """
            SELECT table_name, index_name, non_unique, column_name, seq_in_index
            FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name <> 'PRIMARY'
            ORDER BY table_name, index_name, seq_in_index""";

    private static final Pattern ENUM_LABEL = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern JSON_VALID = Pattern.compile("(?i)json_valid\\(`?(\\w+)`?\\)");

    @Override
    String readInto(Connection connection, Parts parts) throws SQLException {
        String database;
        boolean mariadb;
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT DATABASE(), VERSION()")) {
                rs.next();
                database = rs.getString(1);
                mariadb = rs.getString(2).toLowerCase(Locale.ROOT).contains("mariadb");
            }
            try (ResultSet rs = st.executeQuery(TABLES)) {
                while (rs.next()) {
                    parts.addTable(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    Optional<TableParts> table = parts.table(rs.getString("table_name"));
                    if (table.isPresent()) {
                        table.get().columns.add(column(rs, mariadb));
                    }
                }
            }
            readKeys(st, parts);
            try (ResultSet rs = st.executeQuery(mariadb ? CHECKS_MARIADB : CHECKS_MYSQL)) {
                while (rs.next()) {
                    Optional<TableParts> table = parts.table(rs.getString(1));
                    if (table.isPresent()) {
                        table.get().checks.add(new Check(rs.getString(2), rs.getString(3), true));
                    }
                }
            }
            readIndexes(st, parts);
        }
        parts.tables.values().forEach(MysqlSchemaReader::markJsonColumns);
        return database;
    }

    private static Column column(ResultSet rs, boolean mariadb) throws SQLException {
        String dataType = rs.getString("data_type").toLowerCase(Locale.ROOT);
        String columnType = rs.getString("column_type").toLowerCase(Locale.ROOT);
        boolean unsigned = columnType.contains("unsigned");
        Kind kind = kind(dataType, columnType);
        List<String> labels = new ArrayList<>();
        if (kind == Kind.ENUM) {
            String original = rs.getString("column_type");
            Matcher m = ENUM_LABEL.matcher(original.substring(original.indexOf('(')));
            while (m.find()) {
                labels.add(m.group(1).replace("''", "'"));
            }
        }
        ColumnType type = new ColumnType(dataType + (unsigned ? " unsigned" : ""), kind,
                kind == Kind.STRING || kind == Kind.BINARY ? optionalInt(rs, "character_maximum_length") : OptionalInt.empty(),
                kind == Kind.DECIMAL ? optionalInt(rs, "numeric_precision") : OptionalInt.empty(),
                kind == Kind.DECIMAL ? optionalInt(rs, "numeric_scale") : OptionalInt.empty(), unsigned, labels);
        String extra = rs.getString("extra").toLowerCase(Locale.ROOT);
        Column.Generation generation = extra.contains("auto_increment") ? Column.Generation.BY_DEFAULT
                : (extra.contains("virtual generated") || extra.contains("stored generated") || extra.contains("persistent"))
                        ? Column.Generation.COMPUTED : Column.Generation.NONE;
        String defaultValue = rs.getString("column_default");
        if (mariadb && "NULL".equals(defaultValue)) {
            defaultValue = null; // MariaDB shows a NULL default as the word; a string default comes quoted
        }
        String expression = rs.getString("generation_expression");
        boolean computed = generation == Column.Generation.COMPUTED;
        return new Column(rs.getString("column_name"), type, "YES".equals(rs.getString("is_nullable")),
                Optional.ofNullable(defaultValue), generation,
                computed && expression != null && !expression.isBlank() ? Optional.of(expression) : Optional.empty());
    }

    static Kind kind(String dataType, String columnType) {
        return switch (dataType) {
            case "tinyint" -> columnType.startsWith("tinyint(1)") ? Kind.BOOLEAN : Kind.INTEGER;
            case "smallint", "mediumint", "int", "integer", "bigint" -> Kind.INTEGER;
            case "decimal", "numeric" -> Kind.DECIMAL;
            case "float", "double", "real" -> Kind.FLOAT;
            case "bit" -> columnType.equals("bit(1)") ? Kind.BOOLEAN : Kind.BINARY;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> Kind.STRING;
            case "date" -> Kind.DATE;
            case "time" -> Kind.TIME;
            case "datetime", "timestamp" -> Kind.TIMESTAMP;
            case "json" -> Kind.JSON;
            case "uuid" -> Kind.UUID;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> Kind.BINARY;
            case "enum" -> Kind.ENUM;
            default -> Kind.OTHER;
        };
    }

    private static void readKeys(Statement st, Parts parts) throws SQLException {
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(KEYS)) {
            while (rs.next()) {
                String kind = "PRIMARY".equals(rs.getString(2)) ? "PRIMARY KEY"
                        : rs.getString(4) != null ? "FOREIGN KEY" : "UNIQUE";
                rows.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + kind,
                        k -> new ArrayList<>()).add(new String[] {rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        rows.forEach((id, columns) -> {
            String[] parts3 = id.split("\u0000");
            parts.table(parts3[0]).ifPresent(table -> {
                List<String> names = columns.stream().map(c -> c[0]).toList();
                switch (parts3[2]) {
                    case "PRIMARY KEY" -> table.primaryKey = new Key(parts3[1], names);
                    case "UNIQUE" -> table.uniqueKeys.add(new Key(parts3[1], names));
                    default -> table.foreignKeys.add(new ForeignKey(parts3[1], names, columns.get(0)[1],
                            columns.stream().map(c -> c[2]).toList(), false, true));
                }
            });
        });
    }

    private static void readIndexes(Statement st, Parts parts) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(INDEXES)) {
            while (rs.next()) {
                String id = rs.getString(1) + "\u0000" + rs.getString(2);
                columns.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(4));
                unique.put(id, rs.getInt(3) == 0);
            }
        }
        columns.forEach((id, names) -> {
            String[] tableAndIndex = id.split("\u0000");
            parts.table(tableAndIndex[0]).ifPresent(table -> {
                boolean isConstraint = table.uniqueKeys.stream().anyMatch(k -> k.name().equals(tableAndIndex[1]));
                if (!isConstraint) {
                    boolean isUnique = unique.get(id);
                    table.indexes.add(new Index(tableAndIndex[1], names, isUnique, false, false, true,
                            (isUnique ? "UNIQUE " : "") + "INDEX " + tableAndIndex[1] + " (" + String.join(", ", names) + ")"));
                }
            });
        });
    }

    /** MariaDB's JSON columns are text with a {@code json_valid(col)} check. */
    private static void markJsonColumns(TableParts table) {
        for (Check check : table.checks) {
            Matcher m = JSON_VALID.matcher(check.expression());
            if (m.find()) {
                String name = m.group(1);
                for (int i = 0; i < table.columns.size(); i++) {
                    Column c = table.columns.get(i);
                    if (c.name().equalsIgnoreCase(name) && c.type().kind() == Kind.STRING) {
                        ColumnType json = new ColumnType("json", Kind.JSON, OptionalInt.empty(), OptionalInt.empty(),
                                OptionalInt.empty(), false, List.of());
                        table.columns.set(i, new Column(c.name(), json, c.nullable(), c.defaultValue(), c.generation(), c.expression()));
                    }
                }
            }
        }
    }

    private static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        if (rs.wasNull()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.min(Integer.MAX_VALUE, value));
    }
}
