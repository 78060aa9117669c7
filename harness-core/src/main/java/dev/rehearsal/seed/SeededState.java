package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.seed.spi.SeedTerms;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A state to start rehearsals from: migrated to a version, then seeded there by a plan, optionally with the defects
 * derived from the migration after that version. {@link dev.rehearsal.RehearsalServer#open(dev.rehearsal.Migrations,
 * SeededState, String)} builds it once per server and gives every rehearsal of an equal state a copy of it.
 *
 * <pre>{@code
 * SeededState incident = SeededState.at("2", SeedPlan.withSeed(42).rows("orders", 8_000)
 *         .defect(Defect.orphans("orders", "customer_id").count(5)));
 * try (Rehearsal rehearsal = server.open(migrations, incident, "orphans")) {
 *     assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent();
 * }
 * }</pre>
 *
 * <p>Two states are equal when their versions, plans and derived-defect choices are; the words of their messages
 * ({@link #describedBy}) do not count. Immutable.
 *
 * @since 0.1
 */
public final class SeededState {

    private final String version;
    private final SeedPlan plan;
    private final Optional<Derived> derived;
    private final SeedTerms terms;

    /** Which derived defects to plant: kinds (none for all), a table (empty for any), and how many rows each. */
    private record Derived(Set<DefectKind> kinds, String table, int count) {
    }

    private SeededState(String version, SeedPlan plan, Optional<Derived> derived, SeedTerms terms) {
        this.version = version;
        this.plan = plan;
        this.derived = derived;
        this.terms = terms;
    }

    /**
     * Start from a version, seeded by a plan.
     *
     * @param version the version to migrate to and seed at, e.g. {@code "2"}; must not be {@code null} or blank
     * @param plan what to seed there; must not be {@code null}
     * @return the state
     * @throws IllegalArgumentException if the version is blank
     */
    public static SeededState at(String version, SeedPlan plan) {
        requireNonNull(version, "version");
        requireNonNull(plan, "plan");
        if (version.isBlank()) {
            throw new IllegalArgumentException("SeededState.at(\"" + version + "\", ...) names no version.\nTo fix this,"
                    + " name the version to seed at, e.g. SeededState.at(\"2\", plan).");
        }
        return new SeededState(version.strip(), plan, Optional.empty(), SeedTerms.FLUENT);
    }

    /**
     * Return a copy that also plants the defects {@linkplain dev.rehearsal.Rehearsal#deriveBreakingData() derived}
     * from the migration after this state's version, as many rows each as given; building it fails when none is
     * derived that matches.
     *
     * @param kinds the kinds to plant; empty for every kind derived; must not be {@code null}
     * @param table the table to plant in; empty for every table; must not be {@code null}
     * @param count the rows of each defect, 1 or more
     * @return the copy
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public SeededState plantingDerivedDefects(Set<DefectKind> kinds, String table, int count) {
        requireNonNull(kinds, "kinds");
        requireNonNull(table, "table");
        if (count < 1) {
            throw new IllegalArgumentException("plantingDerivedDefects(..., count = " + count + ") plants nothing.\nTo fix"
                    + " this, give 1 or more.");
        }
        Set<DefectKind> copy = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        return new SeededState(version, plan, Optional.of(new Derived(copy, table.strip(), count)), terms);
    }

    /**
     * Return a copy whose messages use a tool's words for what its user wrote, e.g. the annotations' attributes.
     *
     * @param words the words; must not be {@code null}
     * @return the copy, equal to this state
     */
    public SeededState describedBy(SeedTerms words) {
        return new SeededState(version, plan, derived, requireNonNull(words, "words"));
    }

    /** @return the version to migrate to and seed at */
    public String version() {
        return version;
    }

    /** @return the plan seeded there, without the derived defects */
    public SeedPlan plan() {
        return plan;
    }

    /** @return the words of the messages */
    public SeedTerms terms() {
        return terms;
    }

    /** @return whether derived defects are planted too */
    public boolean plantsDerivedDefects() {
        return derived.isPresent();
    }

    /**
     * Choose, from what was derived, the defects this state plants, each with its count.
     *
     * @param breaking the breaking data derived from the migration after this state's version; must not be {@code null}
     * @return the defects; empty when this state plants no derived defect
     * @throws dev.rehearsal.RehearsalConfigurationException if it plants derived defects and none derived matches,
     *     naming what was derived
     */
    public List<Defect> chooseDerived(BreakingData breaking) {
        requireNonNull(breaking, "breaking");
        if (derived.isEmpty()) {
            return List.of();
        }
        Derived wanted = derived.get();
        List<Defect> chosen = breaking.defects().stream()
                .filter(d -> wanted.kinds().isEmpty() || wanted.kinds().contains(d.defect().kind()))
                .filter(d -> wanted.table().isEmpty() || d.defect().table().equalsIgnoreCase(wanted.table()))
                .map(d -> d.count(wanted.count()).defect()).toList();
        if (chosen.isEmpty()) {
            throw new dev.rehearsal.RehearsalConfigurationException(terms.derivedDefects() + ": nothing derived from "
                    + breaking.script() + " matches, so the test would run on no defect.\n" + breaking + "\nTo fix this,"
                    + " widen kinds or table, or seed at the version before the migration that asks something new of"
                    + " the rows.");
        }
        return chosen;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeededState s && version.equals(s.version) && plan.equals(s.plan) && derived.equals(s.derived);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, plan, derived);
    }

    /**
     * Describe the state, e.g. {@code version 2, seed 42 (customers=2000, orders=8000), 1 defect}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("version ").append(version).append(", seed ").append(plan.seed());
        if (!plan.rows().isEmpty()) {
            text.append(" (").append(String.join(", ", plan.rows().entrySet().stream().map(e -> e.getKey() + "="
                    + e.getValue()).toList())).append(')');
        }
        if (!plan.defects().isEmpty()) {
            text.append(", ").append(plan.defects().size()).append(" defect(s)");
        }
        derived.ifPresent(d -> text.append(", derived defects").append(d.kinds().isEmpty() ? "" : " " + d.kinds())
                .append(d.table().isEmpty() ? "" : " in " + d.table()));
        return text.toString();
    }
}
