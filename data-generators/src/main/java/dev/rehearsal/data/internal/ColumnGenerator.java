package dev.rehearsal.data.internal;

/**
 * The values of one column, row by row, from the column's own seeded random: the same seed gives the same values,
 * whatever the other columns do.
 */
interface ColumnGenerator {

    /**
     * @param row the 0-based index of the row among this seed's rows of the table
     * @return the value; {@code null} for NULL
     */
    Object next(long row);

    /** Whether distinct rows get distinct values by construction. */
    default boolean uniqueByConstruction() {
        return false;
    }
}
