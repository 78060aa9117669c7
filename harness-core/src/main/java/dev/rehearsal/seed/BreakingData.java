package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Predicate;

/**
 * The data that would break a pending migration, derived by running it on a scratch database of the same server and
 * comparing the schema before and after it: what the migration newly requires of existing rows (a foreign key, NOT
 * NULL, a unique key, a narrower type, a check, fewer enum labels) turned into defects to plant before it runs.
 *
 * <pre>{@code
 * rehearsal.migrateTo("1");
 * BreakingData breaking = rehearsal.deriveBreakingData();      // for V2, the next migration
 * rehearsal.seed(SeedPlan.withSeed(7).defects(breaking.asDefects()));
 * assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent();
 * }</pre>
 *
 * @param version the version of the migration, e.g. {@code "2"}
 * @param script its script, e.g. {@code "V2__orders_customer_fk.sql"}
 * @param defects what would break it, each with why, in the order of the schema's tables
 * @param notDerivable what the migration requires that no defect of the catalogue can break, each with why, e.g.
 *     {@code "V2 adds fk_x over (a, b): the catalogue plants orphans in one column"}
 * @since 0.1
 */
public record BreakingData(String version, String script, List<DerivedDefect> defects, List<String> notDerivable) {

    /**
     * Create the data that would break a migration.
     *
     * @param version the version of the migration
     * @param script its script
     * @param defects what would break it
     * @param notDerivable what it requires that no defect can break, with why
     * @throws NullPointerException if a component is {@code null}
     */
    public BreakingData {
        requireNonNull(version, "version");
        requireNonNull(script, "script");
        defects = List.copyOf(defects);
        notDerivable = List.copyOf(notDerivable);
    }

    /**
     * Return whether nothing would break the migration as far as its schema changes tell.
     *
     * @return {@code true} when no defect was derived
     */
    public boolean isEmpty() {
        return defects.isEmpty();
    }

    /**
     * Return only the derived defects that match, e.g. {@code only(d -> d.defect().kind() == DefectKind.ORPHANS)}.
     *
     * @param filter which to keep
     * @return a copy with those defects, the same notes on what is not derivable
     */
    public BreakingData only(Predicate<DerivedDefect> filter) {
        return new BreakingData(version, script, defects.stream().filter(filter).toList(), notDerivable);
    }

    /**
     * Return the defects alone, to plant with {@link SeedPlan#defects(java.util.Collection)}.
     *
     * @return the defects, in order
     */
    public List<Defect> asDefects() {
        return defects.stream().map(DerivedDefect::defect).toList();
    }

    /**
     * Describe what was derived, one line each, e.g. for a test's output or a report.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Breaking data for " + script + ": ");
        text.append(defects.isEmpty() ? "none derived" : defects.size() + " defect(s)");
        defects.forEach(d -> text.append(System.lineSeparator()).append("  - ").append(d));
        notDerivable.forEach(n -> text.append(System.lineSeparator()).append("  - not derivable: ").append(n));
        return text.toString();
    }
}
