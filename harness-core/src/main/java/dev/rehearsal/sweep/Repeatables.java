package dev.rehearsal.sweep;

/**
 * When a sweep applies the repeatable migrations ({@code R__} scripts). Flyway applies them after the versioned ones,
 * at every migrate; a view written for the latest schema then fails at an early version, which is no finding about
 * that version.
 *
 * @since 0.1
 */
public enum Repeatables {

    /** As Flyway does: after the versioned migrations of every step. */
    AT_EACH_STEP,

    /** Once, after the last version: each step applies only its versioned migration; a last verdict is theirs. */
    AT_THE_END;

    String describe() {
        return this == AT_EACH_STEP ? "repeatable migrations applied at each step, as Flyway does"
                : "repeatable migrations applied once, after the last version";
    }
}
