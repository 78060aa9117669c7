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
    final int[] sources;
    final ValueMaker maker;
    final List<Integer> plantedRows = new ArrayList<>();
    final List<Object> plantedValues = new ArrayList<>();
    final boolean bypass;

    Planting(Defect defect, int[] columns, int[] targets, int[] sources, ValueMaker maker, boolean bypass) {
        this.defect = defect;
        this.columns = columns;
        this.targets = targets;
        this.sources = sources;
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
        for (int source : sources) {
            if (source == row) {
                return true;
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
        plantedValues.add(values.length == 1 ? values[0] : List.of(values));
    }
}
