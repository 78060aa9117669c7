package dev.rehearsal.sweep;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What makes a sweep fail a build. Armed from a {@link SweepBaseline}, it binds new work only: findings the baseline
 * records (of migrations already released, which must not be edited) do not fail it, new ones do.
 *
 * @since 0.1
 */
public enum SweepPolicy {

    /** Write the reports; fail nothing. */
    REPORT_ONLY,

    /** Fail on a migration that fails over realistic rows: a real bug, found without planting anything. */
    FAIL_ON_REALISTIC_DATA,

    /** Fail on a migration that fails over realistic rows or over any derived defect: every unsafe migration. */
    FAIL_ON_UNSAFE;

    /**
     * Return what fails the policy, one line each, e.g.
     * {@code "PostgreSQL V2__orders_customer_fk.sql fails on 3 orphans in orders.customer_id (of customers): ..."}.
     *
     * @param results the sweep's results, one per engine
     * @param baseline the findings already accepted, if any
     * @return the violations; empty when the build may pass
     * @throws dev.rehearsal.RehearsalConfigurationException if the baseline pins a migration whose checksum changed
     */
    public List<String> violations(List<SweepResult> results, Optional<SweepBaseline> baseline) {
        requireNonNull(results, "results");
        requireNonNull(baseline, "baseline");
        baseline.ifPresent(b -> b.requireUnchanged(results));
        List<String> violations = new ArrayList<>();
        if (this == REPORT_ONLY) {
            return violations;
        }
        for (SweepResult result : results) {
            for (SweepBaseline.Finding finding : SweepBaseline.findings(result)) {
                boolean counts = this == FAIL_ON_UNSAFE || finding.isRealistic();
                if (counts && baseline.map(b -> !b.contains(finding)).orElse(true)) {
                    violations.add(finding.describe());
                }
            }
        }
        return violations;
    }
}
