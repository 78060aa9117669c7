package dev.rehearsal.data.internal;

import java.util.Locale;
import java.util.SplittableRandom;

/** NULL at a realistic rate for the column, else the wrapped generator's value. */
final class Nulls implements ColumnGenerator {

    private final ColumnGenerator generator;
    private final double rate;
    private final SplittableRandom random;

    Nulls(ColumnGenerator generator, double rate, SplittableRandom random) {
        this.generator = generator;
        this.rate = rate;
        this.random = random;
    }

    @Override
    public Object next(long row) {
        return random.nextDouble() < rate ? null : generator.next(row);
    }

    /** How often a nullable column is NULL in real data, guessed from its name: end dates often, notes sometimes. */
    static double rateFor(String column) {
        String name = column.toLowerCase(Locale.ROOT);
        if (name.matches(".*(deleted|ended|end|finished|completed|closed|archived|cancel+ed|expire[sd]?)(_at|_on|_time|_date)?")
                || name.startsWith("middle")) {
            return 0.6;
        }
        if (name.matches(".*(bio|notes?|comments?|description|remarks|about)")) {
            return 0.2;
        }
        return 0.1;
    }
}
