package dev.rehearsal.sweep;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * What a sweep found for one migration on one engine: the migration over realistic rows, and over each defect
 * derived from it.
 *
 * @param version the version, e.g. {@code "2"}
 * @param script the script, e.g. {@code "V2__orders_customer_fk.sql"}
 * @param checksum its Flyway checksum, what a baseline pins
 * @param realistic the migration over realistic rows at the version before
 * @param defects the migration over realistic rows plus each derived defect, one case each
 * @param notDerivable what the migration requires that no defect can break, with why
 * @since 0.1
 */
public record MigrationVerdict(String version, String script, OptionalInt checksum, CaseResult realistic,
        List<CaseResult> defects, List<String> notDerivable) {

    /**
     * Create a verdict.
     *
     * @param version the version
     * @param script the script
     * @param checksum its Flyway checksum
     * @param realistic the realistic case
     * @param defects the derived-defect cases
     * @param notDerivable what could not be derived, with why
     * @throws NullPointerException if a component is {@code null}
     */
    public MigrationVerdict {
        requireNonNull(version, "version");
        requireNonNull(script, "script");
        requireNonNull(checksum, "checksum");
        requireNonNull(realistic, "realistic");
        defects = List.copyOf(defects);
        notDerivable = List.copyOf(notDerivable);
    }

    /**
     * Return whether the migration failed over realistic rows: a real bug, found without planting anything.
     *
     * @return {@code true} if the realistic case failed
     */
    public boolean failsOnRealisticData() {
        return realistic.outcome() == CaseResult.Outcome.FAILED;
    }

    /**
     * Return the derived defects the migration fails on: each needs a data fix before the migration runs.
     *
     * @return the failing defect cases, in order
     */
    public List<CaseResult> unsafeAgainst() {
        return defects.stream().filter(c -> c.outcome() == CaseResult.Outcome.FAILED).toList();
    }

    /**
     * Return whether the migration is safe against everything tried: realistic rows and every derived defect.
     *
     * @return {@code true} if no case failed
     */
    public boolean isSafe() {
        return !failsOnRealisticData() && unsafeAgainst().isEmpty();
    }
}
