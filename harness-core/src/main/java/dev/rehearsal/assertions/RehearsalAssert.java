package dev.rehearsal.assertions;

import dev.rehearsal.Leftover;
import dev.rehearsal.LeftoverKind;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.schema.SchemaDiff;
import dev.rehearsal.snapshot.DataDiff;
import dev.rehearsal.snapshot.DataMapping;
import dev.rehearsal.snapshot.DataSnapshot;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the state of a rehearsal database: after a failure and a recovery, it converges to what a clean run
 * gives, and nothing was left behind.
 *
 * @since 0.1
 */
public final class RehearsalAssert extends AbstractAssert<RehearsalAssert, Rehearsal> {

    RehearsalAssert(Rehearsal actual) {
        super(actual, RehearsalAssert.class);
    }

    /**
     * Verify that the schema is the one a clean run of the rehearsal's migrations gives on a fresh database at the
     * same version: tables, columns, keys, foreign keys, checks and indexes.
     *
     * @return this assertion object
     */
    public RehearsalAssert convergesWithCleanRun() {
        isNotNull();
        SchemaDiff diff = SchemaDiff.between(actual.cleanRunSchema(), actual.schema());
        if (!diff.isEmpty()) {
            failWithMessage("%s", "Expecting " + actual.database().databaseName() + " at version "
                    + actual.currentVersion().orElse("<none>") + " to converge with a clean run of its migrations, but"
                    + " its schema has " + diff.report().replaceFirst("^\\d+ differences?:", "these differences:")
                    + "\n\n" + actual.status());
        }
        return this;
    }

    /**
     * Verify that every row of a snapshot taken earlier is still there, with the same values, and that no row was
     * added.
     *
     * @param before a snapshot taken earlier with {@code snapshotData(...)}; must not be {@code null}
     * @return this assertion object
     */
    public RehearsalAssert preservesData(DataSnapshot before) {
        return preservesData(before, DataMapping.unchanged());
    }

    /**
     * Verify that the data of a snapshot taken earlier is preserved, apart from what the mapping declares changed on
     * purpose: renamed or dropped tables and columns, columns meant to change, rows meant to be deleted or added.
     * The failure message shows the first differing rows of each table.
     *
     * @param before a snapshot taken earlier with {@code snapshotData(...)}; must not be {@code null}
     * @param mapping what changed on purpose; must not be {@code null}
     * @return this assertion object
     * @throws dev.rehearsal.RehearsalConfigurationException if the mapping names a table, column or row the snapshot
     *     does not hold
     */
    public RehearsalAssert preservesData(DataSnapshot before, DataMapping mapping) {
        isNotNull();
        java.util.Objects.requireNonNull(before, "before");
        java.util.Objects.requireNonNull(mapping, "mapping");
        java.util.Set<String> present = new java.util.HashSet<>();
        actual.schema().tables().forEach(t -> present.add(t.name().toLowerCase(java.util.Locale.ROOT)));
        String[] tables = before.tables().stream().map(t -> mapping.tableAfter(t.name()))
                .filter(t -> present.contains(t.toLowerCase(java.util.Locale.ROOT))).distinct().toArray(String[]::new);
        DataSnapshot now = tables.length == 0 ? DataSnapshot.of(actual.currentVersion(), List.of())
                : actual.snapshotData(tables);
        DataDiff diff = before.diff(now, mapping);
        if (!diff.isEmpty()) {
            String counts = before.tables().stream()
                    .map(t -> t.name() + " " + t.rows().size() + " -> " + now.table(mapping.tableAfter(t.name()))
                            .map(a -> String.valueOf(a.rows().size())).orElse("absent"))
                    .collect(Collectors.joining(", "));
            failWithMessage("%s", "Expecting " + actual.database().databaseName() + " at version "
                    + actual.currentVersion().orElse("<none>") + " to preserve the data of the snapshot taken at version "
                    + before.version().orElse("<none>") + (mapping == DataMapping.unchanged() ? "" : " (" + mapping + ")")
                    + ", but:\n  " + diff.report().replace("\n", "\n  ") + "\nrow counts: " + counts);
        }
        return this;
    }

    /**
     * Verify that no failure, and no pattern thought safe, left anything in the database.
     *
     * @return this assertion object
     */
    public RehearsalAssert hasNoLeftovers() {
        isNotNull();
        List<Leftover> leftovers = actual.leftovers();
        if (!leftovers.isEmpty()) {
            failWithMessage("%s", "Expecting no leftovers in " + actual.database().databaseName() + " but found:\n  "
                    + leftovers.stream().map(Leftover::toString).collect(Collectors.joining("\n  ")));
        }
        return this;
    }

    /**
     * Verify that a leftover of a kind exists on a constraint, index or object.
     *
     * @param kind the kind; must not be {@code null}
     * @param name the constraint, index or object name, e.g. {@code "fk_orders_customer"}; must not be {@code null}
     * @return this assertion object
     */
    public RehearsalAssert hasLeftover(LeftoverKind kind, String name) {
        isNotNull();
        List<Leftover> leftovers = actual.leftovers();
        boolean found = leftovers.stream().anyMatch(l -> l.kind() == kind && l.name().equalsIgnoreCase(name));
        if (!found) {
            failWithMessage("%s", "Expecting a leftover " + kind + " named " + name + " in "
                    + actual.database().databaseName() + " but found " + (leftovers.isEmpty() ? "none" : ":\n  "
                    + leftovers.stream().map(Leftover::toString).collect(Collectors.joining("\n  "))));
        }
        return this;
    }
}
