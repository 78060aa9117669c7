package dev.rehearsal.data.internal;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.Defect;
import java.util.stream.Collectors;

/**
 * Every message of a seed that cannot be carried out, built in one place: what, on which table and column, why,
 * and how to fix it.
 */
final class SeedErrors {

    private SeedErrors() {
    }

    static RehearsalConfigurationException noSuchTable(String where, String table, Schema schema) {
        return new RehearsalConfigurationException(where + " names table '" + table + "', which the schema at this"
                + " version does not have. Tables: " + schema.tables().stream().map(Table::name)
                .collect(Collectors.joining(", ")) + ".\nTo fix this, name one of those tables, or seed at the version"
                + " that creates it.");
    }

    static RehearsalConfigurationException noSuchColumn(String where, Table table, String column) {
        return new RehearsalConfigurationException(where + " names column '" + column + "' of table '" + table.name()
                + "', which has no such column. Columns: " + table.columns().stream().map(Column::name)
                .collect(Collectors.joining(", ")) + ".\nTo fix this, name one of those columns.");
    }

    static RehearsalConfigurationException impossibleDefect(Defect defect, String reason, String fix) {
        return new RehearsalConfigurationException("The defect \"" + defect + "\" cannot be planted: " + reason
                + ".\nTo fix this, " + fix + ".");
    }

    static RehearsalConfigurationException badOverride(Table table, Column column, Object value, String reason) {
        return new RehearsalConfigurationException("The override of " + table.name() + "." + column.name() + " gives "
                + show(value) + ", which " + reason + " (column type " + column.type() + ").\nTo fix this, give values"
                + " that fit the column.");
    }

    static RehearsalConfigurationException cannotGenerate(Table table, Column column, String reason) {
        return new RehearsalConfigurationException("Cannot generate values for " + table.name() + "." + column.name()
                + " (" + column.type() + "): " + reason + ".\nTo fix this, give the column values with"
                + " SeedPlan.override(\"" + table.name() + "\", \"" + column.name() + "\", ...), or skip the table.");
    }

    static RehearsalConfigurationException cannotFill(Table table, String reason, String fix) {
        return new RehearsalConfigurationException("Cannot fill table " + table.name() + ": " + reason + ".\nTo fix this, "
                + fix + ".");
    }

    static String show(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
