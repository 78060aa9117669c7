package dev.rehearsal.assertions;

import dev.rehearsal.Leftover;
import dev.rehearsal.LeftoverKind;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.schema.SchemaDiff;
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
        boolean found = leftovers.stream().anyMatch(l -> l.kind() == kind
                && (l.name().equalsIgnoreCase(name) || l.name().toLowerCase(java.util.Locale.ROOT)
                        .endsWith(" " + name.toLowerCase(java.util.Locale.ROOT))));
        if (!found) {
            failWithMessage("%s", "Expecting a leftover " + kind + " named " + name + " in "
                    + actual.database().databaseName() + " but found " + (leftovers.isEmpty() ? "none" : ":\n  "
                    + leftovers.stream().map(Leftover::toString).collect(Collectors.joining("\n  "))));
        }
        return this;
    }
}
