package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A column's type, engine-neutral where it matters for data: the kind of value, its length, precision and scale,
 * and the labels of an enum.
 *
 * @param sqlName the engine's own name for the type, lower-case, e.g. {@code "varchar"}, {@code "int8"},
 *     {@code "timestamptz"}, {@code "int unsigned"}
 * @param kind the kind of value the column holds
 * @param length the maximum length of a character or binary type
 * @param precision the precision of a decimal type
 * @param scale the scale of a decimal type
 * @param unsigned whether a MySQL-family number is unsigned
 * @param labels the labels of an enum type, in their declared order; empty for other kinds
 * @since 0.1
 */
public record ColumnType(
        String sqlName,
        Kind kind,
        OptionalInt length,
        OptionalInt precision,
        OptionalInt scale,
        boolean unsigned,
        List<String> labels) {

    /** The kinds of value a column can hold, as far as generating data is concerned. */
    public enum Kind {
        /** An integer: smallint, int, bigint, tinyint, mediumint, serial. */
        INTEGER,
        /** An exact decimal: numeric, decimal. */
        DECIMAL,
        /** A floating-point number. */
        FLOAT,
        /** A boolean; MySQL's {@code tinyint(1)} included. */
        BOOLEAN,
        /** Character data: char, varchar, text. */
        STRING,
        /** A date. */
        DATE,
        /** A time of day. */
        TIME,
        /** A timestamp, with or without time zone. */
        TIMESTAMP,
        /** A UUID. */
        UUID,
        /** JSON: PostgreSQL json and jsonb, MySQL json, MariaDB text with a {@code json_valid} check. */
        JSON,
        /** Binary data. */
        BINARY,
        /** An enum: a PostgreSQL enum type or a MySQL-family ENUM column. */
        ENUM,
        /** Anything else: arrays, geometry, ranges, network addresses. */
        OTHER
    }

    /**
     * Create a column type.
     *
     * @param sqlName the engine's own name for the type, lower-case, e.g. {@code "varchar"}, {@code "int8"}, {@code "timestamptz"}, {@code "int unsigned"}
     * @param kind the kind of value the column holds
     * @param length the maximum length of a character or binary type
     * @param precision the precision of a decimal type
     * @param scale the scale of a decimal type
     * @param unsigned whether a MySQL-family number is unsigned
     * @param labels the labels of an enum type, in their declared order; empty for other kinds
     * @throws NullPointerException if a component is {@code null}
     */
    public ColumnType {
        requireNonNull(sqlName, "sqlName");
        requireNonNull(kind, "kind");
        requireNonNull(length, "length");
        requireNonNull(precision, "precision");
        requireNonNull(scale, "scale");
        labels = List.copyOf(labels);
    }

    /**
     * Return the smallest value an integer column holds.
     *
     * @return the minimum; empty for other kinds
     */
    public Optional<BigInteger> minInteger() {
        return integerBits().map(bits -> unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate());
    }

    /**
     * Return the largest value an integer column holds.
     *
     * @return the maximum; empty for other kinds
     */
    public Optional<BigInteger> maxInteger() {
        return integerBits().map(bits -> unsigned
                ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE));
    }

    private Optional<Integer> integerBits() {
        if (kind != Kind.INTEGER) {
            return Optional.empty();
        }
        String name = sqlName.toLowerCase(Locale.ROOT);
        if (name.startsWith("tinyint")) {
            return Optional.of(8);
        }
        if (name.startsWith("smallint") || name.startsWith("int2") || name.startsWith("smallserial")) {
            return Optional.of(16);
        }
        if (name.startsWith("mediumint")) {
            return Optional.of(24);
        }
        if (name.startsWith("bigint") || name.startsWith("int8") || name.startsWith("bigserial")) {
            return Optional.of(64);
        }
        return Optional.of(32);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(sqlName);
        if (length.isPresent()) {
            text.append('(').append(length.getAsInt()).append(')');
        } else if (precision.isPresent()) {
            text.append('(').append(precision.getAsInt());
            scale.ifPresent(s -> text.append(',').append(s));
            text.append(')');
        }
        if (!labels.isEmpty()) {
            text.append(labels);
        }
        return text.toString();
    }
}
