package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One cut of {@link CutPoints}: the migration's connection lost at a statement boundary, what that left, and whether the
 * recovery brought the database to where an uncut run from the same rows gets.
 *
 * @param statement the statement the connection was lost before, from 1; the script's statement count plus one for
 *     the cut after the last statement, before Flyway records the migration
 * @param statementText that statement's text; for the cut after the last statement, a description of it
 * @param cut the step that lost its connection there
 * @param left what the cut left in the database, e.g. {@code V5 statements 1-3 stayed applied, no history row}
 * @param recovery the recovery's step; empty when the recovery was refused before it ran (see {@code divergence})
 * @param converged whether, after the recovery, the history is at the version and the schema and every table's rows
 *     are those of the uncut run
 * @param divergence how it did not converge: the recovery's failure, or what differs from the uncut run
 * @since 0.1
 */
public record CutPoint(int statement, String statementText, StepOutcome cut, String left, Optional<StepOutcome> recovery,
        boolean converged, Optional<String> divergence) {

    /**
     * Create a cut point.
     *
     * @param statement the statement the connection was lost before, from 1
     * @param statementText that statement's text
     * @param cut the step that lost its connection there
     * @param left what the cut left in the database
     * @param recovery the recovery's step; empty when it was refused
     * @param converged whether the recovery converged with the uncut run
     * @param divergence how it did not converge
     * @throws NullPointerException if a component is {@code null}
     */
    public CutPoint {
        requireNonNull(statementText, "statementText");
        requireNonNull(cut, "cut");
        requireNonNull(left, "left");
        requireNonNull(recovery, "recovery");
        requireNonNull(divergence, "divergence");
    }
}
