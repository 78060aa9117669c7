package dev.rehearsal.data.internal;

import dev.rehearsal.seed.Defect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One defect planned for one table: the columns it changes, the rows it changes, and how.
 */
final class Planting {

    /** The values a defect puts in one target row. */
    @FunctionalInterface
    interface ValueMaker {
        /**
         * @param k the index of the target among this defect's targets
         * @param source the values of the defect's columns in the source row, for duplicates; else {@code null}
         */
        Object[] values(int k, Object[] source);
    }

    final Defect defect;
    final int[] columns;
    final int[] targets;
    /** For a pair defect, per target, earlier rows whose values may be copied, in order of preference. */
    final int[][] sources;
    /** Which source values a pair defect can use: not NULL, and what else its kind needs. */
    final java.util.function.Predicate<Object[]> usable;
    final ValueMaker maker;
    final List<Integer> plantedRows = new ArrayList<>();
    final List<Object> plantedValues = new ArrayList<>();
    final boolean bypass;

    Planting(Defect defect, int[] columns, int[] targets, int[][] sources, java.util.function.Predicate<Object[]> usable,
            ValueMaker maker, boolean bypass) {
        this.defect = defect;
        this.columns = columns;
        this.targets = targets;
        this.sources = sources;
        this.usable = usable;
        this.maker = maker;
        this.bypass = bypass;
    }

    int targetIndex(int row) {
        return Arrays.binarySearch(targets, row);
    }

    boolean isSource(int row) {
        if (sources == null) {
            return false;
        }
        for (int[] candidates : sources) {
            for (int candidate : candidates) {
                if (candidate == row) {
                    return true;
                }
            }
        }
        return false;
    }

    Object[] valuesOf(Object[] row) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = row[columns[i]];
        }
        return values;
    }

    void record(int row, Object[] values) {
        plantedRows.add(row);
        plantedValues.add(values.length == 1 ? values[0] : java.util.Collections.unmodifiableList(Arrays.asList(values.clone())));
    }
}
