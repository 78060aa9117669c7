package dev.rehearsal.seed.spi;

import dev.rehearsal.seed.Defect;

/**
 * The words a seed's messages use for what the user wrote: method names for a {@code SeedPlan} built in code,
 * annotation attributes for {@code @SeedData} and {@code @PlantDefect}. A message that says
 * {@code SeedPlan.rows("custmers", ...)} to someone who wrote {@code @SeedData(rows = "custmers=10")} sends them
 * looking for code they do not have.
 *
 * <p>A tool that declares seeds in its own form (annotations, a build plugin's configuration) passes its terms to
 * {@link dev.rehearsal.Rehearsal#seed(dev.rehearsal.seed.SeedPlan, SeedTerms)}; every method has the fluent API's
 * words as its default, so an implementation overrides only the ones it spells differently.
 *
 * @since 0.1
 */
public interface SeedTerms {

    /** The terms of the fluent API: {@code SeedPlan} and {@code Defect} methods. */
    SeedTerms FLUENT = new SeedTerms() {
    };

    /**
     * Say where a state to seed at a version was declared, e.g. {@code SeededState.at("2", ...)}.
     *
     * @param version the version
     * @return the words
     * @since 0.1
     */
    default String seededAt(String version) {
        return "SeededState.at(\"" + version + "\", ...)";
    }

    /**
     * Say where planting the derived defects was asked for, e.g. {@code SeededState.plantingDerivedDefects(...)}.
     *
     * @return the words
     * @since 0.1
     */
    default String derivedDefects() {
        return "SeededState.plantingDerivedDefects(...)";
    }

    /**
     * Say where a table is given rows, e.g. {@code SeedPlan.rows("orders", ...)}.
     *
     * @param table the table
     * @return the words
     */
    default String rows(String table) {
        return "SeedPlan.rows(\"" + table + "\", ...)";
    }

    /**
     * Say how to give a table rows, e.g. {@code SeedPlan.rows("orders", n)}.
     *
     * @param table the table
     * @return the words
     */
    default String giveRows(String table) {
        return "SeedPlan.rows(\"" + table + "\", n)";
    }

    /**
     * Say where a table is skipped, e.g. {@code SeedPlan.skip("orders")}.
     *
     * @param table the table
     * @return the words
     */
    default String skip(String table) {
        return "SeedPlan.skip(\"" + table + "\")";
    }

    /**
     * Say how to give a column values of one's own.
     *
     * @param table the table
     * @param column the column
     * @return the words
     */
    default String override(String table, String column) {
        return "SeedPlan.override(\"" + table + "\", \"" + column + "\", ...)";
    }

    /**
     * Name a defect as the subject of a sentence, e.g. {@code The defect "2 nulls in orders.note"}.
     *
     * @param defect the defect
     * @return the words
     */
    default String defect(Defect defect) {
        return "The defect \"" + defect + "\"";
    }

    /**
     * Say how to plant past constraints.
     *
     * @return the words
     */
    default String bypass() {
        return ".bypassingConstraints()";
    }

    /**
     * Say how to name the parent table of orphans.
     *
     * @param parent the parent table
     * @return the words
     */
    default String referencing(String parent) {
        return ".referencing(\"" + parent + "\")";
    }

    /**
     * Say how to make the planted rows the only defective ones.
     *
     * @return the words
     */
    default String onlyPlanted() {
        return ".onlyPlantedRows()";
    }
}
