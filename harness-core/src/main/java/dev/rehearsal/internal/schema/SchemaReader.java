package dev.rehearsal.internal.schema;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.schema.Check;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Index;
import dev.rehearsal.schema.Key;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the tables of the connection's current schema (PostgreSQL) or database (MySQL family) into the
 * engine-neutral {@link Schema} model.
 */
public abstract class SchemaReader {

    /** The reader for an engine. */
    public static SchemaReader of(Engine engine) {
        return engine == Engine.POSTGRESQL ? new PostgresSchemaReader() : new MysqlSchemaReader();
    }

    /**
     * @param connection a connection to the database
     * @param engine the engine it runs
     * @param historyTable Flyway's history table, left out
     */
    public Schema read(Connection connection, Engine engine, String historyTable) {
        try {
            Parts parts = new Parts();
            String name = readInto(connection, parts);
            parts.tables.remove(historyTable.toLowerCase(Locale.ROOT));
            // sorted here, not by the engine's collation, so the model is the same on every engine
            List<Table> tables = parts.tables.values().stream().map(TableParts::toTable)
                    .sorted(Comparator.comparing(Table::name)).toList();
            return new Schema(engine, name, tables);
        } catch (SQLException e) {
            throw new RehearsalException("Could not read the schema of the rehearsal database: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    /** Fill the parts; return the schema's name. */
    abstract String readInto(Connection connection, Parts parts) throws SQLException;

    /** What has been read so far, by lower-case table name. */
    static final class Parts {
        final Map<String, TableParts> tables = new LinkedHashMap<>();

        Optional<TableParts> table(String name) {
            return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
        }

        void addTable(String name) {
            tables.put(name.toLowerCase(Locale.ROOT), new TableParts(name));
        }
    }

    static final class TableParts {
        final String name;
        final List<Column> columns = new ArrayList<>();
        Key primaryKey;
        final List<Key> uniqueKeys = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Check> checks = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();

        TableParts(String name) {
            this.name = name;
        }

        Table toTable() {
            return new Table(name, columns, Optional.ofNullable(primaryKey), uniqueKeys, foreignKeys, checks, indexes);
        }
    }
}
