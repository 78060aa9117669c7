package dev.rehearsal.internal.schema;

import dev.rehearsal.schema.Check;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Index;
import dev.rehearsal.schema.Key;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * PostgreSQL: columns from {@code information_schema}, constraints and indexes from {@code pg_catalog}, which
 * alone knows expression and partial indexes, INVALID indexes and NOT VALID constraints.
 */
final class PostgresSchemaReader extends SchemaReader {

    private static final String TABLES = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname""";

    /** From pg_catalog: information_schema.columns gives the same and costs several times as much. */
    private static final String COLUMNS = """
            SELECT c.relname AS table_name, a.attname AS column_name, pg_get_expr(d.adbin, d.adrelid) AS column_default,
                   a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
                   CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END AS udt_name,
                   t.typtype AS type_type,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum""";

    private static final String ENUMS = """
            SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace n ON n.oid = t.typnamespace
            ORDER BY t.typname, e.enumsortorder""";

    private static final String CONSTRAINTS = """
            SELECT con.conname, con.contype, cl.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   rcl.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   con.condeferrable, con.convalidated, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = cl.relnamespace LEFT JOIN pg_class rcl ON rcl.oid = con.confrelid
            WHERE n.nspname = current_schema() AND con.contype IN ('p', 'u', 'f', 'c')
            ORDER BY cl.relname, con.conname""";

    private static final String INDEXES = """
            SELECT i.relname, t.relname, ix.indisunique, ix.indexprs IS NOT NULL, ix.indpred IS NOT NULL,
                   ix.indisvalid, pg_get_indexdef(ix.indexrelid),
                   ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord)
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT ix.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u'))
            ORDER BY t.relname, i.relname""";

    @Override
    String readInto(Connection connection, Parts parts) throws SQLException {
        String schema;
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            if (schema == null) {
                return String.valueOf(connection.getSchema()); // not created yet: nothing to read
            }
            try (ResultSet rs = st.executeQuery(TABLES)) {
                while (rs.next()) {
                    parts.addTable(rs.getString(1));
                }
            }
            Map<String, List<String>> enums = new HashMap<>();
            try (ResultSet rs = st.executeQuery(ENUMS)) {
                while (rs.next()) {
                    enums.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery(COLUMNS)) {
                while (rs.next()) {
                    Optional<TableParts> table = parts.table(rs.getString("table_name"));
                    if (table.isPresent()) {
                        table.get().columns.add(column(rs, enums));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(CONSTRAINTS)) {
                while (rs.next()) {
                    parts.table(rs.getString(3)).ifPresent(table -> constraint(rs, table));
                }
            }
            try (ResultSet rs = st.executeQuery(INDEXES)) {
                while (rs.next()) {
                    parts.table(rs.getString(2)).ifPresent(table -> index(rs, table));
                }
            }
        }
        return schema;
    }

    private static Column column(ResultSet rs, Map<String, List<String>> enums) throws SQLException {
        String udt = rs.getString("udt_name");
        List<String> labels = enums.getOrDefault(udt, List.of());
        Kind kind = "e".equals(rs.getString("type_type")) && !labels.isEmpty() ? Kind.ENUM : kind(udt);
        int typmod = rs.getInt("typmod");
        OptionalInt length = OptionalInt.empty();
        OptionalInt precision = OptionalInt.empty();
        OptionalInt scale = OptionalInt.empty();
        if (typmod >= 4 && (udt.equals("varchar") || udt.equals("bpchar"))) {
            length = OptionalInt.of(typmod - 4);
        } else if (typmod >= 4 && kind == Kind.DECIMAL) {
            precision = OptionalInt.of(((typmod - 4) >> 16) & 0xffff);
            scale = OptionalInt.of((typmod - 4) & 0xffff);
        }
        ColumnType type = new ColumnType(udt, kind, length, precision, scale, false, kind == Kind.ENUM ? labels : List.of());
        String defaultValue = rs.getString("column_default");
        String identity = rs.getString("identity");
        Column.Generation generation;
        if ("s".equals(rs.getString("generated"))) {
            generation = Column.Generation.COMPUTED;
        } else if ("a".equals(identity)) {
            generation = Column.Generation.ALWAYS;
        } else if ("d".equals(identity) || (defaultValue != null && defaultValue.startsWith("nextval("))) {
            generation = Column.Generation.BY_DEFAULT;
        } else {
            generation = Column.Generation.NONE;
        }
        // a generated column's expression is in pg_attrdef, where defaults are: it is no default
        boolean computed = generation == Column.Generation.COMPUTED;
        return new Column(rs.getString("column_name"), type, !rs.getBoolean("not_null"),
                computed ? Optional.empty() : Optional.ofNullable(defaultValue), generation,
                computed ? Optional.ofNullable(defaultValue) : Optional.empty());
    }

    static Kind kind(String udt) {
        return switch (udt) {
            case "int2", "int4", "int8" -> Kind.INTEGER;
            case "numeric" -> Kind.DECIMAL;
            case "float4", "float8" -> Kind.FLOAT;
            case "bool" -> Kind.BOOLEAN;
            case "varchar", "bpchar", "text", "citext", "name" -> Kind.STRING;
            case "date" -> Kind.DATE;
            case "time", "timetz" -> Kind.TIME;
            case "timestamp", "timestamptz" -> Kind.TIMESTAMP;
            case "uuid" -> Kind.UUID;
            case "json", "jsonb" -> Kind.JSON;
            case "bytea" -> Kind.BINARY;
            default -> Kind.OTHER;
        };
    }

    private static void constraint(ResultSet rs, TableParts table) {
        try {
            String name = rs.getString(1);
            List<String> columns = strings(rs.getArray(4));
            switch (rs.getString(2)) {
                case "p" -> table.primaryKey = new Key(name, columns);
                case "u" -> table.uniqueKeys.add(new Key(name, columns));
                case "f" -> table.foreignKeys.add(new ForeignKey(name, columns, rs.getString(5), strings(rs.getArray(6)),
                        rs.getBoolean(7), rs.getBoolean(8)));
                default -> table.checks.add(new Check(name, checkBody(rs.getString(9)), rs.getBoolean(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void index(ResultSet rs, TableParts table) {
        try {
            boolean expression = rs.getBoolean(4);
            String definition = rs.getString(7);
            List<String> columns = expression ? columnsNamedIn(definition, table) : strings(rs.getArray(8));
            table.indexes.add(new Index(rs.getString(1), columns, rs.getBoolean(3), expression, rs.getBoolean(5),
                    rs.getBoolean(6), definition));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table's columns that an expression index's definition names, in table order. */
    private static List<String> columnsNamedIn(String definition, TableParts table) {
        int open = definition.indexOf('(', definition.indexOf(" ON "));
        String body = open < 0 ? definition : definition.substring(open);
        return table.columns.stream().map(Column::name)
                .filter(c -> Pattern.compile("(?<![\\w\"])\"?" + Pattern.quote(c) + "\"?(?![\\w\"])").matcher(body).find())
                .toList();
    }

    /** {@code CHECK ((quantity > 0))} is {@code (quantity > 0)}; NOT VALID, NO INHERIT and NOT ENFORCED dropped. */
    private static String checkBody(String definition) {
        // the trailing options are not part of the predicate: NO INHERIT, NOT VALID, NOT ENFORCED (PostgreSQL 18)
        return definition.replaceFirst("^CHECK ", "").replaceFirst("(?: NO INHERIT| NOT VALID| NOT ENFORCED)+$", "");
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }

}
