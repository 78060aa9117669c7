package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The values a seeded column takes instead of generated ones: a fixed value, one of a set, or a function.
 *
 * <p>Fixed values and sets are checked against the column's type before anything is generated.
 *
 * @since 0.1
 */
public final class ColumnValues {

    /** Computes a column's value for one row, from the row's 0-based index and the plan's seeded random. */
    @FunctionalInterface
    public interface ValueFunction {

        /**
         * Compute the value of a row.
         *
         * @param row the 0-based index of the row among the rows generated for the table
         * @param random the seeded random generator of the column: draw from it to stay deterministic
         * @return the value; {@code null} for NULL
         */
        Object value(long row, RandomGenerator random);
    }

    private final List<Object> choices;
    private final ValueFunction function;

    private ColumnValues(List<Object> choices, ValueFunction function) {
        this.choices = choices;
        this.function = function;
    }

    /**
     * Give every row the same value.
     *
     * @param value the value; {@code null} for NULL
     * @return the override
     */
    public static ColumnValues fixed(Object value) {
        return new ColumnValues(Collections.singletonList(value), null);
    }

    /**
     * Give every row one of these values, drawn with the plan's seed.
     *
     * @param values the values, at least one; {@code null} entries stand for NULL
     * @return the override
     * @throws IllegalArgumentException if no value is given
     */
    public static ColumnValues oneOf(Object... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("ColumnValues.oneOf(): no value is given.\nTo fix this, give one value or more;"
                    + " a null entry stands for NULL.");
        }
        return new ColumnValues(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values))), null);
    }

    /**
     * Compute every row's value with a function.
     *
     * @param function the function; must not be {@code null}
     * @return the override
     */
    public static ColumnValues from(ValueFunction function) {
        return new ColumnValues(List.of(), requireNonNull(function, "function"));
    }

    /**
     * Return the values to choose from; empty for a function.
     *
     * @return the values, {@code null} entries standing for NULL
     */
    public List<Object> choices() {
        return choices;
    }

    /**
     * Return the function, if this override is one.
     *
     * @return the function, or {@code null} for fixed values
     */
    public ValueFunction function() {
        return function;
    }

    /**
     * Compare by value for fixed values and sets; a function equals only an override of the same function object
     * (keep a function in a constant for plans built from it to compare equal).
     *
     * @param other the other object
     * @return whether it gives the same values
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ColumnValues v && function == v.function && choices.equals(v.choices);
    }

    @Override
    public int hashCode() {
        return function != null ? System.identityHashCode(function) : choices.hashCode();
    }

    @Override
    public String toString() {
        if (function != null) {
            return "a function";
        }
        return choices.size() == 1 ? "fixed " + choices.get(0) : "one of " + choices;
    }
}
