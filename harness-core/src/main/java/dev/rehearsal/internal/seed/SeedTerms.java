package dev.rehearsal.internal.seed;

import dev.rehearsal.seed.Defect;

/**
 * The words a seed's messages use for what the user wrote: method names for a {@code SeedPlan} built in code,
 * annotation attributes for {@code @SeedData} and {@code @PlantDefect}. A message that says
 * {@code SeedPlan.rows("custmers", ...)} to someone who wrote {@code @SeedData(rows = "custmers=10")} sends them
 * looking for code they do not have.
 */
public interface SeedTerms {

    /** The terms of the fluent API: {@code SeedPlan} and {@code Defect} methods. */
    SeedTerms FLUENT = new SeedTerms() {
    };

    /** Where a table is given rows, e.g. {@code SeedPlan.rows("orders", ...)}. */
    default String rows(String table) {
        return "SeedPlan.rows(\"" + table + "\", ...)";
    }

    /** How to give a table rows, e.g. {@code SeedPlan.rows("orders", n)}. */
    default String giveRows(String table) {
        return "SeedPlan.rows(\"" + table + "\", n)";
    }

    /** Where a table is skipped, e.g. {@code SeedPlan.skip("orders")}. */
    default String skip(String table) {
        return "SeedPlan.skip(\"" + table + "\")";
    }

    /** How to give a column values of one's own. */
    default String override(String table, String column) {
        return "SeedPlan.override(\"" + table + "\", \"" + column + "\", ...)";
    }

    /** A defect as the subject of a sentence, e.g. {@code The defect "2 nulls in orders.note"}. */
    default String defect(Defect defect) {
        return "The defect \"" + defect + "\"";
    }

    /** How to plant past constraints. */
    default String bypass() {
        return ".bypassingConstraints()";
    }

    /** How to name the parent of orphans. */
    default String referencing(String parent) {
        return ".referencing(\"" + parent + "\")";
    }

    /** How to make the planted rows the only defective ones. */
    default String onlyPlanted() {
        return ".onlyPlantedRows()";
    }
}
