package dev.rehearsal.data.internal;

import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.ColumnValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A column's values given by the plan: checked against the column's type, up front for fixed values and sets, per
 * value for functions.
 */
final class OverrideValues implements ColumnGenerator {

    private final Table table;
    private final Column column;
    private final ColumnValues values;
    private final SplittableRandom random;

    OverrideValues(Table table, Column column, ColumnValues values, SplittableRandom random) {
        this.table = table;
        this.column = column;
        this.values = values;
        this.random = random;
        values.choices().forEach(value -> check(table, column, value));
    }

    @Override
    public Object next(long row) {
        if (values.function() != null) {
            Object value = values.function().value(row, random);
            check(table, column, value);
            return value;
        }
        return values.choices().get(values.choices().size() == 1 ? 0 : random.nextInt(values.choices().size()));
    }

    /**
     * @throws dev.rehearsal.RehearsalConfigurationException if the value does not fit the column
     */
    static void check(Table table, Column column, Object value) {
        ColumnType type = column.type();
        if (value == null) {
            if (!column.nullable()) {
                throw SeedErrors.badOverride(table, column, null, "is NULL, but the column is NOT NULL");
            }
            return;
        }
        String problem = switch (type.kind()) {
            case INTEGER -> integral(value) ? range(type, value) : "is not a whole number";
            case DECIMAL, FLOAT -> value instanceof Number ? null : "is not a number";
            case BOOLEAN -> value instanceof Boolean ? null : "is not a boolean";
            case STRING -> value instanceof CharSequence || value instanceof Number
                    ? (type.length().isPresent() && value.toString().length() > type.length().getAsInt()
                            ? "is " + value.toString().length() + " characters long, more than the column's "
                                    + type.length().getAsInt() : null)
                    : "is not text";
            case DATE, TIME, TIMESTAMP -> value instanceof Temporal || value instanceof java.util.Date
                    || value instanceof CharSequence ? null : "is not a date or time";
            case UUID -> value instanceof UUID || (value instanceof CharSequence s && isUuid(s.toString())) ? null
                    : "is not a UUID";
            case JSON -> value instanceof CharSequence ? null : "is not JSON text";
            case ENUM -> type.labels().contains(String.valueOf(value)) ? null : "is not one of the labels " + type.labels();
            case BINARY -> value instanceof byte[] ? null : "is not a byte array";
            case OTHER -> null;
        };
        if (problem != null) {
            throw SeedErrors.badOverride(table, column, value, problem);
        }
    }

    private static boolean integral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger
                || (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0);
    }

    private static String range(ColumnType type, Object value) {
        BigInteger number = value instanceof BigDecimal d ? d.toBigIntegerExact() : new BigInteger(value.toString());
        if (number.compareTo(type.minInteger().orElseThrow()) < 0 || number.compareTo(type.maxInteger().orElseThrow()) > 0) {
            return "is outside the column's range " + type.minInteger().get() + ".." + type.maxInteger().get();
        }
        return null;
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
