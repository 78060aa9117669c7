package dev.rehearsal.data.internal;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.spi.SeedTerms;
import dev.rehearsal.seed.Defect;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every message of a seed that cannot be carried out, built in one place: what, on which table and column, why,
 * and how to fix it.
 */
final class SeedErrors {

    /**
     * The terms of the seed under way on this thread. A seed runs on one thread from start to end; its messages are
     * built deep in the generators, which need not carry the terms through every call.
     */
    private static final ThreadLocal<SeedTerms> TERMS = new ThreadLocal<>();

    private SeedErrors() {
    }

    /** Run a seed with its messages in the given terms. */
    static <T> T inTerms(SeedTerms terms, Supplier<T> seed) {
        SeedTerms outer = TERMS.get();
        TERMS.set(terms);
        try {
            return seed.get();
        } finally {
            if (outer == null) {
                TERMS.remove();
            } else {
                TERMS.set(outer);
            }
        }
    }

    /** The terms of the seed under way, the fluent API's outside one. */
    static SeedTerms terms() {
        SeedTerms terms = TERMS.get();
        return terms == null ? SeedTerms.FLUENT : terms;
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
        return new RehearsalConfigurationException(terms().defect(defect) + " cannot be planted: " + reason
                + ".\nTo fix this, " + fix + ".");
    }

    static RehearsalConfigurationException badOverride(Table table, Column column, Object value, String reason) {
        return new RehearsalConfigurationException("The override of " + table.name() + "." + column.name() + " gives "
                + show(value) + ", which " + reason + " (column type " + column.type() + ").\nTo fix this, give values"
                + " that fit the column.");
    }

    static RehearsalConfigurationException cannotGenerate(Table table, Column column, String reason) {
        return new RehearsalConfigurationException("Cannot generate values for " + table.name() + "." + column.name()
                + " (" + column.type() + "): " + reason + ".\nTo fix this, give the column values with "
                + terms().override(table.name(), column.name()) + ", or " + terms().skip(table.name()) + ".");
    }

    static RehearsalConfigurationException cannotFill(Table table, String reason, String fix) {
        return new RehearsalConfigurationException("Cannot fill table " + table.name() + ": " + reason + ".\nTo fix this, "
                + fix + ".");
    }

    static String show(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
