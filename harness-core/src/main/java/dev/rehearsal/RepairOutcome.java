package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a Flyway {@code repair} did to the history table of a rehearsal database.
 *
 * <p>Repair only edits the history table: it removes rows of failed migrations and realigns checksums. It
 * never undoes the statements of a partially applied script.
 *
 * @param removedFailedVersions the versions whose failed history rows were removed
 * @param versionAfter the version the database is at afterwards; empty for an empty history
 * @since 0.1
 */
public record RepairOutcome(List<String> removedFailedVersions, Optional<String> versionAfter) {

    /**
     * Create a repair outcome.
     *
     * @param removedFailedVersions the versions whose failed history rows were removed
     * @param versionAfter the version the database is at afterwards; empty for an empty history
     * @throws NullPointerException if any component is {@code null}
     */
    public RepairOutcome {
        removedFailedVersions = List.copyOf(removedFailedVersions);
        requireNonNull(versionAfter, "versionAfter");
    }
}
