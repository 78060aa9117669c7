package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows a defect was planted in: their keys and the values planted, so a test can assert that a migration's
 * failure names one of them.
 *
 * @param defect the defect as planned
 * @param keys the primary key of each row it was planted in (one list per row, one value per key column)
 * @param values the value planted in each of those rows, in the same order; {@code null} for a NULL
 * @since 0.1
 */
public record PlantedDefect(Defect defect, List<List<Object>> keys, List<Object> values) {

    /**
     * Create a planted defect.
     *
     * @param defect the defect as planned
     * @param keys the primary key of each row it was planted in (one list per row, one value per key column)
     * @param values the value planted in each of those rows, in the same order; {@code null} for a NULL
     * @throws NullPointerException if a component is {@code null}
     */
    public PlantedDefect {
        requireNonNull(defect, "defect");
        keys = keys.stream().map(key -> Collections.unmodifiableList(new ArrayList<>(key))).toList();
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /**
     * Return the number of rows the defect was planted in.
     *
     * @return the count
     */
    public int rows() {
        return keys.size();
    }

    @Override
    public String toString() {
        List<Object> shown = values.size() > 5 ? new ArrayList<>(values.subList(0, 5)) : new ArrayList<>(values);
        return defect + ": " + rows() + " row(s), values " + shown + (values.size() > 5 ? " and more" : "");
    }
}
