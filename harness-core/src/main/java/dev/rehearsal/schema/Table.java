package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table: its columns, keys, foreign keys, checks and indexes.
 *
 * @param name the table's name
 * @param columns its columns, in their order
 * @param primaryKey its primary key, if any
 * @param uniqueKeys its unique constraints
 * @param foreignKeys its foreign keys
 * @param checks its CHECK constraints
 * @param indexes its indexes other than the primary key's, unique ones included
 * @since 0.1
 */
public record Table(
        String name,
        List<Column> columns,
        Optional<Key> primaryKey,
        List<Key> uniqueKeys,
        List<ForeignKey> foreignKeys,
        List<Check> checks,
        List<Index> indexes) {

    /**
     * Create a table.
     *
     * @param name the table's name
     * @param columns its columns, in their order
     * @param primaryKey its primary key, if any
     * @param uniqueKeys its unique constraints
     * @param foreignKeys its foreign keys
     * @param checks its CHECK constraints
     * @param indexes its indexes other than the primary key's, unique ones included
     * @throws NullPointerException if a component is {@code null}
     */
    public Table {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
        requireNonNull(primaryKey, "primaryKey");
        uniqueKeys = List.copyOf(uniqueKeys);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
        indexes = List.copyOf(indexes);
    }

    /**
     * Find a column by name, ignoring case.
     *
     * @param name the column's name; must not be {@code null}
     * @return the column, if the table has it
     */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Return every set of columns whose values must be unique: the primary key, unique constraints and unique
     * indexes (of an expression index, the columns it reads).
     *
     * @return the column sets; never {@code null}
     */
    public List<List<String>> uniqueColumnSets() {
        List<List<String>> sets = new ArrayList<>();
        primaryKey.ifPresent(pk -> sets.add(pk.columns()));
        uniqueKeys.forEach(key -> sets.add(key.columns()));
        indexes.stream().filter(Index::unique).filter(i -> !i.columns().isEmpty())
                .forEach(index -> sets.add(index.columns()));
        return sets.stream().distinct().toList();
    }
}
